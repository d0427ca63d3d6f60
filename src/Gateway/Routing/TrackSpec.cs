namespace Gateway.Routing;

/// <summary>A track a participant publishes, from its SDP offer (a=ssrc, a=ssrc-group:FID, a=mid).</summary>
public sealed record TrackSpec
{
    /// <summary>Audio or video.</summary>
    public required MediaKind Kind { get; init; }

    /// <summary>The media SSRC.</summary>
    public required uint Ssrc { get; init; }

    /// <summary>The RTX (RFC 4588) SSRC, if any.</summary>
    public uint? RtxSsrc { get; init; }

    /// <summary>The m-line's mid, if any.</summary>
    public string? Mid { get; init; }

    /// <summary>The RTP header extension id of the RFC 6464 audio level, if negotiated.</summary>
    public int? AudioLevelExtensionId { get; init; }
}
