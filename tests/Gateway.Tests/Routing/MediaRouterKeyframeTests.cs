using Gateway.Routing;
using Gateway.Rtp.Rtcp;
using Gateway.Transport;
using static Gateway.Tests.Routing.VideoPackets;

namespace Gateway.Tests.Routing;

/// <summary>Subscribers start a video stream at a key frame: payload detection for plain publishers, the dependency descriptor only for E2EE ones.</summary>
public sealed class MediaRouterKeyframeTests
{
    private const uint Video = 0xA0;

    [Fact]
    public void Vp8_SubscriberJoiningMidStream_GetsNothingUntilAKeyframe_AsksForOne_ThenContiguousNumbers()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var first = harness.Join("m", "first");

        // Mid-stream: the first subscriber has its key frame and is being served.
        ushort seq = 1_000;
        Send(harness, a, seq++, Vp8PayloadType, Vp8KeyframeStart);
        Send(harness, a, seq++, Vp8PayloadType, Vp8Continuation);
        Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart);
        Assert.Equal(3, first.ReceiveRtp().Count);
        harness.Advance(600);
        a.ReceiveRtcp();

        var b = harness.Join("m", "b");
        for (int i = 0; i < 5; i++)
        {
            Send(harness, a, seq++, Vp8PayloadType, i % 2 == 0 ? Vp8InterStart : Vp8Continuation);
            harness.Advance(10);
        }

        Assert.Empty(b.ReceiveRtp());
        Assert.Equal(5, first.ReceiveRtp().Count);
        Assert.Equal(5, harness.Counters.Drops(MediaDropReason.KeyframeWait));
        Assert.Equal(1, CountPictureLoss(a.ReceiveRtcp(), Video));

        ushort keyframe = seq;
        byte[][] sent =
        [
            Send(harness, a, seq++, Vp8PayloadType, Vp8KeyframeStart),
            Send(harness, a, seq++, Vp8PayloadType, Vp8Continuation),
            Send(harness, a, seq++, Vp8PayloadType, Vp8Continuation),
            Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart),
            Send(harness, a, seq++, Vp8PayloadType, Vp8Continuation),
        ];

        List<byte[]> received = b.ReceiveRtp();
        Assert.Equal(sent.Length, received.Count);
        for (int i = 0; i < received.Count; i++)
        {
            // The very packets from the key frame on, numbered without a gap from the first one the subscriber got.
            Assert.Equal((ushort)(keyframe + i), Sequence(received[i]));
            Assert.Equal(sent[i], received[i]);
        }

        Assert.Equal(5, harness.Counters.Drops(MediaDropReason.KeyframeWait));
        Assert.Equal(0, CountPictureLoss(a.ReceiveRtcp(), Video));
    }

    [Fact]
    public void WaitingSubscriber_IsAskedForAgain_WhenNoKeyframeComesWithinASecond()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var b = harness.Join("m", "b");
        ushort seq = 1;
        Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart);
        Assert.Equal(1, CountPictureLoss(a.ReceiveRtcp(), Video));

        harness.Advance(600);
        Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart);
        Assert.Equal(0, CountPictureLoss(a.ReceiveRtcp(), Video));

        harness.Advance(500);
        Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart);
        Assert.Equal(1, CountPictureLoss(a.ReceiveRtcp(), Video));
        Assert.Empty(b.ReceiveRtp());
    }

    [Fact]
    public void H264_FuA_StartsAtTheFirstFragmentOfAnIdr_NotAtALaterOne()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var b = harness.Join("m", "b");
        ushort seq = 40_000;
        Send(harness, a, seq++, H264PayloadType, H264NonIdr);
        Send(harness, a, seq++, H264PayloadType, H264FuAIdrMiddle);
        Send(harness, a, seq++, H264PayloadType, H264FuAIdrEnd);
        Assert.Empty(b.ReceiveRtp());
        Assert.Equal(3, harness.Counters.Drops(MediaDropReason.KeyframeWait));

        ushort start = seq;
        Send(harness, a, seq++, H264PayloadType, H264FuAIdrStart);
        Send(harness, a, seq++, H264PayloadType, H264FuAIdrMiddle);
        Send(harness, a, seq++, H264PayloadType, H264FuAIdrEnd);
        Send(harness, a, seq++, H264PayloadType, H264NonIdr);
        ushort[] seqs = [.. b.ReceiveRtp().Select(Sequence)];
        Assert.Equal([start, (ushort)(start + 1), (ushort)(start + 2), (ushort)(start + 3)], seqs);
    }

    [Theory]
    [InlineData("single-idr")]
    [InlineData("stap-a-sps-pps")]
    public void H264_SingleNalIdr_AndStapAWithSps_StartAKeyframe(string kind)
    {
        byte[] start = kind == "single-idr" ? H264SingleIdr : H264StapASpsPps;
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var b = harness.Join("m", "b");
        Send(harness, a, 7, H264PayloadType, H264NonIdr);
        Send(harness, a, 8, H264PayloadType, start);
        Send(harness, a, 9, H264PayloadType, H264NonIdr);
        ushort[] seqs = [.. b.ReceiveRtp().Select(Sequence)];
        Assert.Equal([(ushort)8, (ushort)9], seqs);
    }

    [Fact]
    public void E2ee_WithTheDescriptor_GatesOnTheDescriptorOnly_NeverOnThePayload()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: true, Track(Video, descriptor: true));
        var b = harness.Join("m", "b");
        ushort seq = 300;

        // Bytes that read as a VP8 key frame start (an SFrame payload could hold anything): the descriptor says a
        // delta frame, so the subscriber still waits. Had the payload been read, this would have started the stream.
        Send(harness, a, seq++, Vp8PayloadType, Vp8KeyframeStart, DescriptorDeltaStart);
        Send(harness, a, seq++, Vp8PayloadType, Vp8KeyframeStart, DescriptorMiddle);
        Send(harness, a, seq++, Vp8PayloadType, Vp8KeyframeStart);
        Assert.Empty(b.ReceiveRtp());
        Assert.Equal(3, harness.Counters.Drops(MediaDropReason.KeyframeWait));
        Assert.Equal(1, CountPictureLoss(a.ReceiveRtcp(), Video));

        // And the other way: the descriptor says key frame (start_of_frame and the template structure), the payload
        // reads as a VP8 inter frame continuation: the stream starts here.
        ushort start = seq;
        Send(harness, a, seq++, Vp8PayloadType, Vp8Continuation, DescriptorKeyframe);
        Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart, DescriptorMiddle);
        Send(harness, a, seq++, Vp8PayloadType, Vp8InterStart, DescriptorDeltaStart);
        ushort[] seqs = [.. b.ReceiveRtp().Select(Sequence)];
        Assert.Equal([start, (ushort)(start + 1), (ushort)(start + 2)], seqs);
    }

    [Fact]
    public void E2ee_WithoutTheDescriptor_IsForwardedAtOnce()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: true, Track(Video, descriptor: false));
        var b = harness.Join("m", "b");
        byte[] sent = Send(harness, a, 10, Vp8PayloadType, Vp8InterStart);
        Assert.Equal(sent, Assert.Single(b.ReceiveRtp()));
        Assert.Equal(0, harness.Counters.Drops(MediaDropReason.KeyframeWait));
        Assert.Equal(0, CountPictureLoss(a.ReceiveRtcp(), Video));
    }

    [Fact]
    public void UnknownCodec_IsForwardedAtOnce()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var vp9Only = new TrackSpec { Kind = MediaKind.Video, Ssrc = Video, PayloadCodecs = new Dictionary<int, VideoCodec> { [98] = VideoCodec.Unknown } };
        var a = harness.JoinWith("m", "a", e2ee: false, vp9Only);
        var b = harness.Join("m", "b");
        Send(harness, a, 10, 98, [0x80, 0x00, 0x01]);
        Assert.Single(b.ReceiveRtp());

        // A track with VP8 mapped but a packet of a payload type it did not map: cannot be judged, not held back.
        var c = harness.JoinWith("m", "c", e2ee: false, Track(0xC0));
        Send(harness, c, 10, 100, [0x80, 0x00, 0x01], ssrc: 0xC0);
        Assert.Single(b.ReceiveRtp());
        Assert.Equal(0, harness.Counters.Drops(MediaDropReason.KeyframeWait));
    }

    [Fact]
    public void Audio_IsNeverGated()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, RouterHarness.Audio(0xA1), Track(Video));
        var b = harness.Join("m", "b");
        a.SendRtp(0xA1, [0xFC, 0x01, 0x02]);
        a.SendRtp(0xA1, [0xFC, 0x03, 0x04]);
        Send(harness, a, 1, Vp8PayloadType, Vp8InterStart);
        List<byte[]> received = b.ReceiveRtp();
        Assert.Equal(2, received.Count);
        Assert.All(received, p => Assert.Equal(0xA1u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8))));
        Assert.Equal(1, harness.Counters.Drops(MediaDropReason.KeyframeWait));
    }

    [Fact]
    public void PublisherRestart_SequenceJump_SubscriberWaitsAgain_AndContinuesWithoutAGap()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var b = harness.Join("m", "b");
        Send(harness, a, 100, Vp8PayloadType, Vp8KeyframeStart);
        Send(harness, a, 101, Vp8PayloadType, Vp8InterStart);
        Assert.Equal(2, b.ReceiveRtp().Count);
        harness.Advance(1_000);
        a.ReceiveRtcp();

        // The sender restarts its numbering far away: nothing until its next key frame, and a PLI goes up at once.
        Send(harness, a, 20_000, Vp8PayloadType, Vp8InterStart);
        Send(harness, a, 20_001, Vp8PayloadType, Vp8Continuation);
        Assert.Empty(b.ReceiveRtp());
        Assert.Equal(1, CountPictureLoss(a.ReceiveRtcp(), Video));

        harness.Advance(100);
        Send(harness, a, 20_002, Vp8PayloadType, Vp8KeyframeStart);
        Send(harness, a, 20_003, Vp8PayloadType, Vp8InterStart);
        ushort[] seqs = [.. b.ReceiveRtp().Select(Sequence)];
        Assert.Equal([(ushort)102, (ushort)103], seqs);
        Assert.Equal(2, harness.Counters.Drops(MediaDropReason.KeyframeWait));
    }

    [Fact]
    public void PublisherRestart_NewSsrc_SubscriberWaitsAgain_SeesTheFirstSsrc_AndContiguousNumbers()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var b = harness.Join("m", "b");
        Send(harness, a, 500, Vp8PayloadType, Vp8KeyframeStart);
        Send(harness, a, 501, Vp8PayloadType, Vp8InterStart);
        List<byte[]> before = b.ReceiveRtp();
        Assert.Equal(2, before.Count);
        uint lastTimestamp = Timestamp(before[^1]);
        harness.Advance(2_000);

        Send(harness, a, 7, Vp8PayloadType, Vp8InterStart, ssrc: 0xB0, timestamp: 9_000_000);
        Assert.Empty(b.ReceiveRtp());
        harness.Advance(100);
        Send(harness, a, 8, Vp8PayloadType, Vp8KeyframeStart, ssrc: 0xB0, timestamp: 9_009_000);
        Send(harness, a, 9, Vp8PayloadType, Vp8Continuation, ssrc: 0xB0, timestamp: 9_009_000);
        List<byte[]> after = b.ReceiveRtp();
        Assert.Equal([(ushort)502, (ushort)503], after.Select(Sequence).ToArray());
        Assert.All(after, p => Assert.Equal(Video, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8))));

        // The timestamp moved on by the time that passed (2.1 s at 90 kHz), counted at the key frame.
        Assert.InRange(Timestamp(after[0]) - lastTimestamp, 90u * 2_050, 90u * 2_150);
        Assert.Equal(Timestamp(after[0]), Timestamp(after[1]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PacketFromBeforeTheKeyframe_ArrivingLate_IsNotForwarded(bool restarted)
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video));
        var b = harness.Join("m", "b");
        ushort baseSequence = 100;
        if (restarted)
        {
            Send(harness, a, 100, Vp8PayloadType, Vp8KeyframeStart);
            Assert.Single(b.ReceiveRtp());
            harness.Advance(1_000);
            baseSequence = 30_000;
        }

        // The key frame overtakes the last packet of the frame before it.
        Send(harness, a, (ushort)(baseSequence + 2), Vp8PayloadType, Vp8KeyframeStart);
        Send(harness, a, (ushort)(baseSequence + 1), Vp8PayloadType, Vp8Continuation);
        Send(harness, a, (ushort)(baseSequence + 3), Vp8PayloadType, Vp8Continuation);
        ushort[] seqs = [.. b.ReceiveRtp().Select(Sequence)];
        ushort first = restarted ? (ushort)101 : (ushort)102;
        Assert.Equal([first, (ushort)(first + 1)], seqs);
        Assert.Equal(1, harness.Counters.Drops(MediaDropReason.KeyframeWait));
        Assert.Equal(0, harness.Counters.Drops(MediaDropReason.SendFailed));
    }

    [Fact]
    public void WaitingSubscriber_GetsNoRetransmissions_UntilItsKeyframe()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.JoinWith("m", "a", e2ee: false, Track(Video, rtx: 0xA1));
        var b = harness.Join("m", "b");
        Send(harness, a, 1, Vp8PayloadType, Vp8InterStart);
        Send(harness, a, 1, 97, [0x00, 0x01, 0x10, 0x11], ssrc: 0xA1);
        Assert.Empty(b.ReceiveRtp());
        Send(harness, a, 2, Vp8PayloadType, Vp8KeyframeStart);
        Send(harness, a, 2, 97, [0x00, 0x02, 0x10, 0x11], ssrc: 0xA1);
        Assert.Equal(2, b.ReceiveRtp().Count);
        Assert.Equal(2, harness.Counters.Drops(MediaDropReason.KeyframeWait));
    }

    private static byte[] Send(RouterHarness harness, RouterTestClient client, ushort sequence, int payloadType, byte[] payload,
        byte[]? descriptor = null, uint ssrc = Video, uint? timestamp = null)
    {
        byte[] rtp = Packet(ssrc, sequence, timestamp ?? (uint)sequence * 3_000, payloadType, payload, descriptor);
        harness.Deliver(client.Protect(rtp), client.Path);
        return rtp;
    }

    private static int CountPictureLoss(List<byte[]> rtcp, uint mediaSsrc)
    {
        int count = 0;
        foreach (byte[] compound in rtcp)
        {
            foreach (RtcpPacket packet in new RtcpCompoundPacket(compound))
            {
                if (packet.PacketType == RtcpPacketType.PayloadFeedback && packet.Count == RtcpFeedbackFormat.PictureLossIndication
                    && PictureLossIndication.TryParse(packet, out PictureLossIndication pli) == RtcpParseResult.Ok && pli.MediaSsrc == mediaSsrc)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
