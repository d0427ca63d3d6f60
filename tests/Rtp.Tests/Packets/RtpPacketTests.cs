using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>The read-only view on packets hand-made from the RFC 3550 §5.1 layout.</summary>
public sealed class RtpPacketTests
{
    [Fact]
    public void TryParse_MinimalPacket_ReadsTheFixedHeader()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(RtpTestPackets.Minimal(), out RtpPacket rtp));
        Assert.Equal(2, rtp.Version);
        Assert.False(rtp.HasPadding);
        Assert.False(rtp.HasExtension);
        Assert.Equal(0, rtp.CsrcCount);
        Assert.False(rtp.Marker);
        Assert.Equal(111, rtp.PayloadType);
        Assert.Equal(0x1234, rtp.SequenceNumber);
        Assert.Equal(1000u, rtp.Timestamp);
        Assert.Equal(0xDEADBEEFu, rtp.Ssrc);
        Assert.Equal(12, rtp.HeaderLength);
        Assert.Equal([1, 2, 3], rtp.Payload.ToArray());
        Assert.Equal(0, rtp.PaddingLength);
        Assert.Equal(RtpHeaderExtensionForm.None, rtp.Extensions.Form);
        Assert.Equal(0, rtp.ExtensionProfile);
        Assert.True(rtp.ExtensionData.IsEmpty);
    }

    [Fact]
    public void TryParse_EveryFieldSet_ReadsEveryField()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(RtpTestPackets.Everything(), out RtpPacket rtp));
        Assert.True(rtp.HasPadding);
        Assert.True(rtp.HasExtension);
        Assert.Equal(2, rtp.CsrcCount);
        Assert.True(rtp.Marker);
        Assert.Equal(96, rtp.PayloadType);
        Assert.Equal(0xFFFF, rtp.SequenceNumber);
        Assert.Equal(0x01020304u, rtp.Timestamp);
        Assert.Equal(0x11223344u, rtp.Ssrc);
        Assert.Equal(0xAAAAAAAAu, rtp.GetCsrc(0));
        Assert.Equal(0xBBBBBBBBu, rtp.GetCsrc(1));
        Assert.Equal(8, rtp.CsrcBytes.Length);
        Assert.Equal(0xBEDE, rtp.ExtensionProfile);
        Assert.Equal([0x10, 0xAB, 0, 0], rtp.ExtensionData.ToArray());
        Assert.Equal(RtpHeaderExtensionForm.OneByte, rtp.Extensions.Form);
        Assert.True(rtp.Extensions.TryFind(1, out ReadOnlySpan<byte> value));
        Assert.Equal([0xAB], value.ToArray());
        Assert.Equal(28, rtp.HeaderLength);
        Assert.Equal([0xCA, 0xFE], rtp.Payload.ToArray());
        Assert.Equal(3, rtp.PaddingLength);
    }

    [Fact]
    public void GetCsrc_IndexPastTheCount_Throws()
    {
        byte[] packet = RtpTestPackets.Everything();
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        int count = rtp.CsrcCount;
        Assert.Throws<ArgumentOutOfRangeException>(() => ParseAndGetCsrc(packet, count));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParseAndGetCsrc(packet, -1));
    }

    [Theory]
    [InlineData("", RtpParseResult.TooShort)]
    [InlineData("806F1234000003E8DEADBE", RtpParseResult.TooShort)]
    [InlineData("006F1234000003E8DEADBEEF", RtpParseResult.BadVersion)]
    [InlineData("406F1234000003E8DEADBEEF", RtpParseResult.BadVersion)]
    [InlineData("C06F1234000003E8DEADBEEF", RtpParseResult.BadVersion)]
    [InlineData("8F6F1234000003E8DEADBEEF00000001", RtpParseResult.BadCsrcCount)]
    [InlineData("906F1234000003E8DEADBEEFBEDE00", RtpParseResult.BadExtension)]
    [InlineData("906F1234000003E8DEADBEEFBEDE000210000000", RtpParseResult.BadExtension)]
    [InlineData("A06F1234000003E8DEADBEEF010200", RtpParseResult.BadPadding)] // count 0
    [InlineData("A06F1234000003E8DEADBEEF010204", RtpParseResult.BadPadding)] // count past the header
    [InlineData("A06F1234000003E8DEADBEEF", RtpParseResult.BadPadding)] // P with no byte after the header
    public void TryParse_MalformedPacket_ReturnsTheDocumentedFailure(string hex, RtpParseResult expected)
    {
        Assert.Equal(expected, RtpPacket.TryParse(Convert.FromHexString(hex), out RtpPacket rtp));
        Assert.True(rtp.Buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_PaddingThatIsTheWholePayload_IsValidWithAnEmptyPayload()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(Convert.FromHexString("A06F1234000003E8DEADBEEF000003"), out RtpPacket rtp));
        Assert.Equal(3, rtp.PaddingLength);
        Assert.True(rtp.Payload.IsEmpty);
    }

    [Fact]
    public void TryParse_ExtensionWithZeroWords_IsValidAndHasNoElements()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(Convert.FromHexString("906F1234000003E8DEADBEEFBEDE0000AA"), out RtpPacket rtp));
        Assert.Equal(16, rtp.HeaderLength);
        Assert.True(rtp.Extensions.IsWellFormed());
        foreach (RtpHeaderExtension element in rtp.Extensions)
        {
            Assert.Fail($"unexpected element {element.Id}");
        }
    }

    [Fact]
    public void TryParse_VersionIsCheckedBeforeLength()
    {
        // A 12-byte datagram whose first byte is not RTP: the version says more than the length.
        Assert.Equal(RtpParseResult.BadVersion, RtpPacket.TryParse(new byte[12], out _));
    }

    private static uint ParseAndGetCsrc(byte[] packet, int index)
    {
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        return rtp.GetCsrc(index);
    }
}
