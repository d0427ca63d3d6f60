namespace Gateway.LoadGen.Report;

/// <summary>The SNR check over the sampled received audio streams (all of them with <c>--decode-streams all</c>).</summary>
internal sealed record QualitySummary
{
    public double ThresholdDb { get; init; }

    /// <summary>Received audio streams in the run.</summary>
    public int StreamsTotal { get; init; }

    /// <summary>Streams Opus-decoded and compared with their source (the sample).</summary>
    public int StreamsChecked { get; init; }

    /// <summary>Streams with enough audio to measure.</summary>
    public int Measured { get; init; }

    public double? MinSnrDb { get; init; }

    public double? MedianSnrDb { get; init; }

    /// <summary>Checked streams below the threshold (or not measurable).</summary>
    public int Failed { get; init; }

    public bool Pass { get; init; }
}
