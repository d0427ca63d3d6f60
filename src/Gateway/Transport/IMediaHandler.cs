namespace Gateway.Transport;

/// <summary>
/// The application half of one worker (the router): the worker calls it on its own thread only, for every
/// packet of the meetings it owns, and on a timer. Implementations allocate nothing and throw nothing per packet.
/// </summary>
public interface IMediaHandler
{
    /// <summary>
    /// One received RTP, RTCP or STUN datagram (possibly handed over from another worker), to be processed in
    /// place (<paramref name="packet"/> may be modified: SRTP is removed in place). Output goes to <paramref name="sink"/>.
    /// </summary>
    void OnPacket(Span<byte> packet, in MediaPath source, long receivedTimestamp, IMediaSink sink);

    /// <summary>
    /// Periodic work (RTCP reports, active speaker). Returns when it next needs to run, as a Stopwatch timestamp
    /// (<see cref="long.MaxValue"/>: nothing is scheduled). The worker calls it again in the first loop at or after
    /// that time (a loop woken by traffic when there is traffic, else a wake of its own a few milliseconds late), after
    /// posted control work, and at least every quarter second (meetings changed from other threads are seen then).
    /// </summary>
    long OnTick(long timestamp, IMediaSink sink);
}
