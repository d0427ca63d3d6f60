using Gateway.Hosting;
using Prometheus;

namespace Gateway.Metrics;

/// <summary>
/// The node's Prometheus registry: one per host, not the process-wide default, so that two hosts
/// in one process (tests) never show each other's series. Components take it (or <see cref="Factory"/>)
/// from dependency injection to register their own metrics.
/// </summary>
internal sealed class GatewayMetrics
{
    public GatewayMetrics(CryptoChoice crypto)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);

        // process_* (CPU, memory, open handles, start time) and dotnet_* (GC, threads).
        DotNetStats.Register(Registry);

        Factory.CreateGauge("gateway_build_info", "The Gateway version this node runs (always 1).", ["version"])
            .WithLabels(BuildInfo.Version)
            .Set(1);

        Factory.CreateGauge("gateway_crypto_info",
                "The AES-GCM implementation this node runs (always 1): implementation is vaes512, vaes256, aesni, armv8, portable or managed; native is false on the managed fallback.",
                ["implementation", "native"])
            .WithLabels(crypto.Name, crypto.IsNative ? "true" : "false")
            .Set(1);
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }
}
