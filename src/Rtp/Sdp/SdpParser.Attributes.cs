using System.Globalization;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Sdp;

/// <summary>The a= lines the model knows.</summary>
public static partial class SdpParser
{
    private const string InlinePrefix = "inline:";

    // Base64 of the longest key and salt (AEAD_AES_256_GCM: 32 + 12 bytes) is 60 characters.
    private const int MaxKeyChars = 64;

    private static string? ReadAttribute(ReadOnlySpan<char> text, int lineNumber, SdpLimits limits, SdpSectionBuilder section)
    {
        if (++section.AttributeCount > limits.MaxAttributesPerSection)
        {
            return $"more than {limits.MaxAttributesPerSection} a= lines in one section.";
        }

        int colon = text.IndexOf(':');
        ReadOnlySpan<char> name = colon < 0 ? text : text[..colon];
        ReadOnlySpan<char> value = colon < 0 ? default : text[(colon + 1)..];
        bool hasValue = colon >= 0;
        if (!IsToken(name))
        {
            return "expected a=<attribute>[:<value>].";
        }

        switch (name)
        {
            case "crypto":
                return MediaOnly(section, "a=crypto") ?? ReadCrypto(value, lineNumber, section);
            case "ssrc":
            case "ssrc-group":
                if (++section.SsrcLineCount > limits.MaxSsrcLinesPerSection)
                {
                    return $"more than {limits.MaxSsrcLinesPerSection} a=ssrc and a=ssrc-group lines in one m= section.";
                }

                return MediaOnly(section, "a=" + name.ToString()) ?? (name is "ssrc" ? ReadSsrc(value, section) : ReadSsrcGroup(value, section));
            case "mid":
                if (MediaOnly(section, "a=mid") is { } midError)
                {
                    return midError;
                }

                if (section.Mid is not null || !IsToken(value))
                {
                    return "a=mid needs one token per m= section (for example a=mid:0).";
                }

                section.Mid = value.ToString();
                return null;
            case "rtcp-mux" when !section.IsSession:
                section.RtcpMux = true;
                return null;
            case "extmap" when !section.IsSession:
                return ReadExtmap(value, section);
            case "rtpmap":
                return MediaOnly(section, "a=rtpmap") ?? ReadRtpmap(value, section);
            case "ice-ufrag":
                return ReadIceCredential(value, "a=ice-ufrag", 4, section.IceUfrag, out string? ufrag) ?? Set(() => section.IceUfrag = ufrag);
            case "ice-pwd":
                return ReadIceCredential(value, "a=ice-pwd", 22, section.IcePassword, out string? password) ?? Set(() => section.IcePassword = password);
            case "ice-lite":
                if (!section.IsSession)
                {
                    return "a=ice-lite is a session-level attribute; move it before the first m= line.";
                }

                section.IceLite = true;
                return null;
            case "setup":
                if (section.Setup is not null || value is not ("active" or "passive" or "actpass" or "holdconn"))
                {
                    return "a=setup needs one of active, passive, actpass, holdconn (RFC 4145), once per section.";
                }

                section.Setup = value.ToString();
                return null;
            case "sendrecv":
            case "sendonly":
            case "recvonly":
            case "inactive":
                if (section.Direction is not null || hasValue)
                {
                    return "a second direction attribute in one section; give one of sendrecv, sendonly, recvonly, inactive.";
                }

                section.Direction = name switch
                {
                    "sendonly" => SdpDirection.SendOnly,
                    "recvonly" => SdpDirection.RecvOnly,
                    "inactive" => SdpDirection.Inactive,
                    _ => SdpDirection.SendRecv,
                };
                return null;
            case "e2ee":
                if (!section.IsSession)
                {
                    return "a=e2ee is a session-level attribute; move it before the first m= line.";
                }

                if (section.E2ee is not null || !IsToken(value))
                {
                    return "a=e2ee needs one scheme, once (a=e2ee:sframe).";
                }

                section.E2ee = value.ToString();
                return null;
            default:
                section.Other.Add(new SdpAttributeLine(name.ToString(), hasValue ? value.ToString() : null));
                return null;
        }
    }

    private static string? Set(Action assign)
    {
        assign();
        return null;
    }

    private static string? MediaOnly(SdpSectionBuilder section, string attribute) =>
        section.IsSession ? $"{attribute} belongs in a media section; move it after its m= line." : null;

    // RFC 4568 §9.1: a=crypto:<tag> 1*WSP <crypto-suite> 1*WSP <key-params> *(1*WSP <session-param>)
    //   key-params = "inline:" <key||salt base64> ["|" lifetime] ["|" MKI ":" MKI-length]
    // No part of the value is ever quoted in an error: it holds the key.
    private static string? ReadCrypto(ReadOnlySpan<char> value, int lineNumber, SdpSectionBuilder section)
    {
        Span<Range> fields = stackalloc Range[4];
        int count = value.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 3)
        {
            return "a=crypto needs <tag> <crypto-suite> inline:<key||salt> (RFC 4568).";
        }

