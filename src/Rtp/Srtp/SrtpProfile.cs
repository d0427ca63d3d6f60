using System.Diagnostics.CodeAnalysis;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// An SRTP protection profile: the cipher, the authentication and the key, salt and tag lengths
/// (see <see cref="SrtpProfiles"/> for the lengths and the names SDP and DTLS-SRTP use).
/// </summary>
/// <remarks>
/// <code>
///  profile               SDES name (a=crypto)      DTLS-SRTP    key  salt  SRTP tag  SRTCP tag
///  AeadAes128Gcm         AEAD_AES_128_GCM          0x0007        16   12      16        16
///  AeadAes256Gcm         AEAD_AES_256_GCM          0x0008        32   12      16        16
///  AesCm128HmacSha1_80   AES_CM_128_HMAC_SHA1_80   0x0001        16   14      10        10
///  AesCm128HmacSha1_32   AES_CM_128_HMAC_SHA1_32   0x0002        16   14       4        10
/// </code>
/// RFC 3711 §8.2 and RFC 4568 §6.2 define the AES-CM profiles (the _32 profile shortens only the SRTP tag:
/// SRTCP keeps 80 bits), RFC 5764 §4.1.2 their DTLS-SRTP numbers, RFC 7714 §14 the AEAD ones.
/// </remarks>
public enum SrtpProfile
{
    /// <summary>AEAD_AES_128_GCM (RFC 7714): AES-128-GCM, 12-byte master salt, 16-byte tag.</summary>
    AeadAes128Gcm = 0,

    /// <summary>AEAD_AES_256_GCM (RFC 7714): AES-256-GCM, 12-byte master salt, 16-byte tag.</summary>
    AeadAes256Gcm = 1,

    /// <summary>AES_CM_128_HMAC_SHA1_80 (RFC 3711, RFC 4568): AES-128 counter mode, HMAC-SHA1 truncated to 80 bits.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The suffix is the tag length of the RFC 4568 name AES_CM_128_HMAC_SHA1_80.")]
    AesCm128HmacSha1_80 = 2,

    /// <summary>AES_CM_128_HMAC_SHA1_32 (RFC 3711, RFC 4568): as _80 with a 32-bit SRTP tag (SRTCP keeps 80 bits).</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The suffix is the tag length of the RFC 4568 name AES_CM_128_HMAC_SHA1_32.")]
    AesCm128HmacSha1_32 = 3,
}
