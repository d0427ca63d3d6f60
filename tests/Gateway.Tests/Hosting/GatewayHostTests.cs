using Gateway.Crypto.Native;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Hosting;

public sealed class GatewayHostTests
{
    [Fact]
    public async Task StartupLog_ContainsTheCryptoChoice_Once()
    {
        await using var node = await RunningNode.StartAsync();

        var lines = node.Log.Entries.Where(e => e.Message.StartsWith("AES-GCM implementation: ", StringComparison.Ordinal)).ToList();

        var line = Assert.Single(lines);
        Assert.Contains(CryptoBackend.Describe(CryptoBackend.Default), line.Message, StringComparison.Ordinal);
        if (CryptoBackend.NativeAvailable)
        {
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.Contains("supported: ", line.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(LogLevel.Warning, line.Level);
            Assert.Contains(CryptoBackend.NativeLoadError!, line.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartupLog_SaysReady_WithTheBoundAddress()
    {
        await using var node = await RunningNode.StartAsync();

        Assert.Contains(node.Log.Entries, e => e.Message == $"Node ready; control API on {node.BaseAddress.ToString().TrimEnd('/')}");
    }

    [Fact]
    public async Task Create_CreatesAMissingDataDirectory()
    {
        using var parent = new TempDirectory();
        var dataDirectory = Path.Combine(parent.Path, "node", "data");

        var build = GatewayHost.Create(new GatewayLaunchOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDirectory });
        Assert.True(build.Succeeded, build.Error);
        await build.App.DisposeAsync();

        Assert.True(Directory.Exists(dataDirectory));
    }

    [Fact]
    public void Create_WithADataDirectoryThatCannotBeCreated_FailsNamingIt()
    {
        using var parent = new TempDirectory();
        var file = Path.Combine(parent.Path, "a-file");
        File.WriteAllText(file, "");

        var build = GatewayHost.Create(new GatewayLaunchOptions { Urls = "http://127.0.0.1:0", DataDirectory = Path.Combine(file, "data") });

        Assert.False(build.Succeeded);
        Assert.Contains("cannot create the data directory", build.Error, StringComparison.Ordinal);
        Assert.Contains("--data-dir", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithUnknownCryptoWord_FailsListingTheAcceptedOnes()
    {
        var build = Create(new GatewayLaunchOptions { Crypto = "fastest" });

        Assert.False(build.Succeeded);
        Assert.Contains("'fastest'", build.Error, StringComparison.Ordinal);
        Assert.Contains("auto|native|managed|portable|aesni|vaes256|vaes512|armv8", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAnImplementationThisCpuCannotRun_FailsNamingIt()
    {
        var name = Unsupported.NativeImplementationName();

        var build = Create(new GatewayLaunchOptions { Crypto = name });

        Assert.False(build.Succeeded);
        Assert.Contains($"Crypto:Implementation is '{name}'", build.Error, StringComparison.Ordinal);
        Assert.Contains("cannot run", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithDrainNotShorterThanTimeout_Fails()
    {
        var build = Create(new GatewayLaunchOptions { ConfigurationArguments = ["--Shutdown:DrainSeconds=10", "--Shutdown:TimeoutSeconds=10"] });

        Assert.False(build.Succeeded);
        Assert.Contains("Shutdown:DrainSeconds", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAMalformedUrl_FailsNamingTheKey()
    {
        var build = Create(new GatewayLaunchOptions { Urls = "127.0.0.1 8080" });

        Assert.False(build.Succeeded);
        Assert.Contains("Urls has '127.0.0.1 8080'", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAMissingConfigFile_FailsNamingIt()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "missing.json");

        var build = Create(new GatewayLaunchOptions { ConfigFile = path });

        Assert.False(build.Succeeded);
        Assert.Contains(path, build.Error, StringComparison.Ordinal);
    }

    private static GatewayHostBuild Create(GatewayLaunchOptions launch)
    {
        using var dataDirectory = new TempDirectory();
        var build = GatewayHost.Create(launch with { Urls = launch.Urls ?? "http://127.0.0.1:0", DataDirectory = dataDirectory.Path });
        if (build.Succeeded)
        {
            build.App.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return build;
    }
}
