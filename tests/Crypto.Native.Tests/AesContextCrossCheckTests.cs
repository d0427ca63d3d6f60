using System.Security.Cryptography;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Crypto.Native.Tests;

/// <summary>
/// Each native implementation, forced, against the Managed twin and against
/// System.Security.Cryptography.AesGcm used directly, on thousands of random packets.
/// </summary>
public sealed class AesContextCrossCheckTests
{
    private const int Iterations = 3000;
    private const int MaxLength = 1500;
    private const int MaxAad = 64;

    [Theory]
    [MemberData(nameof(Implementations.Native), MemberType = typeof(Implementations))]
    public void SealGcmAndTryOpenGcm_AgreeWithManagedAndAesGcm_OnRandomPackets(AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        var keys = new[] { Bytes.Random(random, 16), Bytes.Random(random, 32) };
        var contexts = keys.Select(k => AesContext.Create(k, implementation)).ToArray();
        var managed = keys.Select(k => AesContext.Create(k, AesImplementation.Managed)).ToArray();
        var reference = keys.Select(k => new AesGcm(k, AesContext.TagSize)).ToArray();
        try
        {
            for (int i = 0; i < Iterations; i++)
            {
                int which = random.Next(2);
                int length = random.Next(MaxLength + 1);
                string context = $"{implementation}, {TestSeed.Describe(seed)}, iteration {i}, AES-{keys[which].Length * 8}, {length} bytes";
                byte[] nonce = Bytes.Random(random, AesContext.NonceSize);
                byte[] aad = Bytes.Random(random, random.Next(MaxAad + 1));
                byte[] plaintext = Bytes.Random(random, length);

                var expected = new byte[length];
                var expectedTag = new byte[AesContext.TagSize];
                reference[which].Encrypt(nonce, plaintext, expected, expectedTag, aad);

                var ciphertext = new byte[length];
                var tag = new byte[AesContext.TagSize];
                contexts[which].SealGcm(nonce, plaintext, ciphertext, tag, aad);
                Bytes.Equal(expected, ciphertext, context + ": native ciphertext vs AesGcm");
                Bytes.Equal(expectedTag, tag, context + ": native tag vs AesGcm");

                managed[which].SealGcm(nonce, plaintext, ciphertext, tag, aad);
                Bytes.Equal(expected, ciphertext, context + ": Managed ciphertext vs AesGcm");
                Bytes.Equal(expectedTag, tag, context + ": Managed tag vs AesGcm");

                // Open in place, alternating: native, then Managed on what native opened.
                byte[] buffer = (byte[])expected.Clone();
                Assert.True(contexts[which].TryOpenGcm(nonce, buffer, expectedTag, buffer, aad), context + ": native open failed");
                Bytes.Equal(plaintext, buffer, context + ": native opened plaintext");

                var opened = new byte[length];
                Assert.True(managed[which].TryOpenGcm(nonce, expected, expectedTag, opened, aad), context + ": Managed open failed");
                Bytes.Equal(plaintext, opened, context + ": Managed opened plaintext");
            }
        }
        finally
        {
            Array.ForEach(contexts, c => c.Dispose());
            Array.ForEach(managed, c => c.Dispose());
            Array.ForEach(reference, c => c.Dispose());
        }
    }

