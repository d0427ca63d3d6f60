using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// One RTCP packet of a compound packet: its common header validated, its body a view. The typed views
/// (<see cref="SenderReport"/>, <see cref="GenericNack"/>, ...) parse from it.
/// </summary>
/// <remarks>
/// RFC 3550 §6.4.1, the header every RTCP packet starts with:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  count  |      PT       |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// length is the packet's size in 32-bit words minus one, header and padding included. With P set, the
/// last byte counts the padding bytes, itself included. RFC 3550 says the count "will be a multiple of
/// four", but Chrome pads transport-wide feedback with 1 to 3 bytes, so any count from 1 is accepted.
/// </remarks>
public readonly ref struct RtcpPacket
{
    /// <summary>The size of the common header.</summary>
    public const int HeaderLength = 4;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _paddingLength;

    private RtcpPacket(ReadOnlySpan<byte> packet, int paddingLength)
    {
        _packet = packet;
        _paddingLength = paddingLength;
    }

    /// <summary>The whole packet, header and padding included (<see cref="Length"/> bytes).</summary>
    public ReadOnlySpan<byte> Buffer => _packet;

    /// <summary>The version field (always 2 in a parsed packet).</summary>
    public int Version => _packet[0] >> 6;

    /// <summary>P: the packet ends with padding.</summary>
    public bool HasPadding => (_packet[0] & 0x20) != 0;

    /// <summary>The 5-bit count field: RC (SR, RR), SC (SDES, BYE), subtype (APP) or FMT (feedback).</summary>
    public int Count => _packet[0] & 0x1F;

    /// <summary>PT: the packet type (<see cref="RtcpPacketType"/>).</summary>
    public int PacketType => _packet[1];

    /// <summary>The packet size in bytes: 4 × (length field + 1).</summary>
    public int Length => _packet.Length;

    /// <summary>The bytes after the common header, without the padding.</summary>
    public ReadOnlySpan<byte> Body => _packet.Slice(HeaderLength, _packet.Length - HeaderLength - _paddingLength);

    /// <summary>The padding length, count byte included (0 when P is clear).</summary>
    public int PaddingLength => _paddingLength;

    /// <summary>
    /// Parses the RTCP packet at the start of <paramref name="data"/>, which may hold more packets after it
    /// (a compound packet). Checks: 4 bytes, version 2, the length inside <paramref name="data"/>, and a padding
    /// count of 1 up to the body's size.
    /// </summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpPacket packet)
    {
        packet = default;
        if (data.Length < HeaderLength)
        {
            return RtcpParseResult.TooShort;
        }

        if ((data[0] >> 6) != 2)
        {
            return RtcpParseResult.BadVersion;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2)) + 1) * 4;
        if (length > data.Length)
        {
            return RtcpParseResult.BadLength;
        }

        int paddingLength = 0;
        if ((data[0] & 0x20) != 0)
        {
            paddingLength = data[length - 1];
            if (paddingLength == 0 || paddingLength > length - HeaderLength)
            {
                return RtcpParseResult.BadPadding;
            }
        }

        packet = new RtcpPacket(data.Slice(0, length), paddingLength);
        return RtcpParseResult.Ok;
    }
}
