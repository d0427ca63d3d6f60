using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>Every single-bit change of an SFrame ciphertext (header, encrypted frame, tag) or of its metadata is refused.</summary>
public sealed class SFrameTamperTests
{
    private const ulong KeyId = 5;

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void EverySingleBitFlip_OfTheFrame_IsRefused(SFrameCipherSuite suite)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] baseKey = Bytes.Random(random, 16);
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(suite, KeyId, baseKey);
        using (sender)
        using (receiver)
        {
            // Every KID a header flip can produce has a key, so those flips reach the tag check too.
            for (ulong kid = 0; kid < 8; kid++)
            {
                receiver.AddReceiveKey(kid, baseKey);
            }

            sender.SetNextCounter(300); // a 2-byte CTR field after the config byte
            byte[] metadata = Bytes.Random(random, 12);
            byte[] plaintext = Bytes.Random(random, 48);
            byte[] frame = SFrameTestData.Protect(sender, metadata, plaintext);
            byte[] output = new byte[frame.Length + 16];

            for (int bit = 0; bit < frame.Length * 8; bit++)
            {
                byte[] tampered = (byte[])frame.Clone();
                tampered[bit / 8] ^= (byte)(1 << (bit % 8));
                SFrameStatus status = receiver.Unprotect(metadata, tampered, output, out int written, out _);
                Assert.True(status != SFrameStatus.Ok, $"{suite}: flipping bit {bit} of {frame.Length * 8} was accepted ({TestSeed.Describe(seed)}).");
                Assert.Equal(0, written);
                Bytes.AllZero(output, $"{suite}: output after flipping bit {bit}");
            }

            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(metadata, frame, output, out int plainLength, out _));
            Bytes.Equal(plaintext, output.AsSpan(0, plainLength), $"{suite}: the untampered frame after all refusals");
        }
    }

    [Theory]
    [MemberData(nameof(SFrameTestData.AllSuites), MemberType = typeof(SFrameTestData))]
    public void EverySingleBitFlip_OfTheMetadata_FailsAuthentication(SFrameCipherSuite suite)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(suite, KeyId, Bytes.Random(random, 16));
        using (sender)
        using (receiver)
        {
            byte[] metadata = Bytes.Random(random, 20);
            byte[] frame = SFrameTestData.Protect(sender, metadata, Bytes.Random(random, 32));
            byte[] output = new byte[frame.Length];
            for (int bit = 0; bit < metadata.Length * 8; bit++)
            {
                byte[] tampered = (byte[])metadata.Clone();
                tampered[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(tampered, frame, output, out _, out _));
            }

            // A shorter or longer metadata is another AAD as well.
            Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(metadata.AsSpan(0, 19), frame, output, out _, out _));
            Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect([.. metadata, 0], frame, output, out _, out _));
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(metadata, frame, output, out _, out _));
        }
    }
}
