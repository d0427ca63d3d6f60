using ScottPlot;

namespace Gateway.LoadGen.Report;

/// <summary>
/// The run as a PNG of two panels: over time, end-to-end latency p50/p95/p99 and the largest jitter (cumulative), the
/// load generator's send lag and the receive rate; below, the whole run's latency distribution (percentile curve).
/// </summary>
internal static class LatencyPlot
{
    public static void Save(LoadReport report, string path)
    {
        int n = report.Timeline.Count;
        double[] seconds = new double[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] p99 = new double[n];
        double[] jitter = new double[n];
        double[] lag = new double[n];
        double[] rate = new double[n];
        for (int i = 0; i < n; i++)
        {
            TimeSample s = report.Timeline[i];
            seconds[i] = s.Seconds;
            p50[i] = s.LatencyP50Ms;
            p95[i] = s.LatencyP95Ms;
            p99[i] = s.LatencyP99Ms;
            jitter[i] = s.MaxJitterMs;
            lag[i] = s.SenderLagMs;
            if (i > 0 && s.Seconds > report.Timeline[i - 1].Seconds)
            {
                rate[i] = (s.PacketsReceived - report.Timeline[i - 1].PacketsReceived) / (s.Seconds - report.Timeline[i - 1].Seconds);
            }
        }

        var plot = new Plot();
        plot.Title($"gateway-loadgen: {report.Meetings}×{report.ParticipantsPerMeeting}, E2EE {(report.E2ee ? "on" : "off")}, audio {report.Encode}, SNR min {report.Quality.MinSnrDb:0.0} dB on {report.Quality.StreamsChecked} of {report.Quality.StreamsTotal} streams");
        plot.XLabel("seconds");
        plot.YLabel("milliseconds");
        plot.Add.Scatter(seconds, p50).LegendText = "latency p50";
        plot.Add.Scatter(seconds, p95).LegendText = "latency p95";
        plot.Add.Scatter(seconds, p99).LegendText = "latency p99";
        plot.Add.Scatter(seconds, jitter).LegendText = "jitter (max)";
        plot.Add.Scatter(seconds, lag).LegendText = "load generator send lag (max per sample)";
        var received = plot.Add.Scatter(seconds, rate);
        received.LegendText = "packets received / s";
        received.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "packets / s";
        plot.ShowLegend();

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var multiplot = new Multiplot(plot);
        multiplot.AddPlot(Distribution(report));
        multiplot.SavePng(path, 1000, 1000);
    }

    // Latency (x) against the share of frames that arrived within it (y): where the tail starts and how long it is.
    private static Plot Distribution(LoadReport report)
    {
        IReadOnlyList<LatencyPoint> points = report.Totals.LatencyDistribution;
        double[] milliseconds = new double[points.Count];
        double[] percentiles = new double[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            milliseconds[i] = points[i].Milliseconds;
            percentiles[i] = points[i].Percentile;
        }

        var plot = new Plot();
        plot.Title($"end-to-end latency distribution ({report.Totals.LatencySamples:N0} frames): p50 {report.Totals.LatencyP50Ms:0.00} ms, p99 {report.Totals.LatencyP99Ms:0.00} ms, max {report.Totals.LatencyMaxMs:0.0} ms");
        plot.XLabel("milliseconds, capture stamp to decrypted frame");
        plot.YLabel("% of frames within");
        plot.Add.Scatter(milliseconds, percentiles).LegendText = "cumulative share";
        // Up to the 99.9th percentile: the last few frames' extreme (the title gives the maximum) would squash the rest.
        double right = points.Count > 1 ? points[^2].Milliseconds * 1.1 : 1;
        plot.Axes.SetLimits(0, Math.Max(right, 0.5), 0, 100);
        return plot;
    }
}
