using Gateway.Transport;

namespace Gateway.Tests.Routing;

/// <summary>An <see cref="IMediaWorkers"/> test double: control work runs at once on the caller's thread (the test is the worker).</summary>
internal sealed class SyncMediaWorkers(int count) : IMediaWorkers
{
    public int Count => count;

    public int Posted { get; private set; }

    public void Post(int worker, Action work)
    {
        Assert.InRange(worker, 0, count - 1);
        Posted++;
        work();
    }
}
