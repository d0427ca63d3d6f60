using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Crypto.Native.Tests;

/// <summary>
/// Any flipped bit in ciphertext, tag, nonce or AAD makes the open fail, and a failed open leaves
/// zeros in the output, never candidate plaintext (SP 800-38D §7.2 step 8: return FAIL only).
/// </summary>
public sealed class AesContextTamperTests
{
    // Lengths around the block and vector-width edges; 0 has no ciphertext bit to flip.
    private static readonly int[] Lengths = [0, 1, 15, 16, 17, 63, 64, 65, 255, 256, 1200];

    private enum Field
    {
        Ciphertext,
        Tag,
        Nonce,
        Aad,
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void TryOpenGcm_AnyFlippedBit_ReturnsFalseAndLeavesZeros(AesImplementation implementation)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        foreach (int keyLength in new[] { 16, 32 })
        {
            using var context = AesContext.Create(Bytes.Random(random, keyLength), implementation);
            foreach (int length in Lengths)
            {
                byte[] nonce = Bytes.Random(random, AesContext.NonceSize);
                byte[] aad = Bytes.Random(random, 20);
                byte[] plaintext = Bytes.Random(random, length);
                var ciphertext = new byte[length];
                var tag = new byte[AesContext.TagSize];
                context.SealGcm(nonce, plaintext, ciphertext, tag, aad);

                foreach (Field field in Enum.GetValues<Field>())
                {
                    byte[] target = field switch
                    {
                        Field.Ciphertext => ciphertext,
                        Field.Tag => tag,
                        Field.Nonce => nonce,
                        _ => aad,
                    };
                    foreach (int bit in SampledBits(target.Length * 8, random))
                    {
                        string where = $"{implementation}, AES-{keyLength * 8}, {length} bytes, {field} bit {bit}, {TestSeed.Describe(seed)}";
                        target[bit / 8] ^= (byte)(1 << (bit % 8));
                        try
                        {
                            var output = new byte[length];
                            output.AsSpan().Fill(0xA5);
                            Assert.False(context.TryOpenGcm(nonce, ciphertext, tag, output, aad), where + ": the open succeeded");
                            Bytes.AllZero(output, where + ": output");

                            byte[] inPlace = (byte[])ciphertext.Clone();
                            Assert.False(context.TryOpenGcm(nonce, inPlace, tag, inPlace, aad), where + ": the open in place succeeded");
                            Bytes.AllZero(inPlace, where + ": output in place");
                        }
                        finally
                        {
                            target[bit / 8] ^= (byte)(1 << (bit % 8));
                        }
                    }
                }

                // And untouched, it opens: the flips, not the setup, made the opens fail.
                var opened = new byte[length];
                Assert.True(context.TryOpenGcm(nonce, ciphertext, tag, opened, aad), $"{implementation} {length} bytes: untampered open failed");
                Bytes.Equal(plaintext, opened, $"{implementation} {length} bytes: untampered open");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void TryOpenGcm_WrongKeyOrTruncatedData_ReturnsFalse(AesImplementation implementation)
    {
        var random = new Random(7714);
        byte[] key = Bytes.Random(random, 16);
        byte[] nonce = Bytes.Random(random, AesContext.NonceSize);
        byte[] plaintext = Bytes.Random(random, 100);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesContext.TagSize];
        using var context = AesContext.Create(key, implementation);
        context.SealGcm(nonce, plaintext, ciphertext, tag);

        key[0] ^= 1;
        using var other = AesContext.Create(key, implementation);
        var output = new byte[plaintext.Length];
        Assert.False(other.TryOpenGcm(nonce, ciphertext, tag, output));
        Bytes.AllZero(output, "wrong key");

        Assert.False(context.TryOpenGcm(nonce, ciphertext.AsSpan(0, 99), tag, output));
        Bytes.AllZero(output, "truncated");
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public unsafe void AeadBatch_OpenAll_ReportsEachTamperedPacketAndOpensTheOthers(AesImplementation implementation)
    {
        const int BatchSize = 32;
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var context = AesContext.Create(Bytes.Random(random, 16), implementation);
        using var managed = AesContext.Create(Bytes.Random(random, 32), AesImplementation.Managed);
        using var batch = new AeadBatch(BatchSize);
        var packets = new Packet[BatchSize];
        try
        {
            for (int i = 0; i < BatchSize; i++)
            {
                packets[i] = Packet.Random(random, 0, i % 5 == 4 ? managed : context, 1200, 24);
                packets[i].AddTo(batch);
            }

            batch.SealAll();

            // Tamper with one field of some packets: first/last bits and random ones.
            var tampered = new Dictionary<int, string>
            {
                [1] = Flip(packets[1].Tag, 0, "tag bit 0"),
                [4] = Flip(packets[4].Nonce, 95, "nonce bit 95"),
                [9] = packets[9].Aad.Length > 0 ? Flip(packets[9].Aad, 0, "aad bit 0") : Flip(packets[9].Tag, 127, "tag bit 127"),
                [14] = Flip(packets[14].Tag, 127, "tag bit 127"),
                [31] = Flip(packets[31].Tag, random.Next(128), "tag random bit"),
            };
            if (packets[20].Data.Length > 0)
            {
                tampered[20] = Flip(packets[20].Data, packets[20].Data.Length * 8 - 1, "last data bit");
            }

            batch.Clear();
            Array.ForEach(packets, p => p.AddTo(batch));
            int failed = batch.OpenAll();

            string where = $"{implementation}, {TestSeed.Describe(seed)}";
            Assert.Equal(tampered.Count, failed);
            for (int i = 0; i < BatchSize; i++)
            {
                if (tampered.TryGetValue(i, out string? what))
                {
                    Assert.False(batch.Succeeded(i), $"{where}: packet {i} ({what}) opened");
                    Bytes.AllZero(packets[i].Data, $"{where}: packet {i} ({what}) data");
                }
                else
                {
                    Assert.True(batch.Succeeded(i), $"{where}: packet {i} failed");
                    Bytes.Equal(packets[i].Plaintext, packets[i].Data, $"{where}: packet {i} data");
                }
            }
        }
        finally
        {
            Array.ForEach(packets, p => p?.Dispose());
        }
    }

    /// <summary>The first and last bit, a few around byte edges and a dozen random ones.</summary>
    private static SortedSet<int> SampledBits(int bits, Random random)
    {
        if (bits == 0)
        {
            return [];
        }

        var sample = new SortedSet<int> { 0, bits - 1, Math.Min(7, bits - 1), Math.Min(8, bits - 1), bits / 2 };
        for (int i = 0; i < 12; i++)
        {
            sample.Add(random.Next(bits));
        }

        return sample;
    }

    private static string Flip(Span<byte> bytes, int bit, string what)
    {
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return what;
    }
}
