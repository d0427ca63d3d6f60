namespace Gateway.Transport;

/// <summary>
/// What the transports run: the router. The transport host starts one worker per core, gives the
/// application the workers, asks it for each worker's handler, and asks it on every received datagram which
/// worker owns the datagram's meeting. The transports know nothing of RTP beyond this.
/// </summary>
public interface IMediaApplication
{
    /// <summary>Called once, before any packet, with the workers the handlers will run on.</summary>
    void Attach(IMediaWorkers workers);

    /// <summary>The handler for worker <paramref name="worker"/> (called once per worker), counting into <paramref name="counters"/>.</summary>
    IMediaHandler CreateHandler(int worker, MediaCounters counters);

    /// <summary>
    /// The worker that owns the meeting of the datagram's sender (by source path, else by the SSRC or ICE
    /// username the datagram carries), or -1 when no participant can have sent it (counted as
    /// <see cref="MediaDropReason.UnknownSource"/> by the caller). Thread-safe, lock-free, no allocation.
    /// </summary>
    int OwnerOf(ReadOnlySpan<byte> packet, in MediaPath source);
}
