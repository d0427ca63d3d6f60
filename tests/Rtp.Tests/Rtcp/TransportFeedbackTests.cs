using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>Building transport-wide feedback and reading it back.</summary>
public sealed class TransportFeedbackTests
{
    [Fact]
    public void Builder_OneReceivedPacket_MatchesChromesLayoutButPadsWithZeros()
    {
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) =>
            TransportFeedback.TryWrite(d, 4195875351, 1124282272, 4057090, 23, [new TransportPacketStatus(153, true, 148)], out n));

        // Chrome sets P and ends with a count byte (01); this builder zero-pads with P clear, as the draft draws it.
        byte[] chrome = RtcpCaptures.ChromeTwccOnePacket();
        chrome[0] &= 0xDF;
        chrome[^1] = 0;
        Assert.Equal(Convert.ToHexString(chrome), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Builder_ChromeRunOfSeven_EncodesTheSameChunk()
    {
        TransportPacketStatus[] statuses = TransportFeedbackCaptureTests.Parse(RtcpCaptures.ChromeTwccRunOfSeven(), out TransportFeedbackFields fields);
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) =>
            TransportFeedback.TryWrite(d, fields.SenderSsrc, fields.MediaSsrc, fields.ReferenceTime, (byte)fields.FeedbackPacketCount, statuses, out n));
        Assert.Equal(Convert.ToHexString(RtcpCaptures.ChromeTwccRunOfSeven(), 4, 25), Convert.ToHexString(bytes, 4, 25));
    }

    [Fact]
    public void Builder_ChromeMixed_RoundTrips()
    {
        TransportPacketStatus[] statuses = TransportFeedbackCaptureTests.Parse(RtcpCaptures.ChromeTwccMixed(), out TransportFeedbackFields fields);
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) =>
            TransportFeedback.TryWrite(d, fields.SenderSsrc, fields.MediaSsrc, fields.ReferenceTime, (byte)fields.FeedbackPacketCount, statuses, out n));
        Assert.Equal(statuses, TransportFeedbackCaptureTests.Parse(bytes, out TransportFeedbackFields again));
        Assert.Equal(fields, again);
    }

    [Theory]
    [InlineData(20, 0, 2)] // 20 small deltas: one run-length chunk
    [InlineData(14, 1, 2)] // alternating lost/small: one one-bit vector
    [InlineData(7, 2, 2)] // alternating small/large: one two-bit vector
    [InlineData(9000, 3, 4)] // 9000 lost: two run-length chunks (8191 + 809)
    public void Builder_PicksCompactChunks(int count, int pattern, int chunkBytes)
    {
        TransportPacketStatus[] statuses = new TransportPacketStatus[count];
        for (int i = 0; i < count; i++)
        {
            ushort sequence = (ushort)(1000 + i);
            statuses[i] = pattern switch
            {
                0 => new TransportPacketStatus(sequence, true, 4),
                1 => i % 2 == 0 ? TransportPacketStatus.Lost(sequence) : new TransportPacketStatus(sequence, true, 4),
                2 => new TransportPacketStatus(sequence, true, i % 2 == 0 ? 4 : 1000),
                _ => TransportPacketStatus.Lost(sequence),
            };
        }

        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => TransportFeedback.TryWrite(d, 1, 2, 3, 4, statuses, out n));
        int deltaBytes = statuses.Sum(s => !s.Received ? 0 : s.DeltaTicks is >= 0 and <= 255 ? 1 : 2);
        Assert.Equal((20 + chunkBytes + deltaBytes + 3) & ~3, bytes.Length);
        Assert.Equal(statuses, TransportFeedbackCaptureTests.Parse(bytes, out _));
    }

    [Fact]
    public void Builder_NoPackets_WritesAnEmptyReport()
    {
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => TransportFeedback.TryWrite(d, 1, 2, 3, 4, [], out n));
        Assert.Equal(20, bytes.Length);
        Assert.Empty(TransportFeedbackCaptureTests.Parse(bytes, out TransportFeedbackFields fields));
        Assert.Equal(0, fields.PacketStatusCount);
    }

    [Fact]
    public void Builder_NegativeReferenceTime_RoundTripsAsSigned24Bits()
    {
        byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => TransportFeedback.TryWrite(d, 1, 2, -5, 4, [], out n));
        TransportFeedbackCaptureTests.Parse(bytes, out TransportFeedbackFields fields);
        Assert.Equal(-5, fields.ReferenceTime);
    }

    [Fact]
    public void Builder_InvalidStatuses_Throw()
    {
        Assert.Throws<ArgumentException>(() => TransportFeedback.TryWrite(new byte[100], 1, 2, 3, 4, [TransportPacketStatus.Lost(1), TransportPacketStatus.Lost(3)], out _));
        Assert.Throws<ArgumentException>(() => TransportFeedback.TryWrite(new byte[100], 1, 2, 3, 4, [new TransportPacketStatus(1, true, 40_000)], out _));
        Assert.Throws<ArgumentException>(() => TransportFeedback.TryWrite(new byte[100], 1, 2, 3, 4, [new TransportPacketStatus(1, true, -32_769)], out _));
    }

    [Fact]
    public void Builder_TooSmall_ReturnsFalse()
    {
        Assert.False(TransportFeedback.TryWrite(new byte[23], 1, 2, 3, 4, [new TransportPacketStatus(1, true, 1)], out int written));
        Assert.Equal(0, written);
        Assert.True(TransportFeedback.TryWrite(new byte[24], 1, 2, 3, 4, [new TransportPacketStatus(1, true, 1)], out written));
        Assert.Equal(24, written);
    }

    [Fact]
    public void TryGetPackets_DestinationTooSmall_OrDeltasMissing_Fail()
    {
        RtcpPacket.TryParse(RtcpCaptures.ChromeTwccRunOfSeven(), out RtcpPacket packet);
        TransportFeedback.TryParse(packet, out TransportFeedback feedback);
        Assert.Equal(RtcpParseResult.DestinationTooSmall, feedback.TryGetPackets(new TransportPacketStatus[6], out int count));
        Assert.Equal(0, count);

        // Claim 2 more padding bytes: the last delta is then inside the padding.
        byte[] cut = RtcpCaptures.ChromeTwccRunOfSeven();
        cut[^1] = 5;
        RtcpPacket.TryParse(cut, out RtcpPacket cutPacket);
        TransportFeedback.TryParse(cutPacket, out TransportFeedback cutFeedback);
        Assert.Equal(RtcpParseResult.BadFeedback, cutFeedback.TryGetPackets(new TransportPacketStatus[7], out _));

        // Claim more statuses than the chunks hold.
        byte[] more = RtcpCaptures.ChromeTwccRunOfSeven();
        more[15] = 8;
        RtcpPacket.TryParse(more, out RtcpPacket morePacket);
        TransportFeedback.TryParse(morePacket, out TransportFeedback moreFeedback);
        Assert.Equal(RtcpParseResult.BadFeedback, moreFeedback.TryGetPackets(new TransportPacketStatus[8], out _));
    }

    [Fact]
    public void TryParse_WrongFormatOrShort_Fail()
    {
        RtcpPacket.TryParse(RtcpTestPackets.Nack(), out RtcpPacket nack);
        Assert.Equal(RtcpParseResult.WrongType, TransportFeedback.TryParse(nack, out _));
        RtcpPacket.TryParse(Convert.FromHexString("8FCD0003" + "00000001" + "00000002" + "00010001"), out RtcpPacket shortPacket);
        Assert.Equal(RtcpParseResult.TooShort, TransportFeedback.TryParse(shortPacket, out _));
    }

    [Fact]
    public void RandomStatuses_RoundTrip()
    {
        int seed = Packets.ParserFuzzSeed.Get(1888);
        var random = new Random(seed);
        byte[] buffer = new byte[70_000];
        var parsed = new TransportPacketStatus[3000];
        for (int iteration = 0; iteration < 1500; iteration++)
        {
            int count = random.Next(0, 2000);
            ushort start = (ushort)random.Next(65536);
            int lossPercent = random.Next(0, 101);
            int largePercent = random.Next(0, 30);
            TransportPacketStatus[] statuses = new TransportPacketStatus[count];
            for (int i = 0; i < count; i++)
            {
                ushort sequence = (ushort)(start + i);
                bool burst = random.Next(100) < 3;
                if (random.Next(100) < lossPercent || burst)
                {
                    statuses[i] = TransportPacketStatus.Lost(sequence);
                }
                else
                {
                    int delta = random.Next(100) < largePercent ? random.Next(short.MinValue, short.MaxValue + 1) : random.Next(0, 256);
                    statuses[i] = new TransportPacketStatus(sequence, true, delta);
                }
            }

            int reference = random.Next(-(1 << 23), 1 << 23);
            byte feedbackCount = (byte)random.Next(256);
            Assert.True(TransportFeedback.TryWrite(buffer, 7, 8, reference, feedbackCount, statuses, out int length));
            string context = $"iteration {iteration}, {Packets.ParserFuzzSeed.Describe(seed)}";
            Assert.True(RtcpParseResult.Ok == RtcpPacket.TryParse(buffer.AsSpan(0, length), out RtcpPacket packet), context);
            Assert.True(RtcpParseResult.Ok == TransportFeedback.TryParse(packet, out TransportFeedback feedback), context);
            Assert.Equal(reference, feedback.ReferenceTime);
            Assert.Equal(feedbackCount, feedback.FeedbackPacketCount);
            Assert.Equal(start, count == 0 ? start : feedback.BaseSequenceNumber);
            Assert.True(RtcpParseResult.Ok == feedback.TryGetPackets(parsed, out int parsedCount), context);
            Assert.True(statuses.AsSpan().SequenceEqual(parsed.AsSpan(0, parsedCount)), context);
        }
    }
}
