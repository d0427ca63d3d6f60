using Gateway.Codecs.Opus;
using Gateway.Codecs.Quality;

namespace Gateway.Codecs.Tests.Quality;

/// <summary>
/// The quality bar of the load generator, measured on the real codec: Opus at 32 kb/s and above on
/// the speech-like source, without loss, reaches 20 dB waveform SNR once aligned, and the alignment
/// finds Opus's 312-sample delay. (An independent measurement: it can fail if the codec or the source change.)
/// </summary>
public sealed class OpusSnrTests
{
    private const int Frames = 150; // 3 s

    [Theory]
    [InlineData(1, 32_000, 10)]
    [InlineData(1, 64_000, 10)]
    [InlineData(2, 64_000, 10)]
    [InlineData(1, 32_000, 5)]
    public void SpeechSource_ThroughOpusAudio_ReachesTwentyDecibels(int channels, int bitrate, int complexity)
    {
        var settings = new OpusEncoderSettings { Channels = channels, Bitrate = bitrate, Complexity = complexity, Application = OpusApplicationMode.Audio };
        SnrResult result = RoundTrip(settings, seed: 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"{channels} ch {bitrate} b/s complexity {complexity}: {result}");
        Assert.Equal(OpusFormat.CodecDelaySamples, result.LagSamples);
        Assert.True(result.SnrDb >= 20, $"SNR {result.SnrDb:F2} dB at {bitrate} b/s, {channels} channel(s), complexity {complexity}");
    }

    [Fact]
    public void SpeechSource_OtherSeeds_AlsoReachTwentyDecibelsAt32Kbps()
    {
        foreach (int seed in new[] { 2, 3, 4 })
        {
            SnrResult result = RoundTrip(new OpusEncoderSettings { Bitrate = 32_000 }, seed);
            Assert.True(result.SnrDb >= 20, $"seed {seed}: {result}");
        }
    }

    [Fact]
    public void Snr_OfALossyPath_IsLowerThanWithoutLoss()
    {
        // The measurement reacts to damage: conceal every 5th frame and the SNR must drop well below the clean figure.
        SnrResult clean = RoundTrip(new OpusEncoderSettings { Bitrate = 32_000 }, seed: 1);
        SnrResult lossy = RoundTrip(new OpusEncoderSettings { Bitrate = 32_000 }, seed: 1, loseEvery: 5);
        Assert.True(lossy.SnrDb < clean.SnrDb - 6, $"clean {clean}, lossy {lossy}");
    }

    private static SnrResult RoundTrip(OpusEncoderSettings settings, int seed, int loseEvery = 0)
    {
        int channels = settings.Channels;
        using var encoder = new OpusAudioEncoder(settings);
        using var decoder = new OpusAudioDecoder(channels);
        var source = new SpeechSource(seed);
        int frameSamples = encoder.FrameSamples;
        short[] reference = new short[Frames * frameSamples];
        short[] decoded = new short[Frames * frameSamples];
        byte[] packet = new byte[OpusFormat.MaxFrameBytes];
        source.Read(reference, channels);
        for (int frame = 0; frame < Frames; frame++)
        {
            Span<short> output = decoded.AsSpan(frame * frameSamples, frameSamples);
            Assert.Equal(OpusStatus.Ok, encoder.Encode(reference.AsSpan(frame * frameSamples, frameSamples), packet, out int written));
            ReadOnlySpan<byte> received = loseEvery > 0 && frame % loseEvery == loseEvery - 1 ? default : packet.AsSpan(0, written);
            Assert.Equal(OpusStatus.Ok, decoder.Decode(received, output, out _));
        }

        return SignalToNoise.Measure(reference, decoded, channels, 0, 960);
    }
}
