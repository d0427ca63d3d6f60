using Gateway.Codecs.Quality;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Codecs.Tests.Quality;

/// <summary>The SNR measurement on signals whose delay and noise power are known by construction.</summary>
public sealed class SignalToNoiseTests
{
    [Fact]
    public void KnownDelayAndNoise_GiveThatLagAndTheNoisePowerRatio()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        const int Length = 48_000;
        const int Delay = 312;
        short[] reference = new short[Length];
        new SpeechSource(seed).Read(reference);
        short[] decoded = new short[Length];
        double signal = 0;
        double noise = 0;
        int span = Length - 960;
        for (int i = 0; i < Length - Delay; i++)
        {
            int e = random.Next(-300, 301);
            decoded[i + Delay] = (short)Math.Clamp(reference[i] + e, short.MinValue, short.MaxValue);
            if (i < span)
            {
                signal += (double)reference[i] * reference[i];
                double difference = reference[i] - decoded[i + Delay];
                noise += difference * difference;
            }
        }

        SnrResult result = SignalToNoise.Measure(reference, decoded);
        Assert.True(result.LagSamples == Delay, $"{result}; {TestSeed.Describe(seed)}");
        Assert.True(Math.Abs(result.SnrDb - (10 * Math.Log10(signal / noise))) < 1e-9, $"{result}; {TestSeed.Describe(seed)}");
        Assert.InRange(result.Correlation, 0.9, 1.0);
    }

    [Fact]
    public void IdenticalSignals_AreInfiniteAtLagZero_AndSilenceIsNaN()
    {
        short[] reference = new short[48_000];
        new SpeechSource(1).Read(reference);
        SnrResult same = SignalToNoise.Measure(reference, reference, 1, 0, 100);
        Assert.Equal(0, same.LagSamples);
        Assert.True(double.IsPositiveInfinity(same.SnrDb));

        Assert.True(double.IsNaN(SignalToNoise.Measure(new short[48_000], reference, 1, 0, 100).SnrDb));
        Assert.True(double.IsNaN(SignalToNoise.Measure(new short[50], new short[50], 1, 0, 100).SnrDb));
    }

    [Fact]
    public void Stereo_AndFloat_FindTheSameLag()
    {
        const int Frames = 9600;
        float[] mono = new float[Frames];
        new SpeechSource(4).Read(mono);
        float[] reference = new float[Frames * 2];
        float[] decoded = new float[Frames * 2];
        for (int i = 0; i < Frames; i++)
        {
            reference[2 * i] = reference[(2 * i) + 1] = mono[i];
            if (i + 100 < Frames)
            {
                decoded[2 * (i + 100)] = decoded[(2 * (i + 100)) + 1] = mono[i] * 0.99f;
            }
        }

        SnrResult result = SignalToNoise.Measure(reference, decoded, 2, 0, 400);
        Assert.Equal(100, result.LagSamples);

        // A gain of 0.99 leaves 1 % of the amplitude as error: 40 dB.
        Assert.InRange(result.SnrDb, 39.9, 40.1);
    }
}
