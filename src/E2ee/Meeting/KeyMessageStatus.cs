namespace Gateway.E2ee.Meeting;

/// <summary>What <see cref="MeetingKeyAgent.OnMessage"/> did with a message.</summary>
public enum KeyMessageStatus
{
    /// <summary>The message was verified and applied.</summary>
    Accepted,

    /// <summary>The sender has not announced itself yet; the message is held (bounded) and processed after its announcement.</summary>
    Deferred,

    /// <summary>The message is valid but concerns an epoch this participant is not part of (it joined after the leader made it); nothing changed.</summary>
    Ignored,

    /// <summary>The message was dropped; <see cref="KeyMessageOutcome.Rejection"/> says why.</summary>
    Rejected,
}
