using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

public sealed class SFrameRoundTripTests
{
    public static TheoryData<SFrameCipherSuite, int> SuitesAndSizes()
    {
        var data = new TheoryData<SFrameCipherSuite, int>();
        foreach (SFrameCipherSuite suite in Enum.GetValues<SFrameCipherSuite>())
        {
            foreach (int size in new[] { 0, 1, 1200, 64 * 1024 })
            {
                data.Add(suite, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuitesAndSizes))]
    public void ProtectThenUnprotect_GivesThePlaintextBack(SFrameCipherSuite suite, int size)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] baseKey = Bytes.Random(random, 32);
        ulong keyId = (ulong)random.NextInt64();
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(suite, keyId, baseKey);
        using (sender)
        using (receiver)
        {
            foreach (byte[] metadata in new[] { Array.Empty<byte>(), Bytes.Random(random, 12), Bytes.Random(random, 1000) })
            {
                byte[] plaintext = Bytes.Random(random, size);
                ulong counter = sender.NextCounter;
                int expectedLength = sender.ProtectedLength(size);
                byte[] frame = new byte[size + sender.MaxOverhead];
                Assert.Equal(SFrameStatus.Ok, sender.Protect(metadata, plaintext, frame, out int written));
                Assert.Equal(expectedLength, written);
                Assert.Equal(SFrameHeader.EncodedLength(keyId, counter) + size + TagSize(suite), written);
                Assert.Equal(counter + 1, sender.NextCounter);

                Assert.True(SFrameHeader.TryRead(frame, out ulong kid, out ulong ctr, out _));
                Assert.Equal((keyId, counter), (kid, ctr));

                byte[] output = new byte[size];
                Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(metadata, frame.AsSpan(0, written), output, out int plainLength, out ulong receivedKid));
                Assert.Equal(keyId, receivedKid);
                Assert.Equal(size, plainLength);
                Bytes.Equal(plaintext, output, $"{suite}, {size} bytes, {metadata.Length} bytes of metadata, {TestSeed.Describe(seed)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void SameFrameTwice_GivesDifferentCiphertexts(SFrameCipherSuite suite)
    {
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(suite, 7, new byte[16]);
        using (sender)
        using (receiver)
        {
            byte[] plaintext = new byte[64];
            byte[] first = SFrameTestData.Protect(sender, default, plaintext);
            byte[] second = SFrameTestData.Protect(sender, default, plaintext);
            Assert.NotEqual(first.AsSpan(1).ToArray(), second.AsSpan(1).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void WrongBaseKey_FailsAuthentication(SFrameCipherSuite suite)
    {
        using var sender = new SFrameContext(suite);
        using var receiver = new SFrameContext(suite);
        sender.SetSendKey(3, [1, 2, 3, 4]);
        receiver.AddReceiveKey(3, [1, 2, 3, 5]);
        byte[] frame = SFrameTestData.Protect(sender, default, new byte[100]);
        Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(default, frame, new byte[100], out int written, out ulong kid));
        Assert.Equal(0, written);
        Assert.Equal(3UL, kid);
    }

    [Fact]
    public void KeyDerivation_DependsOnTheKid()
    {
        // Same base key under another KID gives another sframe_key: a frame re-labelled with the other KID fails.
        using var sender = new SFrameContext();
        using var receiver = new SFrameContext();
        byte[] baseKey = new byte[32];
        sender.SetSendKey(1, baseKey);
        receiver.AddReceiveKey(2, baseKey);
        byte[] frame = SFrameTestData.Protect(sender, default, new byte[10]);
        Assert.Equal(0x10, frame[0] & 0xF0); // KID 1 inline
        frame[0] = (byte)((frame[0] & 0x0F) | 0x20); // KID 2 inline
        Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(default, frame, new byte[10], out _, out ulong kid));
        Assert.Equal(2UL, kid);
    }

    [Fact]
    public void SuitesDoNotInteroperate()
    {
        using var sender = new SFrameContext(SFrameCipherSuite.AesGcm128Sha256_128);
        using var receiver = new SFrameContext(SFrameCipherSuite.AesCtr128HmacSha256_80);
        sender.SetSendKey(1, new byte[16]);
        receiver.AddReceiveKey(1, new byte[16]);
        byte[] frame = SFrameTestData.Protect(sender, default, new byte[10]);
        Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(default, frame, new byte[32], out _, out _));
    }

    private static int TagSize(SFrameCipherSuite suite) => suite switch
    {
        SFrameCipherSuite.AesCtr128HmacSha256_80 => 10,
        SFrameCipherSuite.AesCtr128HmacSha256_64 => 8,
        SFrameCipherSuite.AesCtr128HmacSha256_32 => 4,
        _ => 16,
    };
}
