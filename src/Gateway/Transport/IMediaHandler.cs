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

    /// <summary>Periodic work (RTCP reports, throttles, active speaker): about every 25 ms, and after each batch at most that often.</summary>
    void OnTick(long timestamp, IMediaSink sink);
}
