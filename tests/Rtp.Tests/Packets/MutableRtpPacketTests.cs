using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>In-place rewrites of what a relay changes per subscriber.</summary>
public sealed class MutableRtpPacketTests
{
    [Fact]
    public void Setters_RewriteOnlyTheirFields()
    {
        byte[] packet = RtpTestPackets.Everything();
        byte[] before = (byte[])packet.Clone();
        Assert.Equal(RtpParseResult.Ok, MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp));

        rtp.SetSsrc(0xCAFEBABE);
        rtp.SetSequenceNumber(7);
        rtp.SetTimestamp(0xFFFFFFFF);
        rtp.SetMarker(false);
        rtp.SetPayloadType(111);

        Assert.Equal(0xCAFEBABEu, rtp.Ssrc);
        Assert.Equal(7, rtp.SequenceNumber);
        Assert.Equal(0xFFFFFFFFu, rtp.Timestamp);
        Assert.False(rtp.Marker);
        Assert.Equal(111, rtp.PayloadType);

        RtpPacket view = rtp.AsReadOnly();
        Assert.True(view.HasPadding);
        Assert.True(view.HasExtension);
        Assert.Equal(2, view.CsrcCount);
        Assert.Equal([0xCA, 0xFE], view.Payload.ToArray());

        // Byte 0 and everything from the CSRCs on are untouched.
        Assert.Equal(before[0], packet[0]);
        Assert.Equal(before.AsSpan(12).ToArray(), packet.AsSpan(12).ToArray());
    }

    [Fact]
    public void SetMarker_True_KeepsThePayloadType()
    {
        byte[] packet = RtpTestPackets.Minimal();
        MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp);
        rtp.SetMarker(true);
        Assert.True(rtp.Marker);
        Assert.Equal(111, rtp.PayloadType);
        rtp.SetPayloadType(0);
        Assert.True(rtp.Marker);
        Assert.Equal(0x80, packet[1]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(128)]
    public void SetPayloadType_OutsideSevenBits_Throws(int payloadType)
    {
        byte[] packet = RtpTestPackets.Minimal();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp);
            rtp.SetPayloadType(payloadType);
        });
    }

    [Fact]
    public void TryParse_Malformed_ReturnsTheSameFailureAsTheReadOnlyView()
    {
        byte[] packet = Convert.FromHexString("A06F1234000003E8DEADBEEF010200");
        Assert.Equal(RtpParseResult.BadPadding, MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp));
        Assert.True(rtp.Buffer.IsEmpty);
    }

    [Fact]
    public void NamedSetters_RewriteExtensionValuesInPlace()
    {
        byte[] packet = RtpTestPackets.Audio();
        int length = packet.Length;
        MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp);

        Assert.True(rtp.TrySetTransportSequenceNumber(RtpTestPackets.TransportSequenceId, 0xBEEF));
        Assert.True(rtp.TrySetAbsSendTime(RtpTestPackets.AbsSendTimeId, 0xABCDEF));
        Assert.True(rtp.TrySetAudioLevel(RtpTestPackets.AudioLevelId, new AudioLevel(false, 127)));

        RtpHeaderExtensions extensions = rtp.Extensions;
        Assert.True(extensions.TryGetTransportSequenceNumber(RtpTestPackets.TransportSequenceId, out ushort sequence));
        Assert.Equal(0xBEEF, sequence);
        Assert.True(extensions.TryGetAbsSendTime(RtpTestPackets.AbsSendTimeId, out uint sendTime));
        Assert.Equal(0xABCDEFu, sendTime);
        Assert.True(extensions.TryGetAudioLevel(RtpTestPackets.AudioLevelId, out AudioLevel level));
        Assert.Equal(new AudioLevel(false, 127), level);
        Assert.Equal(length, packet.Length);
        Assert.Equal(RtpTestPackets.Pattern(60), rtp.Payload.ToArray());
    }

    [Fact]
    public void NamedSetters_AbsentOrWrongLengthElement_ReturnFalseAndChangeNothing()
    {
        byte[] packet = RtpTestPackets.Audio();
        byte[] before = (byte[])packet.Clone();
        MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp);

        Assert.False(rtp.TrySetTransportSequenceNumber(14, 1)); // absent
        Assert.False(rtp.TrySetTransportSequenceNumber(RtpTestPackets.AudioLevelId, 1)); // 1-byte element
        Assert.False(rtp.TrySetAbsSendTime(RtpTestPackets.TransportSequenceId, 1)); // 2-byte element
        Assert.False(rtp.TrySetAudioLevel(RtpTestPackets.AbsSendTimeId, new AudioLevel(true, 1))); // 3-byte element
        Assert.Equal(before, packet);
    }

    [Fact]
    public void TryGetExtensionValue_NoExtensionOrOtherProfile_IsFalse()
    {
        byte[] minimal = RtpTestPackets.Minimal();
        MutableRtpPacket.TryParse(minimal, out MutableRtpPacket rtp);
        Assert.False(rtp.TryGetExtensionValue(1, out _));

        byte[] other = Convert.FromHexString("900000010000000000000001ABCD0001" + "10AA0000");
        MutableRtpPacket.TryParse(other, out MutableRtpPacket opaque);
        Assert.False(opaque.TryGetExtensionValue(1, out _));
    }

    [Fact]
    public void TryGetExtensionValue_TwoByteElement_IsWritable()
    {
        byte[] packet = RtpTestPackets.TwoByteVideo();
        MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp);
        Assert.True(rtp.TryGetExtensionValue(20, out Span<byte> value));
        value[3] = 0x42;
        Assert.True(rtp.Extensions.TryFind(20, out ReadOnlySpan<byte> read));
        Assert.Equal(0x42, read[3]);
    }
}
