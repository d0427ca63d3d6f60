namespace Gateway.Rtp.Srtp;

/// <summary>
/// The six session keys of one master key (RFC 3711 §4.3.1): SRTP and SRTCP encryption key, salt and
/// (AES-CM profiles only) authentication key. A view over memory the caller owns and wipes.
/// </summary>
internal readonly ref struct SrtpSessionKeys(
    ReadOnlySpan<byte> rtpKey, ReadOnlySpan<byte> rtpSalt, ReadOnlySpan<byte> rtpAuthKey,
    ReadOnlySpan<byte> rtcpKey, ReadOnlySpan<byte> rtcpSalt, ReadOnlySpan<byte> rtcpAuthKey)
{
    public ReadOnlySpan<byte> RtpKey { get; } = rtpKey;

    public ReadOnlySpan<byte> RtpSalt { get; } = rtpSalt;

    /// <summary>Empty for AEAD profiles: GCM authenticates with the encryption key.</summary>
    public ReadOnlySpan<byte> RtpAuthKey { get; } = rtpAuthKey;

    public ReadOnlySpan<byte> RtcpKey { get; } = rtcpKey;

    public ReadOnlySpan<byte> RtcpSalt { get; } = rtcpSalt;

    public ReadOnlySpan<byte> RtcpAuthKey { get; } = rtcpAuthKey;
}
