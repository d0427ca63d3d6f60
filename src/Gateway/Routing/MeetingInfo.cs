namespace Gateway.Routing;

/// <summary>A meeting as the control API shows it (GET /v1/rooms).</summary>
public sealed record MeetingInfo(string Id, E2eePolicy E2ee, int MaxParticipants, int MaxPacketsPerSecondPerParticipant, int Participants, DateTimeOffset CreatedAt);
