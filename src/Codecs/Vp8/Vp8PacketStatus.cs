namespace Gateway.Codecs.Vp8;

/// <summary>The outcome of <see cref="Vp8PacketInfo.TryRead"/>.</summary>
public enum Vp8PacketStatus
{
    /// <summary>A well-formed VP8 RTP payload.</summary>
    Ok,

    /// <summary>The payload ends inside the payload descriptor.</summary>
    TruncatedDescriptor,

    /// <summary>Nothing follows the descriptor.</summary>
    EmptyPayload,

    /// <summary>The packet starts a frame (S=1, PID=0) but is shorter than the 3-byte VP8 payload header (RFC 7741 §4.3).</summary>
    TruncatedPayloadHeader,
}
