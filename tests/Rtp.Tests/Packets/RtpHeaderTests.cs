using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

public sealed class RtpHeaderTests
{
    [Fact]
    public void TryGetLength_FixedHeaderOnly_Is12()
    {
        Assert.True(RtpHeader.TryGetLength(RtpTestPackets.Minimal(), out int length));
        Assert.Equal(12, length);
    }

    [Fact]
    public void TryGetLength_CountsCsrcsAndTheExtension()
    {
        // 12 fixed + 2 CSRCs + 4 extension header + 1 extension word; the padding is not header.
        Assert.True(RtpHeader.TryGetLength(RtpTestPackets.Everything(), out int length));
        Assert.Equal(12 + 8 + 4 + 4, length);
    }

    [Fact]
    public void TryGetLength_HeaderFillingThePacket_IsValid()
    {
        byte[] packet = Convert.FromHexString("9000000100000002000000030000000100000000");
        Assert.True(RtpHeader.TryGetLength(packet, out int length));
        Assert.Equal(packet.Length, length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("806F1234000003E8DEADBE")] // 11 bytes
    [InlineData("406F1234000003E8DEADBEEF")] // version 1
    [InlineData("C06F1234000003E8DEADBEEF")] // version 3
    [InlineData("816F1234000003E8DEADBEEF")] // CC=1, no CSRC
    [InlineData("906F1234000003E8DEADBEEFBEDE")] // X, half an extension header
    [InlineData("906F1234000003E8DEADBEEFBEDE000110")] // X, one word announced, 1 byte there
    public void TryGetLength_MalformedHeader_IsFalseAndZero(string hex)
    {
        Assert.False(RtpHeader.TryGetLength(Convert.FromHexString(hex), out int length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void TryGetLength_AgreesWithTheFullParser_OnEveryValidPacket()
    {
        foreach (byte[] packet in RtpTestPackets.All())
        {
            Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(packet, out RtpPacket rtp));
            Assert.True(RtpHeader.TryGetLength(packet, out int length));
            Assert.Equal(rtp.HeaderLength, length);
        }
    }
}
