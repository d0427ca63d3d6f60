using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Gateway.Crypto.Native;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// AES_128_CTR_HMAC_SHA256_80/_64/_32 (RFC 9605 §4.5.1): sframe_key = enc_key (16) || auth_key (32);
/// AES-128-CTR from the counter block nonce || 0x00000000, then HMAC-SHA256 truncated to Nt over
/// <code>
///   len(aad) (8, BE) || len(ct) (8, BE) || Nt (8, BE) || nonce (12) || aad || ct
/// </code>
/// where aad = header || metadata.
/// </summary>
/// <remarks>
/// The HMAC runs on one <see cref="IncrementalHash"/> kept for the key's life (keyed once; each frame is
/// appended in parts and the hash taken with a reset), so no frame allocates and the AAD parts need no
/// copying. Opening verifies the tag (constant-time) before decrypting anything. Not thread-safe: one key
/// object is used by one direction of one <see cref="SFrameContext"/>.
/// </remarks>
[SkipLocalsInit] // stack buffers (AAD, counter block, MAC) are written before they are read
internal sealed class SFrameCtrHmacAead : SFrameAead
{
    private const int EncKeySize = 16;
    private const int HmacSize = 32;
    private const int PrefixSize = 8 + 8 + 8 + SFrameSuite.NonceSize;

    private readonly AesContext _aes;
    private readonly IncrementalHash _hmac;
    private readonly int _tagSize;

    public SFrameCtrHmacAead(ReadOnlySpan<byte> key, int tagSize)
    {
        if (key.Length != EncKeySize + HmacSize)
        {
            throw new ArgumentException($"An AES-CTR+HMAC SFrame key is {EncKeySize + HmacSize} bytes, not {key.Length}.", nameof(key));
        }

        _tagSize = tagSize;
        _aes = AesContext.Create(key[..EncKeySize]);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key[EncKeySize..]);
    }

    public override int TagSize => _tagSize;

    public override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Span<byte> counter = stackalloc byte[AesContext.BlockSize];
        CounterBlock(nonce, counter);
        _aes.TransformCtr(counter, plaintext, ciphertext);
        Span<byte> mac = stackalloc byte[HmacSize];
        ComputeMac(nonce, header, metadata, ciphertext[..plaintext.Length], mac);
        mac[.._tagSize].CopyTo(tag);
    }

    public override bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Span<byte> mac = stackalloc byte[HmacSize];
        ComputeMac(nonce, header, metadata, ciphertext, mac);
        if (tag.Length != _tagSize || !CryptographicOperations.FixedTimeEquals(mac[.._tagSize], tag))
        {
            return false;
        }

        Span<byte> counter = stackalloc byte[AesContext.BlockSize];
        CounterBlock(nonce, counter);
        _aes.TransformCtr(counter, ciphertext, plaintext);
        return true;
    }

    public override void Dispose()
    {
        _aes.Dispose();
        _hmac.Dispose();
    }

    // initial_counter = nonce || 0x00000000: the low 32 bits count blocks (at most 2^32 of them, far beyond a frame).
    private static void CounterBlock(ReadOnlySpan<byte> nonce, Span<byte> counter)
    {
        nonce.CopyTo(counter);
        counter[SFrameSuite.NonceSize..].Clear();
    }

    private void ComputeMac(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> ciphertext, Span<byte> mac)
    {
        Span<byte> prefix = stackalloc byte[PrefixSize];
        BinaryPrimitives.WriteUInt64BigEndian(prefix, (ulong)(header.Length + metadata.Length));
        BinaryPrimitives.WriteUInt64BigEndian(prefix[8..], (ulong)ciphertext.Length);
        BinaryPrimitives.WriteUInt64BigEndian(prefix[16..], (ulong)_tagSize);
        nonce.CopyTo(prefix[24..]);
        _hmac.AppendData(prefix);
        _hmac.AppendData(header);
        _hmac.AppendData(metadata);
        _hmac.AppendData(ciphertext);
        _hmac.GetHashAndReset(mac);
    }
}
