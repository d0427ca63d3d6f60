using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>An APP packet (RFC 3550 §6.7): subtype, SSRC, a 4-character name and application data. Parse with <see cref="TryParse"/>, build with <see cref="TryWrite"/>.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P| subtype |   PT=APP=204  |             length            |
/// |                           SSRC/CSRC                           |
/// |                          name (ASCII)                         |
/// |                   application-dependent data ...              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct ApplicationDefined
{
    /// <summary>The size of the name.</summary>
    public const int NameLength = 4;

    private readonly ReadOnlySpan<byte> _body;

    private ApplicationDefined(int subtype, ReadOnlySpan<byte> body)
    {
        Subtype = subtype;
        _body = body;
    }

    /// <summary>The 5-bit subtype.</summary>
    public int Subtype { get; }

    /// <summary>The source.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The 4-byte name.</summary>
    public ReadOnlySpan<byte> Name => _body.Slice(4, NameLength);

    /// <summary>The application data (a multiple of 4 bytes in a well-formed packet).</summary>
    public ReadOnlySpan<byte> Data => _body.Slice(8);

    /// <summary>Reads an APP packet: <see cref="RtcpParseResult.TooShort"/> without SSRC and name.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out ApplicationDefined application)
    {
        application = default;
        if (packet.PacketType != RtcpPacketType.ApplicationDefined)
        {
            return RtcpParseResult.WrongType;
        }

        if (packet.Body.Length < 8)
        {
            return RtcpParseResult.TooShort;
        }

        application = new ApplicationDefined(packet.Count, packet.Body);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes an APP packet.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="subtype"/> is outside 0..31.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not 4 bytes or <paramref name="data"/> is not a multiple of 4 bytes.</exception>
    public static bool TryWrite(Span<byte> destination, int subtype, uint ssrc, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(subtype);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subtype, 31);
        if (name.Length != NameLength)
        {
            throw new ArgumentException("An APP name is exactly 4 bytes.", nameof(name));
        }

        if (data.Length % 4 != 0)
        {
            throw new ArgumentException("APP data is a multiple of 32 bits (RFC 3550 §6.7).", nameof(data));
        }

        int length = RtcpPacket.HeaderLength + 8 + data.Length;
        bytesWritten = 0;
        if (destination.Length < length || length > 4 * 65536)
        {
            return false;
        }

        RtcpWriting.WriteHeader(destination, subtype, RtcpPacketType.ApplicationDefined, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), ssrc);
        name.CopyTo(destination.Slice(8));
        data.CopyTo(destination.Slice(12));
        bytesWritten = length;
        return true;
    }
}
