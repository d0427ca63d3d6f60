using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Benchmarks.Reporting;

namespace Gateway.Benchmarks;

/// <summary>
/// Runs the suites BenchmarkSwitcher selects (see README.md), then turns the AES-GCM summaries into
/// benchmarks/results/aes-gcm.md, the SRTP and parse summaries into benchmarks/results/srtp.md, and the SFrame and
/// Opus summaries into benchmarks/results/client-media.md. Exit code 1 when a case failed or a validator refused the run.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        BenchOptions options = BenchOptions.Parse(args);
        string repoRoot = RepoPaths.FindRoot();
        string artifacts = Path.Combine(repoRoot, "artifacts", "benchmarks", options.Quick ? "quick" : "run");
        List<Summary> summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(options.SwitcherArgs, BenchConfig.Create(options.Quick, artifacts))];

        if (!options.NoReport && summaries.Count > 0)
        {
            AesGcmReport.Write(summaries, options, repoRoot, artifacts);
            SrtpReport.Write(summaries, options, repoRoot, artifacts);
            ClientMediaReport.Write(summaries, options, repoRoot, artifacts);
        }

        bool failed = summaries.Exists(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
