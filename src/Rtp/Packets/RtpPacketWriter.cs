using System.Buffers.Binary;

namespace Gateway.Rtp.Packets;

/// <summary>
/// Builds an RTP packet (RFC 3550 §5.1) into a caller's buffer in order: header with CSRCs, RFC 8285
/// header extension elements, payload, padding. Every step returns false, writing nothing, when the
/// buffer is too small; <see cref="TryFinish"/> gives the packet length. Nothing allocates.
/// </summary>
/// <remarks>
/// <para>Elements use the one-byte form until one needs the two-byte form (id above 14, empty value or
/// value over 16 bytes); the elements already written are then converted (RFC 8285 §4.3; the receiver must
/// accept two-byte headers, e.g. by <c>a=extmap-allow-mixed</c>). The extension is zero-padded to a
/// 32-bit boundary and its length word written when the payload starts or the packet is finished.</para>
/// <para>Calling the steps out of order (an element after the payload, anything after the finish) is a
/// programming error and throws <see cref="InvalidOperationException"/>; so do out-of-range arguments.</para>
/// </remarks>
public ref struct RtpPacketWriter
{
    private const int StageStart = 0;
    private const int StageExtensions = 1;
    private const int StagePayload = 2;
    private const int StageFinished = 3;

    private readonly Span<byte> _destination;
    private int _stage;
    private int _length;
    private int _extensionOffset;
    private int _elementsLength;
    private int _elementCount;
    private bool _twoByte;

    /// <summary>A writer over <paramref name="destination"/>.</summary>
    public RtpPacketWriter(Span<byte> destination)
    {
        _destination = destination;
        _extensionOffset = -1;
    }

    /// <summary>The bytes written so far (the extension counted with its padding only once it is closed).</summary>
    public readonly int Length => _length;

    /// <summary>Writes the fixed header and the CSRC list; false when the buffer is shorter than 12 + 4 × CC bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadType"/> is outside 0..127 or there are more than 15 CSRCs.</exception>
    /// <exception cref="InvalidOperationException">The header was already written.</exception>
    public bool TryWriteHeader(int payloadType, bool marker, ushort sequenceNumber, uint timestamp, uint ssrc, scoped ReadOnlySpan<uint> csrcs = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadType);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, 127);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(csrcs.Length, 15, nameof(csrcs));
        ExpectStage(StageStart);
        int length = RtpHeader.FixedLength + (csrcs.Length * 4);
        if (_destination.Length < length)
        {
            return false;
        }

        _destination[0] = (byte)((RtpHeader.Version << 6) | csrcs.Length);
        _destination[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(_destination.Slice(2), sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(_destination.Slice(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(_destination.Slice(8), ssrc);
        for (int i = 0; i < csrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_destination.Slice(RtpHeader.FixedLength + (i * 4)), csrcs[i]);
        }

        _length = length;
        _stage = StageExtensions;
        return true;
    }

    /// <summary>Appends an RFC 8285 element; false when the buffer has no room for it (and the extension's padding).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is outside 1..255 or <paramref name="value"/> is longer than 255 bytes.</exception>
    /// <exception cref="InvalidOperationException">The header is not written yet, or the payload already is.</exception>
    public bool TryAddExtension(int id, scoped ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, RtpExtensionElements.MaxTwoByteId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, RtpExtensionElements.MaxTwoByteValueLength, nameof(value));
        ExpectStage(StageExtensions);
        bool twoByte = _twoByte || RtpExtensionElements.NeedsTwoByte(id, value.Length);
        bool convert = twoByte && !_twoByte && _elementCount > 0;
        int elementsLength = _elementsLength + (convert ? _elementCount : 0) + RtpExtensionElements.HeaderSize(twoByte) + value.Length;
        int dataOffset = _length + 4;
        if (_extensionOffset >= 0)
        {
            dataOffset = _extensionOffset + 4;
        }

        if (_destination.Length - dataOffset < RtpExtensionElements.RoundUpToWord(elementsLength))
        {
            return false;
        }

        if (_extensionOffset < 0)
        {
            _extensionOffset = _length;
            _destination[0] |= 0x10;
        }

        Span<byte> data = _destination.Slice(dataOffset);
        int used = _elementsLength;
        if (convert)
        {
            used = RtpExtensionElements.ConvertOneByteToTwoByte(data, used, _elementCount);
        }

        used += RtpExtensionElements.WriteElement(data.Slice(used), twoByte, id, value);
        _twoByte = twoByte;
        _elementsLength = used;
        _elementCount++;
        return true;
    }

    /// <summary>Appends an RFC 6464 audio level element.</summary>
    public bool TryAddAudioLevel(int id, AudioLevel level)
    {
        ReadOnlySpan<byte> value = [level.ToByte()];
        return TryAddExtension(id, value);
    }

    /// <summary>Appends an abs-send-time element.</summary>
    public bool TryAddAbsSendTime(int id, uint sendTime)
    {
        Span<byte> value = stackalloc byte[AbsSendTime.Length];
        AbsSendTime.TryWrite(value, sendTime);
        return TryAddExtension(id, value);
    }

    /// <summary>Appends a transport-wide sequence number element.</summary>
    public bool TryAddTransportSequenceNumber(int id, ushort sequenceNumber)
    {
        Span<byte> value = stackalloc byte[TransportSequenceNumber.Length];
        TransportSequenceNumber.TryWrite(value, sequenceNumber);
        return TryAddExtension(id, value);
    }

    /// <summary>Appends payload bytes (may be called more than once); false when they do not fit.</summary>
    /// <exception cref="InvalidOperationException">The header is not written yet, or the packet is finished.</exception>
    public bool TryWritePayload(scoped ReadOnlySpan<byte> payload)
    {
        if (_stage == StageExtensions)
        {
            CloseExtension();
        }

        ExpectStage(StagePayload);
        if (_destination.Length - _length < payload.Length)
        {
            return false;
        }

        payload.CopyTo(_destination.Slice(_length));
        _length += payload.Length;
        return true;
    }

    /// <summary>
    /// Ends the packet with <paramref name="paddingLength"/> bytes of padding (0 for none; otherwise zeros and
    /// a final count byte, P set) and returns its length; false when the padding does not fit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="paddingLength"/> is outside 0..255.</exception>
    /// <exception cref="InvalidOperationException">The header is not written yet, or the packet is already finished.</exception>
    public bool TryFinish(int paddingLength, out int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paddingLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paddingLength, 255);
        if (_stage == StageExtensions)
        {
            CloseExtension();
        }

        ExpectStage(StagePayload);
        length = 0;
        if (_destination.Length - _length < paddingLength)
        {
            return false;
        }

        if (paddingLength > 0)
        {
            _destination.Slice(_length, paddingLength - 1).Clear();
            _destination[_length + paddingLength - 1] = (byte)paddingLength;
            _destination[0] |= 0x20;
            _length += paddingLength;
        }

        _stage = StageFinished;
        length = _length;
        return true;
    }

    private void CloseExtension()
    {
        if (_extensionOffset >= 0)
        {
            int dataLength = RtpExtensionElements.RoundUpToWord(_elementsLength);
            Span<byte> header = _destination.Slice(_extensionOffset);
            header.Slice(4 + _elementsLength, dataLength - _elementsLength).Clear();
            BinaryPrimitives.WriteUInt16BigEndian(header, _twoByte ? RtpExtensionElements.TwoByteProfile : RtpExtensionElements.OneByteProfile);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), (ushort)(dataLength / 4));
            _length = _extensionOffset + 4 + dataLength;
        }

        _stage = StagePayload;
    }

    private readonly void ExpectStage(int stage)
    {
        if (_stage != stage)
        {
            throw new InvalidOperationException("RtpPacketWriter steps run in order: header, extension elements, payload, finish.");
        }
    }
}
