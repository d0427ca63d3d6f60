using ScottPlot;

namespace Gateway.LoadGen.Report;

/// <summary>The run as a PNG: end-to-end latency p50/p95/p99 and the largest jitter over time (cumulative), and the receive rate.</summary>
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

        plot.SavePng(path, 1000, 560);
    }
}
