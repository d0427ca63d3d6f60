namespace Gateway.Routing;

/// <summary>What a meeting is created with (POST /v1/rooms).</summary>
public sealed record MeetingOptions
{
    /// <summary>The meeting's id: 1–64 characters of [A-Za-z0-9._-].</summary>
    public required string Id { get; init; }

    /// <summary>The E2EE policy.</summary>
    public E2eePolicy E2ee { get; init; } = E2eePolicy.Optional;

    /// <summary>Most participants at once.</summary>
    public int MaxParticipants { get; init; } = 50;

    /// <summary>Most packets per second one participant may send (RTP and RTCP); the excess is dropped and counted.</summary>
    public int MaxPacketsPerSecondPerParticipant { get; init; } = 2_000;
}
