using System.Globalization;

namespace Gateway.Tests.EndToEnd;

/// <summary>Reads one sample from a node's /metrics text.</summary>
internal static class NodeMetrics
{
    /// <summary>The value of <paramref name="series"/> (name with labels exactly as exposed, e.g. gateway_dropped_packets_total{reason="replayed"}), 0 when absent.</summary>
    public static async Task<double> ReadAsync(HttpClient http, string series)
    {
        string text = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    public static Task<double> DropsAsync(HttpClient http, string reason) =>
        ReadAsync(http, $"gateway_dropped_packets_total{{reason=\"{reason}\"}}");

    /// <summary>Polls until the drop counter for <paramref name="reason"/> reaches <paramref name="atLeast"/> (the workers count asynchronously).</summary>
    public static async Task<double> WaitForDropsAsync(HttpClient http, string reason, double atLeast)
    {
        double value = 0;
        for (int i = 0; i < 100; i++)
        {
            value = await DropsAsync(http, reason);
            if (value >= atLeast)
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return value;
    }
}
