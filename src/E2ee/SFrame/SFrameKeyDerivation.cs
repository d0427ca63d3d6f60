using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// The key schedule of RFC 9605 §4.4.2, run once when a key is installed, never per frame:
/// <code>
///   sframe_secret = HKDF-Extract("", base_key)
///   sframe_key    = HKDF-Expand(sframe_secret, "SFrame 1.0 Secret key "  || KID (8, BE) || suite (2, BE), Nk)
///   sframe_salt   = HKDF-Expand(sframe_secret, "SFrame 1.0 Secret salt " || KID (8, BE) || suite (2, BE), Nn)
/// </code>
/// </summary>
internal static class SFrameKeyDerivation
{
    /// <summary>The key label's length: 22 bytes of text, KID, suite.</summary>
    public const int KeyLabelLength = 22 + 8 + 2;

    /// <summary>The salt label's length: 23 bytes of text, KID, suite.</summary>
    public const int SaltLabelLength = 23 + 8 + 2;

    private const int MaxHashSize = 64;

    private static ReadOnlySpan<byte> KeyLabelPrefix => "SFrame 1.0 Secret key "u8;

    private static ReadOnlySpan<byte> SaltLabelPrefix => "SFrame 1.0 Secret salt "u8;

    public static void WriteKeyLabel(ulong keyId, SFrameCipherSuite suite, Span<byte> label) =>
        WriteLabel(KeyLabelPrefix, keyId, suite, label);

    public static void WriteSaltLabel(ulong keyId, SFrameCipherSuite suite, Span<byte> label) =>
        WriteLabel(SaltLabelPrefix, keyId, suite, label);

    /// <summary>sframe_secret into <paramref name="secret"/>[..Nh].</summary>
    public static void Extract(SFrameCipherSuite suite, ReadOnlySpan<byte> baseKey, Span<byte> secret) =>
        HKDF.Extract(SFrameSuite.Hash(suite), baseKey, ReadOnlySpan<byte>.Empty, secret[..SFrameSuite.HashSize(suite)]);

    /// <summary>sframe_key (Nk bytes) and sframe_salt (12 bytes) for <paramref name="keyId"/>.</summary>
    public static void Derive(SFrameCipherSuite suite, ulong keyId, ReadOnlySpan<byte> baseKey, Span<byte> key, Span<byte> salt)
    {
        HashAlgorithmName hash = SFrameSuite.Hash(suite);
        int hashSize = SFrameSuite.HashSize(suite);
        Span<byte> secret = stackalloc byte[MaxHashSize];
        Span<byte> label = stackalloc byte[SaltLabelLength];
        try
        {
            Extract(suite, baseKey, secret);
            WriteKeyLabel(keyId, suite, label);
            HKDF.Expand(hash, secret[..hashSize], key[..SFrameSuite.KeySize(suite)], label[..KeyLabelLength]);
            WriteSaltLabel(keyId, suite, label);
            HKDF.Expand(hash, secret[..hashSize], salt[..SFrameSuite.NonceSize], label);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void WriteLabel(ReadOnlySpan<byte> prefix, ulong keyId, SFrameCipherSuite suite, Span<byte> label)
    {
        prefix.CopyTo(label);
        BinaryPrimitives.WriteUInt64BigEndian(label[prefix.Length..], keyId);
        BinaryPrimitives.WriteUInt16BigEndian(label[(prefix.Length + 8)..], (ushort)suite);
    }
}
