namespace Gateway.Routing;

/// <summary>The outcome of a join.</summary>
public enum JoinStatus
{
    /// <summary>Joined.</summary>
    Joined = 0,

    /// <summary>No meeting with that id.</summary>
    NoSuchMeeting = 1,

    /// <summary>The meeting has its maximum number of participants.</summary>
    MeetingFull = 2,

    /// <summary>The meeting requires E2EE and the participant did not declare it.</summary>
    E2eeRequired = 3,

    /// <summary>A published SSRC is already used by another participant of the meeting.</summary>
    SsrcConflict = 4,

    /// <summary>The node is draining and takes no new participants.</summary>
    Draining = 5,
}
