using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Hosting;

public sealed class GatewayConfigurationTests
{
    [Fact]
    public void Defaults_AreOneLocalNode()
    {
        var configuration = Load(new GatewayLaunchOptions());

        Assert.Equal("http://127.0.0.1:8080", configuration[ConfigKeys.Urls]);
        Assert.Equal("./data", configuration[ConfigKeys.DataDirectory]);
        Assert.Equal("auto", configuration[ConfigKeys.CryptoImplementation]);
    }

    [Fact]
    public void ConfigFile_OverridesDefaults_ArgumentsOverrideTheFile_NamedOptionsOverrideArguments()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "gateway.json");
        File.WriteAllText(file, """{ "Crypto": { "Implementation": "managed" }, "Shutdown": { "DrainSeconds": 1 }, "Node": { "DataDirectory": "/srv/a" } }""");

        var configuration = Load(new GatewayLaunchOptions
        {
            ConfigFile = file,
            ConfigurationArguments = ["--Shutdown:DrainSeconds=2", "--Node:DataDirectory", "/srv/b"],
            DataDirectory = "/srv/c",
        });

        Assert.Equal("managed", configuration[ConfigKeys.CryptoImplementation]);
        Assert.Equal("2", configuration["Shutdown:DrainSeconds"]);
        Assert.Equal("/srv/c", configuration[ConfigKeys.DataDirectory]);
    }

    [Fact]
    public void ConfigFile_ThatIsNotJson_FailsNamingIt()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "broken.json");
        File.WriteAllText(file, "{ not json");

        var loaded = GatewayConfiguration.TryLoad(new ConfigurationManager(), new GatewayLaunchOptions { ConfigFile = file }, out var error);

        Assert.False(loaded);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    private static ConfigurationManager Load(GatewayLaunchOptions launch)
    {
        var configuration = new ConfigurationManager();
        Assert.True(GatewayConfiguration.TryLoad(configuration, launch, out var error), error);
        return configuration;
    }
}
