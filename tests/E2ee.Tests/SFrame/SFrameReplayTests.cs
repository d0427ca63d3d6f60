using Gateway.Crypto.Native.Replay;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

/// <summary>The replay window per receive KID: duplicates and too-old counters refused, reordering within the window accepted.</summary>
public sealed class SFrameReplayTests
{
    private const int Window = 128;

    [Fact]
    public void ReorderedFramesWithinTheWindow_AreAcceptedOnce()
    {
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(SFrameCipherSuite.AesGcm256Sha512_128, 9, new byte[32], Window);
        using (sender)
        using (receiver)
        {
            byte[][] frames = [.. Enumerable.Range(0, 300).Select(_ => SFrameTestData.Protect(sender, default, new byte[8]))];
            byte[] output = new byte[8];
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frames[200], output, out _, out _));

            // 200 - 127 = 73 is the oldest counter still inside the window.
            foreach (int i in new[] { 199, 73, 150, 201, 100 })
            {
                Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frames[i], output, out _, out _));
            }

            foreach (int i in new[] { 199, 73, 150, 201, 100, 200 })
            {
                Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, frames[i], output, out _, out _));
            }

            // Highest is now 201: 74 is the oldest accepted, 73 (already seen) and anything older is refused.
            Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, frames[72], output, out _, out _));
            Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, frames[0], output, out _, out _));
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frames[74], output, out _, out _));

            // A jump far ahead leaves everything before the new window too old, everything inside it new.
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frames[299], output, out _, out _));
            Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, frames[171], output, out _, out _));
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frames[172], output, out _, out _));
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, frames[250], output, out _, out _));
        }
    }

    [Fact]
    public void AFrameThatFailsAuthentication_DoesNotMoveTheWindow()
    {
        (SFrameContext sender, SFrameContext receiver) = SFrameTestData.Pair(SFrameCipherSuite.AesGcm128Sha256_128, 1, new byte[16], Window);
        using (sender)
        using (receiver)
        {
            byte[] first = SFrameTestData.Protect(sender, default, new byte[8]);
            sender.SetNextCounter(10_000);
            byte[] far = SFrameTestData.Protect(sender, default, new byte[8]);
            far[^1] ^= 1;
            byte[] output = new byte[8];
            Assert.Equal(SFrameStatus.AuthenticationFailed, receiver.Unprotect(default, far, output, out _, out _));
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, first, output, out _, out _));
            far[^1] ^= 1;
            Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, far, output, out _, out _));
            Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, far, output, out _, out _));
        }
    }

    [Fact]
    public void ReplacingAReceiveKey_StartsAFreshWindow_AndEachKidHasItsOwn()
    {
        using var sender = new SFrameContext();
        using var receiver = new SFrameContext();
        byte[] keyA = new byte[32];
        byte[] keyB = [.. Enumerable.Repeat((byte)7, 32)];
        receiver.AddReceiveKey(1, keyA);
        receiver.AddReceiveKey(2, keyB);
        sender.SetSendKey(1, keyA);
        byte[] a0 = SFrameTestData.Protect(sender, default, new byte[4]);
        sender.SetSendKey(2, keyB);
        byte[] b0 = SFrameTestData.Protect(sender, default, new byte[4]);
        byte[] output = new byte[4];

        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, a0, output, out _, out ulong kid));
        Assert.Equal(1UL, kid);
        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, b0, output, out _, out kid));
        Assert.Equal(2UL, kid);
        Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, a0, output, out _, out _));

        receiver.AddReceiveKey(1, keyA);
        Assert.Equal(2, receiver.ReceiveKeyCount);
        Assert.Equal(SFrameStatus.Ok, receiver.Unprotect(default, a0, output, out _, out _));
        Assert.Equal(SFrameStatus.Replayed, receiver.Unprotect(default, b0, output, out _, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(128)]
    [InlineData(1000)]
    public void Window_MatchesASetOfSeenCounters(int size)
    {
        // The model: a counter is acceptable iff never accepted and within size of the highest accepted.
        int seed = TestSeed.Next();
        var random = new Random(seed);
        var window = new ReplayWindow(size);
        var seen = new HashSet<ulong>();
        ulong highest = 0;
        bool any = false;
        ulong next = 1000;
        for (int i = 0; i < 20_000; i++)
        {
            next += (ulong)random.Next(0, 3) * (ulong)(random.Next(10) == 0 ? random.Next(1, 3 * size) : 1);
            ulong counter = next - (ulong)random.Next(0, Math.Min(2 * size + 2, 1000));
            bool expected = !any || counter > highest || (highest - counter < (ulong)size && !seen.Contains(counter));
            Assert.True(expected == (window.Check(counter) == ReplayCheck.Fresh), $"size {size}, step {i}, counter {counter}, highest {highest}: expected {expected} ({TestSeed.Describe(seed)})");
            if (expected)
            {
                window.Accept(counter);
                seen.Add(counter);
                highest = any ? Math.Max(highest, counter) : counter;
                any = true;
            }
        }
    }
}
