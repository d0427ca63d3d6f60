using System.Net;
using System.Net.Http.Headers;
using Gateway.Api;
using Gateway.Auth;
using Gateway.Hosting;
using Gateway.Routing;
using Gateway.Tests.Infrastructure;
using Gateway.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Api;

/// <summary>
/// A real node for the control API tests, built like <see cref="RunningNode"/> (GatewayHost.Create, 127.0.0.1,
/// a port Kestrel picks). When the host does not register the router and the media transports yet, it adds the
/// real router and a fixed <see cref="IMediaEndpoints"/> so the API can be tested alone; once GatewayHost wires
/// them (and maps the control API), those additions are skipped and the tests run against the node exactly as it ships.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    /// <summary>The UDP port the stand-in endpoints announce (only when the host has no transports).</summary>
    public const int StandInUdpPort = 47000;

    private readonly TempDirectory _dataDirectory;

    private ApiNode(WebApplication app, TempDirectory dataDirectory, CollectingLoggerProvider log)
    {
        App = app;
        _dataDirectory = dataDirectory;
        Log = log;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    internal WebApplication App { get; }

    public HttpClient Http { get; }

    public CollectingLoggerProvider Log { get; }

    public static async Task<ApiNode> StartAsync(params string[] configuration)
    {
        var dataDirectory = new TempDirectory();
        var log = new CollectingLoggerProvider();
        var launch = new GatewayLaunchOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = dataDirectory.Path,
            ConfigurationArguments = ["--Shutdown:DrainSeconds=0", .. configuration],
        };

        var build = GatewayHost.Create(launch, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(log);
            AddStandIns(builder.Services, builder.Configuration);
        });
        if (!build.Succeeded)
        {
            dataDirectory.Dispose();
            throw new InvalidOperationException($"the node did not build: {build.Error}");
        }

        MapIfMissing(build.App);
        await build.App.StartAsync(TestContext.Current.CancellationToken);
        return new ApiNode(build.App, dataDirectory, log);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A token minted with this node's API secret.</summary>
    internal string Token(string identity, string room, AccessTokenGrants grants, TimeSpan? lifetime = null) =>
        Service<AccessTokenIssuer>().Issue(identity, room, grants, lifetime ?? TimeSpan.FromMinutes(10));

    internal string AdminToken(string room = "*") => Token("backend", room, AccessTokenGrants.Admin);

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = Request(method, path, token, content);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        _dataDirectory.Dispose();
    }

    // Until GatewayHost calls MapControlApi, the tests map it themselves.
    private static void MapIfMissing(WebApplication app)
    {
        IEndpointRouteBuilder routes = app;
        bool mapped = routes.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Any(endpoint => endpoint.RoutePattern.RawText == ControlApiEndpoints.RoomsPath);
        if (!mapped)
        {
            app.MapControlApi();
        }
    }

    private static void AddStandIns(IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(d => d.ServiceType == typeof(IMeetingControl)) && !RouterSetup.TryAdd(services, configuration, out string? error))
        {
            throw new InvalidOperationException(error);
        }

        if (!services.Any(d => d.ServiceType == typeof(IMediaEndpoints)))
        {
            services.AddSingleton<IMediaEndpoints>(new StandInEndpoints());
        }
    }

    /// <summary>Where the answer points when the node has no transports: a port nobody listens on.</summary>
    private sealed class StandInEndpoints : IMediaEndpoints
    {
        public int UdpPort => StandInUdpPort;

        public int TcpPort => StandInUdpPort + 1;

        public IPAddress? AnnouncedAddress => null;
    }
}
