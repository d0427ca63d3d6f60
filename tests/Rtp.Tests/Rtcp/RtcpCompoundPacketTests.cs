using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

public sealed class RtcpCompoundPacketTests
{
    [Fact]
    public void Enumerate_ARealDump_YieldsEachPacketWithItsHeader()
    {
        byte[] dump = RtcpCaptures.ReceiverReportSdesByePli();
        var seen = new List<string>();
        RtcpCompoundEnumerator packets = new RtcpCompoundPacket(dump).GetEnumerator();
        while (packets.MoveNext())
        {
            RtcpPacket packet = packets.Current;
            seen.Add($"{packet.PacketType}/{packet.Count}/{packet.Length}");
        }

        Assert.Equal(["201/1/32", "202/1/52", "203/1/8", "206/1/12"], seen);
        Assert.Equal(RtcpParseResult.Ok, packets.Result);
        Assert.Equal(RtcpParseResult.Ok, RtcpCompoundPacket.Validate(dump));
    }

    [Fact]
    public void Foreach_OverTheBuiltCompound_SeesEveryPacket()
    {
        int count = 0;
        foreach (RtcpPacket packet in new RtcpCompoundPacket(RtcpTestPackets.Compound()))
        {
            Assert.Equal(2, packet.Version);
            Assert.Equal(0, packet.Length % 4);
            count++;
        }

        Assert.Equal(6, count);
    }

    [Fact]
    public void TryParse_PaddedPacket_ExcludesThePaddingFromTheBody()
    {
        Assert.Equal(RtcpParseResult.Ok, RtcpPacket.TryParse(RtcpCaptures.ChromeTwccRunOfSeven(), out RtcpPacket packet));
        Assert.True(packet.HasPadding);
        Assert.Equal(3, packet.PaddingLength);
        Assert.Equal(32, packet.Length);
        Assert.Equal(32 - 4 - 3, packet.Body.Length);
        Assert.Equal(15, packet.Count);
        Assert.Equal(RtcpPacketType.TransportFeedback, packet.PacketType);
    }

    [Theory]
    [InlineData("", RtcpParseResult.TooShort)]
    [InlineData("81C900", RtcpParseResult.TooShort)]
    [InlineData("41C90000", RtcpParseResult.BadVersion)]
    [InlineData("C1C90000", RtcpParseResult.BadVersion)]
    [InlineData("81C90001", RtcpParseResult.BadLength)]
    [InlineData("81C9000200000000000000", RtcpParseResult.BadLength)]
    [InlineData("A1C9000100000000", RtcpParseResult.BadPadding)] // count 0
    [InlineData("A1C9000100000005", RtcpParseResult.BadPadding)] // count past the body
    public void TryParse_MalformedHeader_ReturnsTheDocumentedFailure(string hex, RtcpParseResult expected)
    {
        Assert.Equal(expected, RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet));
        Assert.True(packet.Buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_PaddingThatFillsTheBody_IsValid()
    {
        Assert.Equal(RtcpParseResult.Ok, RtcpPacket.TryParse(Convert.FromHexString("A1C9000100000004"), out RtcpPacket packet));
        Assert.True(packet.Body.IsEmpty);
        Assert.Equal(RtcpParseResult.TooShort, ReceiverReport.TryParse(packet, out _));
    }

    [Fact]
    public void Validate_PaddingOnAPacketThatIsNotTheLast_IsBadPadding()
    {
        byte[] compound = [.. RtcpCaptures.ChromeTwccOnePacket(), .. RtcpTestPackets.Pli()];
        Assert.Equal(RtcpParseResult.BadPadding, RtcpCompoundPacket.Validate(compound));

        byte[] lastPadded = [.. RtcpTestPackets.Pli(), .. RtcpCaptures.ChromeTwccOnePacket()];
        Assert.Equal(RtcpParseResult.Ok, RtcpCompoundPacket.Validate(lastPadded));
    }

    [Fact]
    public void Enumerate_StopsAtTheFirstInvalidPacket_AndSaysWhy()
    {
        byte[] compound = [.. RtcpTestPackets.Pli(), 0x81, 0xC9, 0x00];
        RtcpCompoundEnumerator packets = new RtcpCompoundPacket(compound).GetEnumerator();
        Assert.True(packets.MoveNext());
        Assert.Equal(RtcpPacketType.PayloadFeedback, packets.Current.PacketType);
        Assert.False(packets.MoveNext());
        Assert.Equal(RtcpParseResult.TooShort, packets.Result);
        Assert.False(packets.MoveNext());
        Assert.Equal(RtcpParseResult.TooShort, RtcpCompoundPacket.Validate(compound));
    }

    [Fact]
    public void Validate_EmptyDatagram_IsTooShort()
    {
        Assert.Equal(RtcpParseResult.TooShort, RtcpCompoundPacket.Validate(default));
    }
}
