namespace Gateway.Rtp.Stun;

/// <summary>
/// Why <see cref="StunMessage.TryParse(ReadOnlySpan{byte}, out StunMessage, out StunParseResult)"/>
/// refused a buffer. Every malformed input maps to exactly one of these; none throws.
/// </summary>
public enum StunParseResult
{
    /// <summary>A well-formed STUN message.</summary>
    Success = 0,

    /// <summary>Fewer than the 20 bytes of the STUN header.</summary>
    TooShort,

    /// <summary>
    /// Not STUN at all: the two most significant bits are not zero, or the magic cookie is not
    /// 0x2112A442 (RFC 8489 §5). Usually another protocol on the same port (RFC 7983).
    /// </summary>
    NotStun,

    /// <summary>
    /// The header's length is not a multiple of 4, or the message it declares runs past the end of the
    /// buffer (RFC 8489 §5: "the last 2 bits of this field are always zero").
    /// </summary>
    BadLength,

    /// <summary>An attribute's header or its value with padding runs past the end of the message (RFC 8489 §14).</summary>
    BadAttribute,

    /// <summary>
    /// MESSAGE-INTEGRITY is not 20 bytes, MESSAGE-INTEGRITY-SHA256 is not 16 to 32 bytes in steps of 4, or
    /// FINGERPRINT is not 4 bytes (RFC 8489 §14.5, §14.6, §14.7).
    /// </summary>
    BadAttributeLength,

    /// <summary>Something follows FINGERPRINT, which "MUST be the last attribute in the message" (RFC 8489 §14.7).</summary>
    AttributeAfterFingerprint,
}
