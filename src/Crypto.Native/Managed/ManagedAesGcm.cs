using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Gateway.Crypto.Native;

/// <summary>
/// The managed twin of a native context: AES-GCM on <see cref="AesGcm"/>, AES-CTR and single blocks
/// on an AES-ECB <see cref="ICryptoTransform"/> (both OpenSSL on Linux). Callers (AesContext,
/// AeadBatch) have already checked every length, so the spans here are exact.
/// </summary>
/// <remarks>
/// <para>Costs measured on .NET 10 / OpenSSL 3 (AMD EPYC): seal and a successful open of 1200 bytes take
/// about 0.9 µs and allocate nothing. A failed open costs an exception:
/// <see cref="AesGcm.Decrypt(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/>
/// throws <see cref="AuthenticationTagMismatchException"/>, caught here (that type only) and turned into
/// false: about 4.4 µs and 296 bytes of garbage per forged or corrupted packet. The native
/// implementations report it as a value at the cost of a good open.</para>
/// <para>CTR uses a reused ECB transform with two scratch arrays owned by the context, not
/// <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, Span{byte}, PaddingMode)"/>: the one-shot
/// creates a cipher context per call (64 bytes of garbage and about 5x the time of a reused one).</para>
/// <para>AesGcm and the transform keep per-call state in their OpenSSL contexts, so every call takes a
/// lock: one context may be used from several threads, as a native context may.</para>
/// </remarks>
internal sealed class ManagedAesGcm : IDisposable
{
    // Counter blocks encrypted per ECB call (32): a 1200-byte packet takes three calls. Larger chunks
    // gain little (the per-byte cost dominates) and cost scratch memory in every Managed context.
    private const int ChunkBytes = 512;
    private const int BlockSize = 16;

    private readonly Lock _gate = new();
    private readonly AesGcm _gcm;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counterBlocks = new byte[ChunkBytes];
    private readonly byte[] _keyStream = new byte[ChunkBytes];

    public ManagedAesGcm(ReadOnlySpan<byte> key)
    {
        _gcm = new AesGcm(key, AesContext.TagSize);
        using var aes = Aes.Create();
        aes.SetKey(key);
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        _ecb = aes.CreateEncryptor();
    }

    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        lock (_gate)
        {
            _gcm.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
    }

    public bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        lock (_gate)
        {
            try
            {
                _gcm.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                // AesGcm clears the output itself; clear again so the guarantee (zeros, never
                // candidate plaintext of a forgery) does not rest on an implementation detail.
                CryptographicOperations.ZeroMemory(plaintext);
                return false;
            }
        }
    }

    /// <summary>
    /// AES-CTR with the whole 128-bit counter block incrementing big-endian (RFC 3711 §4.1.1).
    /// output = input XOR keystream when <paramref name="xor"/>, else the bare keystream.
    /// </summary>
    public void Ctr(ReadOnlySpan<byte> counter, ReadOnlySpan<byte> input, Span<byte> output, bool xor)
    {
        UInt128 block = BinaryPrimitives.ReadUInt128BigEndian(counter);
        lock (_gate)
        {
            for (int done = 0; done < output.Length;)
            {
                int chunk = Math.Min(ChunkBytes, output.Length - done);
                int blocks = (chunk + BlockSize - 1) / BlockSize;
                for (int b = 0; b < blocks; b++)
                {
                    BinaryPrimitives.WriteUInt128BigEndian(_counterBlocks.AsSpan(b * BlockSize, BlockSize), block);
                    block++; // wraps modulo 2^128 (unchecked), as the native counter does
                }

                _ecb.TransformBlock(_counterBlocks, 0, blocks * BlockSize, _keyStream, 0);
                Span<byte> destination = output.Slice(done, chunk);
                if (xor)
                {
                    Xor(input.Slice(done, chunk), _keyStream.AsSpan(0, chunk), destination);
                }
                else
                {
                    _keyStream.AsSpan(0, chunk).CopyTo(destination);
                }

                done += chunk;
            }

            CryptographicOperations.ZeroMemory(_keyStream);
        }
    }

    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        lock (_gate)
        {
            input.CopyTo(_counterBlocks);
            _ecb.TransformBlock(_counterBlocks, 0, BlockSize, _keyStream, 0);
            _keyStream.AsSpan(0, BlockSize).CopyTo(output);
            CryptographicOperations.ZeroMemory(_counterBlocks.AsSpan(0, BlockSize));
            CryptographicOperations.ZeroMemory(_keyStream.AsSpan(0, BlockSize));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _gcm.Dispose();
            _ecb.Dispose();
        }
    }

    /// <summary>destination = a XOR b; destination may be a (in place).</summary>
    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (new Vector<byte>(a[i..]) ^ new Vector<byte>(b[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            destination[i] = (byte)(a[i] ^ b[i]);
        }
    }
}
