namespace Gateway.Codecs.Jitter;

/// <summary>Counters of an <see cref="AudioJitterBuffer"/> since it was made or reset.</summary>
public readonly record struct JitterBufferStats
{
    /// <summary>Packets stored for play-out.</summary>
    public long Received { get; init; }

    /// <summary>Packets played (<see cref="JitterPullStatus.Frame"/>).</summary>
    public long Played { get; init; }

    /// <summary>Slots declared lost (<see cref="JitterPullStatus.Lost"/>, plus those skipped when the window had to jump forward).</summary>
    public long Lost { get; init; }

    /// <summary>Packets that came after their slot had been declared lost.</summary>
    public long Late { get; init; }

    /// <summary>Packets seen twice.</summary>
    public long Duplicates { get; init; }

    /// <summary>Packets that arrived after a higher sequence number but in time to play.</summary>
    public long Reordered { get; init; }

    /// <summary>Pulls that found the buffer dry (<see cref="JitterPullStatus.Underrun"/>).</summary>
    public long Underruns { get; init; }

    /// <summary>Packets dropped unplayed: empty or oversized, or buffered ones pushed out when a packet far ahead moved the window.</summary>
    public long Dropped { get; init; }

    /// <summary>Times the buffer started over because the sequence numbers jumped (a restarted sender).</summary>
    public long Resyncs { get; init; }
}
