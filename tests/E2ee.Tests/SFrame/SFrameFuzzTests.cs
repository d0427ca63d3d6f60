using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>Random bytes and truncated or extended frames go through TryRead and Unprotect as values, never exceptions.</summary>
public sealed class SFrameFuzzTests
{
    [Fact]
    public void TryRead_OfRandomBytes_NeverThrows_AndAgreesWithTheConfigByte()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        Span<byte> rewritten = stackalloc byte[SFrameHeader.MaxLength];
        for (int i = 0; i < 100_000; i++)
        {
            byte[] bytes = Bytes.Random(random, random.Next(0, 20));
            bool ok = SFrameHeader.TryRead(bytes, out ulong kid, out ulong ctr, out int length);
            if (bytes.Length == 0)
            {
                Assert.False(ok);
                continue;
            }

            int config = bytes[0];
            int expectedLength = 1 + ((config & 0x80) != 0 ? ((config >> 4) & 7) + 1 : 0) + ((config & 0x08) != 0 ? (config & 7) + 1 : 0);
            Assert.True(ok == (bytes.Length >= expectedLength), $"{Convert.ToHexString(bytes)} ({TestSeed.Describe(seed)})");
            if (ok)
            {
                Assert.Equal(expectedLength, length);

                // Written back in the shortest form, it reads the same.
                Assert.True(SFrameHeader.TryWrite(rewritten, kid, ctr, out int written));
                Assert.True(written <= length);
                Assert.True(SFrameHeader.TryRead(rewritten[..written], out ulong kid2, out ulong ctr2, out _));
                Assert.Equal((kid, ctr), (kid2, ctr2));
            }
            else
            {
                Assert.Equal((0UL, 0UL, 0), (kid, ctr, length));
            }
        }
    }

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void Unprotect_OfRandomBytes_NeverThrows(SFrameCipherSuite suite)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var receiver = new SFrameContext(suite);
        for (ulong kid = 0; kid < 8; kid++)
        {
            receiver.AddReceiveKey(kid, [(byte)kid]);
        }

        byte[] output = new byte[64];
        int accepted = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] frame = Bytes.Random(random, random.Next(0, 60));
            if (random.Next(2) == 0 && frame.Length > 0)
            {
                frame[0] &= 0x77; // inline KID 0-7 and CTR 0-7: the key is found, the tag is checked
            }

            SFrameStatus status = receiver.Unprotect(default, frame, output.AsSpan(0, random.Next(0, 65)), out int written, out _);
            accepted += status == SFrameStatus.Ok ? 1 : 0;
            Assert.True(status == SFrameStatus.Ok || written == 0);
        }

        // A random 4-byte tag passes once in 2^32: with 20,000 tries, a pass means the tag is not checked.
        Assert.True(accepted == 0, $"{accepted} random frames were accepted ({TestSeed.Describe(seed)}).");
    }

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void Unprotect_OfTruncatedOrExtendedFrames_Refuses(SFrameCipherSuite suite)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(suite, 1000, Bytes.Random(random, 16));
        using (sender)
        using (receiver)
        {
            sender.SetNextCounter(70_000);
            byte[] frame = SFrameTestData.Protect(sender, default, Bytes.Random(random, 40));
            byte[] output = new byte[frame.Length + 8];
            for (int cut = 0; cut < frame.Length; cut++)
            {
                SFrameStatus status = receiver.Unprotect(default, frame.AsSpan(0, cut), output, out int written, out _);
                Assert.True(status is SFrameStatus.Malformed or SFrameStatus.AuthenticationFailed, $"cut to {cut}: {status}");
                Assert.Equal(0, written);
            }

            byte[] longer = [.. frame, (byte)random.Next(256)];
            Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(default, longer, output, out _, out _));
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frame, output, out _, out _));
        }
    }
}
