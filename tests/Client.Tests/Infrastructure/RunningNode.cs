using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Client.Tests.Infrastructure;

/// <summary>
/// (A copy of tests/Gateway.Tests/Infrastructure/RunningNode.cs: the test projects share no code.)
/// A real Gateway host, started in this process on 127.0.0.1 with a port Kestrel picks, with an
/// HttpClient pointed at it and its log collected.
/// </summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly TempDirectory _dataDirectory;

    private RunningNode(WebApplication app, TempDirectory dataDirectory, CollectingLoggerProvider log)
    {
        App = app;
        _dataDirectory = dataDirectory;
        Log = log;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    internal WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public CollectingLoggerProvider Log { get; }

    public string DataDirectory => _dataDirectory.Path;

    /// <summary>
    /// Starts a node; <paramref name="configuration"/> is what --Section:Key=value would pass. The crypto
    /// setting is left to the defaults: Crypto.Native decides its implementation once per process, so a
    /// test of another setting starts a gateway process instead.
    /// </summary>
    public static async Task<RunningNode> StartAsync(params string[] configuration)
    {
        var dataDirectory = new TempDirectory();
        var log = new CollectingLoggerProvider();
        var launch = new GatewayLaunchOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = dataDirectory.Path,
            // No drain unless a test asks for one: the tests stop many nodes.
            // Media on a free port of 127.0.0.1: two nodes on one port would share it through SO_REUSEPORT.
            ConfigurationArguments = ["--Shutdown:DrainSeconds=0", "--Media:Port=0", "--Media:Address=127.0.0.1", .. configuration],
        };

        var build = GatewayHost.Create(launch, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(log);
        });
        if (!build.Succeeded)
        {
            dataDirectory.Dispose();
            throw new InvalidOperationException($"the node did not build: {build.Error}");
        }

        await build.App.StartAsync(TestContext.Current.CancellationToken);
        return new RunningNode(build.App, dataDirectory, log);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        _dataDirectory.Dispose();
    }
}
