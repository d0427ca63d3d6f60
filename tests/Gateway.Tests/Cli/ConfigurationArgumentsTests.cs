using Gateway.Cli;

namespace Gateway.Tests.Cli;

public sealed class ConfigurationArgumentsTests
{
    private static readonly HashSet<string> Known = ["--urls", "--crypto", "--data-dir", "--config", "--help"];

    [Fact]
    public void TrySplit_TakesOutKeyEqualsValue_AndKeySpaceValue()
    {
        Assert.True(ConfigurationArguments.TrySplit(
            ["run", "--Shutdown:DrainSeconds=2", "--urls", "http://127.0.0.1:1", "--Logging:LogLevel:Default", "Debug"],
            Known, out var commandLine, out var configuration, out var error), error);

        Assert.Equal(["run", "--urls", "http://127.0.0.1:1"], commandLine);
        Assert.Equal(["--Shutdown:DrainSeconds=2", "--Logging:LogLevel:Default", "Debug"], configuration);
    }

    [Fact]
    public void TrySplit_LeavesAKnownOptionInColonForm_ToTheParser()
    {
        Assert.True(ConfigurationArguments.TrySplit(["run", "--crypto:managed"], Known, out var commandLine, out var configuration, out _));

        Assert.Equal(["run", "--crypto:managed"], commandLine);
        Assert.Empty(configuration);
    }

    [Fact]
    public void TrySplit_LeavesUrlValues_ToTheParser()
    {
        Assert.True(ConfigurationArguments.TrySplit(["run", "--urls", "http://[::1]:8080"], Known, out var commandLine, out var configuration, out _));

        Assert.Equal(["run", "--urls", "http://[::1]:8080"], commandLine);
        Assert.Empty(configuration);
    }

    [Theory]
    [InlineData("--Shutdown:DrainSeconds")]
    [InlineData("--Shutdown:DrainSeconds", "--urls")]
    public void TrySplit_KeyWithoutValue_Fails(params string[] args)
    {
        Assert.False(ConfigurationArguments.TrySplit(args, Known, out _, out _, out var error));
        Assert.Contains("--Shutdown:DrainSeconds=value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySplit_StopsAtDoubleDash()
    {
        Assert.True(ConfigurationArguments.TrySplit(["run", "--", "--A:B=1"], Known, out var commandLine, out var configuration, out _));

        Assert.Equal(["run", "--", "--A:B=1"], commandLine);
        Assert.Empty(configuration);
    }
}
