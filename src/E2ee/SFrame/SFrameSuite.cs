using System.Security.Cryptography;

namespace Gateway.E2ee.SFrame;

/// <summary>The parameters of each cipher suite (RFC 9605 §4.5, table "SFrame cipher suites"): Nh, Nk, Nn, Nt.</summary>
internal static class SFrameSuite
{
    /// <summary>Nn: every suite's nonce is 96 bits.</summary>
    public const int NonceSize = 12;

    /// <summary>The largest Nk (the CTR suites: 16-byte AES key + 32-byte HMAC key).</summary>
    public const int MaxKeySize = 48;

    public static bool IsDefined(SFrameCipherSuite suite) =>
        suite is >= SFrameCipherSuite.AesCtr128HmacSha256_80 and <= SFrameCipherSuite.AesGcm256Sha512_128;

    public static bool IsGcm(SFrameCipherSuite suite) =>
        suite is SFrameCipherSuite.AesGcm128Sha256_128 or SFrameCipherSuite.AesGcm256Sha512_128;

    /// <summary>Nk: the sframe_key length.</summary>
    public static int KeySize(SFrameCipherSuite suite) => suite switch
    {
        SFrameCipherSuite.AesGcm128Sha256_128 => 16,
        SFrameCipherSuite.AesGcm256Sha512_128 => 32,
        _ => 48,
    };

    /// <summary>Nt: the tag length.</summary>
    public static int TagSize(SFrameCipherSuite suite) => suite switch
    {
        SFrameCipherSuite.AesCtr128HmacSha256_80 => 10,
        SFrameCipherSuite.AesCtr128HmacSha256_64 => 8,
        SFrameCipherSuite.AesCtr128HmacSha256_32 => 4,
        _ => 16,
    };

    /// <summary>The hash of HKDF (and of the CTR suites' HMAC).</summary>
    public static HashAlgorithmName Hash(SFrameCipherSuite suite) =>
        suite == SFrameCipherSuite.AesGcm256Sha512_128 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    /// <summary>Nh: the hash output length, the length of sframe_secret.</summary>
    public static int HashSize(SFrameCipherSuite suite) => suite == SFrameCipherSuite.AesGcm256Sha512_128 ? 64 : 32;

    public static void ThrowIfUndefined(SFrameCipherSuite suite, string paramName)
    {
        if (!IsDefined(suite))
        {
            throw new ArgumentOutOfRangeException(paramName, suite, "Not an RFC 9605 cipher suite (1 to 5).");
        }
    }
}
