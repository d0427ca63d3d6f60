using Gateway.Rtp.Rtcp;
using Gateway.Rtp.Tests.Packets;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>
/// The seeded property test of the RTCP parsers: the compound walk and every typed view (SR, RR, SDES with its
/// chunks and items, BYE, APP, generic NACK with expansion, transport-wide feedback with its statuses, PLI, FIR,
/// REMB) on every truncation of valid packets, random bytes (half behind an RTCP-looking header) and random
/// mutations of valid packets. No input may throw; every failure must be a documented value.
/// </summary>
public sealed class RtcpParserFuzzTests
{
    private const int RandomInputs = 50_000;
    private const int MutatedInputs = 100_000;

    [Fact]
    public void EveryTruncation_OfAValidCompound_FailsWithTheExpectedValue()
    {
        var probe = new RtcpProbe();
        foreach (byte[] compound in RtcpTestPackets.All())
        {
            var boundaries = new List<int> { 0 };
            foreach (RtcpPacket packet in new RtcpCompoundPacket(compound))
            {
                boundaries.Add(boundaries[^1] + packet.Length);
            }

            Assert.Equal(compound.Length, boundaries[^1]);
            for (int length = 0; length <= compound.Length; length++)
            {
                int last = boundaries.FindLast(b => b <= length);
                RtcpParseResult expected = length == 0 ? RtcpParseResult.TooShort
                    : length == last ? RtcpParseResult.Ok
                    : length - last < 4 ? RtcpParseResult.TooShort
                    : RtcpParseResult.BadLength;
                RtcpParseResult actual = probe.Run(compound.AsSpan(0, length));
                Assert.True(expected == actual, $"{length} of {Convert.ToHexString(compound)}: {actual}, expected {expected}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(probe.Summary());
    }

    [Fact]
    public void EveryTruncatedBody_OfEachPacket_RewrappedWithAConsistentLength_NeverThrows()
    {
        // Cut each packet's body and fix the length field, so the typed parsers, not the header check, see the cut.
        var probe = new RtcpProbe();
        byte[] buffer = new byte[2000];
        foreach (byte[] compound in RtcpTestPackets.All())
        {
            foreach (RtcpPacket packet in new RtcpCompoundPacket(compound))
            {
                for (int words = 0; words < packet.Length / 4; words++)
                {
                    Span<byte> input = buffer.AsSpan(0, 4 + (words * 4));
                    packet.Buffer.Slice(0, input.Length).CopyTo(input);
                    input[0] &= 0xDF; // no padding: the cut removed the count byte
                    input[2] = (byte)(words >> 8);
                    input[3] = (byte)words;
                    Assert.Equal(RtcpParseResult.Ok, probe.Run(input));
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(probe.Summary());
    }

    [Fact]
    public void RandomBytesAndMutations_NeverThrow_AndFailOnlyWithDocumentedValues()
    {
        int seed = ParserFuzzSeed.Get(4585);
        var random = new Random(seed);
        byte[][] seeds = RtcpTestPackets.All();
        var probe = new RtcpProbe();
        byte[] buffer = new byte[2000];
        int[] types = [200, 201, 202, 203, 204, 205, 206, 207];
        try
        {
            for (int i = 0; i < RandomInputs; i++)
            {
                int length = random.Next(0, 30) * 4;
                Span<byte> input = buffer.AsSpan(0, length + ((i % 7 == 0) ? random.Next(4) : 0));
                random.NextBytes(input);
                if ((i & 1) == 0 && input.Length >= 4)
                {
                    // A plausible header: version 2, a real type, the length of the datagram.
                    input[0] = (byte)(0x80 | (input[0] & 0x3F));
                    input[1] = (byte)types[random.Next(types.Length)];
                    int words = (input.Length / 4) - 1;
                    input[2] = (byte)(words >> 8);
                    input[3] = (byte)words;
                }

                probe.Run(input);
            }

            for (int i = 0; i < MutatedInputs; i++)
            {
                byte[] source = seeds[random.Next(seeds.Length)];
                Span<byte> input = buffer.AsSpan(0, source.Length);
                source.CopyTo(input);
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    // Keep the first header intact half the time, so the typed parsers get to the damage.
                    int at = random.Next(2) == 0 ? random.Next(4, source.Length) : random.Next(source.Length);
                    input[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(input[at] ^ (1 << random.Next(8)));
                }

                probe.Run(input);
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{ParserFuzzSeed.Describe(seed)}: {e}");
        }

        Assert.True(probe.Calls >= 1_000_000, probe.Summary());
        TestContext.Current.TestOutputHelper?.WriteLine($"{probe.Summary()}, {ParserFuzzSeed.Describe(seed)}");
    }

    /// <summary>Runs the compound walk and every typed parser on each packet of one input.</summary>
    private sealed class RtcpProbe
    {
        private readonly TransportPacketStatus[] _statuses = new TransportPacketStatus[65536];
        private readonly ushort[] _lost = new ushort[20_000];
        private readonly Dictionary<RtcpParseResult, int> _results = [];

        public long Calls { get; private set; }

        public RtcpParseResult Run(ReadOnlySpan<byte> input)
        {
            RtcpParseResult validated = RtcpCompoundPacket.Validate(input);
            Calls++;
            Record(validated);
            RtcpCompoundEnumerator packets = new RtcpCompoundPacket(input).GetEnumerator();
            int total = 0;
            while (packets.MoveNext())
            {
                RtcpPacket packet = packets.Current;
                Assert.Equal(2, packet.Version);
                Assert.Equal(packet.Length, 4 + packet.Body.Length + packet.PaddingLength);
                total += packet.Length;
                ParseTyped(packet);
                Calls++;
            }

            Assert.Equal(validated, input.IsEmpty ? RtcpParseResult.TooShort : packets.Result);
            if (validated == RtcpParseResult.Ok)
            {
                Assert.Equal(input.Length, total);
            }

            return validated;
        }

        public string Summary() =>
            $"{Calls:N0} parser calls; results: {string.Join(", ", _results.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value:N0}"))}";

        private void ParseTyped(RtcpPacket packet)
        {
            if (Record(SenderReport.TryParse(packet, out SenderReport sr)) == RtcpParseResult.Ok)
            {
                _ = sr.Ssrc + sr.NtpTimestamp + sr.OctetCount + (ulong)sr.ProfileExtension.Length;
                for (int i = 0; i < sr.ReportBlocks.Count; i++)
                {
                    _ = sr.ReportBlocks[i];
                }
            }

            if (Record(ReceiverReport.TryParse(packet, out ReceiverReport rr)) == RtcpParseResult.Ok)
            {
                for (int i = 0; i < rr.ReportBlocks.Count; i++)
                {
                    _ = rr.ReportBlocks[i];
                }
            }

            if (Record(SourceDescription.TryParse(packet, out SourceDescription sdes)) == RtcpParseResult.Ok)
            {
                int chunks = 0;
                foreach (SdesChunk chunk in sdes)
                {
                    foreach (SdesItem item in chunk.Items)
                    {
                        Assert.NotEqual(SdesItemType.End, item.Type);
                    }

                    chunk.TryGetItem(SdesItemType.CanonicalName, out _);
                    chunks++;
                }

                Assert.Equal(sdes.ChunkCount, chunks);
            }

            if (Record(Goodbye.TryParse(packet, out Goodbye bye)) == RtcpParseResult.Ok)
            {
                for (int i = 0; i < bye.SsrcCount; i++)
                {
                    _ = bye.GetSsrc(i);
                }
            }

            if (Record(ApplicationDefined.TryParse(packet, out ApplicationDefined app)) == RtcpParseResult.Ok)
            {
                Assert.Equal(4, app.Name.Length);
            }

            if (Record(GenericNack.TryParse(packet, out GenericNack nack)) == RtcpParseResult.Ok)
            {
                Assert.True(nack.TryGetLostSequenceNumbers(_lost, out _) || nack.ItemCount * 17 > _lost.Length);
            }

            if (Record(TransportFeedback.TryParse(packet, out TransportFeedback twcc)) == RtcpParseResult.Ok)
            {
                RtcpParseResult statuses = Record(twcc.TryGetPackets(_statuses, out int count));
                Assert.True(statuses is RtcpParseResult.Ok or RtcpParseResult.BadFeedback, $"{statuses}");
                Assert.Equal(statuses == RtcpParseResult.Ok ? twcc.PacketStatusCount : 0, count);
            }

            Record(PictureLossIndication.TryParse(packet, out _));
            if (Record(FullIntraRequest.TryParse(packet, out FullIntraRequest fir)) == RtcpParseResult.Ok)
            {
                for (int i = 0; i < fir.EntryCount; i++)
                {
                    _ = fir.GetEntry(i);
                }
            }

            if (Record(ReceiverEstimatedMaxBitrate.TryParse(packet, out ReceiverEstimatedMaxBitrate remb)) == RtcpParseResult.Ok)
            {
                _ = remb.Bitrate;
                for (int i = 0; i < remb.SsrcCount; i++)
                {
                    _ = remb.GetSsrc(i);
                }
            }
        }

        private RtcpParseResult Record(RtcpParseResult result)
        {
            Assert.True(Enum.IsDefined(result), $"undefined result {result}");
            _results[result] = _results.GetValueOrDefault(result) + 1;
            Calls++;
            return result;
        }
    }
}
