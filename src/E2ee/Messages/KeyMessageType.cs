namespace Gateway.E2ee.Messages;

/// <summary>The type byte (the second byte) of every key-management message.</summary>
internal enum KeyMessageType : byte
{
    /// <summary>A participant's signed identity and meeting key-exchange key (<see cref="Announcement"/>).</summary>
    Announcement = 1,

    /// <summary>An epoch secret sealed by the leader to one participant (<see cref="KeyEnvelope"/>).</summary>
    Envelope = 2,

    /// <summary>The leader's signed statement of an epoch: roster and a commitment to the secret (<see cref="EpochCommitment"/>).</summary>
    EpochCommitment = 3,
}
