using Gateway.Codecs.Opus;

namespace Gateway.Codecs.Jitter;

/// <summary>
/// A fixed-size client jitter buffer for 20 ms audio packets: packets go in by RTP sequence number
/// (16-bit, wrapping) in any order; <see cref="Pull"/> takes one slot per 20 ms in sequence order and
/// says whether to decode it, conceal a loss (with the next packet for FEC when it is here) or wait.
/// </summary>
/// <remarks>
/// <para>Storage is preallocated: <c>capacity</c> slots of <c>maxPayloadSize</c> bytes that packets are
/// copied into, so neither <see cref="Insert"/> nor <see cref="Pull"/> allocates.</para>
/// <para>Play-out starts once the packets received span <c>prefetchFrames</c> slots (the initial
/// delay). A packet can be reordered by as much as the delay built up at that point and still play; a
/// missing packet is declared lost when a later one is already buffered at its turn, and counted late
/// if it shows up afterwards. When nothing is buffered at all the pull is an underrun and the slot is
/// kept, which stretches the delay by one frame (the usual reaction to a network pause). A packet more
/// than <c>capacity</c> slots ahead moves the window forward; a jump of more than
/// <see cref="ResyncDistance"/> slots, or <c>capacity</c> stale packets in a row, restarts the buffer
/// on the new numbering.</para>
/// <para>Sequence numbers are extended to 64 bits around the highest one seen (RFC 3550 A.1's idea), so
/// the 65535 → 0 wrap is just the next number. Not thread-safe: one producer and one consumer must
/// serialise their calls.</para>
/// </remarks>
public sealed class AudioJitterBuffer
{
    /// <summary>A forward jump larger than this (slots; 20 s of audio) is taken as a new stream rather than as loss.</summary>
    public const int ResyncDistance = 1000;

    // Extended sequence numbers start far from zero so that reordering before the first packet never goes negative.
    private const long ExtendedBase = 1L << 32;

    private readonly byte[] _data;
    private readonly int[] _lengths;
    private readonly long[] _sequences;
    private readonly uint[] _timestamps;
    private readonly SlotState[] _states;
    private readonly int _maxPayloadSize;
    private readonly int _prefetchFrames;

    private bool _started;
    private bool _playing;
    private long _next;
    private long _highest;
    private uint _nextTimestamp;
    private int _staleInRow;

    private long _received;
    private long _played;
    private long _lost;
    private long _late;
    private long _duplicates;
    private long _reordered;
    private long _underruns;
    private long _dropped;
    private long _resyncs;

