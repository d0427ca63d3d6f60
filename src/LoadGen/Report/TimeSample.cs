namespace Gateway.LoadGen.Report;

/// <summary>The cumulative counters at one moment of the run (the live view and the plot).</summary>
internal sealed record TimeSample
{
    public double Seconds { get; init; }

    public long PacketsSent { get; init; }

    public long PacketsReceived { get; init; }

    public long PacketsLost { get; init; }

    public long PacketsLate { get; init; }

    public long DecryptFailures { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP95Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    public double MaxJitterMs { get; init; }

    /// <summary>The load generator's worst send lag since the previous sample (ms): when it fell behind its 20 ms schedule.</summary>
    public double SenderLagMs { get; init; }
}
