namespace Gateway.Routing;

/// <summary>The outcome of creating a meeting.</summary>
public enum CreateMeetingStatus
{
    /// <summary>Created.</summary>
    Created = 0,

    /// <summary>A meeting with that id exists (its options are returned unchanged).</summary>
    AlreadyExists = 1,

    /// <summary>The node has its maximum number of meetings.</summary>
    LimitReached = 2,

    /// <summary>The node is draining and takes no new meetings.</summary>
    Draining = 3,
}
