namespace Gateway.Client.Statistics;

/// <summary>The receive counters of one remote track, written by the receive loop and readable from any thread.</summary>
public sealed class RemoteTrackStatistics
{
    internal long Received;
    internal long Lost;
    internal long Late;
    internal long Duplicate;
    internal long E2eeFailed;
    internal long E2eeMissingKey;
    internal long Frames;
    internal long Decoded;
    internal long Concealed;
    internal double JitterMs;

    /// <summary>Packets received once.</summary>
    public long PacketsReceived => Volatile.Read(ref Received);

    /// <summary>Sequence numbers that never arrived.</summary>
    public long PacketsLost => Volatile.Read(ref Lost);

    /// <summary>Packets that arrived after their frame was concealed.</summary>
    public long PacketsLate => Volatile.Read(ref Late);

    /// <summary>Packets received again.</summary>
    public long PacketsDuplicate => Volatile.Read(ref Duplicate);

    /// <summary>End-to-end decrypt failures.</summary>
    public long E2eeFailures => Volatile.Read(ref E2eeFailed);

    /// <summary>Frames dropped for want of an end-to-end key.</summary>
    public long E2eeNoKey => Volatile.Read(ref E2eeMissingKey);

    /// <summary>Complete frames received.</summary>
    public long FramesReceived => Volatile.Read(ref Frames);

    /// <summary>Audio frames decoded.</summary>
    public long FramesDecoded => Volatile.Read(ref Decoded);

    /// <summary>Audio frames concealed.</summary>
    public long FramesConcealed => Volatile.Read(ref Concealed);

    /// <summary>RFC 3550 interarrival jitter in milliseconds.</summary>
    public double JitterMilliseconds => Volatile.Read(ref JitterMs);

    /// <summary>End-to-end latency of this track's frames.</summary>
    public LatencyHistogram Latency { get; } = new();
}
