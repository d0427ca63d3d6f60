namespace Gateway.LoadGen.Report;

/// <summary>One point of the latency distribution: <see cref="Percentile"/>% of frames arrived within <see cref="Milliseconds"/>.</summary>
public sealed record LatencyPoint(double Percentile, double Milliseconds);
