namespace Gateway.Codecs.H264;

/// <summary>How an H.264 RTP payload is packetized (RFC 6184 §5.2).</summary>
public enum H264PacketType
{
    /// <summary>Not determined (the payload was refused).</summary>
    Unknown,

    /// <summary>One NAL unit (types 1..23).</summary>
    SingleNalUnit,

    /// <summary>Single-time aggregation packet (type 24).</summary>
    StapA,

    /// <summary>Fragmentation unit without DON (type 28).</summary>
    FuA,
}
