namespace Gateway.Codecs.Audio;

/// <summary>
/// A voice activity heuristic for the V flag of RFC 6464, fed one audio level per frame: voice is a
/// frame clearly louder than the tracked noise floor and than an absolute threshold, held for a short
/// hangover so that gaps between syllables do not flicker.
/// </summary>
/// <remarks>
/// The noise floor follows a quieter level at once and a louder one slowly (0.1 dB per frame, 5 dB/s
/// at 50 frames/s), so steady background noise stops counting as voice while speech, which comes and
/// goes at syllable rate with pauses, keeps standing out. No allocation per frame.
/// </remarks>
public sealed class VoiceActivityDetector
{
    // dB per frame: 5 dB/s at 50 frames/s.
    private const double FloorRise = 0.1;

    private readonly int _thresholdDbov;
    private readonly int _marginDb;
    private readonly int _hangoverFrames;
    private double _floor = AudioLevelMeter.Silence;
    private int _hangover;

    /// <summary>
    /// Voice when a frame is louder than -<paramref name="thresholdDbov"/> dBov and at least
    /// <paramref name="marginDb"/> dB above the noise floor; the flag stays on for
    /// <paramref name="hangoverFrames"/> frames after the last such frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (threshold 0..127, margin 0..127, hangover 0 or more).</exception>
    public VoiceActivityDetector(int thresholdDbov = 55, int marginDb = 9, int hangoverFrames = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdDbov);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(thresholdDbov, AudioLevelMeter.Silence);
        ArgumentOutOfRangeException.ThrowIfNegative(marginDb);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(marginDb, AudioLevelMeter.Silence);
        ArgumentOutOfRangeException.ThrowIfNegative(hangoverFrames);
        _thresholdDbov = thresholdDbov;
        _marginDb = marginDb;
        _hangoverFrames = hangoverFrames;
    }

    /// <summary>The current noise floor estimate in -dBov.</summary>
    public double NoiseFloorDbov => _floor;

    /// <summary>Takes the level (-dBov, 0..127; clamped) of the next frame and says whether it is voice.</summary>
    public bool Update(int levelDbov)
    {
        int level = Math.Clamp(levelDbov, 0, AudioLevelMeter.Silence);

        // -dBov: a larger number is quieter.
        bool loud = level <= _thresholdDbov && level <= _floor - _marginDb;
        _floor = level >= _floor ? level : Math.Max(level, _floor - FloorRise);
        if (loud)
        {
            _hangover = _hangoverFrames;
            return true;
        }

        if (_hangover > 0)
        {
            _hangover--;
            return true;
        }

        return false;
    }

    /// <summary>Forgets the noise floor and the hangover.</summary>
    public void Reset()
    {
        _floor = AudioLevelMeter.Silence;
        _hangover = 0;
    }
}
