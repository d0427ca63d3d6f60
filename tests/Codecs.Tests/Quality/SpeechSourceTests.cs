using Gateway.Codecs.Audio;
using Gateway.Codecs.Quality;

namespace Gateway.Codecs.Tests.Quality;

/// <summary>The speech-like source: deterministic, speech-shaped in time (syllables and pauses) and in frequency (below 4 kHz).</summary>
public sealed class SpeechSourceTests
{
    [Fact]
    public void SameSeed_SameSamples_HoweverTheReadsAreSplit()
    {
        short[] whole = new short[48_000];
        new SpeechSource(42).Read(whole);
        short[] pieces = new short[48_000];
        var source = new SpeechSource(42);
        int offset = 0;
        foreach (int size in new[] { 1, 47, 960, 333, 20_000 })
        {
            source.Read(pieces.AsSpan(offset, size));
            offset += size;
        }

        source.Read(pieces.AsSpan(offset));
        Assert.Equal(whole, pieces);

        short[] other = new short[48_000];
        new SpeechSource(43).Read(other);
        Assert.NotEqual(whole, other);
    }

    [Fact]
    public void TenSeconds_HaveSyllablesAndPauses_AtTheRequestedLevel()
    {
        var source = new SpeechSource(7, level: 0.1);
        short[] frame = new short[960];
        int silent = 0;
        int loudest = AudioLevelMeter.Silence;
        for (int i = 0; i < 500; i++)
        {
            source.Read(frame);
            int level = AudioLevelMeter.Measure(frame);
            loudest = Math.Min(loudest, level);
            silent += level >= 60 ? 1 : 0;
        }

        // Pauses: a quarter of the segments, 150..400 ms each.
        Assert.InRange(silent, 25, 250);

        // Level 0.1 RMS is -20 dBov; the loudest syllables reach it within a couple of dB.
        Assert.InRange(loudest, 19, 23);
    }

    [Fact]
    public void Spectrum_LiesBelowFourKilohertz()
    {
        const int N = 4800;
        double[] x = new double[N];
        float[] samples = new float[N];
        var source = new SpeechSource(3);

        // Skip into a syllable: the first loud 100 ms.
        do
        {
            source.Read(samples);
        }
        while (AudioLevelMeter.Measure(samples) > 30);

        for (int i = 0; i < N; i++)
        {
            x[i] = samples[i];
        }

        // Energy by a direct DFT in two bands: 50 Hz..4 kHz and 4.5..20 kHz (10 Hz bins).
        double low = BandEnergy(x, 50, 4000);
        double high = BandEnergy(x, 4500, 20_000);
        Assert.True(high < low * 1e-3, $"low {low}, high {high}");
    }

    private static double BandEnergy(double[] x, int fromHz, int toHz)
    {
        double energy = 0;
        for (int f = fromHz; f <= toHz; f += 10)
        {
            double re = 0, im = 0;
            for (int n = 0; n < x.Length; n++)
            {
                double angle = 2 * Math.PI * f * n / 48_000.0;
                re += x[n] * Math.Cos(angle);
                im -= x[n] * Math.Sin(angle);
            }

            energy += (re * re) + (im * im);
        }

        return energy;
    }
}
