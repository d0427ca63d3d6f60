using System.Diagnostics.CodeAnalysis;

namespace Gateway.Hosting;

/// <summary>
/// Lays the configuration sources of a node, lowest precedence first:
/// embedded appsettings.json (defaults for one node), GATEWAY_CRYPTO, the operator's --config file,
/// GATEWAY_-prefixed environment variables (GATEWAY_Section__Key), --Section:Key=value arguments,
/// then the named command-line options (--urls, --data-dir, --crypto).
/// </summary>
internal static class GatewayConfiguration
{
    public const string EnvironmentPrefix = "GATEWAY_";

    /// <summary>
    /// The short form Crypto.Native itself honours; mapped to Crypto:Implementation so that every
    /// more specific source (file, GATEWAY_Crypto__Implementation, command line) still wins.
    /// </summary>
    public const string CryptoEnvironmentVariable = "GATEWAY_CRYPTO";

    private const string DefaultsResource = "Gateway.appsettings.json";

    public static bool TryLoad(IConfigurationBuilder configuration, GatewayLaunchOptions launch, [NotNullWhen(false)] out string? error)
    {
        configuration.Sources.Clear();

        using (var defaults = typeof(GatewayConfiguration).Assembly.GetManifestResourceStream(DefaultsResource))
        {
            if (defaults is null)
            {
                error = $"the embedded defaults ({DefaultsResource}) are missing from {typeof(GatewayConfiguration).Assembly.GetName().Name}: the build is broken.";
                return false;
            }

            // ConfigurationManager loads a source as it is added, so the stream may be disposed afterwards.
            configuration.AddJsonStream(defaults);
        }

        var cryptoShortForm = Environment.GetEnvironmentVariable(CryptoEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(cryptoShortForm))
        {
            configuration.AddInMemoryCollection([new(ConfigKeys.CryptoImplementation, cryptoShortForm)]);
        }

        if (launch.ConfigFile is not null && !TryAddFile(configuration, launch.ConfigFile, out error))
        {
            return false;
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);

        if (launch.ConfigurationArguments.Count > 0)
        {
            configuration.AddCommandLine([.. launch.ConfigurationArguments]);
        }

        var named = new List<KeyValuePair<string, string?>>(3);
        AddIfGiven(named, ConfigKeys.Urls, launch.Urls);
        AddIfGiven(named, ConfigKeys.DataDirectory, launch.DataDirectory);
        AddIfGiven(named, ConfigKeys.CryptoImplementation, launch.Crypto);
        if (named.Count > 0)
        {
            configuration.AddInMemoryCollection(named);
        }

        error = null;
        return true;
    }

    private static bool TryAddFile(IConfigurationBuilder configuration, string path, [NotNullWhen(false)] out string? error)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            error = $"the configuration file {fullPath} does not exist.";
            return false;
        }

        try
        {
            configuration.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
        }
        catch (InvalidDataException ex)
        {
            error = $"the configuration file {fullPath} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}";
            return false;
        }
        catch (IOException ex)
        {
            error = $"the configuration file {fullPath} cannot be read: {ex.Message}";
            return false;
        }

        error = null;
        return true;
    }

    private static void AddIfGiven(List<KeyValuePair<string, string?>> values, string key, string? value)
    {
        if (value is not null)
        {
            values.Add(new(key, value));
        }
    }
}
