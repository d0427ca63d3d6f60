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
    // What is known of each slot, together: storing a packet touches one cache line of it, not one in each of three
    // arrays (the cache of a publisher sending 200 packets a second is cold at every packet).
    private readonly SlotInfo[] _slots;
    private readonly int _mask;
    private bool _disposed;

    public RetransmissionCache(int capacity)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A power of two.");
        }

        _buffer = ArrayPool<byte>.Shared.Rent(capacity * SlotSize);
        _slots = new SlotInfo[capacity];
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
        _slots[slot] = new SlotInfo(Key(sequence, epoch), arrivalTicks, packet.Length);
    }

    /// <summary>The cached packet with <paramref name="sequence"/> of <paramref name="epoch"/>, if it is younger than <paramref name="oldestTicks"/>.</summary>
    public bool TryGet(ushort sequence, int epoch, long oldestTicks, out ReadOnlySpan<byte> packet)
    {
        int slot = sequence & _mask;
        ref readonly SlotInfo info = ref _slots[slot];
        if (_disposed || info.Length == 0 || info.Key != Key(sequence, epoch) || info.Arrival < oldestTicks)
        {
            packet = default;
            return false;
        }

        packet = _buffer.AsSpan(slot * SlotSize, info.Length);
        return true;
    }

    /// <summary>Forgets everything (the ring stays allocated).</summary>
    public void Clear() => Array.Clear(_slots);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Array.Clear(_slots);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    // Epoch in the high bits: a slot written before a restart never matches a request after it.
    private static long Key(ushort sequence, int epoch) => ((long)epoch << 16) | sequence;

    /// <summary>A slot's packet: its key (epoch and sequence), when it arrived, and its length (0: empty).</summary>
    private readonly record struct SlotInfo(long Key, long Arrival, int Length);
}
