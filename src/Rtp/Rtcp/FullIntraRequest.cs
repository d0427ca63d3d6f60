using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>A FIR (RFC 5104 §4.3.1): PSFB with FMT 4 and one 8-byte FCI entry per media sender asked for a decoder refresh point.</summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  FMT=4  |   PT=206      |          length               |
/// |                  SSRC of packet sender                        |
/// |             SSRC of media source (unused, 0)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                              SSRC                             |  FCI entry,
/// | Seq nr.       |    Reserved (0)                               |  repeated
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// RFC 5104 §4.3.1.2: the media source SSRC field "SHALL be set to 0"; the targets are in the FCI.
/// </remarks>
public readonly ref struct FullIntraRequest
{
    private readonly ReadOnlySpan<byte> _entries;

    private FullIntraRequest(uint senderSsrc, ReadOnlySpan<byte> entries)
    {
        SenderSsrc = senderSsrc;
        _entries = entries;
    }

    /// <summary>The SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>The number of FCI entries.</summary>
    public int EntryCount => _entries.Length / FirEntry.Length;

    /// <summary>Entry number <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="EntryCount"/>.</exception>
    public FirEntry GetEntry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, EntryCount);
        ReadOnlySpan<byte> entry = _entries.Slice(index * FirEntry.Length);
        return new FirEntry(BinaryPrimitives.ReadUInt32BigEndian(entry), entry[4]);
    }

    /// <summary>Reads a FIR: <see cref="RtcpParseResult.BadLength"/> when the FCI is not whole 8-byte entries, <see cref="RtcpParseResult.BadCount"/> when there is none.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out FullIntraRequest fir)
    {
        fir = default;
        RtcpParseResult result = RtcpWriting.CheckFeedback(packet, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.FullIntraRequest);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> fci = packet.Body.Slice(8);
        if (fci.Length % FirEntry.Length != 0)
        {
            return RtcpParseResult.BadLength;
        }

        if (fci.IsEmpty)
        {
            return RtcpParseResult.BadCount;
        }

        fir = new FullIntraRequest(BinaryPrimitives.ReadUInt32BigEndian(packet.Body), fci);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes a FIR with one entry per target.</summary>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is empty.</exception>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ReadOnlySpan<FirEntry> entries, out int bytesWritten)
    {
        if (entries.IsEmpty)
        {
            throw new ArgumentException("A FIR holds at least one entry (RFC 5104 §4.3.1).", nameof(entries));
        }

        int length = 12 + (entries.Length * FirEntry.Length);
        bytesWritten = 0;
        if (destination.Length < length || length > 4 * 65536)
        {
            return false;
        }

        RtcpWriting.WriteFeedbackHeader(destination, RtcpFeedbackFormat.FullIntraRequest, RtcpPacketType.PayloadFeedback, length, senderSsrc, 0);
        for (int i = 0; i < entries.Length; i++)
        {
            Span<byte> entry = destination.Slice(12 + (i * FirEntry.Length), FirEntry.Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry, entries[i].Ssrc);
            BinaryPrimitives.WriteUInt32BigEndian(entry.Slice(4), (uint)entries[i].SequenceNumber << 24);
        }

        bytesWritten = length;
        return true;
    }
}
