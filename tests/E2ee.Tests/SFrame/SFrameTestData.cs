using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

internal static class SFrameTestData
{
    public static TheoryData<SFrameCipherSuite> AllSuites() =>
    [
        SFrameCipherSuite.AesCtr128HmacSha256_80,
        SFrameCipherSuite.AesCtr128HmacSha256_64,
        SFrameCipherSuite.AesCtr128HmacSha256_32,
        SFrameCipherSuite.AesGcm128Sha256_128,
        SFrameCipherSuite.AesGcm256Sha512_128,
    ];

    public static TheoryData<SFrameCipherSuite> GcmSuites() =>
        [SFrameCipherSuite.AesGcm128Sha256_128, SFrameCipherSuite.AesGcm256Sha512_128];

    /// <summary>A sender with a send key for <paramref name="keyId"/> and a receiver holding the same key.</summary>
    public static (SFrameContext Sender, SFrameContext Receiver) Pair(SFrameCipherSuite suite, ulong keyId, byte[] baseKey, int replayWindow = 128)
    {
        var sender = new SFrameContext(suite, replayWindow);
        var receiver = new SFrameContext(suite, replayWindow);
        sender.SetSendKey(keyId, baseKey);
        receiver.AddReceiveKey(keyId, baseKey);
        return (sender, receiver);
    }

    public static byte[] Protect(SFrameContext sender, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> plaintext)
    {
        byte[] buffer = new byte[plaintext.Length + sender.MaxOverhead];
        Assert.Equal(SFrameStatus.Ok, sender.Protect(metadata, plaintext, buffer, out int written));
        return buffer.AsSpan(0, written).ToArray();
    }
}
