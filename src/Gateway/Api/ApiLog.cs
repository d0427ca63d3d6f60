namespace Gateway.Api;

/// <summary>The control API's log lines: ids and counts only, never keys, tokens or SDP bodies.</summary>
internal static partial class ApiLog
{
    public const string Category = "Gateway.Api";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Room {Room} created (e2ee {E2ee}, at most {MaxParticipants} participants)")]
    public static partial void RoomCreated(ILogger logger, string room, Gateway.Routing.E2eePolicy e2ee, int maxParticipants);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Room {Room} ended")]
    public static partial void RoomEnded(ILogger logger, string room);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "{Identity} joined room {Room} as {Participant} ({Tracks} tracks, {Profile}, over TCP: {Tcp})")]
    public static partial void Joined(ILogger logger, string identity, string room, string participant, int tracks, Gateway.Rtp.Srtp.SrtpProfile profile, bool tcp);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "{Identity} was refused in room {Room}: {Status}")]
    public static partial void JoinRefused(ILogger logger, string identity, string room, Gateway.Routing.JoinStatus status);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Participant {Participant} left room {Room}")]
    public static partial void Left(ILogger logger, string participant, string room);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Offer from {Identity} for room {Room} refused: {Error}")]
    public static partial void BadOffer(ILogger logger, string identity, string room, string error);

    public static ILogger For(HttpContext context) => context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
}