    /// <summary>
    /// The pointer overloads (for per-packet callers that hold pinned, checked buffers) give what the span overloads
    /// give, in place and out of place, on every implementation including the managed twin; a changed byte fails the
    /// open and leaves no plaintext.
    /// </summary>
    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public unsafe void PointerOverloads_AgreeWithTheSpanOverloads(AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] key = Bytes.Random(random, random.Next(2) == 0 ? 16 : 32);
        using var context = AesContext.Create(key, implementation);
        for (int i = 0; i < 300; i++)
        {
            int length = random.Next(MaxLength + 1);
            bool inPlace = random.Next(2) == 0;
            string what = $"{implementation}, {TestSeed.Describe(seed)}, iteration {i}, {length} bytes, {(inPlace ? "in place" : "out of place")}";
            byte[] nonce = Bytes.Random(random, AesContext.NonceSize);
            byte[] aad = Bytes.Random(random, random.Next(MaxAad + 1));
            byte[] plaintext = Bytes.Random(random, length);
            var expected = new byte[length];
            var expectedTag = new byte[AesContext.TagSize];
            context.SealGcm(nonce, plaintext, expected, expectedTag, aad);

            byte[] input = (byte[])plaintext.Clone();
            byte[] output = inPlace ? input : new byte[length];
            var tag = new byte[AesContext.TagSize];
            fixed (byte* n = nonce)
            fixed (byte* a = aad)
            fixed (byte* p = input)
            fixed (byte* c = output)
            fixed (byte* t = tag)
            {
                context.SealGcm(n, a, aad.Length, p, c, length, t);
            }

            Bytes.Equal(expected, output, what + ": ciphertext");
            Bytes.Equal(expectedTag, tag, what + ": tag");

            byte[] opened = inPlace ? output : new byte[length];
            bool tamper = length > 0 && random.Next(4) == 0;
            if (tamper)
            {
                output[random.Next(length)] ^= 0x40;
            }

            bool ok;
            fixed (byte* n = nonce)
            fixed (byte* a = aad)
            fixed (byte* c = output)
            fixed (byte* p = opened)
            fixed (byte* t = tag)
            {
                ok = context.TryOpenGcm(n, a, aad.Length, c, p, length, t);
            }

            if (tamper)
            {
                Assert.False(ok, what + ": a changed ciphertext opened");
                Assert.All(opened, b => Assert.Equal(0, b));
            }
            else
            {
                Assert.True(ok, what + ": open failed");
                Bytes.Equal(plaintext, opened, what + ": opened");
            }
        }
    }

    /// <summary>
    /// Seal and open take the call without a GC transition up to AesContext.ShortCallBytes (data and associated
    /// data) and the ordinary call above it: both sides of the bound, and far above it, must give AesGcm's bytes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Implementations.Native), MemberType = typeof(Implementations))]
    public void SealGcmAndTryOpenGcm_AgreeWithAesGcm_OnBothSidesOfTheShortCallBound(AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] key = Bytes.Random(random, 16);
        using var context = AesContext.Create(key, implementation);
        using var reference = new AesGcm(key, AesContext.TagSize);
        const int bound = AesContext.ShortCallBytes;
        foreach (int aadLength in new[] { 0, 12, 64 })
        {
            foreach (int total in new[] { bound - 1, bound, bound + 1, bound + 16, 65_536 })
            {
                int length = total - aadLength;
                string what = $"{implementation}, {TestSeed.Describe(seed)}, {length} bytes + {aadLength} of AAD";
                byte[] nonce = Bytes.Random(random, AesContext.NonceSize);
                byte[] aad = Bytes.Random(random, aadLength);
                byte[] plaintext = Bytes.Random(random, length);
                var expected = new byte[length];
                var expectedTag = new byte[AesContext.TagSize];
                reference.Encrypt(nonce, plaintext, expected, expectedTag, aad);

                var ciphertext = new byte[length];
                var tag = new byte[AesContext.TagSize];
                context.SealGcm(nonce, plaintext, ciphertext, tag, aad);
                Bytes.Equal(expected, ciphertext, what + ": ciphertext");
                Bytes.Equal(expectedTag, tag, what + ": tag");

                var opened = new byte[length];
                Assert.True(context.TryOpenGcm(nonce, ciphertext, tag, opened, aad), what + ": open failed");
                Bytes.Equal(plaintext, opened, what + ": opened");

                tag[0] ^= 1;
                Assert.False(context.TryOpenGcm(nonce, ciphertext, tag, opened, aad), what + ": a changed tag opened");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.Native), MemberType = typeof(Implementations))]
    public void TransformCtrAndEncryptBlock_AgreeWithManaged_OnRandomInputs(AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        for (int i = 0; i < 300; i++)
        {
            byte[] key = Bytes.Random(random, random.Next(2) == 0 ? 16 : 32);
            string context = $"{implementation}, {TestSeed.Describe(seed)}, iteration {i}";
            using var native = AesContext.Create(key, implementation);
            using var managed = AesContext.Create(key, AesImplementation.Managed);

            byte[] counter = Bytes.Random(random, AesContext.BlockSize);
            byte[] input = Bytes.Random(random, random.Next(MaxLength + 1));
            var expected = new byte[input.Length];
            var actual = new byte[input.Length];
            managed.TransformCtr(counter, input, expected);
            native.TransformCtr(counter, input, actual);
            Bytes.Equal(expected, actual, context + $": CTR of {input.Length} bytes");

            managed.KeyStreamCtr(counter, expected);
            native.KeyStreamCtr(counter, actual);
            Bytes.Equal(expected, actual, context + $": CTR keystream of {input.Length} bytes");

            var blockExpected = new byte[AesContext.BlockSize];
            var blockActual = new byte[AesContext.BlockSize];
            managed.EncryptBlock(counter, blockExpected);
            native.EncryptBlock(counter, blockActual);
            Bytes.Equal(blockExpected, blockActual, context + ": EncryptBlock");
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.Native), MemberType = typeof(Implementations))]
    public unsafe void AeadBatch_AgreesWithAesGcm_OnRandomBatchesOfMixedContexts(AesImplementation implementation)
    {
        const int BatchSize = 32;
        const int Batches = Iterations / BatchSize;
        int seed = TestSeed.Next();
        var random = new Random(seed);

        // Eight keys; each packet picks one and runs on the implementation under test, or on Managed
        // for one packet in four, so native and managed packets share batches.
        var keys = Enumerable.Range(0, 8).Select(i => Bytes.Random(random, i % 2 == 0 ? 16 : 32)).ToArray();
        var native = keys.Select(k => AesContext.Create(k, implementation)).ToArray();
        var managed = keys.Select(k => AesContext.Create(k, AesImplementation.Managed)).ToArray();
        var reference = keys.Select(k => new AesGcm(k, AesContext.TagSize)).ToArray();
        using var batch = new AeadBatch(BatchSize);
        var packets = new Packet[BatchSize];
        try
        {
            for (int b = 0; b < Batches; b++)
            {
                string context = $"{implementation}, {TestSeed.Describe(seed)}, batch {b}";
                batch.Clear();
                for (int i = 0; i < BatchSize; i++)
                {
                    int k = random.Next(keys.Length);
                    packets[i] = Packet.Random(random, k, random.Next(4) == 0 ? managed[k] : native[k], MaxLength, MaxAad);
                    packets[i].AddTo(batch);
                }

                batch.SealAll();
                for (int i = 0; i < BatchSize; i++)
                {
                    Packet p = packets[i];
                    Assert.True(batch.Succeeded(i), $"{context}, packet {i}: seal failed");
                    var expected = new byte[p.Plaintext.Length];
                    var expectedTag = new byte[AesContext.TagSize];
                    reference[p.Key].Encrypt(p.Nonce, p.Plaintext, expected, expectedTag, p.Aad);
                    string where = $"{context}, packet {i} ({p.Context.Implementation}, {p.Plaintext.Length} bytes, {p.Aad.Length} AAD)";
                    Bytes.Equal(expected, p.Data, where + ": sealed data vs AesGcm");
                    Bytes.Equal(expectedTag, p.Tag, where + ": tag vs AesGcm");
                }

                batch.Clear();
                foreach (Packet p in packets)
                {
                    p.AddTo(batch);
                }

                Assert.Equal(0, batch.OpenAll());
                for (int i = 0; i < BatchSize; i++)
                {
                    Assert.True(batch.Succeeded(i), $"{context}, packet {i}: open failed");
                    Bytes.Equal(packets[i].Plaintext, packets[i].Data, $"{context}, packet {i}: opened data");
                }

                Array.ForEach(packets, p => p.Dispose());
            }
        }
        finally
        {
            Array.ForEach(packets, p => p?.Dispose());
            Array.ForEach(native, c => c.Dispose());
            Array.ForEach(managed, c => c.Dispose());
            Array.ForEach(reference, c => c.Dispose());
        }
    }
}
