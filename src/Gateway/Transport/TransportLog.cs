using System.Net;

namespace Gateway.Transport;

/// <summary>The transports' log messages (source-generated; none on the per-packet path).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Information,
        Message = "Media transport {Transport} on UDP {UdpEndPoint} with {Workers} workers (batch {BatchSize}, GRO {Gro}, GSO {Gso}); RFC 4571 TCP {Tcp}")]
    public static partial void Started(this ILogger logger, string transport, IPEndPoint udpEndPoint, int workers, int batchSize, bool gro, bool gso, object tcp);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Media worker {Worker} failed while handling packets; it goes on")]
    public static partial void WorkerError(this ILogger logger, int worker, Exception exception);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Control work posted to media worker {Worker} failed")]
    public static partial void PostedWorkFailed(this ILogger logger, int worker, Exception exception);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "RFC 4571 connection refused: Media:MaxTcpConnections ({Limit}) are open")]
    public static partial void TcpConnectionRefused(this ILogger logger, int limit);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Media worker {Worker} did not stop within {Seconds} s")]
    public static partial void WorkerDidNotStop(this ILogger logger, int worker, double seconds);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Media transport stopped")]
    public static partial void Stopped(this ILogger logger);
}
