using System.Buffers;

namespace Gateway.Routing;

/// <summary>
/// The last packets of one published track, for answering NACKs (RFC 4585 §6.2.1) without asking the
/// publisher: a fixed ring of slots rented once when the track is created, indexed by sequence number.
/// A slot holds the plaintext RTP packet as the publisher sent it (its own SSRC and sequence number), the
/// arrival time and the track's epoch, so a packet from before a publisher restart is never served as if
/// it were from after it. Worker-owned; no allocation after construction.
/// </summary>
internal sealed class RetransmissionCache : IDisposable
{
    /// <summary>The largest packet a slot holds; larger ones are not cached (they would not fit an MTU anyway).</summary>
    public const int SlotSize = 1_500;

    private readonly byte[] _buffer;
    private readonly int[] _lengths;
    private readonly long[] _keys;
    private readonly long[] _arrivals;
    private readonly int _mask;
    private bool _disposed;

    public RetransmissionCache(int capacity)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A power of two.");
        }

        _buffer = ArrayPool<byte>.Shared.Rent(capacity * SlotSize);
        _lengths = new int[capacity];
        _keys = new long[capacity];
        _arrivals = new long[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Slots in the ring.</summary>
    public int Capacity => _mask + 1;

    /// <summary>Keeps a copy of <paramref name="packet"/> (plaintext RTP) under its sequence number.</summary>
    public void Store(ReadOnlySpan<byte> packet, ushort sequence, int epoch, long arrivalTicks)
    {
        if (packet.Length > SlotSize || _disposed)
        {
            return;
        }

        int slot = sequence & _mask;
        packet.CopyTo(_buffer.AsSpan(slot * SlotSize, SlotSize));
        _lengths[slot] = packet.Length;
        _keys[slot] = Key(sequence, epoch);
        _arrivals[slot] = arrivalTicks;
    }

    /// <summary>The cached packet with <paramref name="sequence"/> of <paramref name="epoch"/>, if it is younger than <paramref name="oldestTicks"/>.</summary>
    public bool TryGet(ushort sequence, int epoch, long oldestTicks, out ReadOnlySpan<byte> packet)
    {
        int slot = sequence & _mask;
        if (_disposed || _lengths[slot] == 0 || _keys[slot] != Key(sequence, epoch) || _arrivals[slot] < oldestTicks)
        {
            packet = default;
            return false;
        }

        packet = _buffer.AsSpan(slot * SlotSize, _lengths[slot]);
        return true;
    }

    /// <summary>Forgets everything (the ring stays allocated).</summary>
    public void Clear() => Array.Clear(_lengths);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Array.Clear(_lengths);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    // Epoch in the high bits: a slot written before a restart never matches a request after it.
    private static long Key(ushort sequence, int epoch) => ((long)epoch << 16) | sequence;
}
