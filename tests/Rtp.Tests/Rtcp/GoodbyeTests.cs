using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

public sealed class GoodbyeTests
{
    [Fact]
    public void RealDump_HasOneSourceAndNoReason()
    {
        RtcpCompoundEnumerator packets = new RtcpCompoundPacket(RtcpCaptures.ReceiverReportSdesByePli()).GetEnumerator();
        for (int i = 0; i < 3; i++)
        {
            packets.MoveNext();
        }

        Assert.Equal(RtcpParseResult.Ok, Goodbye.TryParse(packets.Current, out Goodbye bye));
        Assert.Equal(1, bye.SsrcCount);
        Assert.Equal(0x902F9E2Eu, bye.GetSsrc(0));
        Assert.True(bye.Reason.IsEmpty);
    }

    [Fact]
    public void WithReason_RoundTrips_AndIsPaddedToAWord()
    {
        byte[] bytes = RtcpTestPackets.Bye();
        Assert.Equal(4 + 8 + 20, bytes.Length); // 1 + 16 reason bytes padded to 20
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, Goodbye.TryParse(packet, out Goodbye bye));
        Assert.Equal(2, bye.SsrcCount);
        Assert.Equal(0x22222222u, bye.GetSsrc(1));
        Assert.Equal("left the meeting"u8.ToArray(), bye.Reason.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => GetSsrc(bytes, 2));
    }

    [Fact]
    public void WithoutSources_IsValid()
    {
        Assert.True(Goodbye.TryWrite(new byte[4], [], default, out int length));
        Assert.Equal(4, length);
        Assert.False(Goodbye.TryWrite(new byte[7], [1u], default, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Goodbye.TryWrite(new byte[1000], new uint[32], default, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Goodbye.TryWrite(new byte[1000], [], new byte[256], out _));
    }

    [Theory]
    [InlineData("82CB0001" + "00000001", RtcpParseResult.BadCount)]
    [InlineData("81CB0002" + "00000001" + "05414243", RtcpParseResult.BadItem)]
    [InlineData("81CB0002" + "00000001" + "00000000", RtcpParseResult.Ok)] // zero-length reason
    public void TryParse_Malformed_ReturnsTheDocumentedFailure(string hex, RtcpParseResult expected)
    {
        RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet);
        Assert.Equal(expected, Goodbye.TryParse(packet, out _));
    }

    private static uint GetSsrc(byte[] bytes, int index)
    {
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Goodbye.TryParse(packet, out Goodbye bye);
        return bye.GetSsrc(index);
    }
}
