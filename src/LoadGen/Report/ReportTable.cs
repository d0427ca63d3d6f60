using System.Globalization;
using Spectre.Console;

namespace Gateway.LoadGen.Report;

/// <summary>The end-of-run summary on the console: totals, latency, quality and the verdict.</summary>
internal static class ReportTable
{
    private const int SettleSeconds = 2;

    public static void Write(IAnsiConsole console, LoadReport report)
    {
        LoadTotals t = report.Totals;
        var table = new Table().Border(TableBorder.Rounded).Title($"gateway-loadgen: {report.Meetings} meetings × {report.ParticipantsPerMeeting} participants, {report.DurationSeconds:0.0} s, E2EE {(report.E2ee ? "on" : "off")}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        Add(table, "packets sent", t.PacketsSent);
        Add(table, "packets received", t.PacketsReceived);
        Add(table, "audio frames expected / received", $"{t.AudioFramesExpected} / {t.AudioFramesReceived}");
        Add(table, "audio frames missing", t.AudioFramesMissing);
        Add(table, "lost (sequence gaps)", t.PacketsLost);
        Add(table, "late", t.PacketsLate);
        Add(table, "duplicates", t.PacketsDuplicate);
        Add(table, "decrypt failures SRTP / E2EE", $"{t.SrtpFailures} / {t.E2eeFailures}");
        Add(table, "E2EE frames without key", t.E2eeNoKey);
        Add(table, "send failures", t.SendFailures);
        Add(table, "latency p50 / p95 / p99 (ms)", Invariant($"{t.LatencyP50Ms:0.00} / {t.LatencyP95Ms:0.00} / {t.LatencyP99Ms:0.00}"));
        Add(table, "latency max (ms)", Invariant($"{t.LatencyMaxMs:0.00}"));
        Add(table, "jitter max (ms)", Invariant($"{t.MaxJitterMs:0.00}"));
        Add(table, "load generator send lag max (ms)", Invariant($"{t.SenderMaxLagMs:0.00}"));
        Add(table, "audio", report.Encode == "preencoded"
            ? Invariant($"pre-encoded: {report.Sources} sources × {report.LoopSeconds:0.##} s loops, SFrame + SRTP per packet")
            : "encoded live");
        CpuUsage cpu = report.Cpu;
        Add(table, $"load generator CPU (media phase, {cpu.Cores} cores)", Invariant($"{cpu.LoadGenSeconds:0.0} s = {cpu.LoadGenPercent:0} % of one core"));
        Add(table, "gateway CPU (media phase)", cpu.GatewaySeconds is double g ? Invariant($"{g:0.0} s = {cpu.GatewayPercent:0} % of one core") : "not measured (--gateway-pid)");
        QualitySummary q = report.Quality;
        Add(table, "quality checked on", $"{q.StreamsChecked} of {q.StreamsTotal} streams");
        Add(table, "SNR min / median (dB)", Invariant($"{Format(q.MinSnrDb)} / {Format(q.MedianSnrDb)}"));
        Add(table, $"checked streams ≥ {q.ThresholdDb} dB", $"{q.StreamsChecked - q.Failed} of {q.StreamsChecked}");
        table.AddRow(new Markup("verdict"), new Markup(report.Pass ? "[green]PASS[/]" : "[red]FAIL[/]"));
        console.Write(table);
        if (t.SenderMaxLagMs > 20)
        {
            // The first seconds include the JIT compiling the codec and crypto paths; a lag that lasts is saturation.
            double settled = 0;
            foreach (TimeSample sample in report.Timeline)
            {
                settled = sample.Seconds > SettleSeconds ? Math.Max(settled, sample.SenderLagMs) : settled;
            }

            console.MarkupLine(Markup.Escape(Invariant($"note: the load generator fell up to {t.SenderMaxLagMs:0} ms behind its send schedule (after the first {SettleSeconds} s: {settled:0.0} ms); where it lags, latency and jitter include its own queueing. A lag that lasts means its CPU is saturated: run fewer participants per load generator.")));
        }

        foreach (string failure in report.Failures)
        {
            console.MarkupLine($"[red]fail:[/] {Markup.Escape(failure)}");
        }
    }

    private static void Add(Table table, string name, long value) => Add(table, name, value.ToString(CultureInfo.InvariantCulture));

    private static void Add(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

    private static string Format(double? value) => value is double v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