        ReadOnlySpan<char> tagText = value[fields[0]];
        if (tagText.Length > 9 || !int.TryParse(tagText, NumberStyles.None, CultureInfo.InvariantCulture, out int tag))
        {
            return "a=crypto tag must be 1 to 9 digits.";
        }

        foreach (SdpCrypto existing in section.Crypto)
        {
            if (existing.Tag == tag)
            {
                return $"a=crypto tag {tag} appears twice in one m= section; tags must be unique.";
            }
        }

        ReadOnlySpan<char> suite = value[fields[1]];
        if (!SrtpProfiles.TryParseSdesName(suite, out SrtpProfile profile))
        {
            if (!IsToken(suite) || suite.Length > 64)
            {
                return "a=crypto suite must be a token such as AEAD_AES_128_GCM.";
            }

            // Not ours: kept by name so the caller can say what it supports; its key parameters stay unread.
            section.Crypto.Add(new SdpCrypto(tag, suite.ToString()) { LineNumber = lineNumber });
            return null;
        }

        if (count > 3)
        {
            return "a=crypto session parameters (UNENCRYPTED_SRTP, KDR=, WSH= ...) are not supported; offer the key alone.";
        }

        ReadOnlySpan<char> keyParams = value[fields[2]];
        if (!keyParams.StartsWith(InlinePrefix, StringComparison.Ordinal))
        {
            return "a=crypto key method must be inline: (RFC 4568 §6.1).";
        }

        if (keyParams.Contains(';'))
        {
            return "a=crypto with several keys (';') is not supported; offer one key.";
        }

        ReadOnlySpan<char> inline = keyParams[InlinePrefix.Length..];
        Span<Range> parts = stackalloc Range[4];
        int partCount = inline.Split(parts, '|');
        if (partCount > 3)
        {
            return "a=crypto key parameters have too many '|' parts; use inline:<key||salt>[|<lifetime>].";
        }

        string? lifetime = null;
        for (int i = 1; i < partCount; i++)
        {
            ReadOnlySpan<char> part = inline[parts[i]];
            if (part.Contains(':'))
            {
                return "a=crypto MKI is not supported; offer the key without |<MKI>:<length>.";
            }

            if (lifetime is not null || !IsLifetime(part))
            {
                return "a=crypto lifetime must be 2^<n> (n up to 48) or a decimal number, once.";
            }

            lifetime = part.ToString();
        }

        int expected = profile.MasterKeyLength() + profile.MasterSaltLength();
        byte[]? key = DecodeKey(inline[parts[0]], expected, out string? keyError);
        if (key is null)
        {
            return $"a=crypto {profile.SdesName()} key: {keyError}";
        }

