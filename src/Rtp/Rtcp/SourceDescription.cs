using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// An SDES packet (RFC 3550 §6.5): SC chunks, each an SSRC and a list of items ended by a null byte and
/// padded to a 32-bit boundary. Parse with <see cref="TryParse"/>; build with <see cref="SourceDescriptionWriter"/>
/// or <see cref="TryWriteCanonicalName"/>.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    SC   |  PT=SDES=202  |             length            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                          SSRC/CSRC_1                          |
/// |    type       |     length    |  value ...    | ... | 0 | pad |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                          SSRC/CSRC_2 ...                      |
/// </code>
/// </remarks>
public readonly ref struct SourceDescription
{
    private readonly ReadOnlySpan<byte> _body;

    private SourceDescription(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ChunkCount = count;
    }

    /// <summary>The number of chunks (SC).</summary>
    public int ChunkCount { get; }

    /// <summary>An allocation-free enumerator over the chunks.</summary>
    public SdesChunkEnumerator GetEnumerator() => new(_body, ChunkCount);

    /// <summary>
    /// Reads an SDES packet, validating every chunk: <see cref="RtcpParseResult.BadCount"/> when fewer than SC
    /// chunks start in the packet, <see cref="RtcpParseResult.BadItem"/> when an item or the null terminator
    /// and padding of a chunk runs past its end.
    /// </summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out SourceDescription description)
    {
        description = default;
        if (packet.PacketType != RtcpPacketType.SourceDescription)
        {
            return RtcpParseResult.WrongType;
        }

        ReadOnlySpan<byte> body = packet.Body;
        int offset = 0;
        for (int i = 0; i < packet.Count; i++)
        {
            if (offset + 4 > body.Length)
            {
                return RtcpParseResult.BadCount;
            }

            if (!TryReadChunk(body, offset, out _, out offset))
            {
                return RtcpParseResult.BadItem;
            }
        }

        description = new SourceDescription(body, packet.Count);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes an SDES packet with one chunk holding one CNAME item (what RFC 3550 §6.1 asks of every compound packet).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="canonicalName"/> is longer than 255 bytes.</exception>
    public static bool TryWriteCanonicalName(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> canonicalName, out int bytesWritten)
    {
        SourceDescriptionWriter writer = new(destination);
        bytesWritten = 0;
        return writer.TryAddChunk(ssrc)
            && writer.TryAddItem(SdesItemType.CanonicalName, canonicalName)
            && writer.TryFinish(out bytesWritten);
    }

    /// <summary>
    /// Checks the chunk at <paramref name="offset"/> of an SDES body: 4 bytes of SSRC, items that fit, a null
    /// terminator, and padding to the next 32-bit boundary inside the body.
    /// </summary>
    internal static bool TryReadChunk(ReadOnlySpan<byte> body, int offset, out int itemsLength, out int nextOffset)
    {
        itemsLength = 0;
        nextOffset = body.Length;
        int position = offset + 4;
        if (position > body.Length)
        {
            return false;
        }

        while (position < body.Length && body[position] != 0)
        {
            if (position + 2 > body.Length || position + 2 + body[position + 1] > body.Length)
            {
                return false;
            }

            position += 2 + body[position + 1];
        }

        if (position >= body.Length)
        {
            return false; // no null terminator
        }

        int next = RtcpWriting.RoundUpToWord(position + 1);
        if (next > body.Length)
        {
            return false;
        }

        itemsLength = position - offset - 4;
        nextOffset = next;
        return true;
    }

    /// <summary>The SSRC of the first chunk, or false when there is none.</summary>
    public bool TryGetFirstSsrc(out uint ssrc)
    {
        if (ChunkCount > 0)
        {
            ssrc = BinaryPrimitives.ReadUInt32BigEndian(_body);
            return true;
        }

        ssrc = 0;
        return false;
    }
}
