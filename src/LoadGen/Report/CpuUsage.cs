namespace Gateway.LoadGen.Report;

/// <summary>
/// CPU time over the media phase (first frame sent to the end of the drain), of the load generator and, when its pid
/// was given, of the gateway: a percentage near 100 × <see cref="Cores"/> for the two together means the machine, not
/// the gateway's design, set the figures.
/// </summary>
internal sealed record CpuUsage
{
    /// <summary>Wall-clock seconds of the media phase.</summary>
    public double WallSeconds { get; init; }

    /// <summary>CPU seconds (user + system) the load generator used over the media phase.</summary>
    public double LoadGenSeconds { get; init; }

    /// <summary>CPU seconds the gateway process used over the media phase; null when its pid was not given or not readable.</summary>
    public double? GatewaySeconds { get; init; }

    /// <summary>Logical processors of this machine.</summary>
    public int Cores { get; init; }

    /// <summary>The load generator's CPU as a percentage of one core.</summary>
    public double LoadGenPercent => WallSeconds > 0 ? Math.Round(LoadGenSeconds / WallSeconds * 100, 1) : 0;

    /// <summary>The gateway's CPU as a percentage of one core; null when not measured.</summary>
    public double? GatewayPercent => GatewaySeconds is double g && WallSeconds > 0 ? Math.Round(g / WallSeconds * 100, 1) : null;
}
