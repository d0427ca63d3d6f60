namespace Gateway.Client.Statistics;

/// <summary>
/// Receive accounting of one RTP stream by sequence number (RFC 3550 A.1/A.3): the extended highest sequence,
/// packets received once, duplicates (remembered over the last 1024 numbers) and the loss that follows
/// (expected − received, never negative).
/// </summary>
internal struct SequenceTracker
{
    private const int Window = 1024;
    private const long Cycle = 65536;

    private readonly ulong[] _seen;
    private long _base;
    private long _highest;
    private bool _started;

    public SequenceTracker()
    {
        _seen = new ulong[Window / 64];
    }

    /// <summary>Packets received once.</summary>
    public long Received { get; private set; }

    /// <summary>Packets received again.</summary>
    public long Duplicates { get; private set; }

    /// <summary>The extended highest sequence number (valid once a packet arrived): the first packet's number plus 65536, counting on.</summary>
    public readonly long Highest => _highest;

    /// <summary>Sequence numbers from the first to the highest that never arrived.</summary>
    public readonly long Lost => _started ? Math.Max(0, _highest - _base + 1 - Received) : 0;

    /// <summary>Takes one packet's sequence number; returns its extended number, or −1 when it is a duplicate or far too old.</summary>
    public long Accept(ushort sequence)
    {
        if (!_started)
        {
            // One cycle up, so a packet reordered before the first one (sequence 65535 after 2) stays positive.
            long first = sequence + Cycle;
            _started = true;
            _base = first;
            _highest = first;
            Mark(first);
            Received++;
            return first;
        }

        // The extended number closest to the highest so far (a 16-bit difference in either direction).
        short delta = (short)(sequence - (ushort)_highest);
        long extended = _highest + delta;
        if (_highest - extended >= Window)
        {
            // Older than anything remembered: a very late copy, or a replay the SRTP window did not catch.
            Duplicates++;
            return -1;
        }

        if (extended < _base)
        {
            // Reordered ahead of the first packet seen: the stream started earlier.
            _base = extended;
        }

        if (extended > _highest)
        {
            for (long clear = _highest + 1; clear <= extended && clear - _highest <= Window; clear++)
            {
                Unmark(clear);
            }

            _highest = extended;
        }
        else if (IsMarked(extended))
        {
            Duplicates++;
            return -1;
        }

        Mark(extended);
        Received++;
        return extended;
    }

    private readonly bool IsMarked(long extended) => (_seen[(int)((extended >> 6) & ((Window / 64) - 1))] & (1UL << (int)(extended & 63))) != 0;

    private readonly void Mark(long extended) => _seen[(int)((extended >> 6) & ((Window / 64) - 1))] |= 1UL << (int)(extended & 63);

    private readonly void Unmark(long extended) => _seen[(int)((extended >> 6) & ((Window / 64) - 1))] &= ~(1UL << (int)(extended & 63));
}
