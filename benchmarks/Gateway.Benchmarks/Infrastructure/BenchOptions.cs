namespace Gateway.Benchmarks.Infrastructure;

/// <summary>
/// Our own command-line switches, taken out before the rest goes to BenchmarkSwitcher:
/// <c>--quick</c> (a dry, in-process smoke run: one invocation per case, seconds in all),
/// <c>--results DIR</c> (where aes-gcm.md and its companions go) and <c>--no-report</c>.
/// </summary>
internal sealed class BenchOptions
{
    private BenchOptions(bool quick, string? resultsDirectory, bool noReport, string[] switcherArgs, IReadOnlyList<string> originalArgs)
    {
        Quick = quick;
        ResultsDirectory = resultsDirectory;
        NoReport = noReport;
        SwitcherArgs = switcherArgs;
        OriginalArgs = originalArgs;
    }

    public bool Quick { get; }

    public string? ResultsDirectory { get; }

    public bool NoReport { get; }

    /// <summary>What BenchmarkSwitcher gets (a --filter added when none was given and nobody can answer its menu).</summary>
    public string[] SwitcherArgs { get; }

    /// <summary>The arguments exactly as given after <c>--</c>, for the report's command line.</summary>
    public IReadOnlyList<string> OriginalArgs { get; }

    public static BenchOptions Parse(string[] args)
    {
        bool quick = false;
        bool noReport = false;
        string? results = null;
        var rest = new List<string>(args.Length + 2);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-report":
                    noReport = true;
                    break;
                case "--results" when i + 1 < args.Length:
                    results = Path.GetFullPath(args[++i]);
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        bool listOrInfo = rest.Exists(a => a is "--list" or "--info" or "--help" or "-h" or "--version");
        if (!listOrInfo && !rest.Exists(a => a is "--filter" or "-f" or "--allCategories" or "--anyCategories") && (quick || Console.IsInputRedirected))
        {
            // BenchmarkSwitcher would ask which benchmark to run; CI and scripts cannot answer.
            rest.Add("--filter");
            rest.Add(quick ? "*AesGcmBenchmarks.Seal" : "*");
        }

        return new BenchOptions(quick, results, noReport, [.. rest], args);
    }
}
