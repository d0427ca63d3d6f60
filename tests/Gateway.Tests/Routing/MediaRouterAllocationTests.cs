using System.Diagnostics;
using Gateway.Routing;
using Gateway.Rtp.Rtcp;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterAllocationTests
{
    [Fact]
    public void Forwarding_AllocatesNothingPerPacket_OnePublisherToThreeSubscribers()
    {
        const int Packets = 100_000;
        using var harness = new RouterHarness(keep: false);
        harness.CreateMeeting("m", maxPacketsPerSecond: 1_000_000);
        var publisher = harness.Join("m", "p", RouterHarness.Audio(0xA, levelId: 1));
        harness.Join("m", "s1");
        harness.Join("m", "s2");
        harness.Join("m", "s3");

        // Protected ahead of time (the client's work is not measured); each delivery gets its own copy since the
        // handler unprotects in place.
        const int Warmup = 1_000;
        byte[][] wire = new byte[Packets + Warmup][];
        for (int i = 0; i < wire.Length; i++)
        {
            byte[] rtp = RouterTestClient.RtpPacket(0xA, (ushort)i, (uint)i * 960, new byte[80], audioLevelId: 1, audioLevel: 30);
            wire[i] = publisher.Protect(rtp);
        }

        IMediaHandler handler = harness.Handler;
        MediaPath from = publisher.Path;
        long now = harness.Now;
        for (int i = 0; i < Warmup; i++)
        {
            handler.OnPacket(wire[i], from, now, harness.Sink);
        }

        handler.OnTick(now, harness.Sink);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = Warmup; i < wire.Length; i++)
        {
            now += Stopwatch.Frequency / 50_000;
            handler.OnPacket(wire[i], from, now, harness.Sink);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(3L * wire.Length, harness.Counters.Forwarded);
        Assert.Equal(0, harness.Counters.Drops(MediaDropReason.RateLimited));
    }

    [Fact]
    public void Feedback_AndPeriodicReports_AllocateNothing()
    {
        const int Rounds = 2_000;
        using var harness = new RouterHarness(new RoutingOptions { DefaultMaxPacketsPerSecond = 1_000_000 }, keep: false);
        harness.CreateMeeting("m");
        var publisher = harness.Join("m", "p", RouterHarness.Video(0xB, rtx: 0xC), RouterHarness.Audio(0xA, levelId: 1));
        var subscriber = harness.Join("m", "s");
        harness.Join("m", "t");
        IMediaHandler handler = harness.Handler;
        long now = harness.Now;
        ushort sequence = 0;

        // Media to fill the cache, and each round's feedback from the subscriber: a NACK for a cached packet, a
        // NACK for one never sent (goes upstream), a PLI (mostly throttled) and a REMB.
        byte[][] media = new byte[2 * (Rounds + 100)][];
        for (int i = 0; i < media.Length; i++)
        {
            media[i] = publisher.Protect(RouterTestClient.RtpPacket(0xB, sequence++, (uint)i * 3000, new byte[100]));
        }

        byte[][] feedback = new byte[Rounds + 100][];
        byte[] rtcp = new byte[256];
        for (int i = 0; i < feedback.Length; i++)
        {
            ushort cached = (ushort)(2 * i);
            Assert.True(ReceiverReport.TryWrite(rtcp, subscriber.RtcpSsrc, [], out int offset));
            Assert.True(GenericNack.TryWrite(rtcp.AsSpan(offset), subscriber.RtcpSsrc, 0xB, [new NackItem(cached, 0), new NackItem((ushort)(30_000 + i), 0)], out int w));
            offset += w;
            Assert.True(PictureLossIndication.TryWrite(rtcp.AsSpan(offset), subscriber.RtcpSsrc, 0xB, out w));
            offset += w;
            Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(rtcp.AsSpan(offset), subscriber.RtcpSsrc, 1_000_000 - (ulong)i, [0xB], out w));
            offset += w;
            feedback[i] = subscriber.ProtectRtcp(rtcp.AsSpan(0, offset));
        }

        int m = 0;
        for (int i = 0; i < 100; i++)
        {
            now += Stopwatch.Frequency / 1_000;
            handler.OnPacket(media[m++], publisher.Path, now, harness.Sink);
            handler.OnPacket(media[m++], publisher.Path, now, harness.Sink);
            handler.OnPacket(feedback[i], subscriber.Path, now, harness.Sink);
            handler.OnTick(now, harness.Sink);
        }

        long retransmittedBefore = harness.RouterHandler.RetransmittedFromCache;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 100; i < feedback.Length; i++)
        {
            now += Stopwatch.Frequency / 100; // 10 ms: a report round every 100
            handler.OnPacket(media[m++], publisher.Path, now, harness.Sink);
            handler.OnPacket(media[m++], publisher.Path, now, harness.Sink);
            handler.OnPacket(feedback[i], subscriber.Path, now, harness.Sink);
            handler.OnTick(now, harness.Sink);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Rounds, harness.RouterHandler.RetransmittedFromCache - retransmittedBefore);
        Assert.True(harness.RouterHandler.NacksForwarded >= Rounds);
        Assert.True(harness.RouterHandler.ReportsSent > 0);
    }
}
