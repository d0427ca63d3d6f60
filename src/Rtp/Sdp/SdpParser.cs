using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;

namespace Gateway.Rtp.Sdp;

/// <summary>
/// Reads a session description (RFC 8866 §5: lines of <c>&lt;type&gt;=&lt;value&gt;</c>, ended by CRLF or LF) into a
/// <see cref="SdpSessionDescription"/>. Bad input is a value, never an exception: the error names the line
/// and what is wrong, and never quotes key material. Bounded by <see cref="SdpLimits"/>.
/// </summary>
public static partial class SdpParser
{
    private const int ShownLength = 40;

    /// <summary>Parses UTF-8 bytes (as an HTTP body arrives).</summary>
    public static SdpParseResult Parse(ReadOnlySpan<byte> utf8, SdpLimits? limits = null)
    {
        limits ??= SdpLimits.Default;
        if (utf8.Length > limits.MaxBytes)
        {
            return SdpParseResult.Failure(0, $"the description is {utf8.Length} bytes; the limit is {limits.MaxBytes}.");
        }

        if (!Utf8.IsValid(utf8))
        {
            return SdpParseResult.Failure(0, "the description is not valid UTF-8.");
        }

        return ParseText(Encoding.UTF8.GetString(utf8), limits);
    }

    /// <summary>Parses text.</summary>
    public static SdpParseResult Parse(string text, SdpLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= SdpLimits.Default;
        // Chars never outnumber UTF-8 bytes, so the cheap test first.
        if (text.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
        {
            return SdpParseResult.Failure(0, $"the description is longer than {limits.MaxBytes} bytes.");
        }

        return ParseText(text, limits);
    }

    private static SdpParseResult ParseText(string text, SdpLimits limits)
    {
        var session = new SdpSectionBuilder(isSession: true);
        var media = new List<SdpSectionBuilder>();
        var state = new State();
        SdpParseResult? failure = Read(text, limits, session, media, ref state);
        if (failure is null)
        {
            failure = Finish(state);
            if (failure is null)
            {
                return SdpParseResult.Success(new SdpSessionDescription
                {
                    Origin = state.Origin!,
                    SessionName = state.SessionName!,
                    Connection = session.Connection,
                    StartTime = state.StartTime,
                    StopTime = state.StopTime,
                    IceLite = session.IceLite,
                    IceUfrag = session.IceUfrag,
                    IcePassword = session.IcePassword,
                    Setup = session.Setup,
                    Direction = session.Direction,
                    E2ee = session.E2ee,
                    OtherAttributes = [.. session.Other],
                    Media = media.ConvertAll(m => m.ToMedia()),
                });
            }
        }

        foreach (SdpSectionBuilder section in media)
        {
            section.ClearKeys();
        }

        return failure.Value;
    }

    private static SdpParseResult? Read(string text, SdpLimits limits, SdpSectionBuilder session, List<SdpSectionBuilder> media, ref State state)
    {
        int position = 0;
        int lineNumber = 0;
        SdpSectionBuilder section = session;
        while (position < text.Length)
        {
            int end = text.IndexOf('\n', position);
            ReadOnlySpan<char> line = end < 0 ? text.AsSpan(position) : text.AsSpan(position, end - position);
            position = end < 0 ? text.Length : end + 1;
            lineNumber++;
            if (lineNumber > limits.MaxLines)
            {
                return SdpParseResult.Failure(lineNumber, $"more than {limits.MaxLines} lines.");
            }

            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                if (position >= text.Length)
                {
                    break; // one blank line at the very end (a doubled line ending) is harmless
                }

                return SdpParseResult.Failure(lineNumber, "empty line: SDP has no blank lines between <type>=<value> lines.");
            }

            foreach (char c in line)
            {
                if ((c < ' ' && c != '\t') || c == '\u007f')
                {
                    return SdpParseResult.Failure(lineNumber, $"control character 0x{(int)c:x2}; lines are text ended by CRLF or LF.");
                }
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                return SdpParseResult.Failure(lineNumber, "expected <type>=<value> with a lower-case letter as the type (RFC 8866 §5).");
            }

            char type = line[0];
            ReadOnlySpan<char> value = line[2..];
            if (lineNumber == 1 && type != 'v')
            {
                return SdpParseResult.Failure(lineNumber, "the first line must be v=0.");
            }

            if (lineNumber == 2 && type != 'o')
            {
                return SdpParseResult.Failure(lineNumber, "the second line must be o= (RFC 8866 §5: v=, o=, s= come first, in this order).");
            }

            if (lineNumber == 3 && type != 's')
            {
                return SdpParseResult.Failure(lineNumber, "the third line must be s= (RFC 8866 §5: v=, o=, s= come first, in this order).");
            }

            string? error = type switch
            {
                'v' => lineNumber == 1 ? (value is "0" ? null : "v= must be 0.") : "v= appears twice; only the first line is v=0.",
                'o' => ReadOrigin(value, lineNumber, ref state),
                's' => ReadSessionName(value, lineNumber, ref state),
                't' => ReadTiming(value, section, ref state),
                'c' => ReadConnection(value, section),
                'm' => ReadMedia(value, lineNumber, limits, media, ref section),
                'a' => ReadAttribute(value, lineNumber, limits, section),
                'i' or 'b' or 'k' => null,
                'u' or 'e' or 'p' or 'r' or 'z' => section.IsSession ? null : $"{type}= is a session-level line; it must come before the first m= line.",
                _ => $"unknown line type '{type}='.",
            };
            if (error is not null)
            {
                return SdpParseResult.Failure(lineNumber, error);
            }
        }

        return lineNumber == 0 ? SdpParseResult.Failure(0, "the description is empty; an offer starts with v=0.") : null;
    }

