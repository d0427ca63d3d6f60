using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// A generic NACK (RFC 4585 §6.2.1): RTPFB with FMT 1, one or more PID + BLP entries naming lost packets of
/// the media source. <see cref="NackList"/> converts to and from plain sequence numbers.
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  FMT=1  |   PT=205      |          length               |
/// |                  SSRC of packet sender                        |
/// |                  SSRC of media source                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            PID                |             BLP               |  repeated
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct GenericNack
{
    private readonly ReadOnlySpan<byte> _body;

    private GenericNack(ReadOnlySpan<byte> body) => _body = body;

    /// <summary>The SSRC of the packet sender.</summary>
    public uint SenderSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The SSRC of the media source whose packets were lost.</summary>
    public uint MediaSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(4));

    /// <summary>The number of PID + BLP entries.</summary>
    public int ItemCount => (_body.Length - 8) / NackItem.Length;

    /// <summary>Entry number <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="ItemCount"/>.</exception>
    public NackItem GetItem(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ItemCount);
        ReadOnlySpan<byte> entry = _body.Slice(8 + (index * NackItem.Length));
        return new NackItem(BinaryPrimitives.ReadUInt16BigEndian(entry), BinaryPrimitives.ReadUInt16BigEndian(entry.Slice(2)));
    }

    /// <summary>Every lost sequence number the entries name (see <see cref="NackList.TryExpand"/>); false when <paramref name="destination"/> is too small.</summary>
    public bool TryGetLostSequenceNumbers(Span<ushort> destination, out int count)
    {
        count = 0;
        for (int i = 0; i < ItemCount; i++)
        {
            if (!NackList.TryExpandOne(GetItem(i), destination, ref count))
            {
                count = 0;
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a generic NACK: <see cref="RtcpParseResult.BadLength"/> when the FCI is not whole 4-byte entries, <see cref="RtcpParseResult.BadCount"/> when there is none.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out GenericNack nack)
    {
        nack = default;
        RtcpParseResult result = RtcpWriting.CheckFeedback(packet, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.GenericNack);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        int fciLength = packet.Body.Length - 8;
        if (fciLength == 0)
        {
            return RtcpParseResult.BadCount;
        }

        if (fciLength % NackItem.Length != 0)
        {
            return RtcpParseResult.BadLength;
        }

        nack = new GenericNack(packet.Body);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes a generic NACK with the given entries.</summary>
    /// <exception cref="ArgumentException"><paramref name="items"/> is empty.</exception>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<NackItem> items, out int bytesWritten)
    {
        if (items.IsEmpty)
        {
            throw new ArgumentException("A generic NACK holds at least one entry (RFC 4585 §6.2.1).", nameof(items));
        }

        int length = 12 + (items.Length * NackItem.Length);
        bytesWritten = 0;
        if (destination.Length < length || length > 4 * 65536)
        {
            return false;
        }

        RtcpWriting.WriteFeedbackHeader(destination, RtcpFeedbackFormat.GenericNack, RtcpPacketType.TransportFeedback, length, senderSsrc, mediaSsrc);
        for (int i = 0; i < items.Length; i++)
        {
            Span<byte> entry = destination.Slice(12 + (i * NackItem.Length));
            BinaryPrimitives.WriteUInt16BigEndian(entry, items[i].PacketId);
            BinaryPrimitives.WriteUInt16BigEndian(entry.Slice(2), items[i].LostBitmask);
        }

        bytesWritten = length;
        return true;
    }
}
