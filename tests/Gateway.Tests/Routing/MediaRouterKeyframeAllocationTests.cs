using System.Diagnostics;
using Gateway.Transport;
using static Gateway.Tests.Routing.VideoPackets;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterKeyframeAllocationTests
{
    [Fact]
    public void KeyframeGating_AllocatesNothingPerPacket_PayloadAndDescriptorDetection()
    {
        const int Blocks = 200;
        const int BlockLength = 100;
        const int Held = 20;
        using var harness = new RouterHarness(keep: false);
        harness.CreateMeeting("m", maxPacketsPerSecond: 1_000_000);
        var plain = harness.JoinWith("m", "plain", e2ee: false, Track(0xA0));
        var encrypted = harness.JoinWith("m", "encrypted", e2ee: true, Track(0xB0, descriptor: true));
        harness.Join("m", "s1");
        harness.Join("m", "s2");

        // Each block the publishers restart their numbering (a jump of 5000): every subscriber waits again, the
        // first Held packets are held back (and a PLI goes up when the throttle lets it), then a key frame starts it.
        byte[][] wire = new byte[2 * Blocks * BlockLength][];
        int w = 0;
        for (int block = 0; block < Blocks; block++)
        {
            for (int i = 0; i < BlockLength; i++)
            {
                ushort sequence = (ushort)((block * 5_000) + i);
                uint timestamp = (uint)(((block * BlockLength) + i) * 3_000);
                bool key = i == Held;
                wire[w++] = plain.Protect(Packet(0xA0, sequence, timestamp, Vp8PayloadType,
                    key ? Vp8KeyframeStart : i % 4 == 0 ? Vp8InterStart : Vp8Continuation));
                wire[w++] = encrypted.Protect(Packet(0xB0, sequence, timestamp, Vp8PayloadType, new byte[120],
                    key ? DescriptorKeyframe : i % 4 == 0 ? DescriptorDeltaStart : DescriptorMiddle));
            }
        }

        IMediaHandler handler = harness.Handler;
        long now = harness.Now;
        int warmup = 2 * 2 * BlockLength;
        for (int i = 0; i < warmup; i++)
        {
            now += Stopwatch.Frequency / 1_000;
            handler.OnPacket(wire[i], i % 2 == 0 ? plain.Path : encrypted.Path, now, harness.Sink);
        }

        handler.OnTick(now, harness.Sink);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = warmup; i < wire.Length; i++)
        {
            now += Stopwatch.Frequency / 1_000;
            handler.OnPacket(wire[i], i % 2 == 0 ? plain.Path : encrypted.Path, now, harness.Sink);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        // Per publisher: 3 subscribers each held back Held packets per block and got the rest.
        Assert.Equal(2L * 3 * Blocks * Held, harness.Counters.Drops(MediaDropReason.KeyframeWait));
        Assert.Equal(2L * 3 * Blocks * (BlockLength - Held), harness.Counters.Forwarded);
    }
}
