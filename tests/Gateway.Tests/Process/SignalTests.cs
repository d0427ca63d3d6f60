using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Process;

public sealed class SignalTests
{
    [Fact]
    public async Task Sigterm_TurnsReadinessOff_DrainsAndExitsZero()
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        using var gateway = GatewayProcess.Start("run", "--urls", url, "--data-dir", data.Path, "--Shutdown:DrainSeconds=2");
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using (var ready = await http.GetAsync("/readyz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await gateway.TerminateAsync();

        // Within the drain the node still answers, with 503, so a load balancer takes it out first.
        var draining = await PollReadyz(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining);
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        var output = gateway.Output;
        Assert.Contains("AES-GCM implementation: ", output, StringComparison.Ordinal);
        Assert.Contains("Draining: /readyz reports 503", output, StringComparison.Ordinal);
        Assert.Contains("Node stopped", output, StringComparison.Ordinal);
    }

    // The first answer other than 200 after SIGTERM (the signal takes a moment to arrive); null when
    // the listener closed before one came, which means the node did not drain.
    private static async Task<HttpStatusCode?> PollReadyz(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
                return null;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return HttpStatusCode.OK;
    }
}
