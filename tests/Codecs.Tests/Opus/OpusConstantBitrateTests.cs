using Gateway.Codecs.Opus;
using Gateway.Codecs.Quality;

namespace Gateway.Codecs.Tests.Opus;

/// <summary><see cref="OpusEncoderSettings.ConstantBitrate"/>: packet sizes that do not follow the signal.</summary>
public sealed class OpusConstantBitrateTests
{
    private const int Frames = 100;

    [Fact]
    public void ConstantBitrate_On_EveryPacketHasTheSameSize()
    {
        (int smallest, int largest) = PacketSizes(constantBitrate: true);

        // 48 kb/s over 20 ms is 120 bytes.
        Assert.Equal(120, smallest);
        Assert.Equal(120, largest);
    }

    [Fact]
    public void ConstantBitrate_Off_PacketSizesFollowTheSignal()
    {
        // The source has syllables and pauses, so a variable-bitrate encoder spends less on some frames than on others.
        (int smallest, int largest) = PacketSizes(constantBitrate: false);

        Assert.True(largest > smallest, $"all {Frames} packets were {smallest} bytes");
    }

    private static (int Smallest, int Largest) PacketSizes(bool constantBitrate)
    {
        using var encoder = new OpusAudioEncoder(new OpusEncoderSettings { Bitrate = 48_000, ConstantBitrate = constantBitrate });
        var source = new SpeechSource(7);
        short[] pcm = new short[encoder.FrameSamples];
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        int smallest = int.MaxValue, largest = 0;
        for (int frame = 0; frame < Frames; frame++)
        {
            source.Read(pcm);
            Assert.Equal(OpusStatus.Ok, encoder.Encode(pcm, packet, out int written));
            smallest = Math.Min(smallest, written);
            largest = Math.Max(largest, written);
        }

        return (smallest, largest);
    }
}
