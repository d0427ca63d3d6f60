using Gateway.Auth;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Auth;

public sealed class TokenCommandTests
{
    [Fact]
    public async Task Create_PrintsOnlyATokenThatValidates()
    {
        using var directory = new TempDirectory();
        var secret = CreateSecretFile(directory.Path);

        var result = await Gateway.Tests.Cli.Cli.RunAsync(
            ["token", "create", "--room", "r1", "--identity", "bob", "--ttl", "10m", "--grant", "subscribe", "--data-dir", directory.Path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var token = result.Output.Trim();
        Assert.DoesNotContain('\n', token);
        var validation = await new AccessTokenValidator(secret).ValidateAsync(token, "r1", AccessTokenGrants.Subscribe);
        Assert.True(validation.IsValid, validation.Status.ToString());
        Assert.Equal("bob", validation.Claims.Identity);
        Assert.Equal(AccessTokenGrants.Subscribe, validation.Claims.Grants);
        Assert.InRange(validation.Claims.Expires - validation.Claims.NotBefore, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task Create_UsesAuthApiSecretFromTheCommandLine()
    {
        using var directory = new TempDirectory();
        var configured = System.Buffers.Text.Base64Url.EncodeToString(new byte[40]);

        var result = await Gateway.Tests.Cli.Cli.RunAsync(
            ["token", "create", "--room", "r1", "--identity", "bob", "--data-dir", directory.Path, $"--Auth:ApiSecret={configured}"]);

        Assert.Equal(0, result.ExitCode);
        var secret = new ApiSecret(new byte[40], "test");
        Assert.True((await new AccessTokenValidator(secret).ValidateAsync(result.Output.Trim(), "r1", AccessTokenGrants.Publish | AccessTokenGrants.Subscribe)).IsValid);
        Assert.False(File.Exists(Path.Combine(directory.Path, ApiSecretStore.FileName)));
    }

    [Fact]
    public async Task Create_WithoutASecret_Exits78_SayingHowToGetOne()
    {
        using var directory = new TempDirectory();

        var result = await Gateway.Tests.Cli.Cli.RunAsync(["token", "create", "--room", "r1", "--identity", "bob", "--data-dir", directory.Path]);

        Assert.Equal(78, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("start the node once or set Auth:ApiSecret", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory.Path, ApiSecretStore.FileName)));
    }

    [Theory]
    [InlineData("--ttl", "forever")]
    [InlineData("--ttl", "0s")]
    [InlineData("--ttl", "40d")]
    [InlineData("--grant", "publish,fly")]
    public async Task Create_WithABadValue_IsAUsageError(string option, string value)
    {
        using var directory = new TempDirectory();
        CreateSecretFile(directory.Path);

        var result = await Gateway.Tests.Cli.Cli.RunAsync(["token", "create", "--room", "r1", "--identity", "bob", "--data-dir", directory.Path, option, value]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Create_WithoutRoom_IsAUsageError()
    {
        var result = await Gateway.Tests.Cli.Cli.RunAsync(["token", "create", "--identity", "bob"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--room", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHelp_ExitsZero_AndListsTheOptions()
    {
        var result = await Gateway.Tests.Cli.Cli.RunAsync(["token", "create", "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--room", "--identity", "--ttl", "--grant", "--data-dir", "--config" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("7d", 604800)]
    [InlineData("1.5h", 5400)]
    public void TryParseDuration_ReadsTheUnits(string text, int seconds)
    {
        Assert.True(Gateway.Cli.TokenCommand.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    private static ApiSecret CreateSecretFile(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().Build();
        Assert.True(ApiSecretStore.TryLoad(configuration, dataDirectory, create: true, out var secret, out _, out var error), error);
        return secret;
    }
}
