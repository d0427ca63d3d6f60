using System.Runtime.CompilerServices;

namespace Gateway.Transport;

/// <summary>
/// A bounded ring of fixed-size packet slots from exactly one producer thread to exactly one consumer thread:
/// how a packet that arrived on one worker's socket reaches the worker that owns its meeting. No locks and no
/// interlocked operations: the producer alone writes <c>_tail</c>, the consumer alone writes <c>_head</c>,
/// each publishes with a release write and reads the other's index with an acquire read (Volatile).
/// </summary>
/// <remarks>
/// Each slot holds the bytes, their length, the source path and the receive timestamp. The producer keeps a
/// cached copy of the consumer's head and only re-reads the shared one when the ring looks full, so a write
/// touches the consumer's cache line rarely.
/// </remarks>
internal sealed class SpscRing
{
    private readonly byte[] _data;
    private readonly int[] _lengths;
    private readonly MediaPath[] _paths;
    private readonly long[] _timestamps;
    private readonly int _mask;
    private readonly int _slotSize;

    // Written by the consumer (next slot to read) and by the producer (next slot to write), on separate lines.
    private PaddedLong _head;
    private PaddedLong _tail;

    // The producer's last view of _head; only the producer touches it.
    private PaddedLong _cachedHead;

    /// <summary>A ring of at least <paramref name="capacity"/> slots (rounded up to a power of two) of <paramref name="slotSize"/> bytes.</summary>
    public SpscRing(int capacity, int slotSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSize);
        int slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _data = GC.AllocateUninitializedArray<byte>(checked(slots * slotSize));
        _lengths = new int[slots];
        _paths = new MediaPath[slots];
        _timestamps = new long[slots];
        _mask = slots - 1;
        _slotSize = slotSize;
    }

    /// <summary>Slots in the ring.</summary>
    public int Capacity => _mask + 1;

    /// <summary>The largest packet a slot holds.</summary>
    public int SlotSize => _slotSize;

    /// <summary>Packets waiting (a snapshot; exact only on the producer's or consumer's own thread).</summary>
    public int Count => (int)(Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value));

    /// <summary>Whether nothing waits (consumer side).</summary>
    public bool IsEmpty => Volatile.Read(ref _tail.Value) == _head.Value;

    /// <summary>
    /// Producer: copies <paramref name="packet"/> into the next slot; false when the ring is full or the
    /// packet is longer than a slot (the caller counts the drop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWrite(ReadOnlySpan<byte> packet, in MediaPath path, long receivedTimestamp)
    {
        long tail = _tail.Value;
        if (tail - _cachedHead.Value > _mask)
        {
            _cachedHead.Value = Volatile.Read(ref _head.Value);
            if (tail - _cachedHead.Value > _mask)
            {
                return false;
            }
        }

        if (packet.Length > _slotSize)
        {
            return false;
        }

        int slot = (int)tail & _mask;
        packet.CopyTo(_data.AsSpan(slot * _slotSize, _slotSize));
        _lengths[slot] = packet.Length;
        _paths[slot] = path;
        _timestamps[slot] = receivedTimestamp;

        // Release: the slot's contents are visible before the new tail.
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>
    /// Consumer: the oldest packet, in place (it may be modified), without removing it; false when empty.
    /// Call <see cref="Advance"/> when done with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPeek(out Span<byte> packet, out MediaPath path, out long receivedTimestamp)
    {
        long head = _head.Value;

        // Acquire: the slot's contents written before this tail are visible.
        if (head == Volatile.Read(ref _tail.Value))
        {
            packet = default;
            path = default;
            receivedTimestamp = 0;
            return false;
        }

        int slot = (int)head & _mask;
        packet = _data.AsSpan(slot * _slotSize, _lengths[slot]);
        path = _paths[slot];
        receivedTimestamp = _timestamps[slot];
        return true;
    }

    /// <summary>Consumer: frees the slot <see cref="TryPeek"/> returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance()
    {
        long head = _head.Value;

        // Drop the reference a framed path may hold, so a closed connection is not kept alive by the ring.
        _paths[(int)head & _mask] = default;

        // Release: the producer may reuse the slot only after we are done reading it.
        Volatile.Write(ref _head.Value, head + 1);
    }
}
