using System.CommandLine;
using System.Runtime.InteropServices;
using Gateway.Crypto.Native;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway info</c>: what this machine offers and what a node started here would run: CPU
/// features, the native library's load status, the AES-GCM implementations and the one chosen.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(IReadOnlyList<string> configurationArguments)
    {
        var crypto = CryptoOption.Create();
        var configFile = ConfigFileOption.Create();
        var command = new Command("info",
            "Show CPU features, the native library's status, the AES-GCM implementations this machine runs and the one a node would choose "
            + "(with the same configuration sources as run).")
        {
            crypto,
            configFile,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;

            var launch = new GatewayLaunchOptions
            {
                Crypto = parseResult.GetValue(crypto),
                ConfigFile = parseResult.GetValue(configFile)?.FullName,
                ConfigurationArguments = configurationArguments,
            };
            using var configuration = new ConfigurationManager();
            if (!GatewayConfiguration.TryLoad(configuration, launch, out var message))
            {
                await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            var setting = configuration[ConfigKeys.CryptoImplementation] ?? CryptoSettingNames.Auto;
            await output.WriteLineAsync($"gateway {BuildInfo.Version}").ConfigureAwait(false);
            await output.WriteLineAsync($"runtime:           {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}, {Environment.ProcessorCount} logical processors").ConfigureAwait(false);
            await output.WriteLineAsync($"cpu features:      {Join(CpuFeatures.Detect(), " ")} (as .NET detects them)").ConfigureAwait(false);
            await output.WriteLineAsync(CryptoBackend.NativeAvailable
                ? "native library:    loaded"
                : $"native library:    not loaded: {CryptoBackend.NativeLoadError}{Environment.NewLine}"
                  + "                   build it with: bash scripts/setup.sh run && dotnet build -c Release (CMake builds native/)").ConfigureAwait(false);
            await output.WriteLineAsync($"aes-gcm supported: {Join(CryptoBackend.SupportedImplementations.Select(CryptoBackend.Name), ", ")}").ConfigureAwait(false);

            if (!CryptoSetup.TryApply(setting, out var choice, out message))
            {
                await output.WriteLineAsync($"aes-gcm chosen:    none for {ConfigKeys.CryptoImplementation}={setting}").ConfigureAwait(false);
                await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            await output.WriteLineAsync($"aes-gcm chosen:    {choice.Name}: {choice.Description} ({ConfigKeys.CryptoImplementation}={choice.Setting})").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Join(IEnumerable<string> values, string separator)
    {
        var text = string.Join(separator, values);
        return text.Length == 0 ? "(none)" : text;
    }
}
