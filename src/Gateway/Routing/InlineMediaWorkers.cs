using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// The workers before the transports attach (or when they are off): one worker, control work runs on the
/// caller's thread. Without transports no packet reaches the router, so nothing races the control work.
/// </summary>
internal sealed class InlineMediaWorkers : IMediaWorkers
{
    public static readonly InlineMediaWorkers Instance = new();

    public int Count => 1;

    public void Post(int worker, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work();
    }
}
