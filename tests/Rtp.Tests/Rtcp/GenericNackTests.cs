using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>Generic NACK (RFC 4585 §6.2.1) on the wire.</summary>
public sealed class GenericNackTests
{
    [Fact]
    public void HandMade_ReadsPidAndBlp()
    {
        // PID 0x0064 (100), BLP 0x8005: 101, 103 and 116 lost as well.
        byte[] bytes = Convert.FromHexString("81CD0003" + "00000001" + "00000002" + "00648005");
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, GenericNack.TryParse(packet, out GenericNack nack));
        Assert.Equal(1u, nack.SenderSsrc);
        Assert.Equal(2u, nack.MediaSsrc);
        Assert.Equal(1, nack.ItemCount);
        Assert.Equal(new NackItem(100, 0x8005), nack.GetItem(0));
        Span<ushort> lost = stackalloc ushort[17];
        Assert.True(nack.TryGetLostSequenceNumbers(lost, out int count));
        Assert.Equal([100, 101, 103, 116], lost.Slice(0, count).ToArray());
    }

    [Fact]
    public void Builder_RoundTrips()
    {
        byte[] bytes = RtcpTestPackets.Nack();
        Assert.Equal("81CD0004" + "00000001" + "00000002" + "00648005" + "FFFA0000", Convert.ToHexString(bytes));
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, GenericNack.TryParse(packet, out GenericNack nack));
        Assert.Equal(2, nack.ItemCount);
        Assert.Equal(new NackItem(65530, 0), nack.GetItem(1));
        Span<ushort> lost = stackalloc ushort[4];
        Assert.False(nack.TryGetLostSequenceNumbers(lost.Slice(0, 4), out int count)); // 5 numbers
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData("81CD0002" + "00000001" + "00000002", RtcpParseResult.BadCount)] // no FCI
    [InlineData("81CD0001" + "00000001", RtcpParseResult.TooShort)] // no media SSRC
    [InlineData("81CD0003" + "00000001" + "00000002" + "00648005", RtcpParseResult.Ok)]
    [InlineData("8FCD0003" + "00000001" + "00000002" + "00648005", RtcpParseResult.WrongType)] // FMT 15
    [InlineData("81CE0003" + "00000001" + "00000002" + "00648005", RtcpParseResult.WrongType)] // PSFB
    public void TryParse_ReturnsTheDocumentedResult(string hex, RtcpParseResult expected)
    {
        RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet);
        Assert.Equal(expected, GenericNack.TryParse(packet, out _));
    }

    [Fact]
    public void TryParse_FciNotWholeEntries_IsBadLength()
    {
        // A padded packet whose body leaves 2 bytes of FCI.
        RtcpPacket.TryParse(Convert.FromHexString("A1CD0003" + "00000001" + "00000002" + "00640002"), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.BadLength, GenericNack.TryParse(packet, out _));
    }

    [Fact]
    public void Builder_EmptyOrTooSmall()
    {
        Assert.Throws<ArgumentException>(() => GenericNack.TryWrite(new byte[64], 1, 2, [], out _));
        Assert.False(GenericNack.TryWrite(new byte[15], 1, 2, [new NackItem(1, 0)], out _));
    }
}
