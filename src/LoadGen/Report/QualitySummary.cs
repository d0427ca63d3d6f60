namespace Gateway.LoadGen.Report;

/// <summary>The SNR check over every received audio stream.</summary>
internal sealed record QualitySummary
{
    public double ThresholdDb { get; init; }

    public int Streams { get; init; }

    /// <summary>Streams with enough audio to measure.</summary>
    public int Measured { get; init; }

    public double? MinSnrDb { get; init; }

    public double? MedianSnrDb { get; init; }

    /// <summary>Streams below the threshold (or not measurable).</summary>
    public int Failed { get; init; }

    public bool Pass { get; init; }
}
