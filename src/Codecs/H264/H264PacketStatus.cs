namespace Gateway.Codecs.H264;

/// <summary>The outcome of <see cref="H264PacketInfo.TryRead"/>.</summary>
public enum H264PacketStatus
{
    /// <summary>A well-formed single NAL unit, STAP-A or FU-A payload.</summary>
    Ok,

    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>The forbidden_zero_bit (F) of a NAL unit header is set (RFC 6184 §5.3: a syntax violation).</summary>
    ForbiddenBitSet,

    /// <summary>A STAP-A unit size overruns the payload or is zero, or an FU-A has no fragment byte.</summary>
    Truncated,

    /// <summary>An FU-A header is invalid: start and end both set, or an original type outside 1..23.</summary>
    InvalidFragment,

    /// <summary>A STAP-A holds a unit of a type that cannot be aggregated (0 or 24..31).</summary>
    InvalidAggregatedUnit,

    /// <summary>NAL type 0 or 30..31 (undefined), or STAP-B/MTAP/FU-B (25..27, 29), which only interleaved mode uses.</summary>
    UnsupportedPacketType,
}
