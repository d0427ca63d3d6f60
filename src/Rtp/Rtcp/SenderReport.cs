using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>An SR packet (RFC 3550 §6.4.1): sender info and report blocks. Parse with <see cref="TryParse"/>, build with <see cref="TryWrite"/>.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    RC   |   PT=SR=200   |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         SSRC of sender                        |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |              NTP timestamp, most significant word             |
/// |             NTP timestamp, least significant word             |
/// |                         RTP timestamp                         |
/// |                     sender's packet count                     |
/// |                      sender's octet count                     |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                 report blocks (RC × 24 bytes)                 |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                  profile-specific extensions                  |
/// </code>
/// </remarks>
public readonly ref struct SenderReport
{
    private const int SenderInfoLength = 24;

    private readonly ReadOnlySpan<byte> _body;
    private readonly int _count;

    private SenderReport(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        _count = count;
    }

    /// <summary>The sender's SSRC.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The 64-bit NTP timestamp (32.32 fixed point seconds since 1900).</summary>
    public ulong NtpTimestamp => BinaryPrimitives.ReadUInt64BigEndian(_body.Slice(4));

    /// <summary>The RTP timestamp of the same instant.</summary>
    public uint RtpTimestamp => BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(12));

    /// <summary>Packets sent since the start.</summary>
    public uint PacketCount => BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(16));

    /// <summary>Payload octets sent since the start.</summary>
    public uint OctetCount => BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(20));

    /// <summary>The report blocks.</summary>
    public ReportBlockList ReportBlocks => new(_body.Slice(SenderInfoLength, _count * ReportBlock.Length));

    /// <summary>The profile-specific extension after the blocks (usually empty).</summary>
    public ReadOnlySpan<byte> ProfileExtension => _body.Slice(SenderInfoLength + (_count * ReportBlock.Length));

    /// <summary>Reads an SR: <see cref="RtcpParseResult.WrongType"/> for another type, <see cref="RtcpParseResult.TooShort"/> without the sender info, <see cref="RtcpParseResult.BadCount"/> when RC blocks do not fit.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out SenderReport report)
    {
        report = default;
        if (packet.PacketType != RtcpPacketType.SenderReport)
        {
            return RtcpParseResult.WrongType;
        }

        ReadOnlySpan<byte> body = packet.Body;
        if (body.Length < SenderInfoLength)
        {
            return RtcpParseResult.TooShort;
        }

        if (body.Length < SenderInfoLength + (packet.Count * ReportBlock.Length))
        {
            return RtcpParseResult.BadCount;
        }

        report = new SenderReport(body, packet.Count);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes an SR with up to 31 report blocks; false when <paramref name="destination"/> is too small.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 31 report blocks.</exception>
    public static bool TryWrite(
        Span<byte> destination,
        uint ssrc,
        ulong ntpTimestamp,
        uint rtpTimestamp,
        uint packetCount,
        uint octetCount,
        ReadOnlySpan<ReportBlock> reportBlocks,
        out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reportBlocks.Length, 31, nameof(reportBlocks));
        int length = RtcpPacket.HeaderLength + SenderInfoLength + (reportBlocks.Length * ReportBlock.Length);
        bytesWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        RtcpWriting.WriteHeader(destination, reportBlocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), ntpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(20), packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(24), octetCount);
        for (int i = 0; i < reportBlocks.Length; i++)
        {
            reportBlocks[i].Write(destination.Slice(28 + (i * ReportBlock.Length)));
        }

        bytesWritten = length;
        return true;
    }
}
