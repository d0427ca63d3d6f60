namespace Gateway.LoadGen.Quality;

/// <summary>
/// Signal-to-noise ratio of decoded audio against its source, after finding the codec's delay: the lag (0 to
/// <see cref="MaxLagSamples"/>) with the largest cross-correlation aligns the two, the first
/// <see cref="WarmUpSamples"/> are skipped (the decoder's start), and SNR = 10·log10(Σref² / Σ(ref − dec)²).
/// </summary>
internal static class SnrMeter
{
    /// <summary>The largest codec delay searched: 20 ms.</summary>
    public const int MaxLagSamples = 960;

    /// <summary>Samples skipped at the start: 100 ms.</summary>
    public const int WarmUpSamples = 4800;

    /// <summary>The SNR in dB, or NaN when there are too few samples to compare.</summary>
    public static double Measure(ReadOnlySpan<short> reference, ReadOnlySpan<short> decoded)
    {
        int length = Math.Min(reference.Length, decoded.Length) - MaxLagSamples - WarmUpSamples;
        if (length < 4800)
        {
            return double.NaN;
        }

        int bestLag = 0;
        double best = double.NegativeInfinity;
        const int Step = 4;
        for (int lag = 0; lag <= MaxLagSamples; lag++)
        {
            double correlation = 0;
            for (int i = WarmUpSamples; i < WarmUpSamples + length; i += Step)
            {
                correlation += reference[i] * (double)decoded[i + lag];
            }

            if (correlation > best)
            {
                best = correlation;
                bestLag = lag;
            }
        }

        double signal = 0;
        double noise = 0;
        for (int i = WarmUpSamples; i < WarmUpSamples + length; i++)
        {
            double r = reference[i];
            double e = r - decoded[i + bestLag];
            signal += r * r;
            noise += e * e;
        }

        return noise == 0 ? 200 : 10 * Math.Log10(signal / noise);
    }
}
