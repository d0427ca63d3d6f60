namespace Gateway.Transport;

/// <summary>Why a packet was dropped: the label of gateway_dropped_packets_total.</summary>
public enum MediaDropReason
{
    /// <summary>No participant has this source address, SSRC or ICE username.</summary>
    UnknownSource = 0,

    /// <summary>Not a well-formed RTP, RTCP or STUN packet, or truncated.</summary>
    Malformed = 1,

    /// <summary>SRTP/SRTCP authentication failed (wrong key, tampered).</summary>
    AuthFailed = 2,

    /// <summary>A replayed (or too old) SRTP/SRTCP packet.</summary>
    Replayed = 3,

    /// <summary>Over the participant's packets-per-second limit.</summary>
    RateLimited = 4,

    /// <summary>A hand-off ring, send queue or framed connection was full.</summary>
    QueueFull = 5,

    /// <summary>The send failed in the kernel (unreachable, no buffer).</summary>
    SendFailed = 6,

    /// <summary>A video packet held back from a subscriber that waits for a key frame (counted per subscriber).</summary>
    KeyframeWait = 7,
}
