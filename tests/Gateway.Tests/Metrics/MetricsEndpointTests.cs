using System.Net;
using Gateway.Crypto.Native;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_ReportCryptoInfo_WithTheChosenImplementation()
    {
        await using var node = await RunningNode.StartAsync();
        var chosen = CryptoBackend.Default;
        var native = chosen == AesImplementation.Managed ? "false" : "true";

        var text = await Scrape(node);

        Assert.Contains($"gateway_crypto_info{{implementation=\"{CryptoBackend.Name(chosen)}\",native=\"{native}\"}} 1", text, StringComparison.Ordinal);
        Assert.Equal(1, CountSeries(text, "gateway_crypto_info{"));
    }

    [Fact]
    public async Task Metrics_ReportBuildInfo_AndProcessMetrics()
    {
        await using var node = await RunningNode.StartAsync();

        var text = await Scrape(node);

        Assert.Contains($"gateway_build_info{{version=\"{BuildInfo.Version}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains("process_start_time_seconds", text, StringComparison.Ordinal);
    }

    private static async Task<string> Scrape(RunningNode node)
    {
        using var response = await node.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static int CountSeries(string text, string prefix) =>
        text.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
