using System.Buffers.Binary;

namespace Gateway.Rtp.Packets;

/// <summary>
/// A validated, read-only view of an RTP packet (RFC 3550 §5.1): every header field read on demand from
/// the caller's bytes, nothing copied. <see cref="MutableRtpPacket"/> is its writable twin.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      defined by profile       |           length              |  (if X)
/// |                        header extension                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            payload  ....     | padding | count|  (padding if P)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct RtpPacket
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _headerLength;
    private readonly int _paddingLength;

    /// <summary>A view over a packet already validated by <see cref="Validate"/>.</summary>
    internal RtpPacket(ReadOnlySpan<byte> packet, int headerLength, int paddingLength)
    {
        _packet = packet;
        _headerLength = headerLength;
        _paddingLength = paddingLength;
    }

    /// <summary>The whole packet.</summary>
    public ReadOnlySpan<byte> Buffer => _packet;

    /// <summary>The version field (always 2 in a parsed packet).</summary>
    public int Version => _packet[0] >> 6;

    /// <summary>P: the packet ends with padding.</summary>
    public bool HasPadding => (_packet[0] & 0x20) != 0;

    /// <summary>X: a header extension follows the CSRC list.</summary>
    public bool HasExtension => (_packet[0] & 0x10) != 0;

    /// <summary>CC: the number of CSRC identifiers, 0..15.</summary>
    public int CsrcCount => _packet[0] & 0x0F;

    /// <summary>M: the marker bit (profile defined: end of a video frame, start of a talkspurt).</summary>
    public bool Marker => (_packet[1] & 0x80) != 0;

    /// <summary>PT: the payload type, 0..127.</summary>
    public int PayloadType => _packet[1] & 0x7F;

    /// <summary>The 16-bit sequence number.</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(2));

    /// <summary>The 32-bit media timestamp.</summary>
    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_packet.Slice(4));

    /// <summary>The synchronization source.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_packet.Slice(8));

    /// <summary>The CSRC list as bytes (4 × <see cref="CsrcCount"/>).</summary>
    public ReadOnlySpan<byte> CsrcBytes => _packet.Slice(RtpHeader.FixedLength, CsrcCount * 4);

    /// <summary>The "defined by profile" field of the header extension; 0 without one.</summary>
    public ushort ExtensionProfile => HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(ExtensionOffset)) : (ushort)0;

    /// <summary>The header extension data after its 4-byte header; empty without one.</summary>
    public ReadOnlySpan<byte> ExtensionData => HasExtension
        ? _packet.Slice(ExtensionOffset + 4, _headerLength - ExtensionOffset - 4)
        : default;

    /// <summary>The header extension as RFC 8285 elements.</summary>
    public RtpHeaderExtensions Extensions => new(ExtensionProfile, ExtensionData, HasExtension);

    /// <summary>The header length: fixed part, CSRCs and extension; the payload starts here.</summary>
    public int HeaderLength => _headerLength;

    /// <summary>The payload, without the padding.</summary>
    public ReadOnlySpan<byte> Payload => _packet.Slice(_headerLength, _packet.Length - _headerLength - _paddingLength);

    /// <summary>The padding length, count byte included (0 when P is clear).</summary>
    public int PaddingLength => _paddingLength;

    private int ExtensionOffset => RtpHeader.FixedLength + (CsrcCount * 4);

    /// <summary>
    /// Validates <paramref name="packet"/> and returns a view of it. The checks: at least 12 bytes,
    /// version 2, the CSRC list and the extension inside the packet, and with P set a padding count
    /// of 1 up to the bytes after the header (RFC 3550 §5.1, Appendix A.1).
    /// </summary>
    public static RtpParseResult TryParse(ReadOnlySpan<byte> packet, out RtpPacket rtp)
    {
        rtp = default;
        RtpParseResult result = Validate(packet, out int headerLength, out int paddingLength);
        if (result == RtpParseResult.Ok)
        {
            rtp = new RtpPacket(packet, headerLength, paddingLength);
        }

        return result;
    }

    /// <summary>CSRC number <paramref name="index"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="CsrcCount"/>.</exception>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_packet.Slice(RtpHeader.FixedLength + (index * 4)));
    }

    internal static RtpParseResult Validate(ReadOnlySpan<byte> packet, out int headerLength, out int paddingLength)
    {
        headerLength = 0;
        paddingLength = 0;
        if (packet.Length < RtpHeader.FixedLength)
        {
            return RtpParseResult.TooShort;
        }

        byte first = packet[0];
        if ((first >> 6) != RtpHeader.Version)
        {
            return RtpParseResult.BadVersion;
        }

        int length = RtpHeader.FixedLength + ((first & 0x0F) * 4);
        if (length > packet.Length)
        {
            return RtpParseResult.BadCsrcCount;
        }

        if ((first & 0x10) != 0)
        {
            if (length + 4 > packet.Length)
            {
                return RtpParseResult.BadExtension;
            }

            length += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(length + 2)) * 4);
            if (length > packet.Length)
            {
                return RtpParseResult.BadExtension;
            }
        }

        if ((first & 0x20) != 0)
        {
            int count = packet[^1];
            if (count == 0 || count > packet.Length - length)
            {
                return RtpParseResult.BadPadding;
            }

            paddingLength = count;
        }

        headerLength = length;
        return RtpParseResult.Ok;
    }
}
