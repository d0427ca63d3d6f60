namespace Gateway.LoadGen.Report;

/// <summary>Counters summed over every participant.</summary>
internal sealed record LoadTotals
{
    public long PacketsSent { get; init; }

    public long FramesSent { get; init; }

    public long SendFailures { get; init; }

    public long PacketsReceived { get; init; }

    /// <summary>Audio frames the receivers should have got: each sender's frames times the other participants of its meeting.</summary>
    public long AudioFramesExpected { get; init; }

    /// <summary>Audio frames that authenticated at their receivers.</summary>
    public long AudioFramesReceived { get; init; }

    /// <summary>Expected minus received audio frames (loss at the end of a stream included).</summary>
    public long AudioFramesMissing { get; init; }

    public long PacketsLost { get; init; }

    public long PacketsLate { get; init; }

    public long PacketsDuplicate { get; init; }

    public long SrtpFailures { get; init; }

    public long E2eeFailures { get; init; }

    public long E2eeNoKey { get; init; }

    public long Malformed { get; init; }

    public long FramesConcealed { get; init; }

    public long LatencySamples { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP95Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    public double LatencyMaxMs { get; init; }

    public double LatencyMeanMs { get; init; }

    /// <summary>
    /// The whole run's end-to-end latency distribution: (percentile, milliseconds) from the 1st to the 99.99th,
    /// for the plot's distribution panel and for readers of the JSON.
    /// </summary>
    public IReadOnlyList<LatencyPoint> LatencyDistribution { get; init; } = [];

    public double MaxJitterMs { get; init; }

    /// <summary>How late the load generator's worst 20 ms send tick was: tens of ms mean its own CPU was saturated.</summary>
    public double SenderMaxLagMs { get; init; }
}
