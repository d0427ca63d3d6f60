using System.Buffers.Binary;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Crypto.Native.Tests;

/// <summary>Known answers from the vector files, on every implementation this machine runs.</summary>
public sealed class AesContextVectorTests
{
    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealGcm_ReproducesNistVectors(AesImplementation implementation) =>
        SealReproduces(GcmVector.ReadAll(VectorPaths.NistGcm), implementation);

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void TryOpenGcm_OpensNistVectors(AesImplementation implementation) =>
        OpenReproduces(GcmVector.ReadAll(VectorPaths.NistGcm), implementation);

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void SealGcm_ReproducesRfc7714Vectors(AesImplementation implementation) =>
        SealReproduces(GcmVector.ReadAll(VectorPaths.Rfc7714), implementation);

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void TryOpenGcm_OpensRfc7714Vectors(AesImplementation implementation) =>
        OpenReproduces(GcmVector.ReadAll(VectorPaths.Rfc7714), implementation);

    [Fact]
    public void Rfc7714File_HoldsEveryAeadSection()
    {
        var vectors = GcmVector.ReadAll(VectorPaths.Rfc7714);

        // 16.1.1-16.2.4 (SRTP) and 17.1-17.4 (SRTCP): 12 sections, AES-128 and AES-256.
        Assert.Equal(12, vectors.Count);
        Assert.Contains(vectors, v => v.Key.Length == 16);
        Assert.Contains(vectors, v => v.Key.Length == 32);
        Assert.Contains(vectors, v => v.Plaintext.Length == 0);
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void EncryptBlock_OfTheZeroBlockIsTheRfc7714GhashKey(AesImplementation implementation)
    {
        // RFC 7714 prints H = AES_K(0^128) (SP 800-38D §6.4) for both key sizes.
        var blocks = VectorFile.Read(VectorPaths.Rfc7714).Where(b => b.Has("H")).ToList();
        Assert.Contains(blocks, b => b.Bytes("key").Length == 16);
        Assert.Contains(blocks, b => b.Bytes("key").Length == 32);
        foreach (var block in blocks)
        {
            using var context = AesContext.Create(block.Bytes("key"), implementation);
            var h = new byte[AesContext.BlockSize];
            context.EncryptBlock(new byte[AesContext.BlockSize], h);
            Bytes.Equal(block.Bytes("H"), h, $"{implementation} {block} H");
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void EncryptBlock_OfRfc3711CountersIsTheirKeystream(AesImplementation implementation)
    {
        var block = Rfc3711KeystreamBlock();
        using var context = AesContext.Create(block.Bytes("session_key"), implementation);
        foreach (string suffix in Rfc3711Counters)
        {
            var output = new byte[AesContext.BlockSize];
            context.EncryptBlock(block.Bytes("counter_" + suffix), output);
            Bytes.Equal(block.Bytes("keystream_" + suffix), output, $"{implementation} {block} counter_{suffix}");

            // In place: the same buffer in and out.
            byte[] inPlace = block.Bytes("counter_" + suffix);
            context.EncryptBlock(inPlace, inPlace);
            Bytes.Equal(block.Bytes("keystream_" + suffix), inPlace, $"{implementation} {block} counter_{suffix} in place");
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void KeyStreamCtr_ReproducesTheRfc3711AesCmKeystreamSegment(AesImplementation implementation)
    {
        // RFC 3711 Appendix B.2: 65282 keystream blocks from counter ...FD0000; the RFC prints the first
        // three and the last three (counters ...0000-0002 and ...FEFF-FF01).
        var block = Rfc3711KeystreamBlock();
        int octets = int.Parse(block.Values["keystream_octets_dec"], System.Globalization.CultureInfo.InvariantCulture);
        using var context = AesContext.Create(block.Bytes("session_key"), implementation);
        var keystream = new byte[octets];
        context.KeyStreamCtr(block.Bytes("counter_0000"), keystream);

        Bytes.Equal(Concat(block, "keystream_0000", "keystream_0001", "keystream_0002"), keystream.AsSpan(0, 48), $"{implementation} B.2 first blocks");
        Bytes.Equal(Concat(block, "keystream_feff", "keystream_ff00", "keystream_ff01"), keystream.AsSpan(octets - 48), $"{implementation} B.2 last blocks");
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void TransformCtr_XorsTheRfc3711KeystreamInPlaceAndOutOfPlace(AesImplementation implementation)
    {
        var block = Rfc3711KeystreamBlock();
        byte[] keystream = Concat(block, "keystream_feff", "keystream_ff00", "keystream_ff01");
        byte[] input = Bytes.Random(new Random(3711), keystream.Length - 5); // a partial last block
        byte[] expected = input.Select((b, i) => (byte)(b ^ keystream[i])).ToArray();
        using var context = AesContext.Create(block.Bytes("session_key"), implementation);

        var output = new byte[input.Length + 7];
        context.TransformCtr(block.Bytes("counter_feff"), input, output);
        Bytes.Equal(expected, output.AsSpan(0, input.Length), $"{implementation} out of place");
        Bytes.AllZero(output.AsSpan(input.Length), $"{implementation} bytes past the input");

        byte[] inPlace = (byte[])input.Clone();
        context.TransformCtr(block.Bytes("counter_feff"), inPlace, inPlace);
        Bytes.Equal(expected, inPlace, $"{implementation} in place");
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void KeyStreamCtr_CarriesAcrossTheWholeCounterBlock(AesImplementation implementation)
    {
        // SRTP's AES-CM increments the whole 128-bit block (RFC 3711 §4.1.1): check carries past the low
        // 32 and 64 bits and the wrap at 2^128 against AES of each counter computed independently.
        using var reference = System.Security.Cryptography.Aes.Create();
        byte[] key = Bytes.Random(new Random(7), 16);
        reference.Key = key;
        using var context = AesContext.Create(key, implementation);
        foreach (UInt128 start in new[] { (UInt128)0xFFFF_FFFEu, (UInt128)ulong.MaxValue - 1, UInt128.MaxValue - 1 })
        {
            var counter = new byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(counter, start);
            var actual = new byte[5 * 16];
            context.KeyStreamCtr(counter, actual);

            var expected = new byte[actual.Length];
            for (int i = 0; i < 5; i++)
            {
                var block = new byte[16];
                BinaryPrimitives.WriteUInt128BigEndian(block, unchecked(start + (UInt128)i));
                reference.EncryptEcb(block, expected.AsSpan(i * 16, 16), System.Security.Cryptography.PaddingMode.None);
            }

            Bytes.Equal(expected, actual, $"{implementation} counter from {start:X32}");
        }
    }

    private static readonly string[] Rfc3711Counters = ["0000", "0001", "0002", "feff", "ff00", "ff01"];

    private static VectorBlock Rfc3711KeystreamBlock() =>
        VectorFile.Read(VectorPaths.Rfc3711).Single(b => b.Title.Contains("B.2", StringComparison.Ordinal));

    private static byte[] Concat(VectorBlock block, params string[] labels) => labels.SelectMany(block.Bytes).ToArray();

    private static void SealReproduces(IReadOnlyList<GcmVector> vectors, AesImplementation implementation)
    {
        foreach (var v in vectors)
        {
            using var context = AesContext.Create(v.Key, implementation);
            Assert.Equal(implementation, context.Implementation);
            var ciphertext = new byte[v.Plaintext.Length];
            var tag = new byte[AesContext.TagSize];
            context.SealGcm(v.Nonce, v.Plaintext, ciphertext, tag, v.Aad);
            Bytes.Equal(v.Ciphertext, ciphertext, $"{implementation} {v} ciphertext");
            Bytes.Equal(v.Tag, tag, $"{implementation} {v} tag");

            byte[] inPlace = (byte[])v.Plaintext.Clone();
            context.SealGcm(v.Nonce, inPlace, inPlace, tag, v.Aad);
            Bytes.Equal(v.Ciphertext, inPlace, $"{implementation} {v} ciphertext in place");
            Bytes.Equal(v.Tag, tag, $"{implementation} {v} tag in place");
        }
    }

    private static void OpenReproduces(IReadOnlyList<GcmVector> vectors, AesImplementation implementation)
    {
        foreach (var v in vectors)
        {
            using var context = AesContext.Create(v.Key, implementation);
            var plaintext = new byte[v.Ciphertext.Length];
            Assert.True(context.TryOpenGcm(v.Nonce, v.Ciphertext, v.Tag, plaintext, v.Aad), $"{implementation} {v}: the tag did not verify");
            Bytes.Equal(v.Plaintext, plaintext, $"{implementation} {v} plaintext");

            byte[] inPlace = (byte[])v.Ciphertext.Clone();
            Assert.True(context.TryOpenGcm(v.Nonce, inPlace, v.Tag, inPlace, v.Aad), $"{implementation} {v}: the tag did not verify in place");
            Bytes.Equal(v.Plaintext, inPlace, $"{implementation} {v} plaintext in place");
        }
    }
}
