using System.Buffers.Binary;

namespace Gateway.Rtp.Stun;

/// <summary>
/// A read-only view of one STUN message (RFC 8489) over the caller's buffer: header, attributes, and the
/// checks of MESSAGE-INTEGRITY and FINGERPRINT. Parsing validates the whole structure once; every
/// accessor after that is bounds-safe and allocation-free.
/// </summary>
/// <remarks>
/// RFC 8489 §5:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                     Transaction ID (96 bits)                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Message Length counts the attributes, not the 20-byte header. Bytes of the buffer beyond
/// 20 + Message Length are not part of the message (a stream transport may hold the next one there);
/// <see cref="Length"/> says where this one ends.
/// </remarks>
public readonly ref partial struct StunMessage
{
    /// <summary>Bytes of the STUN header.</summary>
    public const int HeaderLength = 20;

    /// <summary>The fixed value that marks a STUN message (RFC 8489 §5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Bytes of the transaction id.</summary>
    public const int TransactionIdLength = 12;

    /// <summary>The longest message the 16-bit Length field can describe (its value a multiple of 4).</summary>
    public const int MaxLength = HeaderLength + 0xFFFC;

    private readonly ReadOnlySpan<byte> _bytes;

    // Offsets of the attribute headers that matter for the checks; 0 means absent (no attribute starts
    // inside the header), so a default StunMessage has none of them.
    private readonly int _integrityOffset;
    private readonly int _integritySha256Offset;
    private readonly int _fingerprintOffset;

    private StunMessage(ReadOnlySpan<byte> bytes, int integrityOffset, int integritySha256Offset, int fingerprintOffset)
    {
        _bytes = bytes;
        _integrityOffset = integrityOffset;
        _integritySha256Offset = integritySha256Offset;
        _fingerprintOffset = fingerprintOffset;
    }

    /// <summary>The whole message: header and attributes, <see cref="Length"/> bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Bytes of the message, header included (20 + the header's Message Length); 0 for <c>default</c>.</summary>
    public int Length => _bytes.Length;

    /// <summary>Method and class.</summary>
    public StunMessageType Type =>
        _bytes.Length >= HeaderLength ? StunMessageType.FromValue(BinaryPrimitives.ReadUInt16BigEndian(_bytes)) : default;

    /// <summary>The 12-byte transaction id (empty for <c>default</c>).</summary>
    public ReadOnlySpan<byte> TransactionId =>
        _bytes.Length >= HeaderLength ? _bytes.Slice(8, TransactionIdLength) : [];

    /// <summary>The attributes a receiver should look at, in order (see <see cref="StunAttributeEnumerator"/>).</summary>
    public StunAttributeEnumerator Attributes => new(_bytes);

    /// <summary>The message carries MESSAGE-INTEGRITY (before any MESSAGE-INTEGRITY-SHA256).</summary>
    public bool HasMessageIntegrity => _integrityOffset != 0;

    /// <summary>The message carries MESSAGE-INTEGRITY-SHA256.</summary>
    public bool HasMessageIntegritySha256 => _integritySha256Offset != 0;

    /// <summary>The message ends with FINGERPRINT.</summary>
    public bool HasFingerprint => _fingerprintOffset != 0;

    /// <summary>Parses <paramref name="buffer"/>; false (and a <c>default</c> message) when it is not a well-formed STUN message.</summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out StunMessage message) => TryParse(buffer, out message, out _);

    /// <summary>
    /// Parses <paramref name="buffer"/> and says why it failed: the header (RFC 8489 §5), every attribute's
    /// bounds, the sizes of MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, and that FINGERPRINT
    /// comes last. Values are not checked here (HMAC, CRC and attribute contents have their own calls).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out StunMessage message, out StunParseResult result)
    {
        message = default;
        result = Walk(buffer, out int length, out int integrity, out int integritySha256, out int fingerprint);
        if (result != StunParseResult.Success)
        {
            return false;
        }

        message = new StunMessage(buffer[..length], integrity, integritySha256, fingerprint);
        return true;
    }

    /// <summary>Bytes an attribute value of <paramref name="length"/> bytes takes with its padding.</summary>
    internal static int Pad(int length) => (length + 3) & ~3;

    /// <summary>
    /// Whether an attribute of <paramref name="type"/> counts, given what came before, and moves
    /// <paramref name="phase"/> on. RFC 8489 §14.5: "agents MUST ignore all other attributes that follow
    /// MESSAGE-INTEGRITY", except MESSAGE-INTEGRITY-SHA256 and FINGERPRINT; §14.6 the same after
    /// MESSAGE-INTEGRITY-SHA256 except FINGERPRINT. A second MESSAGE-INTEGRITY is therefore ignored too.
    /// </summary>
    internal static bool Admit(StunAttributeType type, ref StunIntegrityPhase phase)
    {
        switch (type)
        {
            case StunAttributeType.Fingerprint:
                return true;
            case StunAttributeType.MessageIntegritySha256 when phase != StunIntegrityPhase.AfterIntegritySha256:
                phase = StunIntegrityPhase.AfterIntegritySha256;
                return true;
            case StunAttributeType.MessageIntegrity when phase == StunIntegrityPhase.Open:
                phase = StunIntegrityPhase.AfterIntegrity;
                return true;
            default:
                return phase == StunIntegrityPhase.Open;
        }
    }

    private static StunParseResult Walk(ReadOnlySpan<byte> buffer, out int length, out int integrity, out int integritySha256, out int fingerprint)
    {
        length = integrity = integritySha256 = fingerprint = 0;
        if (buffer.Length < HeaderLength)
        {
            return StunParseResult.TooShort;
        }

        // "The most significant 2 bits of every STUN message MUST be zeroes" and the cookie is fixed (§5).
        if ((buffer[0] & 0xC0) != 0 || BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]) != MagicCookie)
        {
            return StunParseResult.NotStun;
        }

        int bodyLength = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if ((bodyLength & 3) != 0 || bodyLength > buffer.Length - HeaderLength)
        {
            return StunParseResult.BadLength;
        }

        int end = HeaderLength + bodyLength;
        var phase = StunIntegrityPhase.Open;
        int offset = HeaderLength;
        while (offset < end)
        {
            // Offsets stay multiples of 4 and end is one, so a whole 4-byte attribute header is there;
            // checked anyway, so the loop stays safe if that reasoning ever changes.
            if (end - offset < 4)
            {
                return StunParseResult.BadAttribute;
            }

            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(buffer[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(buffer[(offset + 2)..]);
            if (Pad(valueLength) > end - offset - 4)
            {
                return StunParseResult.BadAttribute;
            }

            if (fingerprint != 0)
            {
                return StunParseResult.AttributeAfterFingerprint;
            }

            if (Admit(type, ref phase))
            {
                switch (type)
                {
                    case StunAttributeType.MessageIntegrity:
                        if (valueLength != StunIntegrity.Length)
                        {
                            return StunParseResult.BadAttributeLength;
                        }

                        integrity = offset;
                        break;
                    case StunAttributeType.MessageIntegritySha256:
                        // §14.6: 32 bytes, or truncated to no fewer than 16, in multiples of 4.
                        if (valueLength is < 16 or > 32 || (valueLength & 3) != 0)
                        {
                            return StunParseResult.BadAttributeLength;
                        }

                        integritySha256 = offset;
                        break;
                    case StunAttributeType.Fingerprint:
                        if (valueLength != 4)
                        {
                            return StunParseResult.BadAttributeLength;
                        }

                        fingerprint = offset;
                        break;
                    default:
                        break;
                }
            }

            offset += 4 + Pad(valueLength);
        }

        length = end;
        return StunParseResult.Success;
    }
}
