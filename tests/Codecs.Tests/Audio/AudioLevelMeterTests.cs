using Gateway.Codecs.Audio;

namespace Gateway.Codecs.Tests.Audio;

/// <summary>
/// Levels in -dBov (RFC 6464 §3, RFC 6465): expected values are computed here from the signal
/// definitions (RMS of a sine = peak / √2), not taken from the code.
/// </summary>
public sealed class AudioLevelMeterTests
{
    [Fact]
    public void FullScaleSine_IsThree()
    {
        // -20 log10(32767 / 32768 / √2) = 3.01.
        Assert.Equal(3, AudioLevelMeter.Measure(Sine(32767, 1000)));
        Assert.Equal(3, AudioLevelMeter.Measure(SineFloat(1.0f, 1000)));
    }

    [Fact]
    public void Silence_Is127()
    {
        Assert.Equal(127, AudioLevelMeter.Measure(new short[960]));
        Assert.Equal(127, AudioLevelMeter.Measure(new float[960]));
        Assert.Equal(127, AudioLevelMeter.Measure(ReadOnlySpan<short>.Empty));
    }

    [Theory]
    [InlineData(-20.0)]
    [InlineData(-40.0)]
    [InlineData(-6.0)]
    public void SineAtDbfs_IsItsRmsInDbov(double dbfs)
    {
        // dBFS here is peak relative to full scale (AES17 sine convention); -dBov adds the sine's 3.01 dB crest.
        double peak = Math.Pow(10, dbfs / 20);
        int expected = (int)Math.Round(-20 * Math.Log10(peak / Math.Sqrt(2)));
        Assert.Equal(expected, AudioLevelMeter.Measure(Sine(peak * 32768, 440)));
        Assert.Equal(expected, AudioLevelMeter.Measure(SineFloat((float)peak, 440)));
        if (dbfs == -20.0)
        {
            Assert.Equal(23, expected);
        }
    }

    [Fact]
    public void FullScaleSquare_IsZero_AndOneLsbSquareIs90()
    {
        short[] square = new short[960];
        for (int i = 0; i < square.Length; i++)
        {
            square[i] = (i / 24 % 2) == 0 ? short.MinValue : short.MaxValue;
        }

        Assert.Equal(0, AudioLevelMeter.Measure(square));

        // 20 log10(1 / 32768) = -90.3.
        square.AsSpan().Fill(1);
        Assert.Equal(90, AudioLevelMeter.Measure(square));
    }

    [Fact]
    public void BelowMinus127Dbov_IsClampedTo127_AndOverloadTo0()
    {
        Assert.Equal(127, AudioLevelMeter.FromMeanSquare(1e-14));
        Assert.Equal(127, AudioLevelMeter.FromMeanSquare(double.NaN));
        Assert.Equal(0, AudioLevelMeter.FromMeanSquare(4.0));
        Assert.Equal(0, AudioLevelMeter.Measure([2f, -2f, 2f]));
    }

    private static short[] Sine(double amplitude, double hz)
    {
        // 960 samples hold a whole number of periods at 1000 Hz (20) but not at 440 Hz (8.8); both are close enough.
        short[] samples = new short[9600];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Clamp(Math.Round(amplitude * Math.Sin(2 * Math.PI * hz * i / 48_000)), short.MinValue, short.MaxValue);
        }

        return samples;
    }

    private static float[] SineFloat(float amplitude, double hz)
    {
        float[] samples = new float[9600];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / 48_000));
        }

        return samples;
    }
}
