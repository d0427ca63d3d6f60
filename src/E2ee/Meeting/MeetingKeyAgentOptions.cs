using Gateway.E2ee.Keys;

namespace Gateway.E2ee.Meeting;

/// <summary>Settings of one <see cref="MeetingKeyAgent"/>.</summary>
public sealed class MeetingKeyAgentOptions
{
    /// <summary>The meeting, as the relay names it; bound into every message.</summary>
    public required string MeetingId { get; init; }

    /// <summary>This participant, as the relay names it.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>This device's identity key (not owned: the agent does not dispose it).</summary>
    public required DeviceIdentity Identity { get; init; }

    /// <summary>The clock for timestamps, heartbeats and rotation.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the leader re-broadcasts the current epoch commitment.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an epoch lasts at most before the leader starts a new one.</summary>
    public TimeSpan RotationInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many messages are held in all for senders that have not announced themselves yet.</summary>
    public int MaxDeferredMessages { get; init; } = 256;
}
