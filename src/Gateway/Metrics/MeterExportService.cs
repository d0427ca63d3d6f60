using Prometheus;

namespace Gateway.Metrics;

/// <summary>
/// Exports System.Diagnostics.Metrics instruments (Kestrel connections, ASP.NET Core requests,
/// System.Runtime) into the node's registry while the host runs.
/// </summary>
internal sealed class MeterExportService(GatewayMetrics metrics) : IHostedService
{
    private IDisposable? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = metrics.Registry,
            MetricFactory = metrics.Factory,
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }
}
