namespace Gateway.Health;

/// <summary>Where a node is in its life, as /readyz reports it.</summary>
internal enum NodeState
{
    /// <summary>Listeners may be open but start-up has not finished: not ready for traffic.</summary>
    Starting = 0,

    /// <summary>Started: takes meetings.</summary>
    Ready = 1,

    /// <summary>Shutting down: takes no new meetings, lets live ones finish.</summary>
    Draining = 2,
}
