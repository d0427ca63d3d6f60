using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>PLI (RFC 4585 §6.3.1) and FIR (RFC 5104 §4.3.1).</summary>
public sealed class PayloadFeedbackTests
{
    [Fact]
    public void Pli_FromARealDump_ReadsBothSsrcs()
    {
        byte[] dump = RtcpCaptures.ReceiverReportSdesByePli();
        RtcpPacket.TryParse(dump.AsSpan(92), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, PictureLossIndication.TryParse(packet, out PictureLossIndication pli));
        Assert.Equal(0x902F9E2Eu, pli.SenderSsrc);
        Assert.Equal(0x902F9E2Eu, pli.MediaSsrc);
    }

    [Fact]
    public void Pli_Builder_MatchesTheLayout()
    {
        Assert.Equal("81CE0002" + "00000001" + "00C0FFEE", Convert.ToHexString(RtcpTestPackets.Pli()));
        Assert.False(PictureLossIndication.TryWrite(new byte[11], 1, 2, out _));
    }

    [Fact]
    public void Pli_OtherFeedback_IsWrongType()
    {
        RtcpPacket.TryParse(RtcpTestPackets.Fir(), out RtcpPacket fir);
        Assert.Equal(RtcpParseResult.WrongType, PictureLossIndication.TryParse(fir, out _));
        RtcpPacket.TryParse(RtcpTestPackets.Nack(), out RtcpPacket nack);
        Assert.Equal(RtcpParseResult.WrongType, PictureLossIndication.TryParse(nack, out _));
    }

    [Fact]
    public void Fir_RoundTrips_WithMediaSsrcZero()
    {
        byte[] bytes = RtcpTestPackets.Fir();
        Assert.Equal("84CE0006" + "00000001" + "00000000" + "00C0FFEE" + "07000000" + "0000BEEF" + "FF000000", Convert.ToHexString(bytes));
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, FullIntraRequest.TryParse(packet, out FullIntraRequest fir));
        Assert.Equal(1u, fir.SenderSsrc);
        Assert.Equal(2, fir.EntryCount);
        Assert.Equal(new FirEntry(0xC0FFEE, 7), fir.GetEntry(0));
        Assert.Equal(new FirEntry(0xBEEF, 255), fir.GetEntry(1));
    }

    [Theory]
    [InlineData("84CE0002" + "00000001" + "00000000", RtcpParseResult.BadCount)] // no entry
    [InlineData("84CE0003" + "00000001" + "00000000" + "00C0FFEE", RtcpParseResult.BadLength)] // half an entry
    [InlineData("84CE0001" + "00000001", RtcpParseResult.TooShort)]
    public void Fir_Malformed_ReturnsTheDocumentedFailure(string hex, RtcpParseResult expected)
    {
        RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet);
        Assert.Equal(expected, FullIntraRequest.TryParse(packet, out _));
    }

    [Fact]
    public void Fir_Builder_EmptyOrTooSmall()
    {
        Assert.Throws<ArgumentException>(() => FullIntraRequest.TryWrite(new byte[64], 1, [], out _));
        Assert.False(FullIntraRequest.TryWrite(new byte[19], 1, [new FirEntry(1, 1)], out _));
    }
}
