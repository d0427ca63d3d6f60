using Gateway.Client.Media.Audio;

namespace Gateway.Client.Tests.Media;

public sealed class AudioLevelMeterTests
{
    [Theory]
    [InlineData(32767.0, 3)]
    [InlineData(3276.7, 23)]
    [InlineData(32.767, 63)]
    public void Measure_SineOfAmplitude_GivesItsRmsInMinusDbov(double amplitude, int expected)
    {
        // A sine's RMS is amplitude/√2: full scale is −3 dBov, each tenth of the amplitude 20 dB lower (RFC 6464 §3).
        short[] pcm = new short[960];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * 1000 * i / 48000));
        }

        Assert.Equal(expected, AudioLevelMeter.Measure(pcm));
    }

    [Fact]
    public void Measure_SilenceAndNothing_Are127()
    {
        Assert.Equal(127, AudioLevelMeter.Measure(new short[960]));
        Assert.Equal(127, AudioLevelMeter.Measure([]));
    }
}
