namespace Gateway.Routing;

/// <summary>A track a participant publishes, from its SDP offer (a=ssrc, a=ssrc-group:FID, a=mid, a=rtpmap, a=extmap).</summary>
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

    /// <summary>
    /// Video: the codec of each payload type the offer maps (a=rtpmap), for key frame detection in payloads that
    /// are not end-to-end encrypted. Payload types left out (or all, when null) are <see cref="VideoCodec.Unknown"/>.
    /// </summary>
    public IReadOnlyDictionary<int, VideoCodec>? PayloadCodecs { get; init; }

    /// <summary>
    /// Video: the RTP header extension id of the AV1 dependency descriptor, if negotiated: the only key frame signal
    /// the relay uses for an end-to-end encrypted publisher.
    /// </summary>
    public int? DependencyDescriptorExtensionId { get; init; }

    /// <summary>Equal when every member is, the payload codec map compared by its entries (not by reference).</summary>
    public bool Equals(TrackSpec? other) =>
        other is not null && Kind == other.Kind && Ssrc == other.Ssrc && RtxSsrc == other.RtxSsrc && Mid == other.Mid
        && AudioLevelExtensionId == other.AudioLevelExtensionId && DependencyDescriptorExtensionId == other.DependencyDescriptorExtensionId
        && SameCodecs(PayloadCodecs, other.PayloadCodecs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Ssrc, RtxSsrc, Mid, AudioLevelExtensionId, DependencyDescriptorExtensionId, PayloadCodecs?.Count ?? -1);

    private static bool SameCodecs(IReadOnlyDictionary<int, VideoCodec>? a, IReadOnlyDictionary<int, VideoCodec>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (KeyValuePair<int, VideoCodec> entry in a)
        {
            if (!b.TryGetValue(entry.Key, out VideoCodec codec) || codec != entry.Value)
            {
                return false;
            }
        }

        return true;
    }
}
