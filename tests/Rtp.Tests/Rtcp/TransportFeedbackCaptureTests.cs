using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>
/// Transport-wide feedback captured from Chrome, and the chunk examples of
/// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3 and §3.1.4.
/// </summary>
public sealed class TransportFeedbackCaptureTests
{
    [Fact]
    public void ChromeOnePacket_ReadsTheHeaderAndOneSmallDelta()
    {
        TransportPacketStatus[] statuses = Parse(RtcpCaptures.ChromeTwccOnePacket(), out TransportFeedbackFields fields);
        Assert.Equal(new TransportFeedbackFields(4195875351, 1124282272, 153, 1, 4057090, 23), fields);
        Assert.Equal([new TransportPacketStatus(153, true, 148)], statuses);
        Assert.Equal(37_000, statuses[0].DeltaMicroseconds);
    }

    [Fact]
    public void ChromeRunOfSeven_ReadsSevenSmallDeltas()
    {
        TransportPacketStatus[] statuses = Parse(RtcpCaptures.ChromeTwccRunOfSeven(), out TransportFeedbackFields fields);
        Assert.Equal(new TransportFeedbackFields(4195875351, 423483579, 4, 7, 1074030, 1), fields);
        Assert.Equal([19_000, 9_000, 9_000, 4_000, 3_000, 3_000, 4_000], statuses.Select(s => s.DeltaMicroseconds));
        Assert.Equal([4, 5, 6, 7, 8, 9, 10], statuses.Select(s => (int)s.SequenceNumber));
        Assert.All(statuses, s => Assert.True(s.Received));
    }

    [Fact]
    public void ChromeMixed_ReadsAVectorAndARunCutByTheStatusCount()
    {
        TransportPacketStatus[] statuses = Parse(RtcpCaptures.ChromeTwccMixed(), out TransportFeedbackFields fields);
        Assert.Equal(new TransportFeedbackFields(2608133663, 2473712828, 34108, 9, 6551830, 179), fields);
        Assert.Equal(
            [
                new TransportPacketStatus(34108, true, 155),
                new TransportPacketStatus(34109, true, 170),
                new TransportPacketStatus(34110, true, 106),
                new TransportPacketStatus(34111, true, 170),
                new TransportPacketStatus(34112, true, 123),
                TransportPacketStatus.Lost(34113),
                new TransportPacketStatus(34114, true, 265), // large delta: 66.25 ms
                TransportPacketStatus.Lost(34115),
                TransportPacketStatus.Lost(34116),
            ],
            statuses);
    }

    [Fact]
    public void ReferenceTime_IsInUnitsOf64Milliseconds()
    {
        RtcpPacket.TryParse(RtcpCaptures.ChromeTwccOnePacket(), out RtcpPacket packet);
        TransportFeedback.TryParse(packet, out TransportFeedback feedback);
        Assert.Equal(4057090L * 64_000, feedback.ReferenceTimeMicroseconds);
    }

    [Fact]
    public void DraftRunLengthExample1_Is221PacketsNotReceived()
    {
        // §3.1.3 example 1: 0x00DD = T=0, S=00, run length 221.
        TransportPacketStatus[] statuses = ParseChunks([0x00, 0xDD], 221);
        Assert.All(statuses, s => Assert.False(s.Received));
    }

    [Fact]
    public void DraftVectorExample1_IsFourteenOneBitSymbols()
    {
        // §3.1.4 example 1: 0x9F1C = T=1, S=0, symbols 0 1 1 1 1 1 0 0 0 1 1 1 0 0 (1 = small delta).
        TransportPacketStatus[] statuses = ParseChunks([0x9F, 0x1C, .. new byte[8]], 14);
        Assert.Equal("01111100011100", string.Concat(statuses.Select(s => s.Received ? '1' : '0')));
    }

    [Fact]
    public void DraftExamplesUsingSymbol11_AreRejected()
    {
        // §3.1.3 example 2 (0x6018) and §3.1.4 example 2 (0xCD50) still use "11", which the -01 symbol table
        // reserves; libwebrtc rejects it too.
        Assert.Equal(RtcpParseResult.BadFeedback, TryParseChunks([0x60, 0x18], 24));
        Assert.Equal(RtcpParseResult.BadFeedback, TryParseChunks([0xCD, 0x50, 0x01, 0x01, 0x01, 0x00], 7));
    }

    [Fact]
    public void ReservedSymbol_PastTheStatusCount_IsIgnored()
    {
        // A two-bit vector with "11" in its 7th slot, when only 6 statuses are counted.
        Assert.Equal(RtcpParseResult.Ok, TryParseChunks([0xC0, 0x03, 0x00, 0x00], 6));
    }

    internal static TransportPacketStatus[] Parse(byte[] bytes, out TransportFeedbackFields fields)
    {
        Assert.Equal(RtcpParseResult.Ok, RtcpPacket.TryParse(bytes, out RtcpPacket packet));
        Assert.Equal(RtcpParseResult.Ok, TransportFeedback.TryParse(packet, out TransportFeedback feedback));
        fields = new TransportFeedbackFields(feedback.SenderSsrc, feedback.MediaSsrc, feedback.BaseSequenceNumber, feedback.PacketStatusCount, feedback.ReferenceTime, feedback.FeedbackPacketCount);
        var statuses = new TransportPacketStatus[feedback.PacketStatusCount];
        Assert.Equal(RtcpParseResult.Ok, feedback.TryGetPackets(statuses, out int count));
        Assert.Equal(statuses.Length, count);
        return statuses;
    }

    private static TransportPacketStatus[] ParseChunks(byte[] chunksAndDeltas, int statusCount)
    {
        Assert.Equal(RtcpParseResult.Ok, TryParseChunks(chunksAndDeltas, statusCount, out TransportPacketStatus[] statuses));
        return statuses;
    }

    private static RtcpParseResult TryParseChunks(byte[] chunksAndDeltas, int statusCount) =>
        TryParseChunks(chunksAndDeltas, statusCount, out _);

    private static RtcpParseResult TryParseChunks(byte[] chunksAndDeltas, int statusCount, out TransportPacketStatus[] statuses)
    {
        // Wrap the chunks in a feedback header: base 0, the given status count, reference time 0.
        int bodyLength = (16 + chunksAndDeltas.Length + 3) & ~3;
        byte[] bytes = new byte[4 + bodyLength];
        bytes[0] = 0x8F;
        bytes[1] = 205;
        bytes[3] = (byte)(bodyLength / 4);
        bytes[14] = (byte)(statusCount >> 8);
        bytes[15] = (byte)statusCount;
        chunksAndDeltas.CopyTo(bytes, 20);
        RtcpPacket.TryParse(bytes, out RtcpPacket packet);
        Assert.Equal(RtcpParseResult.Ok, TransportFeedback.TryParse(packet, out TransportFeedback feedback));
        statuses = new TransportPacketStatus[statusCount];
        return feedback.TryGetPackets(statuses, out _);
    }
}
