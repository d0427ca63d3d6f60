using System.Buffers.Binary;

namespace Gateway.Rtp.Stun;

/// <summary>
/// Builds one STUN message into the caller's buffer: the header with a given transaction id, then
/// attributes (each padded to 4 bytes with zeros), then MESSAGE-INTEGRITY, then FINGERPRINT. The header's
/// Length is kept right after every step, so <see cref="Written"/> is always a complete message, and it
/// is exactly what MESSAGE-INTEGRITY and FINGERPRINT need when they are computed (RFC 8489 §14.5, §14.7).
/// </summary>
/// <remarks>
/// Every <c>TryAdd…</c> returns false and changes nothing when the buffer has no room or the attribute
/// would break the order RFC 8489 sets: nothing but FINGERPRINT after MESSAGE-INTEGRITY, nothing after
/// FINGERPRINT. Arguments that can only be a caller's bug (a transaction id that is not 12 bytes, an
/// unspecified address, an error code outside 300–699) throw.
/// </remarks>
public ref struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private bool _integrityAdded;
    private bool _finished;

    /// <summary>Writes the header of a message of <paramref name="type"/> with no attributes yet.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is shorter than the 20-byte header, or <paramref name="transactionId"/> is not 12 bytes.
    /// </exception>
    public StunMessageWriter(Span<byte> destination, StunMessageType type, ReadOnlySpan<byte> transactionId)
    {
        if (destination.Length < StunMessage.HeaderLength)
        {
            throw new ArgumentException("The destination cannot hold a STUN header (20 bytes).", nameof(destination));
        }

        if (transactionId.Length != StunMessage.TransactionIdLength)
        {
            throw new ArgumentException("A STUN transaction id is 12 bytes.", nameof(transactionId));
        }

        _buffer = destination;
        BinaryPrimitives.WriteUInt16BigEndian(destination, type.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StunMessage.MagicCookie);
        transactionId.CopyTo(destination.Slice(8, StunMessage.TransactionIdLength));
        _length = StunMessage.HeaderLength;
        _integrityAdded = false;
        _finished = false;
    }

    /// <summary>Bytes written so far, header included.</summary>
    public readonly int Length => _length;

    /// <summary>The message so far: a complete STUN message at every step.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Appends an attribute; its value is padded with zeros to a multiple of 4 bytes.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="type"/> is MESSAGE-INTEGRITY or FINGERPRINT (their own calls compute them) or
    /// MESSAGE-INTEGRITY-SHA256 (not written by this code: ICE needs the "mi256" option for it), or the value
    /// is longer than 65,535 bytes.
    /// </exception>
    public bool TryAddAttribute(StunAttributeType type, ReadOnlySpan<byte> value) => TryAddAttribute(type, value, padding: 0);

    /// <summary>Appends USERNAME (UTF-8, at most 512 bytes).</summary>
    /// <exception cref="ArgumentException"><paramref name="username"/> is longer than 512 bytes.</exception>
    public bool TryAddUsername(ReadOnlySpan<byte> username)
    {
        if (username.Length > StunMessage.MaxUsernameLength)
        {
            throw new ArgumentException("USERNAME holds at most 512 bytes (RFC 8489 §14.3).", nameof(username));
        }

        return TryAddAttribute(StunAttributeType.Username, username);
    }

    /// <summary>Appends XOR-MAPPED-ADDRESS (RFC 8489 §14.2), XOR'ed with this message's transaction id.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is unspecified.</exception>
    public bool TryAddXorMappedAddress(in StunAddress address) => TryAddAddress(StunAttributeType.XorMappedAddress, address, xor: true);

    /// <summary>Appends MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is unspecified.</exception>
    public bool TryAddMappedAddress(in StunAddress address) => TryAddAddress(StunAttributeType.MappedAddress, address, xor: false);

    /// <summary>Appends PRIORITY (RFC 8445 §16.1).</summary>
    public bool TryAddPriority(uint priority)
    {
        if (!TryAppend(StunAttributeType.Priority, 4, out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, priority);
        return true;
    }

    /// <summary>Appends USE-CANDIDATE (RFC 8445 §16.1), which has no value.</summary>
    public bool TryAddUseCandidate() => TryAppend(StunAttributeType.UseCandidate, 0, out _);

    /// <summary>Appends ICE-CONTROLLING with its tie breaker (RFC 8445 §16.1).</summary>
    public bool TryAddIceControlling(ulong tieBreaker) => TryAddUInt64(StunAttributeType.IceControlling, tieBreaker);

    /// <summary>Appends ICE-CONTROLLED with its tie breaker (RFC 8445 §16.1).</summary>
    public bool TryAddIceControlled(ulong tieBreaker) => TryAddUInt64(StunAttributeType.IceControlled, tieBreaker);

    /// <summary>Appends ERROR-CODE (RFC 8489 §14.8) with a UTF-8 reason phrase.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is outside 300–699.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is longer than 509 bytes (§14.8: "509 bytes when encoding").</exception>
    public bool TryAddErrorCode(int code, ReadOnlySpan<byte> reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 699);
        if (reason.Length > 509)
        {
            throw new ArgumentException("An ERROR-CODE reason phrase is at most 509 bytes when encoding (RFC 8489 §14.8).", nameof(reason));
        }

        if (!TryAppend(StunAttributeType.ErrorCode, 4 + reason.Length, out Span<byte> value))
        {
            return false;
        }

        StunErrorCode.EncodeHead(value, code);
        reason.CopyTo(value[4..]);
        return true;
    }

    /// <summary>Appends UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the listed types, two bytes each, zero padded.</summary>
    /// <exception cref="ArgumentException">More types than fit in an attribute.</exception>
    public bool TryAddUnknownAttributes(ReadOnlySpan<StunAttributeType> types)
    {
        if (types.Length > ushort.MaxValue / 2)
        {
            throw new ArgumentException("Too many attribute types for one UNKNOWN-ATTRIBUTES.", nameof(types));
        }

        if (!TryAppend(StunAttributeType.UnknownAttributes, types.Length * 2, out Span<byte> value))
        {
            return false;
        }

        for (int i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(i * 2)..], (ushort)types[i]);
        }

        return true;
    }

    /// <summary>
    /// Appends MESSAGE-INTEGRITY: HMAC-SHA1 with <paramref name="integrity"/>'s key over the message so far,
    /// the header's Length already counting the MESSAGE-INTEGRITY attribute (RFC 8489 §14.5). After it,
    /// only FINGERPRINT may follow.
    /// </summary>
    public bool TryAddMessageIntegrity(StunIntegrity integrity)
    {
        ArgumentNullException.ThrowIfNull(integrity);
        if (_integrityAdded || _finished || !TryAppend(StunAttributeType.MessageIntegrity, StunIntegrity.Length, out Span<byte> value, checkStage: false))
        {
            return false;
        }

        integrity.Compute(_buffer[..(_length - 4 - StunIntegrity.Length)], [], value);
        _integrityAdded = true;
        return true;
    }

    /// <summary>
    /// Appends FINGERPRINT, the last attribute: CRC-32 of the message before it, with the header's Length
    /// counting FINGERPRINT, XOR 0x5354554E (RFC 8489 §14.7). Nothing may follow.
    /// </summary>
    public bool TryAddFingerprint()
    {
        if (_finished || !TryAppend(StunAttributeType.Fingerprint, 4, out Span<byte> value, checkStage: false))
        {
            return false;
        }

        uint crc = StunCrc32.Compute(_buffer[..(_length - 8)]);
        BinaryPrimitives.WriteUInt32BigEndian(value, crc ^ StunMessage.FingerprintXor);
        _finished = true;
        return true;
    }

    /// <summary>
    /// Appends an attribute whose padding bytes are <paramref name="padding"/> instead of zero. RFC 8489
    /// says receivers ignore padding; the RFC 5769 vectors pad with 0x20 to prove it, and tests use this
    /// to rebuild them byte for byte.
    /// </summary>
    internal bool TryAddAttribute(StunAttributeType type, ReadOnlySpan<byte> value, byte padding)
    {
        if (type is StunAttributeType.MessageIntegrity or StunAttributeType.MessageIntegritySha256 or StunAttributeType.Fingerprint)
        {
            throw new ArgumentException("MESSAGE-INTEGRITY and FINGERPRINT are computed by their own calls; MESSAGE-INTEGRITY-SHA256 is not written.", nameof(type));
        }

        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException("An attribute value is at most 65,535 bytes.", nameof(value));
        }

        if (!TryAppend(type, value.Length, out Span<byte> slot))
        {
            return false;
        }

        value.CopyTo(slot);
        _buffer.Slice(_length - (StunMessage.Pad(value.Length) - value.Length), StunMessage.Pad(value.Length) - value.Length).Fill(padding);
        return true;
    }

    private bool TryAddAddress(StunAttributeType type, in StunAddress address, bool xor)
    {
        if (address.Family == StunAddressFamily.Unspecified)
        {
            throw new ArgumentException("The address is unspecified.", nameof(address));
        }

        if (!TryAppend(type, address.EncodedLength, out Span<byte> value))
        {
            return false;
        }

        address.Encode(value, _buffer.Slice(8, StunMessage.TransactionIdLength), xor);
        return true;
    }

    private bool TryAddUInt64(StunAttributeType type, ulong number)
    {
        if (!TryAppend(type, 8, out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64BigEndian(value, number);
        return true;
    }

    /// <summary>
    /// Reserves an attribute of <paramref name="valueLength"/> bytes: writes its type and length, zeroes its
    /// padding, moves the header's Length on, and hands back the value to fill.
    /// </summary>
    private bool TryAppend(StunAttributeType type, int valueLength, out Span<byte> value, bool checkStage = true)
    {
        value = default;
        int total = 4 + StunMessage.Pad(valueLength);
        if ((checkStage && (_integrityAdded || _finished)) || total > _buffer.Length - _length || _length + total > StunMessage.MaxLength)
        {
            return false;
        }

        Span<byte> attribute = _buffer.Slice(_length, total);
        BinaryPrimitives.WriteUInt16BigEndian(attribute, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], (ushort)valueLength);
        attribute[(4 + valueLength)..].Clear();
        value = attribute.Slice(4, valueLength);
        _length += total;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(_length - StunMessage.HeaderLength));
        return true;
    }
}
