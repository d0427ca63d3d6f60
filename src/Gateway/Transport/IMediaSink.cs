namespace Gateway.Transport;

/// <summary>
/// A worker's outgoing packets: the router reserves a buffer, writes one packet into it and commits it with
/// its path. The worker sends what was committed at the end of the batch (sendmmsg, GSO where consecutive
/// equal-size packets go to one address, or the framed connection). Single-threaded: the worker's own.
/// </summary>
public interface IMediaSink
{
    /// <summary>The largest packet a reserved buffer holds.</summary>
    int MaxPacketSize { get; }

    /// <summary>
    /// A buffer of <see cref="MaxPacketSize"/> bytes for the next packet; valid until <see cref="Commit(int, in MediaPath, long)"/>
    /// or the next Reserve. Never fails: when the send queue is full the worker sends first.
    /// </summary>
    Span<byte> Reserve();

    /// <summary>
    /// Queues the first <paramref name="length"/> bytes of the reserved buffer for <paramref name="path"/>.
    /// <paramref name="receivedTimestamp"/> is the <see cref="System.Diagnostics.Stopwatch"/> timestamp at
    /// which the packet that caused this one arrived (0 for packets the gateway originates), for the forward
    /// latency histogram.
    /// </summary>
    void Commit(int length, in MediaPath path, long receivedTimestamp);

    /// <summary>
    /// <see cref="Commit(int, in MediaPath, long)"/> with the caller's <paramref name="hint"/> for this destination (one
    /// per destination, kept by the caller): a queue that groups packets by destination uses and updates it instead
    /// of looking the address up. The packets sent are the same either way.
    /// </summary>
    void Commit(int length, in MediaPath path, long receivedTimestamp, ref SendGroupHint hint) => Commit(length, path, receivedTimestamp);
}
