using System.Text;
using Gateway.Crypto.Native;
using Gateway.Hosting;
using Gateway.Metrics;
using Gateway.Transport;

namespace Gateway.Tests.Transport;

public sealed class MediaMetricsTests
{
    [Fact]
    public async Task Scrape_SumsTheWorkersCounters()
    {
        using var fixture = TransportFixture.Start("managed", workers: 2);
        var metrics = new GatewayMetrics(new CryptoChoice
        {
            Setting = "managed",
            Implementation = AesImplementation.Managed,
            Name = "managed",
            Description = "managed",
            Supported = [AesImplementation.Managed],
        });
        _ = new MediaMetrics(metrics, fixture.Host);

        using var client = TransportFixture.Client();
        var buffer = new byte[2048];
        for (int i = 0; i < 10; i++)
        {
            client.SendTo(new byte[] { (byte)(i % 2), 0, 0, 0, 0 }, fixture.UdpEndPoint);
            client.Receive(buffer);
        }

        client.SendTo(new byte[] { EchoMediaApplication.Unknown, 0, 0 }, fixture.UdpEndPoint);
        Assert.True(TransportFixture.Eventually(() => fixture.Sum(c => c.Drops(MediaDropReason.UnknownSource)) == 1
            && fixture.Sum(c => c.PacketsOut) == 10));

        string text = await ScrapeAsync(metrics);
        Assert.Contains("gateway_packets_received_total 11", text, StringComparison.Ordinal);
        Assert.Contains("gateway_bytes_received_total 53", text, StringComparison.Ordinal);
        Assert.Contains("gateway_packets_sent_total 10", text, StringComparison.Ordinal);
        Assert.Contains("gateway_forwarded_packets_total 10", text, StringComparison.Ordinal); // counted by the handler, not again by the sink
        Assert.Contains("gateway_dropped_packets_total{reason=\"unknown_source\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gateway_dropped_packets_total{reason=\"queue_full\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("gateway_forward_latency_seconds_count 10", text, StringComparison.Ordinal);
        Assert.Contains("gateway_worker_queue_depth{worker=\"1\"}", text, StringComparison.Ordinal);
        Assert.Contains("gateway_worker_allocated_bytes{worker=\"0\"}", text, StringComparison.Ordinal);
        Assert.Contains("gateway_allocated_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("gateway_media_transport_info{transport=\"managed\",gro=\"false\",gso=\"false\"} 1", text, StringComparison.Ordinal);

        // A second scrape adds only what happened since (the histogram is fed deltas).
        text = await ScrapeAsync(metrics);
        Assert.Contains("gateway_forward_latency_seconds_count 10", text, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(GatewayMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
