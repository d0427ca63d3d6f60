using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using Gateway.Benchmarks.Crypto;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Reporting;

/// <summary>
/// Writes aes-gcm.md from a run's summaries: machine, command, the ratios the issue sets targets
/// for (each marked met or missed), tables of ns/op and allocated bytes, and BenchmarkDotNet's own
/// markdown/CSV exports copied into aes-gcm-bdn/. Every number comes from the run.
/// </summary>
internal static class AesGcmReport
{
    private const string Single = nameof(AesGcmBenchmarks);
    private const string Loop = nameof(AesGcmCLoopBenchmarks);
    private const string Peer = nameof(AesGcmPeerBenchmarks);
    private const string Aes256 = nameof(AesGcm256Benchmarks);
    private const string Batch = nameof(AesGcmBatchBenchmarks);
    private const string Ctr = nameof(AesCtrBenchmarks);
    private const string Transition = "AesGcmGcTransitionBenchmarks";

    private static readonly int[] Sizes = [64, 160, 1200, 8192];
    private static readonly string[] Ops = ["Seal", "Open"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(IReadOnlyList<Summary> summaries, BenchOptions options, string repoRoot, string artifactsPath)
    {
        MeasurementSet set = MeasurementSet.From(summaries);
        string[] gcmSuites = [Single, Loop, Peer, Aes256, Batch, Ctr, Transition];
        if (!gcmSuites.Any(set.HasSuite))
        {
            return;
        }

        bool complete = !options.Quick && new[] { Single, Loop, Peer, Batch }.All(set.HasSuite);
        string directory = options.ResultsDirectory
            ?? (complete ? Path.Combine(repoRoot, "benchmarks", "results") : Path.Combine(artifactsPath, "report"));
        Directory.CreateDirectory(directory);

        string bdnDirectory = Path.Combine(directory, "aes-gcm-bdn");
        BdnExports.Copy(summaries, bdnDirectory, suite => suite.StartsWith("Aes", StringComparison.Ordinal));
        string? plot = AesGcmPlot.TryWrite(set, Path.Combine(directory, "aes-gcm.png"));

        string path = Path.Combine(directory, "aes-gcm.md");
        File.WriteAllText(path, Render(set, options, complete, plot is null ? null : Path.GetFileName(plot)));
        Console.WriteLine($"// AES-GCM report: {path}");
        if (!complete && options.ResultsDirectory is null)
        {
            Console.WriteLine("// (a partial or quick run: benchmarks/results/aes-gcm.md is written only by a full run)");
        }
    }

    private static string Render(MeasurementSet set, BenchOptions options, bool complete, string? plotFile)
    {
        string best = BenchNative.BestImplementation().ToString();
        string bestName = CryptoBackend.Name(BenchNative.BestImplementation());
        var md = new StringBuilder();
        md.AppendLine("# AES-GCM benchmarks");
        md.AppendLine();
        md.AppendLine(Inv, $"Written by `benchmarks/Gateway.Benchmarks` at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from the BenchmarkDotNet summaries of one run; no number in this file is typed by hand.");
        if (!complete)
        {
            md.AppendLine();
            md.AppendLine("**Partial or quick run**: some suites were not part of it, and a quick run's numbers are not measurements.");
        }

        md.AppendLine();
        ReportHeader.Append(md, options, [], $" Inputs: 12-byte AAD (an RTP header), 12-byte nonce, 16-byte tag, AES-128 unless stated. Seal is in place; single opens are out of place from a sealed buffer (an in-place open would leave plaintext for the next invocation). C loops and OpenSSL EVP make {GcmInputs.LoopCount} calls per P/Invoke and are reported per call.");

        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| Ratio | Size | Numerator ns/op | Denominator ns/op | Ratio | Target | Result |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (RatioCheck check in Checks(set, best, bestName))
        {
            md.AppendLine(Inv, $"| {check.Name} | {check.Size} B | {Ns(check.Numerator)} | {Ns(check.Denominator)} | {(check.Ratio is double r ? r.ToString("0.00", Inv) + "x" : "-")} | {check.TargetText} | {check.Verdict} |");
        }

        md.AppendLine();
        md.AppendLine("Speed-ups are the peer's time divided by ours (higher is better); overheads are our time divided by the C loop's (lower is better). The OpenSSL row's target is ours: the C loop over our code should be no slower than OpenSSL's EVP with a reused context.");

        AppendPivot(md, "AES-128-GCM, ns per packet", PivotRows(set, best), set);
        AppendPivot(md, $"AES-256-GCM ({bestName} only), ns per packet", [
            ($"AesContext {bestName}", "Seal", Aes256, "Seal", null),
            ($"AesContext {bestName}", "Open", Aes256, "Open", null),
            ($"C loop {bestName}", "Seal", Aes256, "CLoopSeal", null),
            ($"C loop {bestName}", "Open", Aes256, "CLoopOpen", null),
        ], set);

        AppendBatch(md, set, bestName);
        AppendCtr(md, set);
        AppendTransition(md, set);
        AppendAll(md, set);

        md.AppendLine();
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `aes-gcm-bdn/`: BenchmarkDotNet's own GitHub-markdown and CSV exports of the same run.");
        if (plotFile is not null)
        {
            md.AppendLine(Inv, $"- `{plotFile}`: seal throughput by packet size.");
            md.AppendLine();
            md.AppendLine(Inv, $"![AES-GCM seal throughput]({plotFile})");
        }

        return md.ToString();
    }

    private static IEnumerable<RatioCheck> Checks(MeasurementSet set, string best, string bestName)
    {
        foreach (string op in Ops)
        {
            foreach ((int size, double target) in new[] { (1200, 6.0), (160, 10.0) })
            {
                yield return new RatioCheck(
                    $"native {bestName} vs System.Security.Cryptography.AesGcm, {op.ToLowerInvariant()} (speed-up)", size,
                    set.Find(Peer, "DotNet" + op, size), set.Find(Single, op, size, best), target, AtLeast: true);
            }
        }

        foreach (string op in Ops)
        {
            foreach (int size in Sizes)
            {
                yield return new RatioCheck(
                    $"AesContext {bestName} single call vs C loop, {op.ToLowerInvariant()} (overhead)", size,
                    set.Find(Single, op, size, best), set.Find(Loop, op, size, best), 1.3, AtLeast: false);
            }
        }

        foreach (string op in Ops)
        {
            foreach (int size in Sizes)
            {
                yield return new RatioCheck(
                    $"AES-256 AesContext {bestName} single call vs C loop, {op.ToLowerInvariant()} (overhead)", size,
                    set.Find(Aes256, op, size), set.Find(Aes256, "CLoop" + op, size), 1.3, AtLeast: false);
            }
        }

        foreach (string op in Ops)
        {
            yield return new RatioCheck(
                $"AeadBatch.{op}All of 32, per packet vs C loop of 32 (overhead)", AesGcmBatchBenchmarks.PacketSize,
                set.Find(Batch, op + "All", 0), set.Find(Batch, op + "CLoop", 0), 1.1, AtLeast: false);
        }

        foreach (string op in Ops)
        {
            foreach (int size in Sizes)
            {
                yield return new RatioCheck(
                    $"OpenSSL EVP (reused context) vs C loop {bestName}, {op.ToLowerInvariant()} (speed-up)", size,
                    set.Find(Peer, "Evp" + op, size), set.Find(Loop, op, size, best), 1.0, AtLeast: true);
            }
        }
    }

    private static List<(string Path, string Op, string Suite, string Method, string? Implementation)> PivotRows(MeasurementSet set, string best)
    {
        var rows = new List<(string, string, string, string, string?)>();
        // The best native path first, then the other native ones from fastest to slowest, then Managed.
        IEnumerable<string> impls = set.Where(Single).Select(m => m.Implementation!).Distinct().OrderBy(i => Rank(i, best));
        IEnumerable<string> loopImpls = set.Where(Loop).Select(m => m.Implementation!).Distinct().OrderBy(i => Rank(i, best));
        foreach (string op in Ops)
        {
            rows.AddRange(impls.Select(i => ($"AesContext {ImplName(i)}", op, Single, op, (string?)i)));
            rows.AddRange(loopImpls.Select(i => ($"C loop {ImplName(i)}", op, Loop, op, (string?)i)));
            rows.Add(("System.Security.Cryptography.AesGcm (reused)", op, Peer, "DotNet" + op, null));
            rows.Add(("OpenSSL EVP (reused context, C loop)", op, Peer, "Evp" + op, null));
        }

        return rows;
    }

    private static void AppendPivot(StringBuilder md, string title, IEnumerable<(string Path, string Op, string Suite, string Method, string? Implementation)> rows, MeasurementSet set)
    {
        var present = rows.Where(r => Sizes.Any(s => set.Find(r.Suite, r.Method, s, r.Implementation) is not null)).ToList();
        if (present.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(Inv, $"## {title}");
        md.AppendLine();
        md.AppendLine("| Path | Op | " + string.Join(" | ", Sizes.Select(s => $"{s} B")) + " | GB/s at 1200 B | Allocated B/op |");
        md.AppendLine("|---|---|" + string.Concat(Sizes.Select(_ => "---:|")) + "---:|---:|");
        foreach (var row in present)
        {
            Measurement?[] cells = [.. Sizes.Select(s => set.Find(row.Suite, row.Method, s, row.Implementation))];
            Measurement? at1200 = set.Find(row.Suite, row.Method, 1200, row.Implementation);
            md.AppendLine(Inv, $"| {row.Path} | {row.Op} | {string.Join(" | ", cells.Select(Ns))} | {Throughput(at1200, 1200)} | {Allocated(cells)} |");
        }
    }

    private static void AppendBatch(StringBuilder md, MeasurementSet set, string bestName)
    {
        if (!set.HasSuite(Batch))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(Inv, $"## Batch: {AesGcmBatchBenchmarks.Packets} x {AesGcmBatchBenchmarks.PacketSize}-byte packets, {bestName}, ns per packet");
        md.AppendLine();
        md.AppendLine("| Way | ns/packet | vs C loop | Allocated B/packet |");
        md.AppendLine("|---|---:|---:|---:|");
        (string Method, string Text)[] ways =
        [
            ("SealAll", "AeadBatch: Clear + 32 Add + SealAll"),
            ("SealAllPrebuilt", "AeadBatch: SealAll of a prebuilt batch"),
            ("SealSingles", "32 x AesContext.SealGcm"),
            ("SealCLoop", "C loop of 32 gw_aes_gcm_seal"),
            ("OpenAll", "restore 32 + AeadBatch: Clear + 32 Add + OpenAll"),
            ("OpenSingles", "restore 32 + 32 x AesContext.TryOpenGcm"),
            ("OpenCLoop", "restore 32 + C loop of 32 gw_aes_gcm_open"),
        ];
        foreach ((string method, string text) in ways)
        {
            Measurement? m = set.Find(Batch, method, 0);
            Measurement? loop = set.Find(Batch, method.StartsWith("Seal", StringComparison.Ordinal) ? "SealCLoop" : "OpenCLoop", 0);
            string ratio = m is null || loop is null ? "-" : (m.MeanNs / loop.MeanNs).ToString("0.00", Inv) + "x";
            md.AppendLine(Inv, $"| {text} | {Ns(m)} | {ratio} | {Allocated([m])} |");
        }
    }

    private static void AppendCtr(StringBuilder md, MeasurementSet set)
    {
        if (!set.HasSuite(Ctr))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## AES-CTR keystream XOR (in place), ns per call");
        md.AppendLine();
        md.AppendLine("| Implementation | 160 B | 1200 B | Allocated B/op |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (string impl in set.Where(Ctr).Select(m => m.Implementation!).Distinct())
        {
            Measurement? a = set.Find(Ctr, "TransformCtr", 160, impl);
            Measurement? b = set.Find(Ctr, "TransformCtr", 1200, impl);
            md.AppendLine(Inv, $"| {ImplName(impl)} | {Ns(a)} | {Ns(b)} | {Allocated([a, b])} |");
        }
    }

    private static void AppendTransition(StringBuilder md, MeasurementSet set)
    {
        if (!set.HasSuite(Transition))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## [SuppressGCTransition] vs a normal P/Invoke (bare gw_aes_gcm_* calls, best native), ns per call");
        md.AppendLine();
        md.AppendLine("| Op | Size | Normal | SuppressGCTransition | Saved | Allocated B/op |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (string op in Ops)
        {
            foreach (int size in new[] { 160, 1200 })
            {
                Measurement? normal = set.Find(Transition, op, size);
                Measurement? suppressed = set.Find(Transition, op + "Short", size);
                string saved = normal is null || suppressed is null ? "-" : (normal.MeanNs - suppressed.MeanNs).ToString("0.0", Inv);
                md.AppendLine(Inv, $"| {op} | {size} B | {Ns(normal)} | {Ns(suppressed)} | {saved} | {Allocated([normal, suppressed])} |");
            }
        }
    }

    private static void AppendAll(StringBuilder md, MeasurementSet set)
    {
        md.AppendLine();
        md.AppendLine("## Every case");
        md.AppendLine();
        md.AppendLine("| Suite | Method | Implementation | Size | ns/op | StdDev ns | GB/s | Allocated B/op |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (Measurement m in set.All)
        {
            int bytes = m.Size != 0 ? m.Size : m.Suite == Batch ? AesGcmBatchBenchmarks.PacketSize : 0;
            md.AppendLine(Inv, $"| {m.Suite} | {m.Method} | {(m.Implementation is null ? "" : ImplName(m.Implementation))} | {bytes} | {Ns(m)} | {m.StdDevNs.ToString("0.0", Inv)} | {Throughput(m, bytes)} | {Allocated([m])} |");
        }
    }

    private static int Rank(string implementation, string best) =>
        implementation == best ? -1000
        : Enum.TryParse(implementation, out AesImplementation impl) ? (impl == AesImplementation.Managed ? 1000 : -(int)impl)
        : 0;

    private static string ImplName(string implementation) =>
        Enum.TryParse(implementation, out AesImplementation impl) ? CryptoBackend.Name(impl) : implementation;

    private static string Ns(Measurement? m) => m is null ? "-" : m.MeanNs.ToString(m.MeanNs >= 1000 ? "#,0" : "0.0", Inv);

    private static string Throughput(Measurement? m, int bytes) =>
        m is null || bytes == 0 || m.MeanNs <= 0 ? "-" : (bytes / m.MeanNs).ToString("0.00", Inv);

    private static string Allocated(IEnumerable<Measurement?> cells)
    {
        long[] values = [.. cells.Where(c => c?.AllocatedBytes is not null).Select(c => c!.AllocatedBytes!.Value)];
        return values.Length == 0 ? "-" : values.Max().ToString(Inv);
    }
}