        section.Crypto.Add(new SdpCrypto(tag, profile, key, lifetime) { LineNumber = lineNumber });
        return null;
    }

    // The inline key is base64 with or without padding (RFC 4568 §6.1 allows either in practice).
    private static byte[]? DecodeKey(ReadOnlySpan<char> base64, int expected, out string? error)
    {
        int padded = (base64.Length + 3) / 4 * 4;
        if (base64.IsEmpty || padded > MaxKeyChars || base64.Length % 4 == 1)
        {
            error = $"expected base64 of {expected} bytes (key then salt).";
            return null;
        }

        Span<char> chars = stackalloc char[MaxKeyChars];
        Span<byte> bytes = stackalloc byte[MaxKeyChars];
        try
        {
            base64.CopyTo(chars);
            chars[base64.Length..padded].Fill('=');
            if (!Convert.TryFromBase64Chars(chars[..padded], bytes, out int written))
            {
                error = $"not valid base64; expected base64 of {expected} bytes (key then salt).";
                return null;
            }

            if (written != expected)
            {
                error = $"{written} bytes of key and salt; the suite needs {expected}.";
                return null;
            }

            error = null;
            return bytes[..written].ToArray();
        }
        finally
        {
            chars.Clear();
            bytes.Clear();
        }
    }

    private static bool IsLifetime(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("2^", StringComparison.Ordinal))
        {
            return int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out int power) && power is >= 1 and <= 48 && text.Length <= 4;
        }

        return text.Length is >= 1 and <= 15 && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong packets) && packets > 0;
    }

    // RFC 5576 §4.1: a=ssrc:<ssrc-id> <attribute>[:<value>]
    private static string? ReadSsrc(ReadOnlySpan<char> value, SdpSectionBuilder section)
    {
        int space = value.IndexOf(' ');
        if (space <= 0 || !TryParseSsrc(value[..space], out uint id))
        {
            return "a=ssrc needs <ssrc-id> <attribute>[:<value>] with a 32-bit decimal id (for example a=ssrc:1111 cname:alice).";
        }

        ReadOnlySpan<char> attribute = value[(space + 1)..];
        int colon = attribute.IndexOf(':');
        ReadOnlySpan<char> attributeName = colon < 0 ? attribute : attribute[..colon];
        if (!IsToken(attributeName))
        {
            return "a=ssrc needs <ssrc-id> <attribute>[:<value>] (for example a=ssrc:1111 cname:alice).";
        }

        section.Ssrcs.Add(new SdpSsrc(id, attributeName.ToString(), colon < 0 ? null : attribute[(colon + 1)..].ToString()));
        return null;
    }

    // RFC 5576 §4.2: a=ssrc-group:<semantics> <ssrc-id> ...
    private static string? ReadSsrcGroup(ReadOnlySpan<char> value, SdpSectionBuilder section)
    {
        int space = value.IndexOf(' ');
        if (space <= 0 || !IsToken(value[..space]))
        {
            return "a=ssrc-group needs <semantics> <ssrc-id> ... (for example a=ssrc-group:FID 1111 2222).";
        }

        var ids = new List<uint>(2);
        ReadOnlySpan<char> list = value[(space + 1)..];
        foreach (Range range in list.Split(' '))
        {
            if (!TryParseSsrc(list[range], out uint id) || ids.Count >= 16)
            {
                return "a=ssrc-group needs 1 to 16 decimal 32-bit ssrc ids after its semantics.";
            }

            ids.Add(id);
        }

        section.SsrcGroups.Add(new SdpSsrcGroup(value[..space].ToString(), ids));
        return null;
    }

    // RFC 8285 §8: a=extmap:<id>[/<direction>] <uri> [<extensionattributes>]
    private static string? ReadExtmap(ReadOnlySpan<char> value, SdpSectionBuilder section)
    {
        Span<Range> fields = stackalloc Range[3];
        int count = value.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 2)
        {
            return "a=extmap needs <id> <uri> (for example a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level).";
        }

        ReadOnlySpan<char> idText = value[fields[0]];
        SdpDirection? direction = null;
        int slash = idText.IndexOf('/');
        if (slash >= 0)
        {
            direction = idText[(slash + 1)..] switch
            {
                "sendrecv" => SdpDirection.SendRecv,
                "sendonly" => SdpDirection.SendOnly,
                "recvonly" => SdpDirection.RecvOnly,
                "inactive" => SdpDirection.Inactive,
                _ => null,
            };
            if (direction is null)
            {
                return "a=extmap direction must be sendrecv, sendonly, recvonly or inactive.";
            }

            idText = idText[..slash];
        }

        // 1-14 one-byte, up to 255 two-byte (RFC 8285 §5); 15 is reserved.
        if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id is < 1 or > 255 || id == 15)
        {
            return "a=extmap id must be 1 to 14 (one-byte) or 16 to 255 (two-byte headers).";
        }

        foreach (SdpExtmap existing in section.Extmaps)
        {
            if (existing.Id == id)
            {
                return $"a=extmap id {id} is mapped twice in one m= section.";
            }
        }

        ReadOnlySpan<char> uri = value[fields[1]];
        if (uri.Length > 256)
        {
            return "a=extmap uri is longer than 256 characters.";
        }

        section.Extmaps.Add(new SdpExtmap(id, uri.ToString(), direction, count > 2 ? value[fields[2]].ToString() : null));
        return null;
    }

    // RFC 8866 §6.6: a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
    private static string? ReadRtpmap(ReadOnlySpan<char> value, SdpSectionBuilder section)
    {
        const string Usage = "a=rtpmap needs <payload type> <encoding>/<clock rate>[/<parameters>] (for example a=rtpmap:111 opus/48000/2).";
        int space = value.IndexOf(' ');
        if (space <= 0 || !int.TryParse(value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out int payloadType) || payloadType > 127)
        {
            return Usage;
        }

        ReadOnlySpan<char> encoding = value[(space + 1)..];
        Span<Range> parts = stackalloc Range[4];
        int count = encoding.Split(parts, '/');
        if (count is < 2 or > 3
            || !IsToken(encoding[parts[0]])
            || !int.TryParse(encoding[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out int clockRate)
            || clockRate == 0
            || (count == 3 && !IsToken(encoding[parts[2]])))
        {
            return Usage;
        }

        section.RtpMaps.Add(new SdpRtpmap(payloadType, encoding[parts[0]].ToString(), clockRate, count == 3 ? encoding[parts[2]].ToString() : null));
        return null;
    }

    // RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/"; ufrag 4-256, pwd 22-256 characters.
    private static string? ReadIceCredential(ReadOnlySpan<char> value, string attribute, int minimum, string? existing, out string? credential)
    {
        credential = null;
        if (existing is not null)
        {
            return $"{attribute} appears twice in one section.";
        }

        if (value.Length < minimum || value.Length > 256)
        {
            return $"{attribute} must be {minimum} to 256 characters of letters, digits, '+' and '/'.";
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '/')
            {
                return $"{attribute} must be {minimum} to 256 characters of letters, digits, '+' and '/'.";
            }
        }

        credential = value.ToString();
        return null;
    }

    private static bool TryParseSsrc(ReadOnlySpan<char> text, out uint ssrc) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ssrc);
}
