namespace Gateway.E2ee.Meeting;

/// <summary>Why a key-management message was dropped.</summary>
public enum KeyMessageRejection
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>The agent is not started or is disposed.</summary>
    NotStarted,

    /// <summary>The bytes did not parse; <see cref="KeyMessageOutcome.ParseError"/> says why.</summary>
    Malformed,

    /// <summary>The relay says the sender is not in the meeting, or the sender is this participant.</summary>
    UnknownSender,

    /// <summary>The message names another meeting.</summary>
    WrongMeeting,

    /// <summary>The participant or leader id inside the message is not the relay's sender.</summary>
    SenderMismatch,

    /// <summary>The signature does not verify with the sender's announced identity key.</summary>
    BadSignature,

    /// <summary>The sender announced a different identity key than the one pinned for it earlier in this meeting.</summary>
    IdentityKeyChanged,

    /// <summary>The sender is present and already announced different keys.</summary>
    AnnouncementConflict,

    /// <summary>The announcement is older than one already accepted from the sender (a replay).</summary>
    StaleAnnouncement,

    /// <summary>The sender of an envelope or commitment is not the current leader (the earliest-joined participant present).</summary>
    NotLeader,

    /// <summary>The envelope is addressed to another participant.</summary>
    WrongRecipient,

    /// <summary>The envelope names X25519 keys other than the leader's announced key and this participant's key.</summary>
    ExchangeKeyMismatch,

    /// <summary>The envelope did not open (AES-GCM authentication failed).</summary>
    DecryptionFailed,

    /// <summary>The epoch is not greater than the current one (a replay or a late message).</summary>
    StaleEpoch,

    /// <summary>The commitment's roster states keys for a participant that differ from its announcement or pinned key.</summary>
    RosterMismatch,

    /// <summary>The commitment is for a new epoch that does not include this participant with its keys (status <see cref="KeyMessageStatus.Ignored"/>).</summary>
    NotInRoster,

    /// <summary>A commitment for the current epoch states something else than the one accepted, or has an older timestamp.</summary>
    ConflictingCommitment,

    /// <summary>The envelope's secret does not match the leader's commitment for the epoch.</summary>
    CommitmentMismatch,

    /// <summary>Too many messages are already held for senders that have not announced themselves.</summary>
    DeferredLimitReached,
}
