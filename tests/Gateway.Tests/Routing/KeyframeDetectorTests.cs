using Gateway.Routing;
using static Gateway.Tests.Routing.VideoPackets;

namespace Gateway.Tests.Routing;

public sealed class KeyframeDetectorTests
{
    private static readonly KeyframeDetector Plain = KeyframeDetector.For(Track(1), endToEndEncrypted: false)!;
    private static readonly KeyframeDetector Encrypted = KeyframeDetector.For(Track(1, descriptor: true), endToEndEncrypted: true)!;

    [Fact]
    public void For_GatesOnlyVideoItCanRead()
    {
        Assert.Null(KeyframeDetector.For(RouterHarness.Audio(1), endToEndEncrypted: false));
        Assert.Null(KeyframeDetector.For(RouterHarness.Video(1), endToEndEncrypted: false));
        Assert.Null(KeyframeDetector.For(Track(1, descriptor: false), endToEndEncrypted: true));
        Assert.Null(KeyframeDetector.For(Track(1) with { PayloadCodecs = new Dictionary<int, VideoCodec> { [98] = VideoCodec.Unknown } }, endToEndEncrypted: false));
        Assert.False(Plain.UsesDependencyDescriptor);
        Assert.True(Encrypted.UsesDependencyDescriptor);
    }

    [Theory]
    [InlineData("vp8-key", true)]
    [InlineData("vp8-inter", false)]
    [InlineData("vp8-continuation", false)]
    [InlineData("h264-non-idr", false)]
    [InlineData("h264-idr", true)]
    [InlineData("h264-stap-a-sps", true)]
    [InlineData("h264-fu-a-start", true)]
    [InlineData("h264-fu-a-middle", false)]
    [InlineData("h264-fu-a-end", false)]
    public void Plain_ReadsThePayloadByItsPayloadType(string name, bool keyframe)
    {
        (int type, byte[] payload) = name switch
        {
            "vp8-key" => (Vp8PayloadType, Vp8KeyframeStart),
            "vp8-inter" => (Vp8PayloadType, Vp8InterStart),
            "vp8-continuation" => (Vp8PayloadType, Vp8Continuation),
            "h264-non-idr" => (H264PayloadType, H264NonIdr),
            "h264-idr" => (H264PayloadType, H264SingleIdr),
            "h264-stap-a-sps" => (H264PayloadType, H264StapASpsPps),
            "h264-fu-a-start" => (H264PayloadType, H264FuAIdrStart),
            "h264-fu-a-middle" => (H264PayloadType, H264FuAIdrMiddle),
            _ => (H264PayloadType, H264FuAIdrEnd),
        };

        Assert.Equal(keyframe, Plain.StartsKeyframe(Packet(1, 1, 1, type, payload)));

        // For a plain publisher the payload decides, whatever a descriptor says.
        Assert.Equal(keyframe, Plain.StartsKeyframe(Packet(1, 1, 1, type, payload, keyframe ? DescriptorMiddle : DescriptorKeyframe)));
    }

    [Fact]
    public void Encrypted_ReadsOnlyTheDescriptor()
    {
        Assert.True(Encrypted.StartsKeyframe(Packet(1, 1, 1, Vp8PayloadType, Vp8InterStart, DescriptorKeyframe)));
        Assert.False(Encrypted.StartsKeyframe(Packet(1, 1, 1, Vp8PayloadType, Vp8KeyframeStart, DescriptorDeltaStart)));
        Assert.False(Encrypted.StartsKeyframe(Packet(1, 1, 1, Vp8PayloadType, Vp8KeyframeStart, DescriptorMiddle)));
        Assert.False(Encrypted.StartsKeyframe(Packet(1, 1, 1, Vp8PayloadType, Vp8KeyframeStart)));

        // The structure flag without start_of_frame does not start a frame.
        byte[] notStart = [.. DescriptorKeyframe];
        notStart[0] &= 0x7F;
        Assert.False(Encrypted.StartsKeyframe(Packet(1, 1, 1, Vp8PayloadType, Vp8InterStart, notStart)));
    }

    [Fact]
    public void RandomBytes_AndTruncations_NeverThrow()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_TEST_SEED"), out int s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        byte[][] valid =
        [
            Packet(1, 1, 1, Vp8PayloadType, Vp8KeyframeStart),
            Packet(1, 1, 1, H264PayloadType, H264StapASpsPps),
            Packet(1, 1, 1, H264PayloadType, H264FuAIdrStart, DescriptorKeyframe),
        ];
        for (int i = 0; i < 20_000; i++)
        {
            byte[] packet;
            if (i % 2 == 0)
            {
                packet = new byte[random.Next(0, 64)];
                random.NextBytes(packet);
                if (packet.Length > 0 && i % 4 == 0)
                {
                    packet[0] = (byte)(0x80 | (packet[0] & 0x3F)); // version 2, so the payload readers are reached
                }
            }
            else
            {
                byte[] source = valid[random.Next(valid.Length)];
                packet = source.AsSpan(0, random.Next(0, source.Length + 1)).ToArray();
                if (packet.Length > 12 && random.Next(2) == 0)
                {
                    packet[random.Next(12, packet.Length)] ^= (byte)random.Next(1, 256);
                }
            }

            try
            {
                Plain.StartsKeyframe(packet);
                Encrypted.StartsKeyframe(packet);
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed} (replay with GATEWAY_TEST_SEED={seed}), packet {Convert.ToHexString(packet)}: {ex}");
            }
        }

        // Truncated to the header: nothing to read, not a start.
        Assert.False(Plain.StartsKeyframe(valid[0].AsSpan(0, 12)));
        Assert.False(Encrypted.StartsKeyframe(valid[2].AsSpan(0, 12)));
    }
}
