using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>Key installation, status values for each refusal, counter exhaustion, argument checks and disposal.</summary>
public sealed class SFrameContextTests
{
    [Fact]
    public void Defaults_AreSuite5_AndMaxOverheadIsLongestHeaderPlusTag()
    {
        using var context = new SFrameContext();
        Assert.Equal(SFrameCipherSuite.AesGcm256Sha512_128, context.Suite);
        Assert.Equal(17 + 16, context.MaxOverhead);
        using var ctr32 = new SFrameContext(SFrameCipherSuite.AesCtr128HmacSha256_32);
        Assert.Equal(17 + 4, ctr32.MaxOverhead);
    }

    [Fact]
    public void Protect_WithoutASendKey_IsNoSendKey()
    {
        using var context = new SFrameContext();
        Assert.False(context.HasSendKey);
        Assert.Equal(SFrameStatus.NoSendKey, context.Protect(default, new byte[4], new byte[64], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Protect_IntoTooSmallADestination_ChangesNothing()
    {
        using var context = new SFrameContext();
        context.SetSendKey(1, new byte[32]);
        byte[] destination = new byte[1 + 10 + 16 - 1];
        Assert.Equal(SFrameStatus.DestinationTooSmall, context.Protect(default, new byte[10], destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));
        Assert.Equal(0UL, context.NextCounter);
        Assert.Equal(SFrameStatus.Ok, context.Protect(default, new byte[10], new byte[27], out written));
        Assert.Equal(27, written);
        Assert.Equal(1UL, context.NextCounter);
    }

    [Fact]
    public void Unprotect_IntoTooSmallADestination_LeavesTheFrameAcceptable()
    {
        using var sender = new SFrameContext();
        using var receiver = new SFrameContext();
        sender.SetSendKey(1, new byte[32]);
        receiver.AddReceiveKey(1, new byte[32]);
        byte[] frame = SFrameTestData.Protect(sender, default, new byte[10]);
        Assert.Equal(SFrameStatus.DestinationTooSmall, receiver.Unprotect(default, frame, new byte[9], out _, out _));
        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frame, new byte[10], out int written, out _));
        Assert.Equal(10, written);
    }

    [Fact]
    public void UnknownKid_AndRemovedKeys_AreUnknownKeyId()
    {
        using var sender = new SFrameContext();
        using var receiver = new SFrameContext();
        sender.SetSendKey(300, new byte[32]);
        byte[] frame = SFrameTestData.Protect(sender, default, new byte[10]);
        Assert.Equal(SFrameStatus.UnknownKeyId, receiver.Unprotect(default, frame, new byte[10], out _, out ulong kid));
        Assert.Equal(300UL, kid);

        receiver.AddReceiveKey(300, new byte[32]);
        receiver.AddReceiveKey(301, new byte[32]);
        Assert.Equal(2, receiver.ReceiveKeyCount);
        Assert.True(receiver.RemoveReceiveKey(300));
        Assert.False(receiver.RemoveReceiveKey(300));
        Assert.Equal(1, receiver.ReceiveKeyCount);
        Assert.Equal(SFrameStatus.UnknownKeyId, receiver.Unprotect(default, frame, new byte[10], out _, out _));
    }

    [Fact]
    public void LastKeyCache_DoesNotOutliveItsKey()
    {
        using var sender = new SFrameContext();
        using var receiver = new SFrameContext();
        sender.SetSendKey(1, new byte[32]);
        receiver.AddReceiveKey(1, new byte[32]);
        byte[] first = SFrameTestData.Protect(sender, default, new byte[4]);
        byte[] second = SFrameTestData.Protect(sender, default, new byte[4]);
        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, first, new byte[4], out _, out _));
        receiver.AddReceiveKey(1, new byte[] { 1 }); // another key under the same KID
        Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(default, second, new byte[4], out _, out _));
    }

    [Fact]
    public void SetSendKey_RestartsTheCounter()
    {
        using var context = new SFrameContext();
        context.SetSendKey(1, new byte[32]);
        SFrameTestData.Protect(context, default, new byte[4]);
        SFrameTestData.Protect(context, default, new byte[4]);
        Assert.Equal(2UL, context.NextCounter);
        context.SetSendKey(2, new byte[32]);
        Assert.Equal(0UL, context.NextCounter);
        Assert.Equal(2UL, context.SendKeyId);
        byte[] frame = SFrameTestData.Protect(context, default, new byte[4]);
        Assert.Equal(0x20, frame[0]); // KID 2, CTR 0, both inline
    }

    [Fact]
    public void TheLastCounter_IsUsedOnce_ThenCounterExhausted()
    {
        using var sender = new SFrameContext();
        using var receiver = new SFrameContext();
        sender.SetSendKey(1, new byte[32]);
        receiver.AddReceiveKey(1, new byte[32]);
        sender.SetNextCounter(ulong.MaxValue - 1);
        byte[] a = SFrameTestData.Protect(sender, default, new byte[4]);
        byte[] b = SFrameTestData.Protect(sender, default, new byte[4]);
        Assert.True(SFrameHeader.TryRead(b, out _, out ulong ctr, out _));
        Assert.Equal(ulong.MaxValue, ctr);
        Assert.Equal(SFrameStatus.CounterExhausted, sender.Protect(default, new byte[4], new byte[64], out int written));
        Assert.Equal(0, written);
        Assert.Equal(SFrameStatus.CounterExhausted, sender.Protect(default, new byte[4], new byte[64], out _));

        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, a, new byte[4], out _, out _));
        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, b, new byte[4], out _, out _));

        sender.SetSendKey(2, new byte[32]);
        Assert.Equal(SFrameStatus.Ok, sender.Protect(default, new byte[4], new byte[64], out _));
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SFrameContext((SFrameCipherSuite)0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SFrameContext((SFrameCipherSuite)6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SFrameContext(replayWindow: 0));
        using var context = new SFrameContext();
        Assert.Throws<ArgumentException>(() => context.SetSendKey(1, default));
        Assert.Throws<ArgumentException>(() => context.AddReceiveKey(1, default));

        context.SetSendKey(1, new byte[32]);
        byte[] buffer = new byte[100];
        Assert.Throws<ArgumentException>(() => context.Protect(default, buffer.AsSpan(0, 10), buffer.AsSpan(5), out _));
        Assert.Equal(0UL, context.NextCounter);
    }

    [Fact]
    public void AfterDispose_EveryCallThrows()
    {
        var context = new SFrameContext();
        context.SetSendKey(1, new byte[32]);
        context.AddReceiveKey(1, new byte[32]);
        context.Dispose();
        context.Dispose();
        Assert.Equal(0, context.ReceiveKeyCount);
        Assert.Throws<ObjectDisposedException>(() => context.Protect(default, new byte[1], new byte[64], out _));
        Assert.Throws<ObjectDisposedException>(() => context.Unprotect(default, new byte[40], new byte[64], out _, out _));
        Assert.Throws<ObjectDisposedException>(() => context.SetSendKey(1, new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => context.AddReceiveKey(1, new byte[1]));
    }
}
