using System.Buffers.Binary;
using Gateway.Rtp.Rtcp;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// Per-hop RTCP over real sockets, with SRTCP protected and unprotected by the clients' own sessions: NACKs
/// answered from the gateway's cache with the very packets first sent, PLIs from many subscribers throttled to one
/// per 500 ms towards the publisher, and the reports the gateway sends every second.
/// </summary>
public sealed class RtcpEndToEndTests
{
    private const uint Publisher = 0x5EED01;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Transports => RelayEndToEndTests.Transports;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_nack_is_answered_from_the_cache_with_the_same_packets_that_decrypt_to_the_originals(string transport)
    {
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "nack");
        await using var publisher = await SrtpEndToEndClient.JoinAsync(node, "nack", "pub", Publisher);
        await using var subscriber = await SrtpEndToEndClient.JoinAsync(node, "nack", "sub", null);

        const int Count = 20;
        var payloads = new List<byte[]>();
        for (int i = 0; i < Count; i++)
        {
            payloads.Add(PayloadStamp.Make(1, i, 100 + i));
            publisher.SendRtp(payloads[i]);
        }

        // Packets 2, 3 and 19 are "lost": the subscriber keeps their bytes but never unprotects them (its replay
        // window would otherwise refuse the retransmissions, which reuse their indices).
        int[] lostIndices = [2, 3, 19];
        var lost = new Dictionary<ushort, (byte[] Wire, byte[] Payload)>();
        int received = 0;
        uint mediaSsrc = 0;
        while (received < Count && subscriber.ReceivePacket(Patience) is byte[] wire)
        {
            if (SrtpEndToEndClient.IsRtcp(wire))
            {
                continue;
            }

            mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(wire.AsSpan(8));
            ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(2));
            if (lostIndices.Contains(received))
            {
                lost[sequence] = (wire, payloads[received]);
            }
            else
            {
                Assert.Equal(payloads[received], subscriber.Unprotect(wire).Payload);
            }

