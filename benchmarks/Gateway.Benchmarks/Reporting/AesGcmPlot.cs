using Gateway.Benchmarks.Crypto;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Crypto.Native;
using ScottPlot;

namespace Gateway.Benchmarks.Reporting;

/// <summary>
/// aes-gcm.png for the docs: seal throughput (GB/s, higher is better) by packet size, one bar per
/// path, from the same measurements as the report. Best effort: a plot that cannot be drawn (no
/// usable native Skia on the machine) leaves the report without it, and says why on the console.
/// </summary>
internal static class AesGcmPlot
{
    private static readonly int[] Sizes = [64, 160, 1200, 8192];

    public static string? TryWrite(MeasurementSet set, string path)
    {
        var series = new List<(string Label, Func<int, Measurement?> Find)>();
        foreach (string impl in set.Where(nameof(AesGcmBenchmarks)).Select(m => m.Implementation!).Distinct())
        {
            string label = Enum.TryParse(impl, out AesImplementation i) ? CryptoBackend.Name(i) : impl;
            series.Add(($"AesContext {label}", s => set.Find(nameof(AesGcmBenchmarks), "Seal", s, impl)));
        }

        string best = BenchNative.BestImplementation().ToString();
        series.Add(($"C loop {CryptoBackend.Name(BenchNative.BestImplementation())}", s => set.Find(nameof(AesGcmCLoopBenchmarks), "Seal", s, best)));
        series.Add(("System.Security.Cryptography.AesGcm", s => set.Find(nameof(AesGcmPeerBenchmarks), "DotNetSeal", s)));
        series.Add(("OpenSSL EVP", s => set.Find(nameof(AesGcmPeerBenchmarks), "EvpSeal", s)));
        series.RemoveAll(x => Sizes.All(s => x.Find(s) is null));
        if (series.Count == 0)
        {
            return null;
        }

        try
        {
            Draw(series, path);
            return path;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or InvalidOperationException)
        {
            Console.WriteLine($"// no plot: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    private static void Draw(List<(string Label, Func<int, Measurement?> Find)> series, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / series.Count;
        for (int k = 0; k < series.Count; k++)
        {
            Color color = palette.GetColor(k);
            var bars = new List<Bar>();
            for (int g = 0; g < Sizes.Length; g++)
            {
                if (series[k].Find(Sizes[g]) is Measurement m && m.MeanNs > 0)
                {
                    bars.Add(new Bar
                    {
                        Position = g - 0.4 + (width * (k + 0.5)),
                        Value = Sizes[g] / m.MeanNs, // bytes per ns = GB/s
                        Size = width * 0.9,
                        FillColor = color,
                        LineWidth = 0,
                    });
                }
            }

            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[k].Label, FillColor = color });
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, Sizes.Length).Select(g => (double)g)], [.. Sizes.Select(s => $"{s} B")]);
        plot.Axes.Margins(bottom: 0);
        plot.Title("AES-128-GCM seal throughput (one BenchmarkDotNet run)");
        plot.YLabel("GB/s (higher is better)");
        plot.XLabel("packet size (12-byte AAD)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1100, 620);
    }
}
