namespace Gateway.Codecs.Audio;

/// <summary>
/// The audio level of a PCM frame as RFC 6464 carries it: the RMS relative to the overload point
/// (full scale) in -dBov, 0 (a full-scale square wave) to 127 (silence or anything quieter).
/// </summary>
/// <remarks>
/// RFC 6464 §3 (with RFC 6465 §3's definition of dBov): a full-scale sine wave measures 3 (-3.01 dBov),
/// a sine at a tenth of full scale 23. The overload point is 32768 for 16-bit samples and 1.0 for
/// float samples. Nothing here allocates.
/// </remarks>
public static class AudioLevelMeter
{
    /// <summary>The level of silence, and of anything at or below -127 dBov.</summary>
    public const int Silence = 127;

    /// <summary>The level in -dBov (0..127) of 16-bit PCM (interleaved channels are measured together).</summary>
    public static int Measure(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return Silence;
        }

        // Four independent sums let the loop pipeline; a long holds 2^33 full-scale squares.
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= samples.Length; i += 4)
        {
            s0 += samples[i] * samples[i];
            s1 += samples[i + 1] * samples[i + 1];
            s2 += samples[i + 2] * samples[i + 2];
            s3 += samples[i + 3] * samples[i + 3];
        }

        for (; i < samples.Length; i++)
        {
            s0 += samples[i] * samples[i];
        }

        double meanSquare = (double)(s0 + s1 + s2 + s3) / samples.Length;
        return FromMeanSquare(meanSquare / (32768.0 * 32768.0));
    }

    /// <summary>The level in -dBov (0..127) of float PCM with full scale ±1.0.</summary>
    public static int Measure(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return Silence;
        }

        double sum = 0;
        foreach (float sample in samples)
        {
            sum += (double)sample * sample;
        }

        return FromMeanSquare(sum / samples.Length);
    }

    /// <summary>The level in -dBov (0..127) of a mean square relative to full scale squared (1.0 = 0 dBov).</summary>
    public static int FromMeanSquare(double meanSquare)
    {
        // -dBov = -10 log10(mean square); zero (and NaN) is silence, as is anything that rounds below -127 dBov.
        if (!(meanSquare > 0))
        {
            return Silence;
        }

        double level = -10.0 * Math.Log10(meanSquare);
        return level <= 0 ? 0 : level >= Silence ? Silence : (int)Math.Round(level, MidpointRounding.AwayFromZero);
    }
}
