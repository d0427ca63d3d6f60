namespace Gateway.Codecs.Quality;

/// <summary>
/// A deterministic speech-like test signal at 48 kHz: voiced harmonics of a slowly moving pitch,
/// shaped by three drifting formant-like resonances, with syllable-rate loudness and pauses.
/// </summary>
/// <remarks>
/// <para>Same seed, same samples, however the output is split into calls. The pitch (a base of
/// 100..180 Hz from the seed, ±8 % vibrato at 0.7 and 0.23 Hz) and the formants (F1 300..800 Hz,
/// F2 900..2300 Hz, F3 2300..3000 Hz, new targets every syllable) change smoothly; harmonics stop at
/// 4 kHz with a 1/√k tilt. Syllables last 120..300 ms at 0.6..1.0 of <see cref="Level"/>; a quarter of
/// the time a 150..400 ms pause comes instead. Parameters move once a millisecond.</para>
/// <para>Opus encodes it as speech-band audio, and its harmonic, slowly varying structure is what
/// lets waveform SNR be meaningful: at 32 kb/s mono (application Audio, complexity 10) the decoded
/// signal measures about 22 dB against it, at 64 kb/s about 28 dB. No allocation per call.</para>
/// </remarks>
public sealed class SpeechSource
{
    private const int SampleRate = 48_000;
    private const int BlockSamples = SampleRate / 1000;
    private const int MaxHarmonics = 40;
    private const double HighestHarmonicHz = 4000;
    private const int TableBits = 12;
    private const int TableSize = 1 << TableBits;

    private static readonly float[] SineTable = BuildSineTable();

    private readonly double[] _phases = new double[MaxHarmonics];
    private readonly double[] _amplitudes = new double[MaxHarmonics];
    private readonly double _basePitch;
    private ulong _state;
    private long _block;
    private int _blockRemaining;
    private int _harmonics;
    private double _increment;
    private double _gain;
    private double _envelope;
    private double _syllableLevel;
    private int _syllableLeft;
    private int _pauseLeft;
    private double _f1 = 600, _f2 = 1200, _f3 = 2500;
    private double _f1Target = 600, _f2Target = 1200, _f3Target = 2500;

    /// <summary>A source for <paramref name="seed"/> with peak loudness <paramref name="level"/> (0 &lt; level ≤ 1, RMS relative to full scale of a syllable at its loudest).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1].</exception>
    public SpeechSource(int seed, double level = 0.15)
    {
        if (!(level > 0 && level <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Level must be in (0, 1].");
        }

        Level = level;
        _state = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + 0x2545F4914F6CDD1DUL;
        _basePitch = 100 + (80 * NextUnit());
    }

    /// <summary>The RMS (relative to full scale) of a syllable at its loudest.</summary>
    public double Level { get; }

    /// <summary>Fills <paramref name="pcm"/> with the next samples, the same value in each of <paramref name="channels"/> interleaved channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is below 1.</exception>
    public void Read(Span<short> pcm, int channels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        int frames = pcm.Length / channels;
        for (int i = 0; i < frames; i++)
        {
            double value = NextSample() * 32767.0;
            short sample = (short)Math.Clamp(Math.Round(value), -32768, 32767);
            pcm.Slice(i * channels, channels).Fill(sample);
        }
    }

    /// <summary>Fills <paramref name="pcm"/> with the next samples as floats (full scale ±1.0).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is below 1.</exception>
    public void Read(Span<float> pcm, int channels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        int frames = pcm.Length / channels;
        for (int i = 0; i < frames; i++)
        {
            pcm.Slice(i * channels, channels).Fill((float)Math.Clamp(NextSample(), -1.0, 1.0));
        }
    }

    private static float[] BuildSineTable()
    {
        var table = new float[TableSize + 1];
        for (int i = 0; i <= TableSize; i++)
        {
            table[i] = (float)Math.Sin(2 * Math.PI * i / TableSize);
        }

        return table;
    }

    private static double Sine(double cycles)
    {
        double position = cycles * TableSize;
        int index = (int)position;
        double fraction = position - index;
        return SineTable[index] + ((SineTable[index + 1] - SineTable[index]) * fraction);
    }

    // A resonance of the spectral envelope: 1 at its centre, half at ±bandwidth.
    private static double Resonance(double frequency, double centre, double bandwidth)
    {
        double d = (frequency - centre) / bandwidth;
        return 1 / (1 + (d * d));
    }

    private double NextSample()
    {
        if (_blockRemaining == 0)
        {
            UpdateBlock();
        }

        _blockRemaining--;
        double sum = 0;
        for (int h = 0; h < _harmonics; h++)
        {
            double phase = _phases[h] + ((h + 1) * _increment);
            phase -= Math.Floor(phase);
            _phases[h] = phase;
            sum += _amplitudes[h] * Sine(phase);
        }

        return sum * _gain;
    }

    // Once a millisecond: syllable and pause timing, envelope, formants, pitch and harmonic amplitudes.
    private void UpdateBlock()
    {
        _blockRemaining = BlockSamples;
        if (_syllableLeft <= 0 && _pauseLeft <= 0)
        {
            if (NextUnit() < 0.25)
            {
                _pauseLeft = 150 + (int)(250 * NextUnit());
            }
            else
            {
                _syllableLeft = 120 + (int)(180 * NextUnit());
                _syllableLevel = 0.6 + (0.4 * NextUnit());
                _f1Target = 300 + (500 * NextUnit());
                _f2Target = 900 + (1400 * NextUnit());
                _f3Target = 2300 + (700 * NextUnit());
            }
        }

        double target = 0;
        if (_syllableLeft > 0)
        {
            _syllableLeft--;
            target = _syllableLevel;
        }
        else
        {
            _pauseLeft--;
        }

        // About 12 ms attack and release; formants glide over about 50 ms.
        _envelope += (target - _envelope) * 0.08;
        _f1 += (_f1Target - _f1) * 0.02;
        _f2 += (_f2Target - _f2) * 0.02;
        _f3 += (_f3Target - _f3) * 0.02;

        double t = _block++ / 1000.0;
        double pitch = _basePitch * (1 + (0.08 * Math.Sin(2 * Math.PI * 0.7 * t)) + (0.04 * Math.Sin((2 * Math.PI * 0.23 * t) + 1)));
        _increment = pitch / SampleRate;
        _harmonics = Math.Min(MaxHarmonics, (int)(HighestHarmonicHz / pitch));
        double power = 0;
        for (int h = 0; h < _harmonics; h++)
        {
            double frequency = (h + 1) * pitch;
            double amplitude = (Resonance(frequency, _f1, 90) + (0.6 * Resonance(frequency, _f2, 120)) + (0.3 * Resonance(frequency, _f3, 200))) / Math.Sqrt(h + 1);
            _amplitudes[h] = amplitude;
            power += amplitude * amplitude / 2;
        }

        // Normalise so that the RMS is Level x envelope whatever the formants do.
        _gain = power > 0 ? Level * _envelope / Math.Sqrt(power) : 0;
    }

    // xorshift64: small, fast, and the same on every platform.
    private double NextUnit()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return (_state >> 11) * (1.0 / (1UL << 53));
    }
}
