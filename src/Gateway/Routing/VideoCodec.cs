namespace Gateway.Routing;

/// <summary>A video codec the relay can find key frames in (from the offer's <c>a=rtpmap</c>), when the payload is not end-to-end encrypted.</summary>
public enum VideoCodec
{
    /// <summary>Any other codec (or not video): its packets are never held back waiting for a key frame.</summary>
    Unknown = 0,

    /// <summary>VP8 (RFC 7741), <c>VP8/90000</c>.</summary>
    Vp8 = 1,

    /// <summary>H.264 (RFC 6184, packetization mode 0 or 1), <c>H264/90000</c>.</summary>
    H264 = 2,
}
