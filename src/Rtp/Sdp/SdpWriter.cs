using System.Globalization;
using System.Text;

namespace Gateway.Rtp.Sdp;

/// <summary>
/// Writes a <see cref="SdpSessionDescription"/> as SDP text with CRLF line endings (RFC 8866 §5), in the
/// order the grammar requires; what it writes, <see cref="SdpParser"/> reads back to the same model.
/// </summary>
public static class SdpWriter
{
    /// <summary>The description as text. Contains the a=crypto keys in base64: never log it.</summary>
    public static string Write(SdpSessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = new StringBuilder(1024);
        SdpOrigin origin = description.Origin;
        Line(text, "v=0");
        Line(text, $"o={origin.Username} {origin.SessionId} {origin.SessionVersion} IN {origin.AddressType} {origin.Address}");
        Line(text, $"s={description.SessionName}");
        Connection(text, description.Connection);
        Line(text, $"t={description.StartTime} {description.StopTime}");
        if (description.IceLite)
        {
            Line(text, "a=ice-lite");
        }

        Ice(text, description.IceUfrag, description.IcePassword);
        Optional(text, "setup", description.Setup);
        Optional(text, "e2ee", description.E2ee);
        Direction(text, description.Direction);
        Others(text, description.OtherAttributes);

        foreach (SdpMediaDescription media in description.Media)
        {
            Line(text, $"m={media.Media} {media.Port} {media.Protocol} {string.Join(' ', media.Formats)}");
            Connection(text, media.Connection);
            Optional(text, "mid", media.Mid);
            foreach (SdpRtpmap map in media.RtpMaps)
            {
                Line(text, map.Parameters is null
                    ? $"a=rtpmap:{map.PayloadType} {map.EncodingName}/{map.ClockRate}"
                    : $"a=rtpmap:{map.PayloadType} {map.EncodingName}/{map.ClockRate}/{map.Parameters}");
            }

            foreach (SdpExtmap extmap in media.Extmaps)
            {
                text.Append("a=extmap:").Append(extmap.Id.ToString(CultureInfo.InvariantCulture));
                if (extmap.Direction is { } direction)
                {
                    text.Append('/').Append(DirectionName(direction));
                }

                text.Append(' ').Append(extmap.Uri);
                if (extmap.Attributes is not null)
                {
                    text.Append(' ').Append(extmap.Attributes);
                }

                text.Append("\r\n");
            }

            if (media.RtcpMux)
            {
                Line(text, "a=rtcp-mux");
            }

            foreach (SdpCrypto crypto in media.Crypto)
            {
                Crypto(text, crypto);
            }

            Ice(text, media.IceUfrag, media.IcePassword);
            Optional(text, "setup", media.Setup);
            foreach (SdpSsrcGroup group in media.SsrcGroups)
            {
                Line(text, $"a=ssrc-group:{group.Semantics} {string.Join(' ', group.Ssrcs)}");
            }

            foreach (SdpSsrc ssrc in media.Ssrcs)
            {
                Line(text, ssrc.Value is null ? $"a=ssrc:{ssrc.Id} {ssrc.Attribute}" : $"a=ssrc:{ssrc.Id} {ssrc.Attribute}:{ssrc.Value}");
            }

            Direction(text, media.Direction);
            Others(text, media.OtherAttributes);
        }

        return text.ToString();
    }

    /// <summary>The attribute name of a direction (sendrecv, sendonly, recvonly, inactive).</summary>
    public static string DirectionName(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    private static void Crypto(StringBuilder text, SdpCrypto crypto)
    {
        if (!crypto.IsSupported)
        {
            return; // an unread suite has no key to write
        }

        // Base64 through a stack buffer that is wiped, so the only copy left is the text itself.
        Span<char> key = stackalloc char[128];
        try
        {
            if (!Convert.TryToBase64Chars(crypto.KeyAndSalt, key, out int written))
            {
                throw new ArgumentException("a crypto key is longer than any SRTP suite's.", nameof(crypto));
            }

            text.Append("a=crypto:").Append(crypto.Tag.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(crypto.Suite)
                .Append(" inline:").Append(key[..written]);
            if (crypto.Lifetime is not null)
            {
                text.Append('|').Append(crypto.Lifetime);
            }

            text.Append("\r\n");
        }
        finally
        {
            key.Clear();
        }
    }

    private static void Connection(StringBuilder text, SdpConnection? connection)
    {
        if (connection is not null)
        {
            Line(text, $"c=IN {connection.AddressType} {connection.Address}");
        }
    }

    private static void Ice(StringBuilder text, string? ufrag, string? password)
    {
        Optional(text, "ice-ufrag", ufrag);
        Optional(text, "ice-pwd", password);
    }

    private static void Optional(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append("a=").Append(name).Append(':').Append(value).Append("\r\n");
        }
    }

    private static void Direction(StringBuilder text, SdpDirection? direction)
    {
        if (direction is { } value)
        {
            text.Append("a=").Append(DirectionName(value)).Append("\r\n");
        }
    }

    private static void Others(StringBuilder text, IReadOnlyList<SdpAttributeLine> attributes)
    {
        foreach (SdpAttributeLine attribute in attributes)
        {
            text.Append("a=").Append(attribute.Name);
            if (attribute.Value is not null)
            {
                text.Append(':').Append(attribute.Value);
            }

            text.Append("\r\n");
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append("\r\n");
}
