namespace Gateway.RelayBench.Driver;

/// <summary>The driver's settings, from the command line.</summary>
internal sealed class BenchSettings
{
    public required IReadOnlyList<RelayMode> Modes { get; init; }

    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>Multipliers of each scenario's packet rate, one run each (--sweep).</summary>
    public required IReadOnlyList<double> RateFactors { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Runs of each case (--repeat), the modes interleaved round by round; the median run is reported.</summary>
    public int Repeat { get; init; } = 1;

    public double WarmupSeconds { get; init; }

    public bool Spin { get; init; }

    public int IdleMicroseconds { get; init; }

    public bool SendGso { get; init; }

    public required string RepoRoot { get; init; }

    public required string Dotnet { get; init; }

    public required string GatewayDll { get; init; }

    public required string CeilingBinary { get; init; }

    public required string OutputDirectory { get; init; }

    public required IReadOnlyList<string> GatewayArguments { get; init; }

    public required IReadOnlyList<string> OriginalArguments { get; init; }

    public bool Quick { get; init; }

    /// <summary>Paragraphs for the report's Notes section (--note).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
