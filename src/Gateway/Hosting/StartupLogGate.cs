namespace Gateway.Hosting;

/// <summary>
/// Holds back the generic host's own error entry ("Hosting failed to start", with the whole stack
/// trace) while <see cref="GatewayHost.RunAsync"/> starts the node: a start-up failure it can explain
/// (a port in use) is printed as one plain sentence instead, and any other leaves RunAsync with its
/// exception, so nothing is lost.
/// </summary>
internal sealed class StartupLogGate
{
    /// <summary>The category the generic host logs its start failure under.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _starting;

    public void BeginStart() => _starting = true;

    public void EndStart() => _starting = false;

    /// <summary>A logging filter for <see cref="HostCategory"/>: everything from Information up, but errors while starting.</summary>
    public bool Allows(LogLevel level) => level >= LogLevel.Information && !(_starting && level >= LogLevel.Error);
}
