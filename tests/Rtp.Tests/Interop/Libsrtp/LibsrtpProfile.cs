namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>
/// The four protection profiles the interop tests and benchmarks drive libsrtp2 with, named after
/// the <c>srtp_crypto_policy_set_*</c> function that fills each one's SRTP policy.
/// </summary>
internal enum LibsrtpProfile
{
    /// <summary>AEAD_AES_128_GCM (RFC 7714): 16-byte key, 12-byte salt, 16-byte tag.</summary>
    AesGcm128,

    /// <summary>AEAD_AES_256_GCM (RFC 7714): 32-byte key, 12-byte salt, 16-byte tag.</summary>
    AesGcm256,

    /// <summary>AES_CM_128_HMAC_SHA1_80 (RFC 3711): 16-byte key, 14-byte salt, 10-byte tag.</summary>
    AesCm128HmacSha1_80,

    /// <summary>
    /// AES_CM_128_HMAC_SHA1_32: a 4-byte SRTP tag, but SRTCP keeps the 10-byte tag (RFC 5764 §4.1.2,
    /// RFC 4568 §6.2.1), as libsrtp's own srtp_crypto_policy_set_from_profile_for_rtcp does.
    /// </summary>
    AesCm128HmacSha1_32,
}
