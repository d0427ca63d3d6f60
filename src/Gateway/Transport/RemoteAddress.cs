using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;

namespace Gateway.Transport;

/// <summary>
/// A remote UDP address as a value: the IPv6 (or IPv4-mapped) address bytes and the port, read from the
/// kernel's sockaddr bytes without allocating, so it can key the session lookup on every packet.
/// </summary>
public readonly struct RemoteAddress : IEquatable<RemoteAddress>
{
    private const int SockaddrInSize = 16;
    private const int SockaddrIn6Size = 28;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    // The address as 16 bytes (IPv4 as ::ffff:a.b.c.d), in network order.
    private readonly ulong _high;
    private readonly ulong _low;
    private readonly ushort _port;
    private readonly byte _family; // 0 none, 4, 6

    private RemoteAddress(ulong high, ulong low, ushort port, byte family)
    {
        _high = high;
        _low = low;
        _port = port;
        _family = family;
    }

    /// <summary>No address (a participant reached over TCP, or one whose address is not known yet).</summary>
    public static RemoteAddress None => default;

    /// <summary>Whether an address is set.</summary>
    public bool IsSet => _family != 0;

    /// <summary>Whether it is an IPv4 address.</summary>
    public bool IsIPv4 => _family == 4;

    /// <summary>The port.</summary>
    public int Port => _port;

    /// <summary>Reads a sockaddr_in or sockaddr_in6 (Linux layout); false for anything else.</summary>
    public static bool TryRead(ReadOnlySpan<byte> sockaddr, out RemoteAddress address)
    {
        if (sockaddr.Length >= SockaddrInSize && BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) == AfInet)
        {
            ulong v4 = 0x0000_FFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(sockaddr[4..]);
            address = new RemoteAddress(0, v4, BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]), 4);
            return true;
        }

        if (sockaddr.Length >= SockaddrIn6Size && BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) == AfInet6)
        {
            ulong high = BinaryPrimitives.ReadUInt64BigEndian(sockaddr[8..]);
            ulong low = BinaryPrimitives.ReadUInt64BigEndian(sockaddr[16..]);
            address = new RemoteAddress(high, low, BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]), 6);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>The address of an end point (allocates: control plane only).</summary>
    public static RemoteAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        SocketAddress socketAddress = endPoint.Serialize();
        if (!TryRead(socketAddress.Buffer.Span[..socketAddress.Size], out var address))
        {
            throw new ArgumentException($"unsupported address family {endPoint.AddressFamily}", nameof(endPoint));
        }

        return address;
    }

    /// <summary>
    /// Writes the kernel's sockaddr for this address into <paramref name="destination"/> (at least 28 bytes):
    /// the bytes written (16 for IPv4, 28 for IPv6), 0 when no address is set.
    /// </summary>
    public int WriteSockaddr(Span<byte> destination)
    {
        if (_family == 4)
        {
            destination[..SockaddrInSize].Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(destination, AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], _port);
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)_low);
            return SockaddrInSize;
        }

        if (_family == 6)
        {
            destination[..SockaddrIn6Size].Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(destination, AfInet6);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], _port);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _high);
            BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _low);
            return SockaddrIn6Size;
        }

        return 0;
    }

    /// <summary>The end point (allocates: logs, API answers and tests), or null when no address is set.</summary>
    public IPEndPoint? ToEndPoint()
    {
        if (_family == 0)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _low);
        var ip = _family == 4 ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
        return new IPEndPoint(ip, _port);
    }

    /// <inheritdoc/>
    public bool Equals(RemoteAddress other) => _high == other._high && _low == other._low && _port == other._port && _family == other._family;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RemoteAddress other && Equals(other);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode() => HashCode.Combine(_high, _low, _port);

    /// <inheritdoc/>
    public override string ToString() => ToEndPoint()?.ToString() ?? "(none)";

    /// <summary>Equality.</summary>
    public static bool operator ==(RemoteAddress left, RemoteAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RemoteAddress left, RemoteAddress right) => !left.Equals(right);
}
