using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native.Net;

/// <summary>
/// A worker's buffers for one batch: <see cref="Count"/> slots of <see cref="SlotSize"/> bytes in one array on
/// the pinned object heap (so native code may keep pointers into it), and the <see cref="UdpDatagram"/>
/// descriptors over them. Allocated once; reused for every batch.
/// </summary>
public sealed unsafe class UdpDatagramSlab
{
    private readonly byte[] _memory;
    private readonly UdpDatagram[] _datagrams;

    /// <summary>Allocates <paramref name="count"/> slots of <paramref name="slotSize"/> bytes.</summary>
    public UdpDatagramSlab(int count, int slotSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)count * slotSize, Array.MaxLength, nameof(count));
        _memory = GC.AllocateUninitializedArray<byte>(count * slotSize, pinned: true);
        _datagrams = GC.AllocateArray<UdpDatagram>(count, pinned: true);
        byte* start = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_memory, 0);
        for (int i = 0; i < count; i++)
        {
            _datagrams[i] = new UdpDatagram(start + ((long)i * slotSize), slotSize);
        }

        Count = count;
        SlotSize = slotSize;
    }

    /// <summary>The number of slots.</summary>
    public int Count { get; }

    /// <summary>Each slot's size in bytes.</summary>
    public int SlotSize { get; }

    /// <summary>The descriptors (lengths and addresses are read and written in place).</summary>
    public Span<UdpDatagram> Datagrams => _datagrams;
}
