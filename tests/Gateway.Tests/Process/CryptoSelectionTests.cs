using System.Net;
using Gateway.Crypto.Native;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Process;

/// <summary>
/// Crypto.Native decides its implementation once per process, so each setting gets a process of its
/// own here, started the way an operator starts a node.
/// </summary>
public sealed class CryptoSelectionTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task Run_WithManagedCrypto_ReportsManaged_InMetricsAndLog()
    {
        var node = await RunNodeAsync(NoEnvironment, "--crypto", "managed");

        Assert.Contains("gateway_crypto_info{implementation=\"managed\",native=\"false\"} 1", node.Metrics, StringComparison.Ordinal);
        Assert.Contains($"AES-GCM implementation: {CryptoBackend.Describe(AesImplementation.Managed)} (Crypto:Implementation=managed)", node.Output, StringComparison.Ordinal);
        Assert.Equal(0, node.ExitCode);
    }

    [Fact]
    public async Task Run_WithPortableCrypto_ReportsPortable()
    {
        Assert.SkipUnless(CryptoBackend.NativeAvailable, $"the native library did not load: {CryptoBackend.NativeLoadError}");

        var node = await RunNodeAsync(NoEnvironment, "--crypto", "portable");

        Assert.Contains("gateway_crypto_info{implementation=\"portable\",native=\"true\"} 1", node.Metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithGatewayCryptoEnvironment_UsesIt()
    {
        var node = await RunNodeAsync(new Dictionary<string, string> { ["GATEWAY_CRYPTO"] = "managed" });

        Assert.Contains("gateway_crypto_info{implementation=\"managed\",native=\"false\"} 1", node.Metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithCryptoOption_OverridesGatewayCryptoEnvironment()
    {
        Assert.SkipUnless(CryptoBackend.NativeAvailable, $"the native library did not load: {CryptoBackend.NativeLoadError}");

        var node = await RunNodeAsync(new Dictionary<string, string> { ["GATEWAY_CRYPTO"] = "managed" }, "--crypto", "portable");

        Assert.Contains("gateway_crypto_info{implementation=\"portable\",native=\"true\"} 1", node.Metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_WithManagedCrypto_ChoosesManaged()
    {
        using var gateway = GatewayProcess.Start("info", "--crypto", "managed");

        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("aes-gcm chosen:    managed: ", gateway.Output, StringComparison.Ordinal);
    }

    private static async Task<NodeRun> RunNodeAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        using var gateway = GatewayProcess.Start(environment, ["run", "--urls", url, "--data-dir", data.Path, "--Shutdown:DrainSeconds=0", .. args]);
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var response = await http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await gateway.TerminateAsync();
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return new NodeRun(metrics, gateway.Output, exitCode);
    }

    private sealed record NodeRun(string Metrics, string Output, int ExitCode);
}
