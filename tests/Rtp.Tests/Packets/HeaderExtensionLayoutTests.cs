using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>RFC 8285's own figures (§4.2 one-byte, §4.3 two-byte) and the rules around them, read with the enumerator.</summary>
public sealed class HeaderExtensionLayoutTests
{
    [Fact]
    public void OneByteFigure_EnumeratesThreeElements_SkippingPadding()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(RtpTestPackets.Rfc8285OneByteExample(), out RtpPacket rtp));
        RtpHeaderExtensions extensions = rtp.Extensions;
        Assert.Equal(RtpHeaderExtensionForm.OneByte, extensions.Form);
        Assert.Equal(
            ["1:AA", "2:BBBB", "3:CCCCCCCC"],
            Describe(extensions));
        Assert.True(extensions.IsWellFormed());
        Assert.Equal([0x50, 0x50], rtp.Payload.ToArray());
    }

    [Fact]
    public void TwoByteFigure_EnumeratesThreeElements_IncludingAnEmptyOne()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(RtpTestPackets.Rfc8285TwoByteExample(), out RtpPacket rtp));
        RtpHeaderExtensions extensions = rtp.Extensions;
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, extensions.Form);
        Assert.Equal(["1:", "2:DD", "3:EEEEEEEE"], Describe(extensions));
        Assert.True(extensions.TryFind(1, out ReadOnlySpan<byte> empty));
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void TwoByteProfile_WithApplicationBits_IsStillTwoByte()
    {
        byte[] packet = RtpTestPackets.Rfc8285TwoByteExample();
        packet[13] = 0x0F; // 0x100F: appbits 0xF (RFC 8285 §4.3)
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, rtp.Extensions.Form);
        Assert.Equal(3, Describe(rtp.Extensions).Count);
    }

    [Fact]
    public void OneByteId15_StopsProcessing_AndLaterElementsAreIgnored()
    {
        // 1=[AA], then ID 15 (its length ignored), then what would be 2=[BB].
        byte[] packet = Convert.FromHexString("900000010000000000000001BEDE0001" + "10AAF021");
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        Assert.Equal(["1:AA"], Describe(rtp.Extensions));
        Assert.True(rtp.Extensions.IsWellFormed());
        Assert.False(rtp.Extensions.TryFind(2, out _));
    }

    [Fact]
    public void OneByteIdZeroWithALength_IsOneByteOfPadding()
    {
        byte[] packet = Convert.FromHexString("900000010000000000000001BEDE0001" + "0510AA00");
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        Assert.Equal(["1:AA"], Describe(rtp.Extensions));
    }

    [Fact]
    public void ElementPastTheExtensionData_EndsTheWalk_AndIsMalformed()
    {
        // 1=[AA], then 2 announcing 4 bytes with only 1 left in the word.
        byte[] packet = Convert.FromHexString("900000010000000000000001BEDE0001" + "10AA23BB");
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        RtpHeaderExtensionEnumerator elements = rtp.Extensions.GetEnumerator();
        Assert.True(elements.MoveNext());
        Assert.Equal(1, elements.Current.Id);
        Assert.False(elements.MoveNext());
        Assert.True(elements.IsMalformed);
        Assert.False(rtp.Extensions.IsWellFormed());
        Assert.False(rtp.Extensions.TryFind(2, out _));
    }

    [Fact]
    public void TwoByteHeaderCutByTheEnd_IsMalformed()
    {
        byte[] packet = Convert.FromHexString("900000010000000000000001" + "10000001" + "010100" + "07");
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        Assert.Equal(["1:00"], Describe(rtp.Extensions));
        Assert.False(rtp.Extensions.IsWellFormed());
    }

    [Fact]
    public void OtherProfile_IsOpaque_WithNoElements()
    {
        byte[] packet = Convert.FromHexString("900000010000000000000001ABCD0001" + "10AA0000");
        RtpPacket.TryParse(packet, out RtpPacket rtp);
        Assert.Equal(RtpHeaderExtensionForm.Other, rtp.Extensions.Form);
        Assert.Equal(0xABCD, rtp.Extensions.Profile);
        Assert.Equal(4, rtp.Extensions.Data.Length);
        Assert.Empty(Describe(rtp.Extensions));
        Assert.False(rtp.Extensions.TryFind(1, out _));
    }

    [Fact]
    public void TryFind_IdZeroOrNegative_IsNeverFound()
    {
        RtpPacket.TryParse(RtpTestPackets.Rfc8285OneByteExample(), out RtpPacket rtp);
        Assert.False(rtp.Extensions.TryFind(0, out _));
        Assert.False(rtp.Extensions.TryFind(-1, out _));
    }

    internal static List<string> Describe(RtpHeaderExtensions extensions)
    {
        var found = new List<string>();
        foreach (RtpHeaderExtension element in extensions)
        {
            found.Add($"{element.Id}:{Convert.ToHexString(element.Value)}");
        }

        return found;
    }
}
