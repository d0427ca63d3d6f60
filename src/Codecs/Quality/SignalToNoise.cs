using System.Numerics;

namespace Gateway.Codecs.Quality;

/// <summary>
/// Waveform signal-to-noise ratio of decoded audio against its source, after finding the delay the
/// codec added (Opus: 312 samples at 48 kHz) by cross-correlation over a bounded range of lags.
/// </summary>
/// <remarks>
/// Every lag is scored on the same stretch of the reference (its first <c>n − maxLag</c> frames), so
/// lags compare fairly; the best is the one with the highest normalised cross-correlation, and the SNR
/// is measured there. Cost is frames × lags multiply-adds; nothing is allocated.
/// </remarks>
public static class SignalToNoise
{
    /// <summary>
    /// Measures 16-bit <paramref name="decoded"/> against <paramref name="reference"/> (both interleaved
    /// with <paramref name="channels"/> channels), trying delays <paramref name="minLag"/>..<paramref name="maxLag"/> samples per channel.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">channels below 1, or minLag negative or above maxLag.</exception>
    public static SnrResult Measure(ReadOnlySpan<short> reference, ReadOnlySpan<short> decoded, int channels = 1, int minLag = 0, int maxLag = 960) =>
        MeasureWidened(reference, decoded, channels, minLag, maxLag);

    /// <summary>Measures float <paramref name="decoded"/> against <paramref name="reference"/>; otherwise as the 16-bit overload.</summary>
    /// <exception cref="ArgumentOutOfRangeException">channels below 1, or minLag negative or above maxLag.</exception>
    public static SnrResult Measure(ReadOnlySpan<float> reference, ReadOnlySpan<float> decoded, int channels = 1, int minLag = 0, int maxLag = 960) =>
        MeasureWidened(reference, decoded, channels, minLag, maxLag);

    /// <summary>
    /// The one algorithm behind both overloads. Each sample is widened to <see cref="double"/> (exactly, for
    /// 16-bit and float samples) before any arithmetic, so the sample type changes nothing but the reading.
    /// </summary>
    private static SnrResult MeasureWidened<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> decoded, int channels, int minLag, int maxLag)
        where T : INumberBase<T>
    {
        Validate(channels, minLag, maxLag);
        int frames = Math.Min(reference.Length, decoded.Length) / channels;
        int span = (frames - maxLag) * channels;
        if (span <= 0)
        {
            return new SnrResult(double.NaN, 0, 0);
        }

        double referenceEnergy = 0;
        for (int i = 0; i < span; i++)
        {
            double r = double.CreateTruncating(reference[i]);
            referenceEnergy += r * r;
        }

        int bestLag = minLag;
        double bestCorrelation = double.NegativeInfinity;
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            ReadOnlySpan<T> shifted = decoded.Slice(lag * channels, span);
            double cross = 0;
            double decodedEnergy = 0;
            for (int i = 0; i < span; i++)
            {
                double d = double.CreateTruncating(shifted[i]);
                cross += double.CreateTruncating(reference[i]) * d;
                decodedEnergy += d * d;
            }

            double correlation = Normalise(cross, referenceEnergy, decodedEnergy);
            if (correlation > bestCorrelation)
            {
                bestCorrelation = correlation;
                bestLag = lag;
            }
        }

        ReadOnlySpan<T> aligned = decoded.Slice(bestLag * channels, span);
        double noise = 0;
        for (int i = 0; i < span; i++)
        {
            double e = double.CreateTruncating(reference[i]) - double.CreateTruncating(aligned[i]);
            noise += e * e;
        }

        return new SnrResult(Snr(referenceEnergy, noise), bestLag, bestCorrelation);
    }

    private static void Validate(int channels, int minLag, int maxLag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minLag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minLag, maxLag);
    }

    private static double Normalise(double cross, double referenceEnergy, double decodedEnergy) =>
        referenceEnergy > 0 && decodedEnergy > 0 ? cross / Math.Sqrt(referenceEnergy * decodedEnergy) : 0;

    private static double Snr(double signal, double noise) =>
        signal <= 0 ? double.NaN : noise <= 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
}
