using Gateway.Codecs.H264;
using Gateway.Codecs.Opus;
using Gateway.Codecs.Vp8;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Codecs.Tests.Fuzz;

/// <summary>
/// Seeded property tests of the three payload parsers and the Opus decoder: random bytes, random
/// mutations of valid packets, and every truncation. Nothing may throw; every refusal is a defined
/// status; whatever is accepted is self-consistent.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Inputs = 100_000;

    [Fact]
    public void OpusToc_RandomAndTruncatedPackets_NeverThrow_AndAcceptedOnesAreConsistent()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        for (int i = 0; i < Inputs; i++)
        {
            byte[] packet = Bytes.Random(random, random.Next(0, i % 10 == 0 ? 1400 : 24));
            for (int length = packet.Length; length >= 0; length -= Math.Max(1, packet.Length / 8))
            {
                OpusTocStatus status = OpusToc.TryParse(packet.AsSpan(0, length), out OpusToc toc);
                string context = $"{Convert.ToHexString(packet.AsSpan(0, Math.Min(length, 16)))} ({length} bytes); {TestSeed.Describe(seed)}";
                Assert.True(Enum.IsDefined(status), context);
                if (status == OpusTocStatus.Ok)
                {
                    Assert.True(toc.DurationSamples is >= 120 and <= 5760, context);
                    Assert.True(toc.FrameCount >= 1 && toc.FrameCount <= 48, context);
                }
                else
                {
                    Assert.True(toc == default, context);
                }
            }
        }
    }

    [Fact]
    public void OpusDecoder_RandomPackets_GiveAStatusNeverAnException()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var decoder = new OpusAudioDecoder(2);
        short[] pcm = new short[OpusFormat.MaxPacketSamplesPerChannel * 2];
        int decoded = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] packet = Bytes.Random(random, random.Next(1, 200));
            OpusStatus status = decoder.Decode(packet, pcm, out int samples);
            Assert.True(Enum.IsDefined(status), TestSeed.Describe(seed));
            decoded += status == OpusStatus.Ok ? 1 : 0;
            Assert.True(status != OpusStatus.Ok || samples > 0, $"{Convert.ToHexString(packet)}; {TestSeed.Describe(seed)}");
        }

        Assert.True(decoded > 1_000, $"only {decoded} decoded; {TestSeed.Describe(seed)}");
    }

    [Fact]
    public void Vp8_RandomBytesMutationsAndTruncations_NeverThrow_AndAcceptedOnesRoundTrip()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] written = new byte[Vp8PayloadDescriptor.MaxLength];
        byte[] valid = new byte[32];
        for (int i = 0; i < Inputs; i++)
        {
            byte[] input;
            if ((i & 1) == 0)
            {
                input = Bytes.Random(random, random.Next(0, 12));
            }
            else
            {
                Vp8PayloadDescriptor source = Tests.Vp8.Vp8PayloadDescriptorTests.RandomDescriptor(random);
                source.TryWrite(valid, out int length);
                input = valid.AsSpan(0, random.Next(0, length + 4)).ToArray();
                if (input.Length > 0 && random.Next(3) == 0)
                {
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                }
            }

            string context = $"{Convert.ToHexString(input)}; {TestSeed.Describe(seed)}";
            Vp8DescriptorStatus status = Vp8PayloadDescriptor.TryParse(input, out Vp8PayloadDescriptor descriptor, out int parsedLength);
            Assert.True(status is Vp8DescriptorStatus.Ok or Vp8DescriptorStatus.Truncated, context);
            if (status == Vp8DescriptorStatus.Ok)
            {
                // What was read writes back to the same length (but for an X byte with no field flagged,
                // which is not written back), and reads back as the same descriptor.
                Assert.True(descriptor.TryWrite(written, out int rewritten) == Vp8DescriptorStatus.Ok, context);
                Assert.True(rewritten == parsedLength || (!descriptor.HasExtension && parsedLength == 2 && rewritten == 1), context);
                Assert.True(Vp8PayloadDescriptor.TryParse(written.AsSpan(0, rewritten), out Vp8PayloadDescriptor again, out _) == Vp8DescriptorStatus.Ok && again == descriptor, context);
            }

            Vp8PacketStatus packetStatus = Vp8PacketInfo.TryRead(input, out Vp8PacketInfo info);
            Assert.True(Enum.IsDefined(packetStatus), context);
            Assert.True(packetStatus == Vp8PacketStatus.Ok || info == default, context);
            Assert.True(!info.IsKeyframe || info.IsStartOfFrame, context);
        }
    }

    [Fact]
    public void H264_RandomBytesMutationsAndTruncations_NeverThrow()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[][] valid =
        [
            [0x78, 0x00, 0x04, 0x67, 0x42, 0x00, 0x1f, 0x00, 0x02, 0x68, 0xce, 0x00, 0x03, 0x65, 0x88, 0x84],
            [0x7C, 0x85, 0x88, 0x80],
            [0x65, 0x88, 0x84, 0x00],
        ];
        int keyframes = 0;
        for (int i = 0; i < Inputs; i++)
        {
            byte[] input;
            if ((i & 1) == 0)
            {
                input = Bytes.Random(random, random.Next(0, 40));

                // Half of the random inputs look like STAP-A or FU-A so the inner walks get exercised.
                if (input.Length > 0 && random.Next(2) == 0)
                {
                    input[0] = random.Next(2) == 0 ? (byte)0x78 : (byte)0x7C;
                }
            }
            else
            {
                byte[] source = valid[random.Next(valid.Length)];
                input = source.AsSpan(0, random.Next(0, source.Length + 1)).ToArray();
                if (input.Length > 0 && random.Next(2) == 0)
                {
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                }
            }

            string context = $"{Convert.ToHexString(input)}; {TestSeed.Describe(seed)}";
            H264PacketStatus status = H264PacketInfo.TryRead(input, out H264PacketInfo info);
            Assert.True(Enum.IsDefined(status), context);
            Assert.True(status == H264PacketStatus.Ok || info == default, context);
            keyframes += info.IsKeyframe ? 1 : 0;
        }

        Assert.True(keyframes > 100, $"{keyframes} key frames; {TestSeed.Describe(seed)}");
    }

    [Fact]
    public void EveryTruncationOfAStapA_IsTruncatedOrOk()
    {
        byte[] stap = [0x78, 0x00, 0x04, 0x67, 0x42, 0x00, 0x1f, 0x00, 0x02, 0x68, 0xce, 0x00, 0x03, 0x65, 0x88, 0x84];
        for (int length = 0; length <= stap.Length; length++)
        {
            H264PacketStatus status = H264PacketInfo.TryRead(stap.AsSpan(0, length), out _);

            // Whole units end at 7, 11 and 16 bytes.
            H264PacketStatus expected = length == 0 ? H264PacketStatus.Empty : length is 7 or 11 or 16 ? H264PacketStatus.Ok : H264PacketStatus.Truncated;
            Assert.True(expected == status, $"length {length}: {status}");
        }
    }
}
