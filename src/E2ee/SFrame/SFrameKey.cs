using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// One installed key: the AEAD of its sframe_key and its sframe_salt, derived once from the base key.
/// The salt is held as two words so the per-frame nonce is an XOR and one 16-byte store.
/// </summary>
/// <remarks>
/// Why one store: AES-GCM loads the nonce with a vector load right after it is written, and a load that
/// spans several smaller stores cannot be forwarded from the store buffer (it waits for them to retire;
/// docs/crypto.md saw the same for SRTP's IV). One 16-byte store can always be forwarded.
/// </remarks>
internal sealed class SFrameKey : IDisposable
{
    private readonly SFrameAead _aead;

    // The GCM suites' AEAD again, typed: a direct (inlinable) call on the hot path instead of a virtual one.
    private readonly SFrameGcmAead? _gcm;
    private uint _saltHigh;
    private ulong _saltLow;

    // sframe_salt || 0x00000000 as the two 8-byte words of a 16-byte nonce buffer, in memory order.
    private ulong _saltWord0;
    private ulong _saltWord1;

    private SFrameKey(ulong keyId, SFrameAead aead, ReadOnlySpan<byte> salt)
    {
        KeyId = keyId;
        _aead = aead;
        _gcm = aead as SFrameGcmAead;
        _saltHigh = BinaryPrimitives.ReadUInt32BigEndian(salt);
        _saltLow = BinaryPrimitives.ReadUInt64BigEndian(salt[4..]);
        Span<byte> padded = stackalloc byte[NonceBufferSize];
        padded.Clear();
        salt[..SFrameSuite.NonceSize].CopyTo(padded);
        _saltWord0 = MemoryMarshal.Read<ulong>(padded);
        _saltWord1 = MemoryMarshal.Read<ulong>(padded[8..]);
        CryptographicOperations.ZeroMemory(padded);
    }

    /// <summary>The size of the buffer <see cref="WriteNonce"/> fills with a single store (the nonce is its first 12 bytes).</summary>
    public const int NonceBufferSize = 16;

    public ulong KeyId { get; }

    public SFrameAead Aead => _aead;

    public static SFrameKey Derive(SFrameCipherSuite suite, ulong keyId, ReadOnlySpan<byte> baseKey)
    {
        Span<byte> key = stackalloc byte[SFrameSuite.MaxKeySize];
        Span<byte> salt = stackalloc byte[SFrameSuite.NonceSize];
        try
        {
            SFrameKeyDerivation.Derive(suite, keyId, baseKey, key, salt);
            return new SFrameKey(keyId, SFrameAead.Create(suite, key[..SFrameSuite.KeySize(suite)]), salt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    /// <summary>
    /// nonce = sframe_salt XOR CTR, the CTR left-padded to Nn bytes (RFC 9605 §4.4.3), into the first 12 bytes
    /// of <paramref name="nonce"/>; with <see cref="NonceBufferSize"/> bytes (the last 4 then zero) in one store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteNonce(ulong counter, Span<byte> nonce)
    {
        if (BitConverter.IsLittleEndian && nonce.Length >= NonceBufferSize)
        {
            // Bytes 4..11 are the CTR big-endian: its high half ends word 0, its low half starts word 1.
            ulong word0 = _saltWord0 ^ ((ulong)BinaryPrimitives.ReverseEndianness((uint)(counter >> 32)) << 32);
            ulong word1 = _saltWord1 ^ BinaryPrimitives.ReverseEndianness((uint)counter);
            Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(nonce), Vector128.Create(word0, word1));
            return;
        }

        BinaryPrimitives.WriteUInt32BigEndian(nonce, _saltHigh);
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], _saltLow ^ counter);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        if (_gcm is not null)
        {
            _gcm.Seal(nonce, header, metadata, plaintext, ciphertext, tag);
        }
        else
        {
            _aead.Seal(nonce, header, metadata, plaintext, ciphertext, tag);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext) =>
        _gcm is not null
            ? _gcm.TryOpen(nonce, header, metadata, ciphertext, tag, plaintext)
            : _aead.TryOpen(nonce, header, metadata, ciphertext, tag, plaintext);

    public void Dispose()
    {
        _saltHigh = 0;
        _saltLow = 0;
        _saltWord0 = 0;
        _saltWord1 = 0;
        _aead.Dispose();
    }
}
