using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

public sealed class ApplicationDefinedTests
{
    [Fact]
    public void RoundTrip_KeepsSubtypeNameAndData()
    {
        byte[] bytes = RtcpTestPackets.App();
        Assert.Equal("83CC0004" + "4BAAE1AB" + Convert.ToHexString("NAMEABCDEFGH"u8), Convert.ToHexString(bytes));
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, ApplicationDefined.TryParse(packet, out ApplicationDefined app));
        Assert.Equal(3, app.Subtype);
        Assert.Equal(0x4BAAE1ABu, app.Ssrc);
        Assert.Equal("NAME"u8.ToArray(), app.Name.ToArray());
        Assert.Equal("ABCDEFGH"u8.ToArray(), app.Data.ToArray());
    }

    [Fact]
    public void InvalidArguments_Throw_AndShortBuffers_ReturnFalse()
    {
        Assert.Throws<ArgumentException>(() => ApplicationDefined.TryWrite(new byte[64], 0, 1, "NAMES"u8, default, out _));
        Assert.Throws<ArgumentException>(() => ApplicationDefined.TryWrite(new byte[64], 0, 1, "NAME"u8, "ABC"u8, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApplicationDefined.TryWrite(new byte[64], 32, 1, "NAME"u8, default, out _));
        Assert.False(ApplicationDefined.TryWrite(new byte[11], 0, 1, "NAME"u8, default, out _));
    }

    [Fact]
    public void TryParse_WithoutName_IsTooShort()
    {
        RtcpPacket.TryParse(Convert.FromHexString("80CC0001" + "00000001"), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.TooShort, ApplicationDefined.TryParse(packet, out _));
        Assert.Equal(RtcpParseResult.WrongType, Goodbye.TryParse(packet, out _));
    }
}
