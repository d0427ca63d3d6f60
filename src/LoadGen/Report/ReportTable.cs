using System.Globalization;
using Spectre.Console;

namespace Gateway.LoadGen.Report;

/// <summary>The end-of-run summary on the console: totals, latency, quality and the verdict.</summary>
internal static class ReportTable
{
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
        QualitySummary q = report.Quality;
        Add(table, "SNR min / median (dB)", Invariant($"{Format(q.MinSnrDb)} / {Format(q.MedianSnrDb)}"));
        Add(table, $"streams ≥ {q.ThresholdDb} dB", $"{q.Streams - q.Failed} of {q.Streams}");
        table.AddRow(new Markup("verdict"), new Markup(report.Pass ? "[green]PASS[/]" : "[red]FAIL[/]"));
        console.Write(table);
        if (t.SenderMaxLagMs > 20)
        {
            console.MarkupLine(Markup.Escape(Invariant($"note: the load generator fell up to {t.SenderMaxLagMs:0} ms behind its send schedule: its CPU is saturated, and latency and jitter include its own queueing. Run fewer participants per load generator.")));
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
