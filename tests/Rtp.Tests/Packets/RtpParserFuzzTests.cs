using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>
/// The seeded property test of the RTP parsers (<see cref="RtpHeader"/>, <see cref="RtpPacket"/>,
/// <see cref="MutableRtpPacket"/>, the extension enumerator and named accessors, and the in-place editor):
/// every truncation of valid packets, random bytes (half with an RTP-looking first byte), and random
/// mutations of valid packets. No input may throw, and every failure must be a documented value.
/// </summary>
public sealed class RtpParserFuzzTests
{
    private const int RandomInputs = 60_000;
    private const int MutatedInputs = 90_000;

    [Fact]
    public void EveryTruncation_OfAValidPacket_FailsWithTheExpectedValue()
    {
        var probe = new RtpProbe();
        foreach (byte[] packet in RtpTestPackets.All())
        {
            RtpPacket.TryParse(packet, out RtpPacket full);
            int csrcEnd = 12 + (full.CsrcCount * 4);
            for (int length = 0; length <= packet.Length; length++)
            {
                byte[] input = packet.AsSpan(0, length).ToArray();
                RtpParseResult actual = probe.Run(input);
                string context = $"{length} of {Convert.ToHexString(packet)}";
                if (length < 12)
                {
                    Assert.True(actual == RtpParseResult.TooShort, context);
                }
                else if (length < csrcEnd)
                {
                    Assert.True(actual == RtpParseResult.BadCsrcCount, context);
                }
                else if (length < full.HeaderLength)
                {
                    Assert.True(actual == RtpParseResult.BadExtension, context);
                }
                else if (full.HasPadding)
                {
                    // The last byte of a cut packet is payload: a valid count or not.
                    int count = input[^1];
                    RtpParseResult expected = count >= 1 && count <= length - full.HeaderLength ? RtpParseResult.Ok : RtpParseResult.BadPadding;
                    Assert.True(actual == expected, context);
                }
                else
                {
                    Assert.True(actual == RtpParseResult.Ok, context);
                }
            }
        }

        Assert.True(probe.Calls > 1_000, probe.Summary());
        TestContext.Current.TestOutputHelper?.WriteLine(probe.Summary());
    }

