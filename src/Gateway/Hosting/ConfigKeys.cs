namespace Gateway.Hosting;

/// <summary>The configuration keys the host itself reads (appsettings.json holds their defaults).</summary>
internal static class ConfigKeys
{
    public const string Urls = "Urls";
    public const string DataDirectory = "Node:DataDirectory";
    public const string CryptoImplementation = "Crypto:Implementation";
    public const string ShutdownSection = "Shutdown";
}