            received++;
        }

        Assert.Equal(Count, received);
        Assert.Equal(Publisher, mediaSsrc);

        ushort[] lostSequences = [.. lost.Keys];
        var items = new NackItem[4];
        Assert.True(NackList.TryCompact(lostSequences, items, out int itemCount));
        Assert.Equal(2, itemCount); // 2 and 3 share one entry (PID + BLP bit 0); 19 is 17 after 2, beyond its bitmask
        byte[] nack = new byte[64];
        Assert.True(GenericNack.TryWrite(nack, subscriber.RtcpSsrc, mediaSsrc, items.AsSpan(0, itemCount), out int nackLength));
        subscriber.SendRtcp(nack.AsSpan(0, nackLength));

        var resent = new List<byte[]>();
        while (resent.Count < lost.Count && subscriber.ReceivePacket(Patience) is byte[] wire)
        {
            if (!SrtpEndToEndClient.IsRtcp(wire))
            {
                resent.Add(wire);
            }
        }

        Assert.Equal(lost.Count, resent.Count);
        foreach (byte[] wire in resent)
        {
            var original = lost[BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(2))];
            Assert.Equal(original.Wire, wire);
            Assert.Equal(original.Payload, subscriber.Unprotect(wire).Payload);
        }

        // All were in the cache: nothing is asked of the publisher.
        Assert.DoesNotContain(Feedback(publisher, TimeSpan.FromMilliseconds(300)), packet => packet.Type == RtcpPacketType.TransportFeedback);
    }

    [Fact]
    public async Task Plis_from_two_subscribers_within_500_ms_reach_the_publisher_once_and_a_later_one_again()
    {
        await using var node = await RelayEndToEndTests.StartAsync("native");
        await MediaTestClient.CreateRoomAsync(node, "pli");
        await using var publisher = await SrtpEndToEndClient.JoinAsync(node, "pli", "pub", Publisher);
        await using var first = await SrtpEndToEndClient.JoinAsync(node, "pli", "sub1", null);
        await using var second = await SrtpEndToEndClient.JoinAsync(node, "pli", "sub2", null);
        publisher.SendRtp(PayloadStamp.Make(1, 0));
        Assert.Single(first.ReceiveRtp(1, Patience));
        Assert.Single(second.ReceiveRtp(1, Patience));

        byte[] pli = new byte[PictureLossIndication.Length];
        Assert.True(PictureLossIndication.TryWrite(pli, first.RtcpSsrc, Publisher, out _));
        first.SendRtcp(pli);
        var sentAt = DateTime.UtcNow;
        Assert.True(PictureLossIndication.TryWrite(pli, second.RtcpSsrc, Publisher, out _));
        second.SendRtcp(pli);

        var upstream = Feedback(publisher, TimeSpan.FromMilliseconds(400));
        Assert.Single(upstream, packet => packet.Type == RtcpPacketType.PayloadFeedback && packet.Format == RtcpFeedbackFormat.PictureLossIndication && packet.MediaSsrc == Publisher);

        // The throttle runs on the gateway's clock from the forwarded one; 700 ms leaves room for scheduling delays.
        TimeSpan wait = sentAt + TimeSpan.FromMilliseconds(700) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }

        second.SendRtcp(pli);
        upstream = Feedback(publisher, TimeSpan.FromMilliseconds(400));
        Assert.Single(upstream, packet => packet.Type == RtcpPacketType.PayloadFeedback && packet.Format == RtcpFeedbackFormat.PictureLossIndication && packet.MediaSsrc == Publisher);
    }

    [Fact]
    public async Task The_gateway_sends_a_subscriber_an_sr_and_the_publisher_an_rr_within_two_seconds()
    {
        await using var node = await RelayEndToEndTests.StartAsync("native");
        await MediaTestClient.CreateRoomAsync(node, "reports");
        await using var publisher = await SrtpEndToEndClient.JoinAsync(node, "reports", "pub", Publisher);
        await using var subscriber = await SrtpEndToEndClient.JoinAsync(node, "reports", "sub", null);

        const int Count = 10;
        const int PayloadLength = 160;
        ushort last = 0;
        for (int i = 0; i < Count; i++)
        {
            last = publisher.SendRtp(PayloadStamp.Make(1, i, PayloadLength));
        }

        var rtcp = new List<byte[]>();
        Assert.Equal(Count, subscriber.ReceiveRtp(Count, Patience, rtcp).Count);

        // The SR describes the stream as this subscriber got it: packets and payload octets (RFC 3550 §6.4.1).
        // An SR sent while the packets were still flowing counts fewer: wait for one sent after the last.
        SenderInfo? report = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (report is null)
        {
            report = rtcp.Select(packet => FindSenderReport(subscriber.UnprotectRtcp(packet), Publisher))
                .LastOrDefault(found => found is not null && found.PacketCount == Count);
            rtcp.Clear();
            if (report is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "no SR counting every forwarded packet within 5 s");
                subscriber.ReceiveRtp(1, TimeSpan.FromMilliseconds(100), rtcp);
            }
        }

        Assert.Equal((uint)Count, report.PacketCount);
        Assert.Equal((uint)(Count * PayloadLength), report.OctetCount);

        // The publisher's RR has a block for its stream: the highest sequence number the gateway received, no loss.
        ReportBlock? block = null;
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (block is null && DateTime.UtcNow < deadline)
        {
            if (publisher.ReceivePacket(TimeSpan.FromMilliseconds(100)) is byte[] packet && SrtpEndToEndClient.IsRtcp(packet))
            {
                block = FindReportBlock(publisher.UnprotectRtcp(packet), Publisher);

                // An RR made before the last packet arrived reports an older sequence number: wait for the next.
                if (block is { } found && (ushort)found.HighestSequenceNumber != last)
                {
                    block = null;
                }
            }
        }

        Assert.NotNull(block);
        Assert.Equal(last, (ushort)block.Value.HighestSequenceNumber);
        Assert.Equal(0, block.Value.CumulativeLost);
    }

    /// <summary>The feedback packets (RTPFB/PSFB) in the SRTCP <paramref name="client"/> receives within <paramref name="window"/>.</summary>
    private static List<FeedbackSeen> Feedback(SrtpEndToEndClient client, TimeSpan window)
    {
        var seen = new List<FeedbackSeen>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            if (client.ReceivePacket(deadline - DateTime.UtcNow) is byte[] packet && SrtpEndToEndClient.IsRtcp(packet))
            {
                foreach (RtcpPacket rtcp in new RtcpCompoundPacket(client.UnprotectRtcp(packet)))
                {
                    if (rtcp.PacketType is RtcpPacketType.TransportFeedback or RtcpPacketType.PayloadFeedback)
                    {
                        seen.Add(new FeedbackSeen(rtcp.PacketType, rtcp.Count, BinaryPrimitives.ReadUInt32BigEndian(rtcp.Body[4..])));
                    }
                }
            }
        }

        return seen;
    }

    private static SenderInfo? FindSenderReport(byte[] compound, uint ssrc)
    {
        foreach (RtcpPacket rtcp in new RtcpCompoundPacket(compound))
        {
            if (rtcp.PacketType == RtcpPacketType.SenderReport && SenderReport.TryParse(rtcp, out SenderReport report) == RtcpParseResult.Ok
                && report.Ssrc == ssrc)
            {
                return new SenderInfo(report.PacketCount, report.OctetCount);
            }
        }

        return null;
    }

    private static ReportBlock? FindReportBlock(byte[] compound, uint ssrc)
    {
        foreach (RtcpPacket rtcp in new RtcpCompoundPacket(compound))
        {
            if (rtcp.PacketType == RtcpPacketType.ReceiverReport && ReceiverReport.TryParse(rtcp, out ReceiverReport report) == RtcpParseResult.Ok)
            {
                for (int i = 0; i < report.ReportBlocks.Count; i++)
                {
                    if (report.ReportBlocks[i].Ssrc == ssrc)
                    {
                        return report.ReportBlocks[i];
                    }
                }
            }
        }

        return null;
    }

    private sealed record FeedbackSeen(int Type, int Format, uint MediaSsrc);

    private sealed record SenderInfo(uint PacketCount, uint OctetCount);
}
