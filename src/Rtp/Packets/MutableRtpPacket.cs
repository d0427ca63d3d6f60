using System.Buffers.Binary;

namespace Gateway.Rtp.Packets;

/// <summary>
/// A validated, writable view of an RTP packet: what a relay rewrites per subscriber in place, without
/// copying: SSRC, sequence number, timestamp, marker, payload type, and header extension values of
/// unchanged length. To add or remove extension elements (which moves the payload) use
/// <see cref="RtpHeaderExtensionEditor"/>.
/// </summary>
public readonly ref struct MutableRtpPacket
{
    private readonly Span<byte> _packet;
    private readonly int _headerLength;
    private readonly int _paddingLength;

    private MutableRtpPacket(Span<byte> packet, int headerLength, int paddingLength)
    {
        _packet = packet;
        _headerLength = headerLength;
        _paddingLength = paddingLength;
    }

    /// <summary>The whole packet.</summary>
    public Span<byte> Buffer => _packet;

    /// <summary>M: the marker bit.</summary>
    public bool Marker => (_packet[1] & 0x80) != 0;

    /// <summary>PT: the payload type, 0..127.</summary>
    public int PayloadType => _packet[1] & 0x7F;

    /// <summary>The 16-bit sequence number.</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(2));

    /// <summary>The 32-bit media timestamp.</summary>
    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_packet.Slice(4));

    /// <summary>The synchronization source.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_packet.Slice(8));

    /// <summary>The payload, without the padding, writable.</summary>
    public Span<byte> Payload => _packet.Slice(_headerLength, _packet.Length - _headerLength - _paddingLength);

    /// <summary>The header extension as RFC 8285 elements (read only; see <see cref="TryGetExtensionValue"/> to write).</summary>
    public RtpHeaderExtensions Extensions => AsReadOnly().Extensions;

    /// <summary>Validates <paramref name="packet"/> exactly as <see cref="RtpPacket.TryParse"/> does and returns a writable view.</summary>
    public static RtpParseResult TryParse(Span<byte> packet, out MutableRtpPacket rtp)
    {
        rtp = default;
        RtpParseResult result = RtpPacket.Validate(packet, out int headerLength, out int paddingLength);
        if (result == RtpParseResult.Ok)
        {
            rtp = new MutableRtpPacket(packet, headerLength, paddingLength);
        }

        return result;
    }

    /// <summary>The same packet as a read-only view, with every field.</summary>
    public RtpPacket AsReadOnly() => new(_packet, _headerLength, _paddingLength);

    /// <summary>Rewrites the SSRC.</summary>
    public void SetSsrc(uint ssrc) => BinaryPrimitives.WriteUInt32BigEndian(_packet.Slice(8), ssrc);

    /// <summary>Rewrites the sequence number.</summary>
    public void SetSequenceNumber(ushort sequenceNumber) => BinaryPrimitives.WriteUInt16BigEndian(_packet.Slice(2), sequenceNumber);

    /// <summary>Rewrites the timestamp.</summary>
    public void SetTimestamp(uint timestamp) => BinaryPrimitives.WriteUInt32BigEndian(_packet.Slice(4), timestamp);

    /// <summary>Sets or clears the marker bit.</summary>
    public void SetMarker(bool marker) => _packet[1] = (byte)((_packet[1] & 0x7F) | (marker ? 0x80 : 0));

    /// <summary>Rewrites the payload type.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadType"/> is outside 0..127.</exception>
    public void SetPayloadType(int payloadType)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadType);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, 127);
        _packet[1] = (byte)((_packet[1] & 0x80) | payloadType);
    }

    /// <summary>The writable value of the first RFC 8285 element with <paramref name="id"/>; false when there is none.</summary>
    public bool TryGetExtensionValue(int id, out Span<byte> value)
    {
        value = default;
        if ((_packet[0] & 0x10) == 0 || id <= 0)
        {
            return false;
        }

        int extensionOffset = RtpHeader.FixedLength + ((_packet[0] & 0x0F) * 4);
        RtpHeaderExtensionForm form = RtpExtensionElements.FormOf(BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(extensionOffset)));
        if (form is not (RtpHeaderExtensionForm.OneByte or RtpHeaderExtensionForm.TwoByte))
        {
            return false;
        }

        Span<byte> data = _packet.Slice(extensionOffset + 4, _headerLength - extensionOffset - 4);
        if (!RtpExtensionElements.TryFind(data, form == RtpHeaderExtensionForm.TwoByte, id, out int offset, out int length))
        {
            return false;
        }

        value = data.Slice(offset, length);
        return true;
    }

    /// <summary>Rewrites the transport-wide sequence number in element <paramref name="id"/>; false when the element is absent or not 2 bytes.</summary>
    public bool TrySetTransportSequenceNumber(int id, ushort sequenceNumber) =>
        TryGetExtensionValue(id, out Span<byte> value) && value.Length == TransportSequenceNumber.Length
        && TransportSequenceNumber.TryWrite(value, sequenceNumber);

    /// <summary>Rewrites the abs-send-time in element <paramref name="id"/>; false when the element is absent or not 3 bytes.</summary>
    public bool TrySetAbsSendTime(int id, uint sendTime) =>
        TryGetExtensionValue(id, out Span<byte> value) && value.Length == AbsSendTime.Length
        && AbsSendTime.TryWrite(value, sendTime);

    /// <summary>Rewrites the audio level in element <paramref name="id"/>; false when the element is absent or not 1 byte.</summary>
    public bool TrySetAudioLevel(int id, AudioLevel level)
    {
        if (TryGetExtensionValue(id, out Span<byte> value) && value.Length == AudioLevel.Length)
        {
            value[0] = level.ToByte();
            return true;
        }

        return false;
    }
}
