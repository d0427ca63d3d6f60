using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using Gateway.Benchmarks.Codecs;
using Gateway.Benchmarks.E2ee;
using Gateway.Benchmarks.Infrastructure;

namespace Gateway.Benchmarks.Reporting;

/// <summary>
/// Writes client-media.md from a run's summaries: SFrame protect/unprotect against raw AES-GCM of the same bytes (issue
/// 5's target: at most 1.15× at 1200 bytes, per suite), and Opus encode/decode per 20 ms frame. Every number comes
/// from the run; BenchmarkDotNet's own exports go to client-media-bdn/.
/// </summary>
internal static class ClientMediaReport
{
    private const string SFrame = nameof(SFrameBenchmarks);
    private const string Opus = nameof(OpusBenchmarks);
    private const double SFrameTarget = 1.15;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(IReadOnlyList<Summary> summaries, BenchOptions options, string repoRoot, string artifactsPath)
    {
        List<Case> cases = Cases(summaries);
        bool hasSFrame = cases.Exists(c => c.Suite == SFrame);
        bool hasOpus = cases.Exists(c => c.Suite == Opus);
        if (!hasSFrame && !hasOpus)
        {
            return;
        }

        bool complete = !options.Quick && hasSFrame && hasOpus;
        string directory = options.ResultsDirectory
            ?? (complete ? Path.Combine(repoRoot, "benchmarks", "results") : Path.Combine(artifactsPath, "report"));
        Directory.CreateDirectory(directory);
        BdnExports.Copy(summaries, Path.Combine(directory, "client-media-bdn"), suite => suite is SFrame or Opus);

        string path = Path.Combine(directory, "client-media.md");
        File.WriteAllText(path, Render(cases, options, complete));
        Console.WriteLine($"// client media report: {path}");
        if (!complete && options.ResultsDirectory is null)
        {
            Console.WriteLine("// (a partial or quick run: benchmarks/results/client-media.md is written only by a full run of the SFrame and Opus suites)");
        }
    }

    private static string Render(List<Case> cases, BenchOptions options, bool complete)
    {
        var md = new StringBuilder();
        md.AppendLine("# Client media benchmarks: SFrame and Opus");
        md.AppendLine();
        md.AppendLine(Inv, $"Written by `benchmarks/Gateway.Benchmarks` at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from the BenchmarkDotNet summaries of one run; no number in this file is typed by hand.");
        if (!complete)
        {
            md.AppendLine();
            md.AppendLine("**Partial or quick run**: some suites were not part of it, and a quick run's numbers are not measurements.");
        }

        md.AppendLine();
        ReportHeader.Append(md, options, [], "");
        md.AppendLine();
        md.AppendLine("## SFrame (RFC 9605) against raw AES-GCM, 1200-byte frames");
        md.AppendLine();
        md.AppendLine("The baseline seals (opens) the same 1200 bytes with the same key size through the same native AES-GCM, with the");
        md.AppendLine("SFrame header as associated data: the ratio is what SFrame itself adds (header, nonce, counter, replay window).");
        md.AppendLine(Inv, $"Target (issue 5): at most {SFrameTarget:0.00}× raw AES-GCM.");
        md.AppendLine();
        md.AppendLine("| suite | operation | SFrame ns | raw AES-GCM ns | ratio | target | allocated B/op |");
        md.AppendLine("|---|---|--:|--:|--:|---|--:|");
        foreach (IGrouping<string, Case> suite in cases.Where(c => c.Suite == SFrame).GroupBy(c => c.Parameter("Suite")))
        {
            AppendRatio(md, suite.Key, "protect", suite.FirstOrDefault(c => c.Method == "Protect"), suite.FirstOrDefault(c => c.Method == "RawSeal"));
            AppendRatio(md, suite.Key, "unprotect", suite.FirstOrDefault(c => c.Method == "Unprotect"), suite.FirstOrDefault(c => c.Method == "RawOpen"));
        }

        md.AppendLine();
        md.AppendLine("## Opus (Concentus) per 20 ms frame at 48 kHz");
        md.AppendLine();
        md.AppendLine("| case | mean µs | ± µs | allocated B/op | share of a 20 ms frame |");
        md.AppendLine("|---|--:|--:|--:|--:|");
        foreach (Case c in cases.Where(c => c.Suite == Opus).OrderBy(c => c.Method, StringComparer.Ordinal).ThenBy(c => c.Parameters, StringComparer.Ordinal))
        {
            md.AppendLine(Inv, $"| {c.Method} {c.Parameters} | {c.MeanNs / 1000:0.0} | {c.StdDevNs / 1000:0.0} | {Bytes(c.AllocatedBytes)} | {c.MeanNs / 20_000_000:P1} |");
        }

        md.AppendLine();
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `client-media-bdn/`: BenchmarkDotNet's own reports of the run.");
        return md.ToString();
    }

    private static void AppendRatio(StringBuilder md, string suite, string operation, Case? sframe, Case? raw)
    {
        if (sframe is null || raw is null)
        {
            md.AppendLine(Inv, $"| {suite} | {operation} | {Ns(sframe)} | {Ns(raw)} | – | ≤ {SFrameTarget:0.00}× not measured | |");
            return;
        }

        double ratio = sframe.MeanNs / raw.MeanNs;
        string verdict = ratio <= SFrameTarget ? "met" : "**missed**";
        md.AppendLine(Inv, $"| {suite} | {operation} | {sframe.MeanNs:0.0} | {raw.MeanNs:0.0} | {ratio:0.00}× | ≤ {SFrameTarget:0.00}×: {verdict} | {Bytes(sframe.AllocatedBytes)} |");
    }

    private static string Ns(Case? c) => c is null ? "–" : c.MeanNs.ToString("0.0", Inv);

    private static string Bytes(long? bytes) => bytes is long b ? b.ToString("N0", Inv) : "–";

    private static List<Case> Cases(IEnumerable<Summary> summaries)
    {
        var cases = new List<Case>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                string suite = report.BenchmarkCase.Descriptor.Type.Name;
                if (!report.Success || report.ResultStatistics is null || suite is not (SFrame or Opus))
                {
                    continue;
                }

                var parameters = report.BenchmarkCase.Parameters;
                cases.Add(new Case(
                    suite,
                    report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    parameters.Items.ToDictionary(p => p.Name, p => Convert.ToString(p.Value, Inv) ?? ""),
                    parameters.DisplayInfo,
                    report.ResultStatistics.Mean,
                    report.ResultStatistics.StandardDeviation,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
            }
        }

        return cases;
    }

    private sealed record Case(string Suite, string Method, Dictionary<string, string> Values, string Parameters, double MeanNs, double StdDevNs, long? AllocatedBytes)
    {
        public string Parameter(string name) => Values.TryGetValue(name, out string? value) ? value : "";
    }
}
