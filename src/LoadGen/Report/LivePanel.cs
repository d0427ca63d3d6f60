using System.Globalization;
using Spectre.Console;

namespace Gateway.LoadGen.Report;

/// <summary>The live view while the media runs: one table row of cumulative counters, a new table at each sample.</summary>
internal static class LivePanel
{
    public static Table Create(TimeSample sample)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "time", "sent", "received", "lost", "late", "decrypt fail", "p50 ms", "p95 ms", "p99 ms", "jitter ms", "send lag ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        table.AddRow(Cells(sample));
        return table;
    }

    /// <summary>The sample as one plain line (for consoles that cannot redraw).</summary>
    public static string Line(TimeSample s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Seconds,6:0.0}s sent {s.PacketsSent} received {s.PacketsReceived} lost {s.PacketsLost} late {s.PacketsLate} decrypt-fail {s.DecryptFailures} latency p50/p95/p99 {s.LatencyP50Ms:0.00}/{s.LatencyP95Ms:0.00}/{s.LatencyP99Ms:0.00} ms jitter {s.MaxJitterMs:0.00} ms send-lag {s.SenderLagMs:0.0} ms");

    private static string[] Cells(TimeSample s) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:0.0}s"),
        s.PacketsSent.ToString(CultureInfo.InvariantCulture),
        s.PacketsReceived.ToString(CultureInfo.InvariantCulture),
        s.PacketsLost.ToString(CultureInfo.InvariantCulture),
        s.PacketsLate.ToString(CultureInfo.InvariantCulture),
        s.DecryptFailures.ToString(CultureInfo.InvariantCulture),
        s.LatencyP50Ms.ToString("0.00", CultureInfo.InvariantCulture),
        s.LatencyP95Ms.ToString("0.00", CultureInfo.InvariantCulture),
        s.LatencyP99Ms.ToString("0.00", CultureInfo.InvariantCulture),
        s.MaxJitterMs.ToString("0.00", CultureInfo.InvariantCulture),
        s.SenderLagMs.ToString("0.0", CultureInfo.InvariantCulture),
    ];
}
