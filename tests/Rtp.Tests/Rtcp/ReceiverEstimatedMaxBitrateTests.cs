using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

public sealed class ReceiverEstimatedMaxBitrateTests
{
    [Fact]
    public void ChromeCapture_Reads8927168BitsPerSecond()
    {
        RtcpPacket.TryParse(RtcpCaptures.ChromeRemb(), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, ReceiverEstimatedMaxBitrate.TryParse(packet, out ReceiverEstimatedMaxBitrate remb));
        Assert.Equal(1u, remb.SenderSsrc);
        Assert.Equal(6, remb.Exponent);
        Assert.Equal(139487u, remb.Mantissa);
        Assert.Equal(8_927_168ul, remb.Bitrate);
        Assert.Equal(1, remb.SsrcCount);
        Assert.Equal(1215622422u, remb.GetSsrc(0));
    }

    [Fact]
    public void Builder_ReproducesTheChromeCapture()
    {
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => ReceiverEstimatedMaxBitrate.TryWrite(d, 1, 8_927_168, [1215622422], out n));
        Assert.Equal(RtcpCaptures.ChromeRemb(), bytes);
    }

    [Theory]
    [InlineData(0ul, 0, 0u)]
    [InlineData(262_143ul, 0, 262_143u)]
    [InlineData(262_144ul, 1, 131_072u)]
    [InlineData(8_927_167ul, 6, 139_486u)] // rounded down
    [InlineData(ulong.MaxValue, 46, 262_143u)]
    public void Builder_ChoosesTheSmallestExponent(ulong bitrate, int exponent, uint mantissa)
    {
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => ReceiverEstimatedMaxBitrate.TryWrite(d, 1, bitrate, [], out n));
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, ReceiverEstimatedMaxBitrate.TryParse(packet, out ReceiverEstimatedMaxBitrate remb));
        Assert.Equal(exponent, remb.Exponent);
        Assert.Equal(mantissa, remb.Mantissa);
        Assert.True(remb.Bitrate <= bitrate);
        Assert.True(bitrate - remb.Bitrate < (1ul << exponent));
    }

    [Fact]
    public void LargestExponent_SaturatesInsteadOfOverflowing()
    {
        byte[] bytes = Convert.FromHexString("8FCE0004" + "00000000" + "00000000" + "52454D42" + "00FFFFFF");
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        ReceiverEstimatedMaxBitrate.TryParse(packet, out ReceiverEstimatedMaxBitrate remb);
        Assert.Equal(63, remb.Exponent);
        Assert.Equal(ulong.MaxValue, remb.Bitrate);
    }

    [Theory]
    [InlineData("8FCE0004" + "00000000" + "00000000" + "52454D43" + "00000000", RtcpParseResult.WrongType)] // "REMC"
    [InlineData("8FCE0003" + "00000000" + "00000000" + "52454D42", RtcpParseResult.TooShort)]
    [InlineData("8FCE0004" + "00000000" + "00000000" + "52454D42" + "02000000", RtcpParseResult.BadCount)]
    [InlineData("81CE0004" + "00000000" + "00000000" + "52454D42" + "00000000", RtcpParseResult.WrongType)] // FMT 1
    public void TryParse_Malformed_ReturnsTheDocumentedFailure(string hex, RtcpParseResult expected)
    {
        RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet);
        Assert.Equal(expected, ReceiverEstimatedMaxBitrate.TryParse(packet, out _));
    }

    [Fact]
    public void Builder_TooSmallOrTooManySsrcs()
    {
        Assert.False(ReceiverEstimatedMaxBitrate.TryWrite(new byte[19], 1, 1, [], out _));
        Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(new byte[20], 1, 1, [], out _));
        Assert.False(ReceiverEstimatedMaxBitrate.TryWrite(new byte[23], 1, 1, [5u], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiverEstimatedMaxBitrate.TryWrite(new byte[2000], 1, 1, new uint[256], out _));
    }
}