    /// <summary>
    /// A buffer of <paramref name="capacity"/> slots (the reordering window, 16 = 320 ms by default)
    /// that starts playing after <paramref name="prefetchFrames"/> slots (60 ms by default) and holds
    /// payloads up to <paramref name="maxPayloadSize"/> bytes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">capacity below 2 or above 4096, prefetch outside 1..capacity, payload size below 1.</exception>
    public AudioJitterBuffer(int capacity = 16, int prefetchFrames = 3, int maxPayloadSize = OpusFormat.MaxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefetchFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefetchFrames, capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 1);
        Capacity = capacity;
        _prefetchFrames = prefetchFrames;
        _maxPayloadSize = maxPayloadSize;
        _data = new byte[capacity * maxPayloadSize];
        _lengths = new int[capacity];
        _sequences = new long[capacity];
        _timestamps = new uint[capacity];
        _states = new SlotState[capacity];
    }

    private enum SlotState : byte
    {
        Empty,
        Buffered,
        Played,
        Lost,
    }

    /// <summary>The number of slots (the reordering window).</summary>
    public int Capacity { get; }

    /// <summary>Slots from the next one to play up to the highest sequence number received (the current delay in frames).</summary>
    public int Depth => _started ? (int)Math.Max(0, _highest - _next + 1) : 0;

    /// <summary>The counters so far.</summary>
    public JitterBufferStats Stats => new()
    {
        Received = _received,
        Played = _played,
        Lost = _lost,
        Late = _late,
        Duplicates = _duplicates,
        Reordered = _reordered,
        Underruns = _underruns,
        Dropped = _dropped,
        Resyncs = _resyncs,
    };

    /// <summary>Stores a copy of <paramref name="payload"/> for the packet with RTP <paramref name="sequenceNumber"/> and <paramref name="timestamp"/>.</summary>
    public JitterInsertStatus Insert(ushort sequenceNumber, uint timestamp, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.Length > _maxPayloadSize)
        {
            _dropped++;
            return JitterInsertStatus.InvalidPayload;
        }

        if (!_started)
        {
            Start(sequenceNumber);
        }

        long sequence = _highest + (short)(sequenceNumber - (ushort)_highest);
        if (sequence < _next)
        {
            if (!_playing && _highest - sequence < Capacity)
            {
                // Not playing yet: an earlier packet simply becomes the first one.
                _next = sequence;
            }
            else if (!ResyncOnStale(sequence, out JitterInsertStatus stale))
            {
                return stale;
            }
            else
            {
                sequence = _next;
            }
        }

        _staleInRow = 0;
        if (sequence - _next >= ResyncDistance)
        {
            _resyncs++;
            Start(sequenceNumber);
            sequence = _next;
        }
        else if (sequence - _next >= Capacity)
        {
            Advance(sequence - Capacity + 1);
        }

        int slot = Slot(sequence);
        if (_states[slot] == SlotState.Buffered && _sequences[slot] == sequence)
        {
            _duplicates++;
            return JitterInsertStatus.Duplicate;
        }

        payload.CopyTo(_data.AsSpan(slot * _maxPayloadSize, _maxPayloadSize));
        _lengths[slot] = payload.Length;
        _sequences[slot] = sequence;
        _timestamps[slot] = timestamp;
        _states[slot] = SlotState.Buffered;
        _received++;
        if (sequence < _highest)
        {
            _reordered++;
        }
        else
        {
            _highest = sequence;
        }

        return JitterInsertStatus.Buffered;
    }

    /// <summary>Takes the next 20 ms slot. Call once per frame time.</summary>
    public JitterFrame Pull()
    {
        if (!_started)
        {
            return default;
        }

        if (!_playing)
        {
            if (_highest - _next + 1 < _prefetchFrames)
            {
                return default;
            }

            _playing = true;
            int first = Slot(_next);
            _nextTimestamp = _states[first] == SlotState.Buffered ? _timestamps[first] : _nextTimestamp;
        }

        int slot = Slot(_next);
        ushort sequenceNumber = (ushort)_next;
        if (_states[slot] == SlotState.Buffered && _sequences[slot] == _next)
        {
            _states[slot] = SlotState.Played;
            _played++;
            _next++;
            uint timestamp = _timestamps[slot];
            _nextTimestamp = timestamp + OpusFormat.FrameSamplesPerChannel;
            return new JitterFrame(JitterPullStatus.Frame, sequenceNumber, timestamp, _data.AsSpan(slot * _maxPayloadSize, _lengths[slot]), default);
        }

        if (_highest <= _next)
        {
            _underruns++;
            return new JitterFrame(JitterPullStatus.Underrun, sequenceNumber, _nextTimestamp, default, default);
        }

        // A later packet is here, so this one is lost (or late): give the slot up.
        MarkLost(slot, _next);
        _lost++;
        _next++;
        uint lostTimestamp = _nextTimestamp;
        _nextTimestamp += OpusFormat.FrameSamplesPerChannel;
        int nextSlot = Slot(_next);
        ReadOnlySpan<byte> next = _states[nextSlot] == SlotState.Buffered && _sequences[nextSlot] == _next
            ? _data.AsSpan(nextSlot * _maxPayloadSize, _lengths[nextSlot])
            : default;
        return new JitterFrame(JitterPullStatus.Lost, sequenceNumber, lostTimestamp, default, next);
    }

    /// <summary>Empties the buffer and zeroes the counters, as for a new stream.</summary>
    public void Reset()
    {
        Array.Clear(_states);
        _started = false;
        _playing = false;
        _staleInRow = 0;
        _received = _played = _lost = _late = _duplicates = _reordered = _underruns = _dropped = _resyncs = 0;
    }

    private void Start(ushort sequenceNumber)
    {
        Array.Clear(_states);
        _started = true;
        _playing = false;
        _next = _highest = ExtendedBase + sequenceNumber;
        _staleInRow = 0;
    }

    // A packet behind the next slot: a duplicate, a late one, or (after a run of them) a restarted sender,
    // in which case the buffer starts over on its numbering and the caller stores it.
    private bool ResyncOnStale(long sequence, out JitterInsertStatus status)
    {
        int slot = Slot(sequence);
        if (_sequences[slot] == sequence && _states[slot] is SlotState.Played or SlotState.Buffered)
        {
            _duplicates++;
            status = JitterInsertStatus.Duplicate;
            return false;
        }

        if (_next - sequence >= Capacity && ++_staleInRow >= Capacity)
        {
            _resyncs++;
            Start((ushort)sequence);
            status = JitterInsertStatus.Buffered;
            return true;
        }

        _late++;
        status = JitterInsertStatus.Late;
        return false;
    }

    // Moves the next slot to play to newNext, giving up everything before it.
    private void Advance(long newNext)
    {
        long skipped = newNext - _next;
        int visit = (int)Math.Min(skipped, Capacity);
        long buffered = 0;
        for (int i = 0; i < visit; i++)
        {
            long sequence = _next + i;
            int slot = Slot(sequence);
            if (_states[slot] == SlotState.Buffered && _sequences[slot] == sequence)
            {
                buffered++;
            }

            MarkLost(slot, sequence);
        }

        _dropped += buffered;
        _lost += skipped - buffered;
        _nextTimestamp += (uint)(skipped * OpusFormat.FrameSamplesPerChannel);
        _next = newNext;
    }

    private void MarkLost(int slot, long sequence)
    {
        _states[slot] = SlotState.Lost;
        _sequences[slot] = sequence;
    }

    private int Slot(long sequence) => (int)(sequence % Capacity);
}
