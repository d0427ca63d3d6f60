using System.Buffers.Binary;
using Gateway.Routing;
using Gateway.Rtp.Rtcp;
using Gateway.Rtp.Srtp;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterRtcpTests
{
    private const uint Video = 0x5EED;

    [Fact]
    public void Nack_IsServedFromTheCache_WithTheSameBytes_ThatDecryptToTheOriginal()
    {
        using var harness = new RouterHarness();
        var (a, b) = VideoPublisherAndSubscriber(harness);
        var plain = new Dictionary<ushort, byte[]>();
        for (ushort seq = 1; seq <= 10; seq++)
        {
            plain[seq] = a.SendRtp(Video, [(byte)seq, 0xEE, 0xFF], sequence: seq);
        }

        // Packet 5 is "lost" on the way to b: b decrypts all the others.
        byte[]? lostOnTheWire = null;
        foreach (byte[] wire in harness.Sink.TakeFor(b.Path))
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(2)) == 5)
            {
                lostOnTheWire = wire;
                continue;
            }

            Assert.Equal(SrtpResult.Ok, b.Receive.UnprotectRtp(wire, wire.Length, out _));
        }

        b.SendRtcp((Span<byte> d, out int w) => GenericNack.TryWrite(d, b.RtcpSsrc, Video, [new NackItem(5, 0)], out w));

        byte[] resent = Assert.Single(harness.Sink.TakeFor(b.Path));
        Assert.Equal(lostOnTheWire, resent);
        Assert.Equal(SrtpResult.Ok, b.Receive.UnprotectRtp(resent, resent.Length, out int end));
        Assert.Equal(plain[5], resent[..end]);
        Assert.Equal(1, harness.RouterHandler.RetransmittedFromCache);
        Assert.Empty(a.ReceiveRtcp());
    }

    [Fact]
    public void Nack_AfterTheSequenceWrapped_IsRetransmittedAtTheRightIndex()
    {
        const int Count = 70_000; // past one wrap of the 16-bit sequence number: ROC 1
        using var harness = new RouterHarness(new RoutingOptions { DefaultMaxPacketsPerSecond = 1_000_000 });
        var (a, b) = VideoPublisherAndSubscriber(harness);
        const int Lost = Count - 10;
        byte[]? lostPlain = null;
        for (int i = 0; i < Count; i++)
        {
            byte[] plain = a.SendRtp(Video, [(byte)i, (byte)(i >> 8), (byte)(i >> 16)], sequence: (ushort)i);
            foreach (byte[] wire in harness.Sink.TakeFor(b.Path))
            {
                if (i == Lost)
                {
                    lostPlain = plain;
                    continue;
                }

                Assert.Equal(SrtpResult.Ok, b.Receive.UnprotectRtp(wire, wire.Length, out _));
            }
        }

        b.SendRtcp((Span<byte> d, out int w) => GenericNack.TryWrite(d, b.RtcpSsrc, Video, [new NackItem(unchecked((ushort)Lost), 0)], out w));

        byte[] resent = Assert.Single(harness.Sink.TakeFor(b.Path));
        Assert.Equal(SrtpResult.Ok, b.Receive.UnprotectRtp(resent, resent.Length, out int end));
        Assert.Equal(lostPlain, resent[..end]);
    }

    [Fact]
    public void Nack_ForPacketsNotInTheCache_IsForwardedToThePublisher()
    {
        using var harness = new RouterHarness();
        var (a, b) = VideoPublisherAndSubscriber(harness);
        var c = harness.Join("m", "c");
        a.SendRtp(Video, [1], sequence: 100);
        a.SendRtp(Video, [3], sequence: 102); // 101 never reached the gateway
        b.ReceiveRtp();
        c.ReceiveRtp();

        b.SendRtcp((Span<byte> d, out int w) => GenericNack.TryWrite(d, b.RtcpSsrc, Video, [new NackItem(101, 0)], out w));

        Assert.Empty(harness.Sink.TakeFor(b.Path));
        byte[] upstream = Assert.Single(a.ReceiveRtcp());
        bool found = false;
        foreach (RtcpPacket packet in new RtcpCompoundPacket(upstream))
        {
            if (packet.PacketType == RtcpPacketType.TransportFeedback)
            {
                Assert.Equal(RtcpParseResult.Ok, GenericNack.TryParse(packet, out GenericNack nack));
                Assert.Equal(Video, nack.MediaSsrc);
                Assert.Equal(new NackItem(101, 0), nack.GetItem(0));
                found = true;
            }
        }

        Assert.True(found);
        Assert.Equal(1, harness.RouterHandler.NacksForwarded);

        // Another subscriber missing the same packet right after: the publisher is not asked twice; later it is.
        c.SendRtcp((Span<byte> d, out int w) => GenericNack.TryWrite(d, c.RtcpSsrc, Video, [new NackItem(101, 0)], out w));
        Assert.Empty(a.ReceiveRtcp());
        harness.Advance(150);
        c.SendRtcp((Span<byte> d, out int w) => GenericNack.TryWrite(d, c.RtcpSsrc, Video, [new NackItem(101, 0)], out w));
        Assert.Single(a.ReceiveRtcp());
        Assert.Equal(2, harness.RouterHandler.NacksForwarded);
    }

    [Fact]
    public void Pli_IsForwardedAtMostOncePerThrottleInterval()
    {
        using var harness = new RouterHarness();
        var (a, b) = VideoPublisherAndSubscriber(harness);
        var c = harness.Join("m", "c");
        a.SendRtp(Video, [1]);
        harness.Sink.Clear();

        b.SendRtcp((Span<byte> d, out int w) => PictureLossIndication.TryWrite(d, b.RtcpSsrc, Video, out w));
        harness.Advance(100);
        c.SendRtcp((Span<byte> d, out int w) => PictureLossIndication.TryWrite(d, c.RtcpSsrc, Video, out w));
        Assert.Equal(1, CountFeedback(a.ReceiveRtcp(), RtcpPacketType.PayloadFeedback));

        harness.Advance(450);
        b.SendRtcp((Span<byte> d, out int w) => PictureLossIndication.TryWrite(d, b.RtcpSsrc, Video, out w));
        byte[] second = Assert.Single(a.ReceiveRtcp());
        Assert.Equal(1, CountFeedback([second], RtcpPacketType.PayloadFeedback));
        foreach (RtcpPacket packet in new RtcpCompoundPacket(second))
        {
            if (packet.PacketType == RtcpPacketType.PayloadFeedback)
            {
                Assert.Equal(RtcpParseResult.Ok, PictureLossIndication.TryParse(packet, out PictureLossIndication pli));
                Assert.Equal(Video, pli.MediaSsrc);
            }
        }

        var track = Assert.Single(harness.Router.MeetingsOf(0)[0].Participants[0].Tracks);
        Assert.Equal(2, track.PictureLossForwarded);
        Assert.Equal(1, track.PictureLossThrottled);
    }

    [Fact]
    public void Remb_TheMinimumOfTheSubscribersGoesUpstream()
    {
        using var harness = new RouterHarness();
        var (a, b) = VideoPublisherAndSubscriber(harness);
        var c = harness.Join("m", "c");
        a.SendRtp(Video, [1]);
        harness.Sink.Clear();

        b.SendRtcp((Span<byte> d, out int w) => ReceiverEstimatedMaxBitrate.TryWrite(d, b.RtcpSsrc, 1_000_000, [Video], out w));
        c.SendRtcp((Span<byte> d, out int w) => ReceiverEstimatedMaxBitrate.TryWrite(d, c.RtcpSsrc, 500_000, [Video], out w));
        harness.Advance(100);
        b.SendRtcp((Span<byte> d, out int w) => ReceiverEstimatedMaxBitrate.TryWrite(d, b.RtcpSsrc, 2_000_000, [Video], out w));

        List<ulong> upstream = Rembs(a.ReceiveRtcp());
        Assert.Equal([1_000_000UL, 500_000UL], upstream);

        // After a second the (unchanged) minimum is repeated.
        harness.Advance(1_000);
        b.SendRtcp((Span<byte> d, out int w) => ReceiverEstimatedMaxBitrate.TryWrite(d, b.RtcpSsrc, 2_000_000, [Video], out w));
        Assert.Equal([500_000UL], Rembs(a.ReceiveRtcp()));
    }

    [Fact]
    public void Bye_FromAPublisher_EndsItsTrack_AndSubscribersAreTold()
    {
        using var harness = new RouterHarness();
        var (a, b) = VideoPublisherAndSubscriber(harness);
        var events = harness.Router.OpenEvents("m", b.Id)!;
        MediaRouterForwardingTests.Drain(events);
        a.SendRtp(Video, [1]);
        Assert.Single(b.ReceiveRtp());

        a.SendRtcp((Span<byte> d, out int w) => Goodbye.TryWrite(d, [Video], [], out w));
        var ended = Assert.Single(MediaRouterForwardingTests.Drain(events));
        Assert.Equal("track", ended.Type);
        Assert.Equal(true, ended.Data["ended"]);
        Assert.Equal(a.Id, ended.Data["participant"]);

        a.SendRtp(Video, [2]);
        Assert.Empty(b.ReceiveRtp());

        // A new reader's snapshot no longer lists the track.
        var snapshot = MediaRouterForwardingTests.Drain(harness.Router.OpenEvents("m", b.Id)!);
        Assert.DoesNotContain(snapshot, e => e.Type == "track");
    }

    [Fact]
    public void Tick_SendsReceiverReportsToPublishers_AndSenderReportsToSubscribers()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(0xAA));
        var b = harness.Join("m", "b");
        for (ushort seq = 10; seq < 20; seq++)
        {
            if (seq != 15)
            {
                a.SendRtp(0xAA, [1, 2, 3, 4], sequence: seq);
            }
        }

        a.SendRtcp((Span<byte> d, out int w) => SenderReport.TryWrite(d, 0xAA, 0xE000_0000_8000_0000UL, 19 * 960, 9, 36, [], out w));
        b.ReceiveRtp();
        harness.Advance(100);
        harness.Tick();

        byte[] toPublisher = Assert.Single(a.ReceiveRtcp());
        bool sawBlock = false;
        foreach (RtcpPacket packet in new RtcpCompoundPacket(toPublisher))
        {
            if (packet.PacketType == RtcpPacketType.ReceiverReport)
            {
                Assert.Equal(RtcpParseResult.Ok, ReceiverReport.TryParse(packet, out ReceiverReport rr));
                for (int i = 0; i < rr.ReportBlocks.Count; i++)
                {
                    ReportBlock block = rr.ReportBlocks[i];
                    Assert.Equal(0xAAu, block.Ssrc);
                    Assert.Equal(19u, block.HighestSequenceNumber);
                    Assert.Equal(1, block.CumulativeLost);
                    Assert.Equal(unchecked((uint)(0xE000_0000_8000_0000UL >> 16)), block.LastSenderReport);
                    Assert.InRange(block.DelaySinceLastSenderReport, 6_000u, 7_200u); // ~100 ms in 1/65536 s
                    sawBlock = true;
                }
            }
        }

        Assert.True(sawBlock);

        byte[] toSubscriber = Assert.Single(b.ReceiveRtcp());
        bool sawSr = false;
        bool sawSdes = false;
        foreach (RtcpPacket packet in new RtcpCompoundPacket(toSubscriber))
        {
            if (packet.PacketType == RtcpPacketType.SenderReport)
            {
                Assert.Equal(RtcpParseResult.Ok, SenderReport.TryParse(packet, out SenderReport sr));
                Assert.Equal(0xAAu, sr.Ssrc);
                Assert.Equal(9u, sr.PacketCount);
                Assert.Equal(36u, sr.OctetCount);
                Assert.True(sr.NtpTimestamp > 0xE000_0000_8000_0000UL);
                sawSr = true;
            }

            sawSdes |= packet.PacketType == RtcpPacketType.SourceDescription;
        }

        Assert.True(sawSr);
        Assert.True(sawSdes);
    }

    private static int CountFeedback(List<byte[]> compounds, int type)
    {
        int count = 0;
        foreach (byte[] compound in compounds)
        {
            foreach (RtcpPacket packet in new RtcpCompoundPacket(compound))
            {
                if (packet.PacketType == type)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static List<ulong> Rembs(List<byte[]> compounds)
    {
        var list = new List<ulong>();
        foreach (byte[] compound in compounds)
        {
            foreach (RtcpPacket packet in new RtcpCompoundPacket(compound))
            {
                if (packet.PacketType == RtcpPacketType.PayloadFeedback
                    && ReceiverEstimatedMaxBitrate.TryParse(packet, out ReceiverEstimatedMaxBitrate remb) == RtcpParseResult.Ok)
                {
                    list.Add(remb.Bitrate);
                }
            }
        }

        return list;
    }

    /// <summary>Meeting "m" with "a" publishing the video track <see cref="Video"/> and "b" receiving it.</summary>
    private static (RouterTestClient Publisher, RouterTestClient Subscriber) VideoPublisherAndSubscriber(RouterHarness harness)
    {
        harness.CreateMeeting("m");
        return (harness.Join("m", "a", RouterHarness.Video(Video)), harness.Join("m", "b"));
    }
}
