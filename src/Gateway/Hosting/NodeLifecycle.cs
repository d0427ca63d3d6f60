using Gateway.Health;
using Gateway.Routing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gateway.Hosting;

/// <summary>
/// Moves the node through its life and says so in the log: reports the crypto choice once at
/// start-up, turns /readyz to 200 when everything started, and on SIGTERM or Ctrl+C turns it to 503
/// and waits out the drain before the listeners close.
/// </summary>
/// <remarks>
/// The host calls every StoppingAsync before any StopAsync (the web server's included), so the drain
/// runs while Kestrel still answers probes; the host's shutdown token bounds it.
/// </remarks>
internal sealed class NodeLifecycle(
    ReadinessState readiness,
    CryptoChoice crypto,
    NodeSettings settings,
    IServer server,
    IMeetingControl meetings,
    IHostApplicationLifetime lifetime,
    ILogger<NodeLifecycle> logger) : IHostedLifecycleService
{
    private CancellationTokenRegistration _stopping;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        HostLog.Starting(logger, BuildInfo.Version, settings.DataDirectory);
        if (crypto.FellBack)
        {
            HostLog.CryptoFellBack(logger, crypto.Description, crypto.NativeLoadError ?? "unknown");
        }
        else
        {
            HostLog.CryptoChosen(logger, crypto.Description, crypto.Setting, crypto.SupportedNames);
        }

        // The signal handler calls StopApplication before the host begins stopping: turn 503 at once.
        // New meetings and participants are refused from then on, while live ones go on until the drain ends.
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            readiness.MarkDraining();
            meetings.StopAccepting();
        });
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        readiness.MarkReady();
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        HostLog.Ready(logger, addresses is { Count: > 0 } ? string.Join(", ", addresses) : settings.Urls);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.MarkDraining();
        meetings.StopAccepting();

        // A node that never finished starting had no traffic routed to it: nothing to drain.
        if (settings.Drain <= TimeSpan.Zero || !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        HostLog.Draining(logger, settings.Drain.TotalSeconds, settings.ShutdownTimeout.TotalSeconds);
        await Task.Delay(settings.Drain, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        HostLog.Stopped(logger);
        return Task.CompletedTask;
    }
}
