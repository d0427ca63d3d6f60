using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Crypto.Native.Replay;

namespace Gateway.Crypto.Native.Tests;

/// <summary>Prefetching is a hint: on anything — null, objects, arrays, native memory, a disposed key — it does nothing observable.</summary>
public sealed class CachePrefetchTests
{
    [Fact]
    public void Instance_AndNative_AcceptAnything()
    {
        CachePrefetch.Instance(null);
        CachePrefetch.Instance(null, 4);
        CachePrefetch.Instance(new object());
        CachePrefetch.Instance(new byte[10_000], 8);
        CachePrefetch.Instance("text", 0);
        CachePrefetch.Native(0, 10);
        CachePrefetch.Native(1, 10);
        default(PrefetchTarget).Prefetch();
    }

    [Theory]
    [MemberData(nameof(Implementations.All), MemberType = typeof(Implementations))]
    public void KeySchedulePrefetch_ChangesNoSeal_AndIsHarmlessAfterDispose(AesImplementation implementation)
    {
        byte[] key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        byte[] nonce = new byte[12];
        byte[] plaintext = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        byte[] expected = new byte[200];
        byte[] expectedTag = new byte[16];
        byte[] actual = new byte[200];
        byte[] actualTag = new byte[16];
        using (AesContext reference = AesContext.Create(key, implementation))
        {
            reference.SealGcm(nonce, plaintext, expected, expectedTag);
        }

        AesContext context = AesContext.Create(key, implementation);
        context.KeySchedule.Prefetch();
        context.SealGcm(nonce, plaintext, actual, actualTag);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedTag, actualTag);

        context.Dispose();
        context.KeySchedule.Prefetch();
    }

    [Fact]
    public void BitmapPrefetch_ChangesNoVerdict()
    {
        var window = new ReplayWindow(128);
        window.Accept(10);
        window.Bitmap.Prefetch();
        Assert.Equal(ReplayCheck.Replayed, window.Check(10));
        Assert.Equal(ReplayCheck.Fresh, window.Check(11));
    }
}
