using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>An RR packet (RFC 3550 §6.4.2): the reporter's SSRC and report blocks. Parse with <see cref="TryParse"/>, build with <see cref="TryWrite"/>.</summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    RC   |   PT=RR=201   |             length            |
/// |                     SSRC of packet sender                     |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                 report blocks (RC × 24 bytes)                 |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                  profile-specific extensions                  |
/// </code>
/// </remarks>
public readonly ref struct ReceiverReport
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly int _count;

    private ReceiverReport(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        _count = count;
    }

    /// <summary>The reporter's SSRC.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The report blocks.</summary>
    public ReportBlockList ReportBlocks => new(_body.Slice(4, _count * ReportBlock.Length));

    /// <summary>The profile-specific extension after the blocks (usually empty).</summary>
    public ReadOnlySpan<byte> ProfileExtension => _body.Slice(4 + (_count * ReportBlock.Length));

    /// <summary>Reads an RR: <see cref="RtcpParseResult.WrongType"/> for another type, <see cref="RtcpParseResult.TooShort"/> without the SSRC, <see cref="RtcpParseResult.BadCount"/> when RC blocks do not fit.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out ReceiverReport report)
    {
        report = default;
        if (packet.PacketType != RtcpPacketType.ReceiverReport)
        {
            return RtcpParseResult.WrongType;
        }

        ReadOnlySpan<byte> body = packet.Body;
        if (body.Length < 4)
        {
            return RtcpParseResult.TooShort;
        }

        if (body.Length < 4 + (packet.Count * ReportBlock.Length))
        {
            return RtcpParseResult.BadCount;
        }

        report = new ReceiverReport(body, packet.Count);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes an RR with up to 31 report blocks; false when <paramref name="destination"/> is too small.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 31 report blocks.</exception>
    public static bool TryWrite(Span<byte> destination, uint ssrc, ReadOnlySpan<ReportBlock> reportBlocks, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reportBlocks.Length, 31, nameof(reportBlocks));
        int length = RtcpPacket.HeaderLength + 4 + (reportBlocks.Length * ReportBlock.Length);
        bytesWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        RtcpWriting.WriteHeader(destination, reportBlocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), ssrc);
        for (int i = 0; i < reportBlocks.Length; i++)
        {
            reportBlocks[i].Write(destination.Slice(8 + (i * ReportBlock.Length)));
        }

        bytesWritten = length;
        return true;
    }
}
