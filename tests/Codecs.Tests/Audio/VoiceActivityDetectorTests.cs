using Gateway.Codecs.Audio;
using Gateway.Codecs.Quality;

namespace Gateway.Codecs.Tests.Audio;

/// <summary>The voice flag: off for silence and steady noise, on for speech, held over short gaps.</summary>
public sealed class VoiceActivityDetectorTests
{
    [Fact]
    public void Silence_IsNeverVoice()
    {
        var vad = new VoiceActivityDetector();
        for (int i = 0; i < 100; i++)
        {
            Assert.False(vad.Update(AudioLevelMeter.Silence));
        }
    }

    [Fact]
    public void SpeechOverQuietNoise_IsVoiceInSyllables_AndNotInLongPauses()
    {
        var vad = new VoiceActivityDetector();
        var source = new SpeechSource(5, level: 0.1);
        var random = new Random(5);
        short[] frame = new short[960];
        int loudVoiced = 0, loud = 0, quietVoiced = 0, quiet = 0;
        for (int i = 0; i < 500; i++)
        {
            source.Read(frame);

            // Background noise at about -60 dBov.
            for (int s = 0; s < frame.Length; s++)
            {
                frame[s] = (short)Math.Clamp(frame[s] + random.Next(-57, 58), short.MinValue, short.MaxValue);
            }

            int level = AudioLevelMeter.Measure(frame);
            bool voice = vad.Update(level);
            if (level <= 30)
            {
                loud++;
                loudVoiced += voice ? 1 : 0;
            }
            else if (level >= 55)
            {
                quiet++;
                quietVoiced += voice ? 1 : 0;
            }
        }

        Assert.True(loud > 100 && quiet > 20, $"loud {loud}, quiet {quiet}");
        Assert.Equal(loud, loudVoiced);

        // The hangover (10 frames) keeps some pause frames flagged, but most of a pause is not voice.
        Assert.True(quietVoiced < quiet * 0.7, $"{quietVoiced} of {quiet} pause frames flagged");
    }

    [Fact]
    public void SteadyTone_StopsBeingVoice_AfterTheFloorCatchesUp()
    {
        var vad = new VoiceActivityDetector(hangoverFrames: 0);
        Assert.True(vad.Update(30));
        bool last = true;
        for (int i = 0; i < 2000; i++)
        {
            last = vad.Update(30);
        }

        Assert.False(last);
        Assert.InRange(vad.NoiseFloorDbov, 30, 40);
    }

    [Fact]
    public void Hangover_HoldsTheFlag_ForTheGivenFrames()
    {
        var vad = new VoiceActivityDetector(hangoverFrames: 3);
        Assert.True(vad.Update(20));
        Assert.True(vad.Update(127));
        Assert.True(vad.Update(127));
        Assert.True(vad.Update(127));
        Assert.False(vad.Update(127));
    }
}
