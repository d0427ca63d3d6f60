namespace Gateway.Hosting;

/// <summary>
/// What the command line asked for. A null value means "not given": the configuration sources
/// (embedded defaults, config file, environment) decide.
/// </summary>
internal sealed record GatewayLaunchOptions
{
    /// <summary>Control API URLs (config key <c>Urls</c>).</summary>
    public string? Urls { get; init; }

    /// <summary>The node's data directory (config key <c>Node:DataDirectory</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The AES-GCM implementation setting (config key <c>Crypto:Implementation</c>).</summary>
    public string? Crypto { get; init; }

    /// <summary>An operator's JSON file layered over the embedded defaults.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>ASP.NET-style <c>--Section:Key=value</c> arguments, highest precedence but for the options above.</summary>
    public IReadOnlyList<string> ConfigurationArguments { get; init; } = [];
}
