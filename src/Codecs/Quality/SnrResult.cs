namespace Gateway.Codecs.Quality;

/// <summary>The result of <see cref="SignalToNoise.Measure(ReadOnlySpan{short}, ReadOnlySpan{short}, int, int, int)"/>.</summary>
/// <param name="SnrDb">10·log10(Σ reference² / Σ (reference − decoded)²) at the best alignment: +∞ for an exact match, NaN when the reference is silent or nothing overlaps.</param>
/// <param name="LagSamples">How many samples (per channel) the decoded signal trails the reference at the best alignment.</param>
/// <param name="Correlation">The normalised cross-correlation at that lag, −1..1.</param>
public readonly record struct SnrResult(double SnrDb, int LagSamples, double Correlation);
