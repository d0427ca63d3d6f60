using System.CommandLine;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary><c>gateway run</c>: starts a node and runs it until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Create(IReadOnlyList<string> configurationArguments)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "URLs the control API (health, metrics, HTTP API) listens on, ';'-separated. Config key Urls. [default: http://127.0.0.1:8080]",
            HelpName = "urls",
        };
        var dataDirectory = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "The node's data directory, created when missing. Config key Node:DataDirectory. [default: ./data]",
            HelpName = "dir",
        };
        var crypto = CryptoOption.Create();
        var configFile = ConfigFileOption.Create();

        var command = new Command("run",
            "Start a Gateway node. Any configuration key can also be set as --Section:Key=value "
            + "(for example --Shutdown:DrainSeconds=2) or as an environment variable GATEWAY_Section__Key. "
            + "Stops on SIGTERM or Ctrl+C: /readyz turns 503 for Shutdown:DrainSeconds, then the node stops within Shutdown:TimeoutSeconds. "
            + "Exit codes: 0 stopped, 1 usage error, 69 cannot listen (port in use), 78 invalid configuration.")
        {
            urls,
            dataDirectory,
            crypto,
            configFile,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var launch = new GatewayLaunchOptions
            {
                Urls = parseResult.GetValue(urls),
                DataDirectory = parseResult.GetValue(dataDirectory)?.FullName,
                Crypto = parseResult.GetValue(crypto),
                ConfigFile = parseResult.GetValue(configFile)?.FullName,
                ConfigurationArguments = configurationArguments,
            };
            return await GatewayHost.RunAsync(launch, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
