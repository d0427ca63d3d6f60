
namespace Gateway.Hosting;

/// <summary>The host's log lines (source-generated: no boxing, no formatting when the level is off).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "AES-GCM implementation: {Description} (Crypto:Implementation={Setting}); supported: {Supported}")]
    public static partial void CryptoChosen(ILogger logger, string description, string setting, string supported);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "AES-GCM implementation: {Description}, because the native library did not load: {NativeLoadError}. "
            + "Media crypto runs several times slower. Build it (bash scripts/setup.sh run && dotnet build -c Release), "
            + "or set Crypto:Implementation=managed to run the fallback on purpose")]
    public static partial void CryptoFellBack(ILogger logger, string description, string nativeLoadError);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Gateway {Version} starting; data directory {DataDirectory}")]
    public static partial void Starting(ILogger logger, string version, string dataDirectory);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Node ready; control API on {Addresses}")]
    public static partial void Ready(ILogger logger, string addresses);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Draining: /readyz reports 503 for {DrainSeconds} s before the listeners close (shutdown timeout {TimeoutSeconds} s)")]
    public static partial void Draining(ILogger logger, double drainSeconds, double timeoutSeconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Node stopped")]
    public static partial void Stopped(ILogger logger);
}
