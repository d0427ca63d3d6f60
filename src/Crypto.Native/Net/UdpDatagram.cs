using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native.Net;

/// <summary>
/// One datagram of a batch over a slot of a pinned <see cref="UdpDatagramSlab"/>: the blittable mirror of
/// <c>gw_udp_msg</c> (gateway_native.h), so a span of them goes to recvmmsg/sendmmsg as it is.
/// <code>
///  offset  0  uint8_t *buffer       offset 44  int32_t addr_len
///  offset  8  int32_t capacity      offset 48  int32_t segment_size
///  offset 12  int32_t length        offset 52  int32_t flags        56 bytes (64-bit)
///  offset 16  uint8_t addr[28]      (a sockaddr_in or sockaddr_in6, as the kernel lays it out)
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct UdpDatagram
{
    /// <summary>The largest socket address carried (sockaddr_in6).</summary>
    public const int MaxAddressSize = 28;

    private const int TruncatedFlag = 1;
    private const int ContinuesFlag = 2;

    private byte* _buffer;
    private int _capacity;
    private int _length;
    private AddressBytes28 _address;
    private int _addressLength;
    private int _segmentSize;
    private int _flags;

    internal UdpDatagram(byte* buffer, int capacity)
    {
        _buffer = buffer;
        _capacity = capacity;
    }

    /// <summary>The slot's size in bytes.</summary>
    public readonly int Capacity => _capacity;

    /// <summary>Received: the bytes stored. To send: the bytes to send (0 to <see cref="Capacity"/>).</summary>
    public int Length
    {
        readonly get => _length;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _capacity);
            _length = value;
        }
    }

    /// <summary>The datagram was longer than <see cref="Capacity"/>: only its first <see cref="Length"/> bytes were kept.</summary>
    public readonly bool Truncated => (_flags & TruncatedFlag) != 0;

    /// <summary>
    /// Received: a GRO-coalesced read holds <see cref="Length"/> bytes of datagrams this long each (the last may be
    /// shorter); 0 otherwise. To send: above 0 and below <see cref="Length"/>, the payload goes out as datagrams of
    /// this size (UDP GSO on the native socket, one send each on the managed twin); 0 sends one datagram.
    /// </summary>
    public int SegmentSize
    {
        readonly get => _segmentSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ushort.MaxValue);
            _segmentSize = value;
        }
    }

    /// <summary>
    /// To send: this datagram's bytes continue the previous datagram's GSO run (the previous one carries the
    /// <see cref="SegmentSize"/>; the run's first address is used and this one's is not read, so it may be empty): the
    /// native socket gathers them into the same send without copying; the managed twin sends each to the run's
    /// address. Cleared by a receive.
    /// </summary>
    public bool Continues
    {
        readonly get => (_flags & ContinuesFlag) != 0;
        set => _flags = value ? _flags | ContinuesFlag : _flags & ~ContinuesFlag;
    }

    /// <summary>The whole slot.</summary>
    public readonly Span<byte> Buffer => new(_buffer, _capacity);

    /// <summary>The datagram: the first <see cref="Length"/> bytes of the slot.</summary>
    public readonly Span<byte> Payload => new(_buffer, _length);

    /// <summary>The remote address as the kernel's sockaddr bytes (source when received, destination to send).</summary>
    /// <remarks>A view of this datagram itself (not a copy): valid while the datagram is.</remarks>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> AddressBytes => ((ReadOnlySpan<byte>)_address)[.._addressLength];

    /// <summary>Sets the destination from raw sockaddr bytes (e.g. another datagram's <see cref="AddressBytes"/>): no allocation.</summary>
    public void SetAddress(ReadOnlySpan<byte> address)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address.Length, MaxAddressSize, nameof(address));
        address.CopyTo(_address);
        _addressLength = address.Length;
    }

    /// <summary>
    /// The address field itself (<see cref="MaxAddressSize"/> bytes), for a sender that writes its sockaddr in place;
    /// set <see cref="AddressLength"/> after it.
    /// </summary>
    [UnscopedRef]
    public Span<byte> AddressStorage => _address;

    /// <summary>How many bytes of <see cref="AddressStorage"/> hold the address (0 to <see cref="MaxAddressSize"/>).</summary>
    public int AddressLength
    {
        readonly get => _addressLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxAddressSize);
            _addressLength = value;
        }
    }

    /// <summary>Sets the destination (allocates: for set-up, not the hot path).</summary>
    public void SetAddress(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        SocketAddress address = endPoint.Serialize();
        SetAddress(address.Buffer.Span[..address.Size]);
    }

    /// <summary>The remote address as an end point (allocates: for logs and tests), or null when none is set.</summary>
    public readonly IPEndPoint? GetEndPoint() => UdpAddress.ToEndPoint(AddressBytes);

    internal void SetReceived(int length, ReadOnlySpan<byte> address, bool truncated)
    {
        _length = length;
        _segmentSize = 0;
        _flags = truncated ? TruncatedFlag : 0;
        SetAddress(address);
    }
}
