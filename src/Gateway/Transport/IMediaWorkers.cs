namespace Gateway.Transport;

/// <summary>
/// The running workers, as the control plane sees them: how many there are, and a way to run a piece of
/// control work (a join, a leave, a meeting's end) on the worker that owns a meeting, between two batches.
/// </summary>
public interface IMediaWorkers
{
    /// <summary>The number of workers (one per core by default).</summary>
    int Count { get; }

    /// <summary>
    /// Runs <paramref name="work"/> on worker <paramref name="worker"/>'s thread between batches, in the order
    /// posted. Control plane only (allocates). If the workers are stopped, the work runs on the caller's thread.
    /// </summary>
    void Post(int worker, Action work);
}