    [Fact]
    public void RandomBytesAndMutations_NeverThrow_AndFailOnlyWithDocumentedValues()
    {
        int seed = ParserFuzzSeed.Get(3550);
        var random = new Random(seed);
        byte[][] seeds = RtpTestPackets.All();
        var probe = new RtpProbe();
        byte[] buffer = new byte[1600];
        try
        {
            for (int i = 0; i < RandomInputs; i++)
            {
                Span<byte> input = buffer.AsSpan(0, random.Next(0, 120));
                random.NextBytes(input);
                if ((i & 1) == 0 && !input.IsEmpty)
                {
                    input[0] = (byte)(0x80 | (input[0] & 0x3F)); // version 2: get past the first check
                }

                probe.Run(input);
            }

            for (int i = 0; i < MutatedInputs; i++)
            {
                byte[] source = seeds[random.Next(seeds.Length)];
                int length = Math.Min(buffer.Length, Math.Max(0, source.Length + random.Next(-8, 9)));
                Span<byte> input = buffer.AsSpan(0, length);
                source.AsSpan(0, Math.Min(length, source.Length)).CopyTo(input);
                if (length > source.Length)
                {
                    random.NextBytes(input.Slice(source.Length));
                }

                int flips = random.Next(1, 5);
                for (int f = 0; f < flips && length > 0; f++)
                {
                    // Mostly the header and extension, where the structure is.
                    int at = random.Next(3) == 0 ? random.Next(length) : random.Next(Math.Min(length, 48));
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

    /// <summary>Runs every RTP parser and accessor on one input and checks they agree.</summary>
    private sealed class RtpProbe
    {
        private readonly byte[] _copy = new byte[2400];
        private readonly Dictionary<RtpParseResult, int> _results = [];

        public long Calls { get; private set; }

        public RtpParseResult Run(ReadOnlySpan<byte> input)
        {
            bool hasHeader = RtpHeader.TryGetLength(input, out int headerLength);
            RtpParseResult result = RtpPacket.TryParse(input, out RtpPacket rtp);
            Calls += 2;
            Assert.True(Enum.IsDefined(result), $"undefined result {result}");
            _results[result] = _results.GetValueOrDefault(result) + 1;
            Assert.Equal(result is RtpParseResult.Ok or RtpParseResult.BadPadding, hasHeader);

            Span<byte> copy = _copy.AsSpan(0, input.Length);
            input.CopyTo(copy);
            Assert.Equal(result, MutableRtpPacket.TryParse(copy, out MutableRtpPacket mutable));
            Calls++;

            if (result != RtpParseResult.Ok)
            {
                Assert.True(rtp.Buffer.IsEmpty);
                return result;
            }

            Assert.Equal(headerLength, rtp.HeaderLength);
            Assert.Equal(input.Length, rtp.HeaderLength + rtp.Payload.Length + rtp.PaddingLength);
            _ = rtp.SequenceNumber + rtp.Timestamp + rtp.Ssrc + (uint)rtp.PayloadType + (rtp.Marker ? 1u : 0u);
            for (int i = 0; i < rtp.CsrcCount; i++)
            {
                _ = rtp.GetCsrc(i);
            }

            RtpHeaderExtensions extensions = rtp.Extensions;
            int elements = 0;
            RtpHeaderExtensionEnumerator walk = extensions.GetEnumerator();
            while (walk.MoveNext())
            {
                RtpHeaderExtension element = walk.Current;
                Assert.InRange(element.Id, 1, 255);
                Assert.True(extensions.TryFind(element.Id, out _));
                elements++;
            }

            Assert.Equal(!walk.IsMalformed, extensions.IsWellFormed());
            Calls += 2 + elements;
            for (int id = 1; id <= 14; id += 4)
            {
                extensions.TryGetAudioLevel(id, out _);
                extensions.TryGetAbsSendTime(id, out _);
                extensions.TryGetTransportSequenceNumber(id, out _);
                extensions.TryGetMid(id, out _);
                extensions.TryGetDependencyDescriptor(id, out _);
                Calls += 5;
            }

            // The in-place writers and the editor on a copy with room to grow.
            mutable.TrySetTransportSequenceNumber(5, 1);
            mutable.TrySetAudioLevel(1, new AudioLevel(true, 3));
            Span<byte> room = _copy.AsSpan(0, input.Length + 300);
            RtpExtensionEditResult set = RtpHeaderExtensionEditor.TrySet(room, input.Length, 3 + (input.Length % 20), [1, 2, 3], out int grown);
            Calls += 3;
            Assert.True(Enum.IsDefined(set));
            if (set == RtpExtensionEditResult.Ok)
            {
                Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(room.Slice(0, grown), out RtpPacket edited));
                Assert.True(edited.Extensions.TryFind(3 + (input.Length % 20), out ReadOnlySpan<byte> value));
                Assert.Equal([1, 2, 3], value.ToArray());
                Assert.Equal(rtp.Payload.Length, edited.Payload.Length);
                Assert.Equal(RtpExtensionEditResult.Ok, RtpHeaderExtensionEditor.TryRemove(room, grown, 3 + (input.Length % 20), out int shrunk));
                Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(room.Slice(0, shrunk), out _));
                Calls += 3;
            }
            else
            {
                Assert.True(set is RtpExtensionEditResult.MalformedExtension or RtpExtensionEditResult.UnsupportedProfile, $"{set}");
            }

            return result;
        }

        public string Summary() =>
            $"{Calls:N0} parser calls; results: {string.Join(", ", _results.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value:N0}"))}";
    }
}
