using Gateway.Codecs.Quality;

namespace Gateway.Client.Tests.Infrastructure;

/// <summary>The SNR the load generator checks: <see cref="SignalToNoise"/> after the decoder's first 100 ms, the codec delay searched within 20 ms.</summary>
internal static class AudioSnr
{
    /// <summary>Samples left out at the start: the decoder's warm-up.</summary>
    public const int WarmUpSamples = 4800;

    /// <summary>The SNR in dB of <paramref name="decoded"/> against <paramref name="reference"/>; NaN when too short to compare.</summary>
    public static double Measure(ReadOnlySpan<short> reference, ReadOnlySpan<short> decoded) =>
        Math.Min(reference.Length, decoded.Length) <= WarmUpSamples
            ? double.NaN
            : SignalToNoise.Measure(reference[WarmUpSamples..], decoded[WarmUpSamples..], channels: 1, minLag: 0, maxLag: 960).SnrDb;
}
