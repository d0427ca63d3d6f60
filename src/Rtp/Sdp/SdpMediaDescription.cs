namespace Gateway.Rtp.Sdp;

/// <summary>
/// One media section (RFC 8866 §5.14): <c>m=&lt;media&gt; &lt;port&gt; &lt;proto&gt; &lt;fmt&gt; ...</c> and the c= and a= lines
/// that follow it. Attributes the parser models have properties; the rest are in <see cref="OtherAttributes"/>.
/// </summary>
public sealed class SdpMediaDescription
{
    /// <summary>The media type: audio, video, application...</summary>
    public required string Media { get; init; }

    /// <summary>The transport port (0 rejects or disables the section, RFC 3264 §6).</summary>
    public required int Port { get; init; }

    /// <summary>The protocol: RTP/SAVP, RTP/SAVPF, TCP/RTP/SAVP (RFC 4571 framing)...</summary>
    public required string Protocol { get; init; }

    /// <summary>The media formats (RTP payload types for RTP protocols).</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    /// <summary>The section's c= line, or null (then the session's applies).</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>a=mid (RFC 9143), or null.</summary>
    public string? Mid { get; init; }

    /// <summary>a=rtcp-mux (RFC 5761): RTP and RTCP share the port.</summary>
    public bool RtcpMux { get; init; }

    /// <summary>The direction stated in the section, or null (then the session's, else sendrecv).</summary>
    public SdpDirection? Direction { get; init; }

    /// <summary>a=rtpmap lines.</summary>
    public IReadOnlyList<SdpRtpmap> RtpMaps { get; init; } = [];

    /// <summary>a=extmap lines.</summary>
    public IReadOnlyList<SdpExtmap> Extmaps { get; init; } = [];

    /// <summary>a=crypto lines, in order of the offerer's preference.</summary>
    public IReadOnlyList<SdpCrypto> Crypto { get; init; } = [];

    /// <summary>a=ssrc lines.</summary>
    public IReadOnlyList<SdpSsrc> Ssrcs { get; init; } = [];

    /// <summary>a=ssrc-group lines.</summary>
    public IReadOnlyList<SdpSsrcGroup> SsrcGroups { get; init; } = [];

    /// <summary>a=ice-ufrag in the section, or null.</summary>
    public string? IceUfrag { get; init; }

    /// <summary>a=ice-pwd in the section, or null.</summary>
    public string? IcePassword { get; init; }

    /// <summary>a=setup (RFC 4145: active, passive, actpass, holdconn), or null.</summary>
    public string? Setup { get; init; }

    /// <summary>Attribute lines without a model here.</summary>
    public IReadOnlyList<SdpAttributeLine> OtherAttributes { get; init; } = [];

    /// <summary>The line of the m= line (1-based), 0 when it was not parsed.</summary>
    public int LineNumber { get; init; }

    /// <summary>Whether the protocol runs over TCP (RFC 4571 framing: TCP/RTP/SAVP, TCP/RTP/SAVPF).</summary>
    public bool IsTcp => Protocol.StartsWith("TCP/", StringComparison.Ordinal);

    /// <summary>The section's own direction, else <paramref name="session"/>'s, else sendrecv.</summary>
    public SdpDirection EffectiveDirection(SdpSessionDescription session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Direction ?? session.Direction ?? SdpDirection.SendRecv;
    }

    /// <summary>The section's connection, else the session's, or null.</summary>
    public SdpConnection? EffectiveConnection(SdpSessionDescription session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Connection ?? session.Connection;
    }

    /// <inheritdoc/>
    public override string ToString() => $"m={Media} {Port} {Protocol} {string.Join(' ', Formats)}";
}
