namespace Gateway.Rtp.Stun;

/// <summary>
/// The class of a STUN message (RFC 8489 §5): the two bits C1 C0, spread between the method bits of the
/// message type (see <see cref="StunMessageType"/>).
/// </summary>
public enum StunMessageClass
{
    /// <summary>0b00: a request, answered by a success or an error response.</summary>
    Request = 0b00,

    /// <summary>0b01: an indication, never answered (ICE keepalives are Binding indications, RFC 8445 §11).</summary>
    Indication = 0b01,

    /// <summary>0b10: a success response.</summary>
    SuccessResponse = 0b10,

    /// <summary>0b11: an error response, carrying an ERROR-CODE.</summary>
    ErrorResponse = 0b11,
}
