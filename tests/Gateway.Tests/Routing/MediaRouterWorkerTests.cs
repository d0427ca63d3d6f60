using System.Buffers.Binary;
using Gateway.Routing;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterWorkerTests
{
    [Fact]
    public async Task Meetings_AreSpreadOverTheWorkers_AndPacketsAreOwnedByTheirMeetingsWorker()
    {
        using var router = new MediaRouter(new RoutingOptions());
        var workers = new SyncMediaWorkers(2);
        router.Attach(workers);
        var counters = new[] { new MediaCounters(), new MediaCounters() };
        var handlers = new[] { router.CreateHandler(0, counters[0]), router.CreateHandler(1, counters[1]) };
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(CreateMeetingStatus.Created, router.CreateMeeting(new MeetingOptions { Id = $"m{i}" }, out _));
        }

        Assert.Equal(2, router.MeetingsOf(0).Count);
        Assert.Equal(2, router.MeetingsOf(1).Count);

        // A join runs on the owning worker; the packet's owner is that worker and only its handler forwards it.
        int owner = router.MeetingsOf(1)[0].Worker;
        string meeting = router.MeetingsOf(1)[0].Id;
        byte[] key = new byte[28];
        MediaPath path = RouterTestClient.UdpPath(42_000);
        var joined = await router.JoinAsync(meeting, RouterHarness.Spec("a", key, path, [RouterHarness.Audio(5)]), TestContext.Current.CancellationToken);
        Assert.Equal(JoinStatus.Joined, joined.Status);
        byte[] rtp = RouterTestClient.RtpPacket(5, 1, 1, [1]);
        Assert.Equal(owner, router.OwnerOf(rtp, path));
        Assert.Equal(owner, router.OwnerOf(rtp, RouterTestClient.UdpPath(42_001)));

        // Handed to the wrong worker by mistake, a packet is dropped, not processed on a thread that does not own it.
        handlers[0].OnPacket(rtp, path, 0, new CollectingMediaSink());
        Assert.Equal(1, counters[0].Drops(MediaDropReason.UnknownSource));
    }

    [Fact]
    public void FramedConnection_IsLatchedOnTheFirstAuthenticatedPacket_AndUsedForSending()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b", RouterHarness.Audio(2));
        var connection = new TestFramedConnection(7);
        var tcp = new MediaPath(connection);

        b.Path = tcp;
        b.SendRtp(b.Ssrc, [1]);
        Assert.Single(a.ReceiveRtp());
        Assert.Equal(0, harness.Router.OwnerOf(RouterTestClient.RtpPacket(0x77, 1, 1, [1]), tcp));

        a.SendRtp(a.Ssrc, [2]);
        var sent = Assert.Single(harness.Sink.Sent);
        Assert.Same(connection, sent.Path.Connection);
        Assert.Single(b.ReceiveRtp());
    }

    [Fact]
    public void Rtx_IsForwardedOnTheRtxSsrc_AndNotCachedAsMedia()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Video(0x10, rtx: 0x11));
        var b = harness.Join("m", "b");
        a.SendRtp(0x10, [1], sequence: 50);
        a.SendRtp(0x11, [0, 50, 1], sequence: 900);
        var received = b.ReceiveRtp();
        Assert.Equal(2, received.Count);
        Assert.Equal(0x11u, BinaryPrimitives.ReadUInt32BigEndian(received[1].AsSpan(8)));
        Assert.Equal(900, BinaryPrimitives.ReadUInt16BigEndian(received[1].AsSpan(2)));
    }
}
