namespace Gateway.Rtp.Srtp;

/// <summary>
/// The outcome of protecting or unprotecting one packet. Every failure is a value: the packet is dropped
/// (inbound) or not sent (outbound), and no stream state changes.
/// </summary>
public enum SrtpResult
{
    /// <summary>Done: the packet was protected, or authenticated and decrypted.</summary>
    Ok = 0,

    /// <summary>The tag does not verify: altered in transit, another key, another SSRC or index, or forged.</summary>
    AuthenticationFailed,

    /// <summary>The packet's index was already received (RFC 3711 §3.3.2), or already sent (outbound: it would reuse a nonce).</summary>
    Replayed,

    /// <summary>The packet's index lies behind the replay window (RFC 3711 §3.3.2: "too old").</summary>
    TooOld,

    /// <summary>Shorter than its header and tag (and, for SRTCP, the index word) need.</summary>
    TooShort,

    /// <summary>Not an RTP or RTCP packet: the version is not 2.</summary>
    Malformed,

    /// <summary>
    /// No stream for the SSRC and none may be made: <see cref="SrtpOptions.AllowUnknownSsrc"/> is false and the
    /// SSRC was not added, or the session already holds <see cref="SrtpOptions.MaxStreams"/> streams.
    /// </summary>
    UnknownSsrc,

    /// <summary>The buffer has no room after the packet for what protection appends (tag, SRTCP index).</summary>
    BufferTooSmall,

    /// <summary>
    /// The index space of the key is used up (2^48 SRTP packets, 2^31 SRTCP packets per SSRC, RFC 3711 §9.2):
    /// the key must be replaced.
    /// </summary>
    KeyLimitReached,
}
