using System.Diagnostics.CodeAnalysis;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// The SFrame cipher suites of RFC 9605 §4.5 (IANA "SFrame Cipher Suites"), by their registered value.
/// Every suite has a 12-byte nonce; they differ in AEAD, key-derivation hash and tag length.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The suffix is the tag length in bits of the RFC 9605 names (AES_128_GCM_SHA256_128 and so on).")]
public enum SFrameCipherSuite : ushort
{
    /// <summary>AES_128_CTR_HMAC_SHA256_80: AES-128-CTR with HMAC-SHA256 truncated to 10 bytes (§4.5.1).</summary>
    AesCtr128HmacSha256_80 = 1,

    /// <summary>AES_128_CTR_HMAC_SHA256_64: AES-128-CTR with HMAC-SHA256 truncated to 8 bytes (§4.5.1).</summary>
    AesCtr128HmacSha256_64 = 2,

    /// <summary>AES_128_CTR_HMAC_SHA256_32: AES-128-CTR with HMAC-SHA256 truncated to 4 bytes (§4.5.1).</summary>
    AesCtr128HmacSha256_32 = 3,

    /// <summary>AES_128_GCM_SHA256_128: AES-128-GCM, 16-byte tag, HKDF-SHA256.</summary>
    AesGcm128Sha256_128 = 4,

    /// <summary>AES_256_GCM_SHA512_128: AES-256-GCM, 16-byte tag, HKDF-SHA512 (the default).</summary>
    AesGcm256Sha512_128 = 5,
}
