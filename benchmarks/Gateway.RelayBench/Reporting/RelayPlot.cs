using Gateway.RelayBench.Driver;
using ScottPlot;

namespace Gateway.RelayBench.Reporting;

/// <summary>relay.png: forwarded packets per relay CPU-second (higher is better), one bar group per scenario and rate, one bar per mode.</summary>
internal static class RelayPlot
{
    public static string? TryWrite(IReadOnlyList<CaseResult> results, string path, TextWriter console)
    {
        List<string> groups = [.. results.Select(Group).Distinct()];
        List<string> modes = [.. results.Select(r => r.Mode).Distinct()];
        if (groups.Count == 0 || results.All(r => r.PacketsPerCpuSecond <= 0))
        {
            return null;
        }

        try
        {
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            double width = 0.8 / modes.Count;
            for (int k = 0; k < modes.Count; k++)
            {
                var bars = new List<Bar>();
                for (int g = 0; g < groups.Count; g++)
                {
                    CaseResult? r = results.FirstOrDefault(x => x.Mode == modes[k] && Group(x) == groups[g]);
                    if (r is not null && r.PacketsPerCpuSecond > 0)
                    {
                        bars.Add(new Bar
                        {
                            Position = g - 0.4 + (width * (k + 0.5)),
                            Value = r.PacketsPerCpuSecond / 1e3,
                            FillColor = palette.GetColor(k),
                            Size = width * 0.9,
                            LineWidth = 0,
                        });
                    }
                }

                plot.Add.Bars(bars);
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = modes[k], FillColor = palette.GetColor(k) });
            }

            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Count).Select(i => (double)i)], [.. groups]);
            plot.Axes.Margins(bottom: 0);
            plot.YLabel("forwarded packets per relay CPU-second (thousands)");
            plot.Title("SRTP-GCM relay on loopback: packets per CPU-second (higher is better)");
            plot.ShowLegend(Alignment.UpperRight);
            plot.SavePng(path, 1000, 560);
            return path;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or InvalidOperationException)
        {
            console.WriteLine($"relay-bench: no plot: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    private static string Group(CaseResult r) => $"{r.Scenario} @ {r.PacketsPerSecondPerPublisher:0}/s";
}