    private static SdpParseResult? Finish(State state)
    {
        if (state.Origin is null || state.SessionName is null)
        {
            return SdpParseResult.Failure(0, "the description ends before its o= and s= lines.");
        }

        if (!state.HasTiming)
        {
            return SdpParseResult.Failure(0, "there is no t= line; add t=0 0 before the first m= line.");
        }

        return null;
    }

    private static string? ReadOrigin(ReadOnlySpan<char> value, int lineNumber, ref State state)
    {
        if (lineNumber != 2)
        {
            return "o= must be the second line, and only once.";
        }

        Span<Range> fields = stackalloc Range[7];
        if (value.Split(fields, ' ') != 6)
        {
            return "o= needs six fields: <username> <sess-id> <sess-version> IN <IP4|IP6> <address>.";
        }

        if (!ulong.TryParse(value[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id)
            || !ulong.TryParse(value[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong version))
        {
            return "o= session id and version must be decimal numbers.";
        }

        ReadOnlySpan<char> username = value[fields[0]];
        ReadOnlySpan<char> addressType = value[fields[4]];
        ReadOnlySpan<char> address = value[fields[5]];
        if (username.IsEmpty || address.IsEmpty || value[fields[3]] is not "IN" || addressType is not ("IP4" or "IP6"))
        {
            return "o= needs six fields: <username> <sess-id> <sess-version> IN <IP4|IP6> <address>.";
        }

        state.Origin = new SdpOrigin(username.ToString(), id, version, addressType.ToString(), address.ToString());
        return null;
    }

    private static string? ReadSessionName(ReadOnlySpan<char> value, int lineNumber, ref State state)
    {
        if (lineNumber != 3)
        {
            return "s= must be the third line, and only once.";
        }

        if (value.IsEmpty)
        {
            return "s= is empty; use s=- when the session has no name.";
        }

        state.SessionName = value.ToString();
        return null;
    }

    private static string? ReadTiming(ReadOnlySpan<char> value, SdpSectionBuilder section, ref State state)
    {
        if (!section.IsSession)
        {
            return "t= is a session-level line; it must come before the first m= line.";
        }

        Span<Range> fields = stackalloc Range[3];
        if (value.Split(fields, ' ') != 2
            || !ulong.TryParse(value[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)
            || !ulong.TryParse(value[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong stop))
        {
            return "t= needs two decimal times: <start> <stop> (t=0 0 for an unbounded session).";
        }

        if (!state.HasTiming)
        {
            state.HasTiming = true;
            state.StartTime = start;
            state.StopTime = stop;
        }

        return null;
    }

    private static string? ReadConnection(ReadOnlySpan<char> value, SdpSectionBuilder section)
    {
        if (section.Connection is not null)
        {
            return "a second c= line in the same section; give one unicast address.";
        }

        Span<Range> fields = stackalloc Range[4];
        if (value.Split(fields, ' ') != 3 || value[fields[0]] is not "IN")
        {
            return "c= needs IN <IP4|IP6> <address>.";
        }

        ReadOnlySpan<char> addressType = value[fields[1]];
        ReadOnlySpan<char> address = value[fields[2]];
        if (address.Contains('/'))
        {
            return "c= has a multicast TTL or address count; only a unicast address is supported.";
        }

        AddressFamily family = addressType switch
        {
            "IP4" => AddressFamily.InterNetwork,
            "IP6" => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unknown,
        };
        // IPAddress.TryParse also takes "1" or "1.2" as IPv4; a dotted quad is what SDP means by IP4.
        if (family == AddressFamily.Unknown
            || (family == AddressFamily.InterNetwork && address.Count('.') != 3)
            || !IPAddress.TryParse(address, out IPAddress? ip)
            || ip.AddressFamily != family
            || address.Contains('%'))
        {
            return $"c= address '{Show(address)}' is not an {Show(addressType)} address; host names are not supported.";
        }

        section.Connection = new SdpConnection(ip);
        return null;
    }

    private static string? ReadMedia(ReadOnlySpan<char> value, int lineNumber, SdpLimits limits, List<SdpSectionBuilder> media, ref SdpSectionBuilder section)
    {
        if (media.Count >= limits.MaxMediaSections)
        {
            return $"more than {limits.MaxMediaSections} m= lines.";
        }

        Span<Range> fields = stackalloc Range[4];
        int count = value.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 4)
        {
            return "m= needs <media> <port> <proto> <fmt> ... (for example m=audio 40000 RTP/SAVPF 111).";
        }

        ReadOnlySpan<char> port = value[fields[1]];
        int slash = port.IndexOf('/');
        if (slash >= 0)
        {
            port = port[..slash]; // <port>/<number of ports>: only the first port matters with rtcp-mux
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int portNumber) || portNumber > 65535)
        {
            return $"m= port '{Show(value[fields[1]])}' is not a port number (0 to 65535).";
        }

        ReadOnlySpan<char> mediaType = value[fields[0]];
        ReadOnlySpan<char> protocol = value[fields[2]];
        if (!IsToken(mediaType) || !IsProtocol(protocol))
        {
            return "m= media and proto must be tokens (for example audio and RTP/SAVPF).";
        }

        var builder = new SdpSectionBuilder(isSession: false)
        {
            Media = mediaType.ToString(),
            Port = portNumber,
            Protocol = protocol.ToString(),
            LineNumber = lineNumber,
        };
        foreach (Range format in value[fields[3]].Split(' '))
        {
            ReadOnlySpan<char> token = value[fields[3]][format];
            if (token.IsEmpty)
            {
                continue;
            }

            if (!IsToken(token))
            {
                return $"m= format '{Show(token)}' is not a token.";
            }

            if (builder.Formats.Count >= 128)
            {
                return "m= lists more than 128 formats.";
            }

            builder.Formats.Add(token.ToString());
        }

        media.Add(builder);
        section = builder;
        return null;
    }

    /// <summary>A value for an error message: never long, never key material (callers do not pass a=crypto values).</summary>
    private static string Show(ReadOnlySpan<char> value) =>
        value.Length <= ShownLength ? value.ToString() : string.Concat(value[..ShownLength], "...");

    // RFC 8866 §9 token-char: visible ASCII except a few separators.
    private static bool IsToken(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c <= ' ' || c >= '\u007f' || c is '"' or '(' or ')' or ',' or '/' or ':' or ';' or '<' or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}')
            {
                return false;
            }
        }

        return true;
    }

    // proto = token *("/" token)
    private static bool IsProtocol(ReadOnlySpan<char> value)
    {
        foreach (Range part in value.Split('/'))
        {
            if (!IsToken(value[part]))
            {
                return false;
            }
        }

        return true;
    }

    private struct State
    {
        public SdpOrigin? Origin;
        public string? SessionName;
        public bool HasTiming;
        public ulong StartTime;
        public ulong StopTime;
    }
}
