using System.Diagnostics.CodeAnalysis;
using Gateway.Api;
using Gateway.Auth;
using Gateway.Health;
using Gateway.Metrics;
using Gateway.Routing;
using Gateway.Transport;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Hosting;

/// <summary>
/// Builds and runs a Gateway node: Kestrel with the control API, configuration, crypto selection,
/// health, metrics and graceful drain. Tests build it the same way the CLI does.
/// </summary>
internal static class GatewayHost
{
    /// <summary>
    /// Reads and checks the configuration, applies Crypto:Implementation, prepares the data
    /// directory and builds the node without starting it. <paramref name="customize"/> lets tests
    /// add services (a log collector) before the build.
    /// </summary>
    public static GatewayHostBuild Create(GatewayLaunchOptions launch, Action<WebApplicationBuilder>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(launch);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Command-line configuration arrives through GatewayConfiguration, parsed by the CLI.
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        if (!GatewayConfiguration.TryLoad(builder.Configuration, launch, out var error)
            || !NodeSettings.TryRead(builder.Configuration, out var settings, out error)
            || !CryptoSetup.TryApply(builder.Configuration[ConfigKeys.CryptoImplementation], out var crypto, out error)
            || !TryPrepareDataDirectory(settings.DataDirectory, out error)
            || !AuthSetup.TryAdd(builder.Services, builder.Configuration, settings.DataDirectory, out error)
            || !RouterSetup.TryAdd(builder.Services, builder.Configuration, out error)
            || !MediaTransportSetup.TryAdd(builder.Services, builder.Configuration, out error))
        {
            return new GatewayHostBuild(null, error);
        }

        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(crypto);
        builder.Services.AddSingleton<ReadinessState>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddHostedService<NodeLifecycle>();
        builder.Services.AddHostedService<MeterExportService>();
        builder.Services.AddProblemDetails();

        var startupLogGate = new StartupLogGate();
        builder.Services.AddSingleton(startupLogGate);
        builder.Logging.AddFilter(StartupLogGate.HostCategory, startupLogGate.Allows);

        customize?.Invoke(builder);

        var app = builder.Build();

        // Errors leave as RFC 9457 problem details: unhandled exceptions and bare status codes (404, 405).
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthEndpoints();
        app.MapControlApi();
        app.MapGatewayMetrics();
        return new GatewayHostBuild(app, null);
    }

    /// <summary>
    /// Runs a node until SIGTERM, Ctrl+C or <paramref name="cancellationToken"/>, then drains and stops
    /// within Shutdown:TimeoutSeconds. Start-up failures are written to <paramref name="error"/> and
    /// returned as an exit code.
    /// </summary>
    public static async Task<int> RunAsync(GatewayLaunchOptions launch, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);

        var build = Create(launch);
        if (!build.Succeeded)
        {
            await error.WriteLineAsync($"error: {build.Error}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        var app = build.App;
        await using (app.ConfigureAwait(false))
        {
            var urls = app.Services.GetRequiredService<NodeSettings>().Urls;
            var startupLogGate = app.Services.GetRequiredService<StartupLogGate>();
            startupLogGate.BeginStart();
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MediaBindException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.ListenFailed;
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                await error.WriteLineAsync(
                    $"error: cannot listen on {urls}: the port is already in use (another gateway?). "
                    + "Stop the other process or pass another address with --urls (for example --urls http://127.0.0.1:8081).").ConfigureAwait(false);
                return ExitCodes.ListenFailed;
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"error: cannot listen on {urls}: {ex.Message} Pass another address with --urls.").ConfigureAwait(false);
                return ExitCodes.ListenFailed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
            finally
            {
                startupLogGate.EndStart();
            }

            // Returns after StopApplication (signal handler or the token) and a full, bounded StopAsync.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    private static bool TryPrepareDataDirectory(string path, [NotNullWhen(false)] out string? error)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot create the data directory {path} ({ConfigKeys.DataDirectory}): {ex.Message} Pass a writable --data-dir.";
            return false;
        }

        error = null;
        return true;
    }
}
