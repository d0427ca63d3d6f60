using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gateway.Routing;

/// <summary>
/// The last packets of one published track, for answering NACKs (RFC 4585 §6.2.1) without asking the
/// publisher: a fixed ring of slots made once when the track is created, indexed by sequence number.
/// A slot holds the plaintext RTP packet as the publisher sent it (its own SSRC and sequence number), the
/// arrival time and the track's epoch, so a packet from before a publisher restart is never served as if
/// it were from after it. Worker-owned; no allocation after construction.
/// </summary>
/// <remarks>
/// The ring is written at every packet and read only for a NACK, so storing must cost the forwarding loop as little
/// as it can: each slot starts on a cache line with what is known of it (key, arrival, length) right before the
/// packet, and both are written with whole aligned non-temporal stores (<see cref="NonTemporalCopy"/>) — no cache
/// miss per line written, none of the loop's hot state evicted. The slots are addressed from a pointer into a pinned
/// array, so a store reads nothing of the ring itself (not even an array's length, a cold line of its own).
/// </remarks>
internal sealed unsafe class RetransmissionCache : IDisposable
{
    /// <summary>The largest packet a slot holds; larger ones are not cached (they would not fit an MTU anyway).</summary>
    public const int SlotSize = 1_500;

    // A slot: the 32-byte SlotInfo unit, then the packet padded to NonTemporalCopy's unit (1,504): 24 lines.
    private const int InfoSize = NonTemporalCopy.Alignment;
    private const int SlotStride = 1_536;
    private const int LineSize = 64;

    // Keeps the pinned ring alive; _slots points into it, at its first cache-line boundary.
    private readonly byte[] _ring;
    private readonly byte* _slots;
    private readonly int _mask;
    private bool _disposed;

    public RetransmissionCache(int capacity)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A power of two.");
        }

        // Zeroed (every slot empty) and pinned: it never moves, so the pointer and its alignment hold.
        _ring = GC.AllocateArray<byte>((capacity * SlotStride) + LineSize, pinned: true);
        byte* first = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_ring));
        _slots = first + (LineSize - ((nuint)first & (LineSize - 1)));
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

        byte* slot = Slot(sequence);
        // SlotInfo's layout (key, arrival, length), padded to the unit, built in a register.
        NonTemporalCopy.Store(Vector256.Create(Key(sequence, epoch), arrivalTicks, packet.Length, 0L).AsByte(), new Span<byte>(slot, InfoSize));
        NonTemporalCopy.Copy(packet, new Span<byte>(slot + InfoSize, SlotStride - InfoSize));
    }

    /// <summary>The cached packet with <paramref name="sequence"/> of <paramref name="epoch"/>, if it is younger than <paramref name="oldestTicks"/>.</summary>
    public bool TryGet(ushort sequence, int epoch, long oldestTicks, out ReadOnlySpan<byte> packet)
    {
        byte* slot = Slot(sequence);
        SlotInfo info = Unsafe.ReadUnaligned<SlotInfo>(slot);
        if (_disposed || info.Length == 0 || info.Key != Key(sequence, epoch) || info.Arrival < oldestTicks)
        {
            packet = default;
            return false;
        }

        packet = new ReadOnlySpan<byte>(slot + InfoSize, info.Length);
        return true;
    }

    /// <summary>Forgets everything (the ring stays allocated).</summary>
    public void Clear()
    {
        for (int i = 0; i <= _mask; i++)
        {
            Unsafe.WriteUnaligned(_slots + ((nint)i * SlotStride), default(SlotInfo));
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Clear();
        }
    }

    private byte* Slot(ushort sequence) => _slots + ((nint)(sequence & _mask) * SlotStride);

    // Epoch in the high bits: a slot written before a restart never matches a request after it.
    private static long Key(ushort sequence, int epoch) => ((long)epoch << 16) | sequence;

    /// <summary>A slot's packet: its key (epoch and sequence), when it arrived, and its length (0: empty).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct SlotInfo(long Key, long Arrival, int Length);
}
