using Prometheus;

namespace Gateway.Metrics;

/// <summary>/metrics: the Prometheus text exposition of the node's registry.</summary>
internal static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder endpoints)
    {
        var metrics = endpoints.ServiceProvider.GetRequiredService<GatewayMetrics>();
        endpoints.MapMetrics(Path, metrics.Registry).WithName("Metrics");
        return endpoints;
    }
}
