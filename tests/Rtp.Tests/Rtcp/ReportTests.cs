using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>SR and RR (RFC 3550 §6.4.1, §6.4.2) and their report blocks.</summary>
public sealed class ReportTests
{
    [Fact]
    public void ReceiverReport_FromARealDump_ReadsTheBlock()
    {
        RtcpPacket.TryParse(RtcpCaptures.ReceiverReportSdesByePli(), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, ReceiverReport.TryParse(packet, out ReceiverReport report));
        Assert.Equal(0x902F9E2Eu, report.Ssrc);
        Assert.Equal(1, report.ReportBlocks.Count);
        Assert.Equal(new ReportBlock(0xBC5E9A40, 0, 0, 0x46E1, 273, 0x09F36432, 150137), report.ReportBlocks[0]);
        Assert.True(report.ProfileExtension.IsEmpty);
    }

    [Fact]
    public void SenderReport_HandMade_ReadsEveryField()
    {
        byte[] bytes = Convert.FromHexString(
            "81C8000D" + "902F9E2E" + "E2B3A1F080000000" + "00017700" + "000004D2" + "0008AA52"
            + "BC5E9A40" + "0CFFFFFE" + "000146E1" + "00000111" + "09F36432" + "00024A79"
            + "DEADBEEF");
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, SenderReport.TryParse(packet, out SenderReport report));
        Assert.Equal(0x902F9E2Eu, report.Ssrc);
        Assert.Equal(0xE2B3A1F080000000ul, report.NtpTimestamp);
        Assert.Equal(96000u, report.RtpTimestamp);
        Assert.Equal(1234u, report.PacketCount);
        Assert.Equal(567890u, report.OctetCount);
        Assert.Equal(new ReportBlock(0xBC5E9A40, 12, -2, 0x000146E1, 273, 0x09F36432, 150137), report.ReportBlocks[0]);
        Assert.Equal([0xDE, 0xAD, 0xBE, 0xEF], report.ProfileExtension.ToArray());
    }

    [Fact]
    public void SenderReport_RoundTrips()
    {
        RtcpPacket.TryParse(RtcpTestPackets.SenderReport(), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, SenderReport.TryParse(packet, out SenderReport report));
        Assert.Equal(0x902F9E2Eu, report.Ssrc);
        Assert.Equal(0xE2B3A1F0_80000000ul, report.NtpTimestamp);
        Assert.Equal(96000u, report.RtpTimestamp);
        Assert.Equal(1234u, report.PacketCount);
        Assert.Equal(567890u, report.OctetCount);
        Assert.Equal(2, report.ReportBlocks.Count);
        Assert.Equal(RtcpTestPackets.Blocks[0], report.ReportBlocks[0]);
        Assert.Equal(RtcpTestPackets.Blocks[1], report.ReportBlocks[1]);
        Assert.Equal(4 + 24 + 48, packet.Length);
    }

    [Fact]
    public void ReceiverReport_RoundTrips()
    {
        RtcpPacket.TryParse(RtcpTestPackets.ReceiverReport(), out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, ReceiverReport.TryParse(packet, out ReceiverReport report));
        Assert.Equal(2, report.ReportBlocks.Count);
        Assert.Equal(RtcpTestPackets.Blocks[1], report.ReportBlocks[1]);
    }

    [Fact]
    public void ReportBlock_CumulativeLost_IsClampedToSigned24Bits()
    {
        ReportBlock[] blocks = [new(1, 0, int.MaxValue, 0, 0, 0, 0), new(2, 0, int.MinValue, 0, 0, 0, 0)];
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => ReceiverReport.TryWrite(d, 9, blocks, out n));
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        ReceiverReport.TryParse(packet, out ReceiverReport report);
        Assert.Equal(0x7FFFFF, report.ReportBlocks[0].CumulativeLost);
        Assert.Equal(-0x800000, report.ReportBlocks[1].CumulativeLost);
    }

    [Fact]
    public void Reports_WithoutRoom_AreNotWritten()
    {
        Assert.False(SenderReport.TryWrite(new byte[27], 1, 2, 3, 4, 5, [], out int written));
        Assert.Equal(0, written);
        Assert.True(SenderReport.TryWrite(new byte[28], 1, 2, 3, 4, 5, [], out written));
        Assert.Equal(28, written);
        Assert.False(ReceiverReport.TryWrite(new byte[31], 1, RtcpTestPackets.Blocks.AsSpan(0, 1), out _));
        Assert.True(ReceiverReport.TryWrite(new byte[32], 1, RtcpTestPackets.Blocks.AsSpan(0, 1), out written));
        Assert.Equal(32, written);
    }

    [Fact]
    public void Reports_WithMoreThan31Blocks_Throw()
    {
        ReportBlock[] blocks = new ReportBlock[32];
        Assert.Throws<ArgumentOutOfRangeException>(() => SenderReport.TryWrite(new byte[1000], 1, 2, 3, 4, 5, blocks, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiverReport.TryWrite(new byte[1000], 1, blocks, out _));
    }

    [Theory]
    [InlineData("81C80001" + "00000001", RtcpParseResult.TooShort)] // no sender info
    [InlineData("81C80006" + "00000001" + "0000000000000000000000000000000000000000", RtcpParseResult.BadCount)] // RC=1, no block
    [InlineData("80C90000", RtcpParseResult.TooShort)] // RR without SSRC
    [InlineData("81C90001" + "00000001", RtcpParseResult.BadCount)] // RC=1, no block
    [InlineData("81CA0001" + "00000001", RtcpParseResult.WrongType)] // an SDES
    public void Reports_Malformed_ReturnTheDocumentedFailure(string hex, RtcpParseResult expected)
    {
        Assert.Equal(RtcpParseResult.Ok, RtcpPacket.TryParse(Convert.FromHexString(hex), out RtcpPacket packet));
        RtcpParseResult actual = packet.PacketType == RtcpPacketType.SenderReport
            ? SenderReport.TryParse(packet, out _)
            : ReceiverReport.TryParse(packet, out _);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ReportBlockList_IndexOutOfRange_Throws()
    {
        byte[] bytes = RtcpTestPackets.ReceiverReport();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            RtcpPacket.TryParse(bytes, out RtcpPacket packet);
            ReceiverReport.TryParse(packet, out ReceiverReport report);
            return report.ReportBlocks[2];
        });
    }
}
