using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Rtp.Stun;

/// <summary>
/// A transport address as STUN carries it — family, port and 4 or 16 address bytes — held inline, so
/// decoding (XOR-)MAPPED-ADDRESS or remembering a request's source allocates nothing (no
/// <see cref="IPAddress"/>, no <see cref="IPEndPoint"/>).
/// </summary>
/// <remarks>
/// <see cref="FromIPEndPoint"/> and <see cref="ToIPEndPoint"/> convert for the control plane and tests;
/// they allocate and are not for the per-packet path.
/// </remarks>
public readonly struct StunAddress : IEquatable<StunAddress>
{
    /// <summary>Bytes of an IPv4 address.</summary>
    public const int IPv4Length = 4;

    /// <summary>Bytes of an IPv6 address.</summary>
    public const int IPv6Length = 16;

    private readonly StunAddressBytes _bytes;

    private StunAddress(StunAddressFamily family, ushort port, ReadOnlySpan<byte> address)
    {
        Family = family;
        Port = port;
        address.CopyTo(_bytes);
    }

    /// <summary>IPv4 or IPv6; <see cref="StunAddressFamily.Unspecified"/> for <c>default</c>.</summary>
    public StunAddressFamily Family { get; }

    /// <summary>The port, in host order.</summary>
    public ushort Port { get; }

    /// <summary>The address in network order: 4 bytes for IPv4, 16 for IPv6, none when unspecified.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Address => ((ReadOnlySpan<byte>)_bytes)[..AddressLength];

    /// <summary>4, 16, or 0 when unspecified.</summary>
    public int AddressLength => Family switch
    {
        StunAddressFamily.IPv4 => IPv4Length,
        StunAddressFamily.IPv6 => IPv6Length,
        _ => 0,
    };

    /// <summary>An IPv4 transport address.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 4 bytes.</exception>
    public static StunAddress FromIPv4(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length != IPv4Length)
        {
            throw new ArgumentException("An IPv4 address is 4 bytes.", nameof(address));
        }

        return new StunAddress(StunAddressFamily.IPv4, port, address);
    }

    /// <summary>An IPv6 transport address.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 16 bytes.</exception>
    public static StunAddress FromIPv6(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length != IPv6Length)
        {
            throw new ArgumentException("An IPv6 address is 16 bytes.", nameof(address));
        }

        return new StunAddress(StunAddressFamily.IPv6, port, address);
    }

    /// <summary>
    /// Converts an endpoint (cold path). An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>, what a
    /// dual-stack socket reports for IPv4 peers) becomes IPv4: the peer sent from an IPv4 address and its
    /// XOR-MAPPED-ADDRESS must say so, or its candidate will not match.
    /// </summary>
    public static StunAddress FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        IPAddress ip = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        Span<byte> bytes = stackalloc byte[IPv6Length];
        if (!ip.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException("The endpoint's address does not fit in 16 bytes.", nameof(endPoint));
        }

        return ip.AddressFamily == AddressFamily.InterNetwork
            ? FromIPv4(bytes[..written], (ushort)endPoint.Port)
            : FromIPv6(bytes[..written], (ushort)endPoint.Port);
    }

    /// <summary>Converts to an endpoint (cold path: allocates).</summary>
    /// <exception cref="InvalidOperationException">The address is unspecified.</exception>
    public IPEndPoint ToIPEndPoint()
    {
        if (Family == StunAddressFamily.Unspecified)
        {
            throw new InvalidOperationException("The STUN address is unspecified.");
        }

        return new IPEndPoint(new IPAddress(Address), Port);
    }

    /// <inheritdoc/>
    public bool Equals(StunAddress other) =>
        Family == other.Family && Port == other.Port && Address.SequenceEqual(other.Address);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StunAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Family);
        hash.Add(Port);
        hash.AddBytes(Address);
        return hash.ToHashCode();
    }

    /// <summary>"192.0.2.1:32853" or "[2001:db8::1]:32853"; "unspecified" for <c>default</c> (cold path).</summary>
    public override string ToString() =>
        Family == StunAddressFamily.Unspecified ? "unspecified" : ToIPEndPoint().ToString();

    /// <summary>Value equality.</summary>
    public static bool operator ==(StunAddress left, StunAddress right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(StunAddress left, StunAddress right) => !left.Equals(right);

    /// <summary>
    /// Decodes the value of MAPPED-ADDRESS (<paramref name="xor"/> false) or XOR-MAPPED-ADDRESS (true).
    /// False for a value of the wrong size, an unknown family, or a family whose size does not match.
    /// </summary>
    /// <remarks>
    /// RFC 8489 §14.1 and §14.2:
    /// <code>
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |0 0 0 0 0 0 0 0|    Family     |         (X-)Port              |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                 (X-)Address (32 bits or 128 bits)             |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// X-Port is the port XOR the cookie's top 16 bits; an IPv4 X-Address is XOR the cookie, an IPv6 one
    /// XOR the cookie followed by the 96-bit transaction id. The first byte "MUST be ignored by receivers".
    /// </remarks>
    internal static bool TryDecode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, bool xor, out StunAddress address)
    {
        address = default;
        if (value.Length < 4)
        {
            return false;
        }

        var family = (StunAddressFamily)value[1];
        int length = family switch
        {
            StunAddressFamily.IPv4 => IPv4Length,
            StunAddressFamily.IPv6 => IPv6Length,
            _ => -1,
        };
        if (length < 0 || value.Length != 4 + length)
        {
            return false;
        }

        ushort port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        Span<byte> bytes = stackalloc byte[IPv6Length];
        value.Slice(4, length).CopyTo(bytes);
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
            ApplyXor(bytes[..length], transactionId);
        }

        address = new StunAddress(family, port, bytes[..length]);
        return true;
    }

    /// <summary>Bytes of the attribute value that <see cref="Encode"/> writes: 8 or 20.</summary>
    internal int EncodedLength => 4 + AddressLength;

    /// <summary>Writes the (XOR-)MAPPED-ADDRESS value; <paramref name="value"/> holds <see cref="EncodedLength"/> bytes.</summary>
    internal void Encode(Span<byte> value, ReadOnlySpan<byte> transactionId, bool xor)
    {
        int length = AddressLength;
        value[0] = 0;
        value[1] = (byte)Family;
        ushort port = xor ? (ushort)(Port ^ (StunMessage.MagicCookie >> 16)) : Port;
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], port);
        Span<byte> bytes = value.Slice(4, length);
        Address.CopyTo(bytes);
        if (xor)
        {
            ApplyXor(bytes, transactionId);
        }
    }

    /// <summary>XORs an address with the magic cookie, then (IPv6) the transaction id.</summary>
    private static void ApplyXor(Span<byte> address, ReadOnlySpan<byte> transactionId)
    {
        BinaryPrimitives.WriteUInt32BigEndian(address, BinaryPrimitives.ReadUInt32BigEndian(address) ^ StunMessage.MagicCookie);
        for (int i = IPv4Length; i < address.Length; i++)
        {
            address[i] ^= transactionId[i - IPv4Length];
        }
    }
}
