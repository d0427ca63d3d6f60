using System.Net;
using System.Text.Json;
using Gateway.Health;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_ReturnsOkJson()
    {
        await using var node = await RunningNode.StartAsync();

        using var response = await node.Http.GetAsync(HealthEndpoints.LivenessPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await StatusOf(response));
    }

    [Fact]
    public async Task Readyz_ReturnsOk_AfterStart()
    {
        await using var node = await RunningNode.StartAsync();

        using var response = await node.Http.GetAsync(HealthEndpoints.ReadinessPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await StatusOf(response));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Readyz_Returns503_WhileDraining()
    {
        await using var node = await RunningNode.StartAsync("--Shutdown:DrainSeconds=3");
        var lifetime = node.Service<IHostApplicationLifetime>();

        // What SIGTERM does: StopApplication, then the host stops (drain first, listeners last).
        lifetime.StopApplication();
        var stopping = node.App.StopAsync(TestContext.Current.CancellationToken);

        using var response = await node.Http.GetAsync(HealthEndpoints.ReadinessPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("draining", await StatusOf(response));

        // Liveness is not readiness: a draining node is alive.
        using var liveness = await node.Http.GetAsync(HealthEndpoints.LivenessPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);

        Assert.False(stopping.IsCompleted, "the host stopped before the drain was over");
        await stopping.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Contains(node.Log.Entries, e => e.Message.StartsWith("Draining:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPath_ReturnsProblemDetails()
    {
        await using var node = await RunningNode.StartAsync();

        using var response = await node.Http.GetAsync("/no-such-endpoint", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
    }

    private static async Task<string?> StatusOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("status").GetString();
    }
}
