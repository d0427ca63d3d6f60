using Gateway.Rtp.Demux;

namespace Gateway.Rtp.Tests.Demux;

/// <summary>RFC 7983 §7 first-byte demultiplexing and the RFC 5761 §4 RTP/RTCP split.</summary>
public sealed class PacketClassifierTests
{
    [Fact]
    public void Classify_EveryFirstByte_FollowsTheRfc7983Table()
    {
        for (int first = 0; first < 256; first++)
        {
            MultiplexedPacketKind expected = first switch
            {
                <= 3 => MultiplexedPacketKind.Stun,
                >= 16 and <= 19 => MultiplexedPacketKind.Zrtp,
                >= 20 and <= 63 => MultiplexedPacketKind.Dtls,
                >= 64 and <= 79 => MultiplexedPacketKind.TurnChannel,
                >= 128 and <= 191 => MultiplexedPacketKind.Rtp,
                _ => MultiplexedPacketKind.Unknown,
            };
            Assert.Equal(expected, PacketClassifier.Classify([(byte)first, 111, 0, 0]));
        }
    }

    [Fact]
    public void Classify_SecondByte192To223_IsRtcp_AndEveryOtherValueRtp()
    {
        for (int second = 0; second < 256; second++)
        {
            MultiplexedPacketKind expected = second is >= 192 and <= 223 ? MultiplexedPacketKind.Rtcp : MultiplexedPacketKind.Rtp;
            Assert.Equal(expected, PacketClassifier.Classify([0x80, (byte)second]));
            Assert.Equal(expected == MultiplexedPacketKind.Rtcp, PacketClassifier.IsRtcp([0x80, (byte)second]));
        }
    }

    [Fact]
    public void Classify_RealPackets()
    {
        Assert.Equal(MultiplexedPacketKind.Rtcp, PacketClassifier.Classify(Rtcp.RtcpCaptures.ChromeRemb()));
        Assert.Equal(MultiplexedPacketKind.Rtcp, PacketClassifier.Classify(Rtcp.RtcpCaptures.ReceiverReportSdesByePli()));
        Assert.Equal(MultiplexedPacketKind.Rtp, PacketClassifier.Classify(Packets.RtpTestPackets.Audio()));
        Assert.Equal(MultiplexedPacketKind.Rtp, PacketClassifier.Classify(Packets.RtpTestPackets.Everything())); // marker set, PT 96: 0xE0
        Assert.Equal(MultiplexedPacketKind.Stun, PacketClassifier.Classify(Convert.FromHexString("000100002112A442")));
        Assert.Equal(MultiplexedPacketKind.Dtls, PacketClassifier.Classify(Convert.FromHexString("16FEFD0000000000000000")));
    }

    [Fact]
    public void Classify_EmptyOrLoneRtpByte_IsUnknown()
    {
        Assert.Equal(MultiplexedPacketKind.Unknown, PacketClassifier.Classify(default));
        Assert.Equal(MultiplexedPacketKind.Unknown, PacketClassifier.Classify([0x80]));
        Assert.Equal(MultiplexedPacketKind.Stun, PacketClassifier.Classify([0x00]));
        Assert.False(PacketClassifier.IsRtcp([0x80]));
        Assert.False(PacketClassifier.IsRtcp(default));
    }
}
