using Gateway.Client.Media;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Codecs.Audio;
using Gateway.Codecs.Opus;
using Gateway.Codecs.Quality;
using Gateway.LoadGen.Quality;

namespace Gateway.Client.Tests.LoadGen;

public sealed class PreEncodedLoopTests
{
    private const int Bitrate = 48000;

    [Fact]
    public void Replay_WrapsAroundTheLoop_PacketForPacket()
    {
        PreEncodedLoop loop = PreEncodedLoop.Encode(seed: 7, frames: 10, Bitrate);

        Assert.Equal(10, loop.Frames);
        Assert.Equal(10 * RtpFormats.SamplesPerFrame, loop.Samples);
        for (int i = 0; i < 10; i++)
        {
            Assert.False(loop.Packet(i).IsEmpty);
            Assert.True(loop.Packet(i).SequenceEqual(loop.Packet(i + 10)));
            Assert.True(loop.Packet(i).SequenceEqual(loop.Packet(i + 30)));
            Assert.Equal(loop.Level(i), loop.Level(i + 20));
        }

        // Consecutive frames of speech are different packets: the replay is not one frame repeated.
        Assert.False(loop.Packet(3).SequenceEqual(loop.Packet(4)));
    }

    [Fact]
    public void Reference_IsTheSourceItself_Looped()
    {
        const int Frames = 5;
        PreEncodedLoop loop = PreEncodedLoop.Encode(seed: 11, Frames, Bitrate);
        short[] source = new short[Frames * RtpFormats.SamplesPerFrame];
        new SpeechSource(11).Read(source);
        short[] reference = new short[(source.Length * 2) + 100];

        loop.FillReference(reference);

        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(source[i % source.Length], reference[i]);
        }
    }

    [Fact]
    public void Levels_AreThoseOfTheSourceFrames()
    {
        // A second of speech: syllables and pauses, so some frames are loud and some silent.
        const int Frames = 50;
        PreEncodedLoop loop = PreEncodedLoop.Encode(seed: 3, Frames, Bitrate);
        short[] source = new short[Frames * RtpFormats.SamplesPerFrame];
        new SpeechSource(3).Read(source);

        int loudest = AudioLevelMeter.Silence;
        for (int f = 0; f < Frames; f++)
        {
            Assert.Equal(AudioLevelMeter.Measure(source.AsSpan(f * RtpFormats.SamplesPerFrame, RtpFormats.SamplesPerFrame)), loop.Level(f));
            loudest = Math.Min(loudest, loop.Level(f));
        }

        Assert.InRange(loudest, 0, 40);
    }

    [Fact]
    public void DecodedReplay_AcrossTheSeam_MatchesTheLoopedReference()
    {
        // A one-second loop replayed three times: the comparison crosses the seam twice.
        const int Frames = 50;
        PreEncodedLoop loop = PreEncodedLoop.Encode(seed: 5, Frames, Bitrate);
        using var decoder = new OpusAudioDecoder();
        short[] decoded = new short[3 * Frames * RtpFormats.SamplesPerFrame];
        for (int i = 0; i < 3 * Frames; i++)
        {
            Assert.Equal(OpusStatus.Ok, decoder.Decode(loop.Packet(i), decoded.AsSpan(i * RtpFormats.SamplesPerFrame, RtpFormats.SamplesPerFrame), out int samples));
            Assert.Equal(RtpFormats.SamplesPerFrame, samples);
        }

        short[] looped = new short[decoded.Length];
        loop.FillReference(looped);
        short[] unlooped = new short[decoded.Length];
        new SpeechSource(5).Read(unlooped);

        double snr = AudioSnr.Measure(looped, decoded);
        double againstTheUnloopedSource = AudioSnr.Measure(unlooped, decoded);

        Assert.True(snr >= 20, $"SNR {snr:0.0} dB against the looped source");
        Assert.True(againstTheUnloopedSource < 10, $"SNR {againstTheUnloopedSource:0.0} dB against the source run on: the comparison would not see a wrong reference");
    }
}
