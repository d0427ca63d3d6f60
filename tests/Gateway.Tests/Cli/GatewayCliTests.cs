using System.Net;
using System.Net.Sockets;
using Gateway.Crypto.Native;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cli;

public sealed class GatewayCliTests
{
    // Keeps the console logger of in-process nodes out of the test output.
    private const string Quiet = "--Logging:Console:LogLevel:Default=None";

    // A node started here must not need the default media port: a developer's own node may hold it.
    private const string AnyMediaPort = "--Media:Port=0";

    [Fact]
    public async Task Help_ExitsZero_AndListsTheCommands()
    {
        var result = await Cli.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("run", result.Output, StringComparison.Ordinal);
        Assert.Contains("info", result.Output, StringComparison.Ordinal);
        Assert.Contains("--version", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand_PrintsHelp()
    {
        var result = await Cli.RunAsync([]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("run", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHelp_ExitsZero_AndListsTheOptions()
    {
        var result = await Cli.RunAsync(["run", "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--urls", "--data-dir", "--crypto", "--config", "--Section:Key=value", "http://127.0.0.1:8080" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InfoHelp_ExitsZero_AndListsTheOptions()
    {
        var result = await Cli.RunAsync(["info", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--crypto", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheBuildVersion()
    {
        var result = await Cli.RunAsync(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(BuildInfo.Version, result.Output.Trim());
    }

    [Fact]
    public async Task Info_PrintsFeaturesImplementationsAndTheChoice()
    {
        var result = await Cli.RunAsync(["info"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cpu features:", result.Output, StringComparison.Ordinal);
        Assert.Contains(CryptoBackend.NativeAvailable ? "native library:    loaded" : "native library:    not loaded", result.Output, StringComparison.Ordinal);
        Assert.Contains($"aes-gcm supported: {string.Join(", ", CryptoBackend.SupportedImplementations.Select(CryptoBackend.Name))}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"aes-gcm chosen:    {CryptoBackend.Name(CryptoBackend.Default)}: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_WithAnImplementationThisCpuCannotRun_FailsSayingSo()
    {
        var name = Unsupported.NativeImplementationName();

        var result = await Cli.RunAsync(["info", "--crypto", name]);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("aes-gcm chosen:    none", result.Output, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnImplementationThisCpuCannotRun_FailsStartupWithAClearMessage()
    {
        using var data = new TempDirectory();
        var name = Unsupported.NativeImplementationName();

        var result = await Cli.RunAsync(["run", "--crypto", name, "--urls", "http://127.0.0.1:0", "--data-dir", data.Path, Quiet, AnyMediaPort]);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.StartsWith($"error: Crypto:Implementation is '{name}', which this machine cannot run", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnUnknownCryptoWord_FailsListingTheAcceptedOnes()
    {
        var result = await Cli.RunAsync(["run", "--crypto", "fastest"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'fastest'", result.Error, StringComparison.Ordinal);
        Assert.Contains("vaes512", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAMistypedOption_FailsNamingIt()
    {
        var result = await Cli.RunAsync(["run", "--crypo", "managed"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'--crypo'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAConfigurationKeyWithoutValue_FailsShowingTheForm()
    {
        var result = await Cli.RunAsync(["run", "--Shutdown:DrainSeconds"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("--Shutdown:DrainSeconds=value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnInvalidConfigurationValue_FailsNamingTheKey()
    {
        using var data = new TempDirectory();

        var result = await Cli.RunAsync(["run", "--urls", "http://127.0.0.1:0", "--data-dir", data.Path, "--Shutdown:TimeoutSeconds=soon"]);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("Shutdown:TimeoutSeconds is 'soon'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OnAPortInUse_SaysSoAndPointsToUrls()
    {
        using var data = new TempDirectory();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}";

        var result = await Cli.RunAsync(["run", "--urls", url, "--data-dir", data.Path, Quiet, AnyMediaPort]);

        Assert.Equal(ExitCodes.ListenFailed, result.ExitCode);
        Assert.StartsWith($"error: cannot listen on {url}: the port is already in use", result.Error, StringComparison.Ordinal);
        Assert.Contains("--urls", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServesUntilCancelled_ThenExitsZero()
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Crypto.Native keeps the first choice of the process, so name the one it already made.
        var crypto = CryptoBackend.Name(CryptoBackend.Default);
        var run = Cli.RunUntilAsync(stop.Token, "run", "--urls", url, "--data-dir", data.Path, "--crypto", crypto, "--Shutdown:DrainSeconds=0", Quiet, AnyMediaPort);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilReady(http, run);
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"gateway_crypto_info{{implementation=\"{crypto}\",", metrics, StringComparison.Ordinal);

        await stop.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Run_WithAConfigurationArgument_AppliesIt()
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var dataDirectory = Path.Combine(data.Path, "from-argument");

        var run = Cli.RunUntilAsync(stop.Token, "run", $"--Node:DataDirectory={dataDirectory}", "--urls", url, "--Shutdown:DrainSeconds", "0", Quiet, AnyMediaPort);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilReady(http, run);
        Assert.True(Directory.Exists(dataDirectory));

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, (await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).ExitCode);
    }

    private static async Task WaitUntilReady(HttpClient http, Task<CliResult> run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (run.IsCompleted)
            {
                var result = await run;
                Assert.Fail($"gateway run exited with {result.ExitCode}: {result.Error}");
            }

            try
            {
                using var response = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("gateway run did not become ready within 30 s");
    }
}
