namespace Gateway.LoadGen.Quality;

/// <summary>
/// A deterministic speech-like test signal, 48 kHz mono: a voiced source (a fundamental gliding between 110 and
/// 210 Hz with harmonics falling off as 1/k up to 4 kHz) shaped by a syllable-rate (about 4 Hz) envelope, around
/// −18 dBFS. The same seed gives the same samples, so a receiver can regenerate what a sender sent and compare.
/// </summary>
internal sealed class SpeechSource
{
    private const int SampleRate = 48000;
    private const int MaxHarmonics = 24;

    private readonly double _f0Base;
    private readonly double _f0Depth;
    private readonly double _syllableRate;
    private readonly double _phaseOffset;
    private readonly double[] _harmonicPhases = new double[MaxHarmonics];
    private double _phase;
    private long _sample;

    public SpeechSource(int seed)
    {
        var random = new Random(seed);
        _f0Base = 130 + (random.NextDouble() * 50);
        _f0Depth = 20 + (random.NextDouble() * 20);
        _syllableRate = 3.5 + random.NextDouble();
        _phaseOffset = random.NextDouble() * Math.PI * 2;
        for (int k = 0; k < MaxHarmonics; k++)
        {
            _harmonicPhases[k] = random.NextDouble() * Math.PI * 2;
        }
    }

    /// <summary>Samples produced so far.</summary>
    public long Position => _sample;

    /// <summary>Fills <paramref name="pcm"/> with the next samples.</summary>
    public void Read(Span<short> pcm)
    {
        for (int i = 0; i < pcm.Length; i++)
        {
            double t = _sample / (double)SampleRate;
            double f0 = _f0Base + (_f0Depth * Math.Sin((2 * Math.PI * 0.7 * t) + _phaseOffset));
            _phase += 2 * Math.PI * f0 / SampleRate;
            if (_phase > 2 * Math.PI * 1000)
            {
                _phase -= 2 * Math.PI * 1000;
            }

            double value = 0;
            for (int k = 1; k <= MaxHarmonics && k * f0 < 4000; k++)
            {
                value += Math.Sin((k * _phase) + _harmonicPhases[k - 1]) / k;
            }

            // Syllables: a raised-cosine envelope that never quite closes, so the signal stays measurable.
            double envelope = 0.35 + (0.65 * (0.5 - (0.5 * Math.Cos(2 * Math.PI * _syllableRate * t))));
            pcm[i] = (short)Math.Clamp(value * envelope * 2600, short.MinValue, short.MaxValue);
            _sample++;
        }
    }
}
