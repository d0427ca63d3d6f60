namespace Gateway.Health;

/// <summary>
/// The node's readiness, shared by the lifecycle (which moves it) and /readyz (which reads it).
/// Only moves forward: Starting, Ready, Draining; a draining node never becomes ready again.
/// </summary>
internal sealed class ReadinessState
{
    private int _state = (int)NodeState.Starting;

    public NodeState State => (NodeState)Volatile.Read(ref _state);

    public bool IsReady => State == NodeState.Ready;

    /// <summary>Starting to Ready; does nothing once draining.</summary>
    public void MarkReady() => Interlocked.CompareExchange(ref _state, (int)NodeState.Ready, (int)NodeState.Starting);

    /// <summary>Any state to Draining; returns true for the call that made the move.</summary>
    public bool MarkDraining() => Interlocked.Exchange(ref _state, (int)NodeState.Draining) != (int)NodeState.Draining;
}
