namespace Gateway.Rtp.Stun;

/// <summary>
/// What <see cref="IceLiteResponder.Respond"/> made of a datagram. Whether a response was written is
/// <see cref="IceLiteBinding.ResponseLength"/> &gt; 0; the values below say which.
/// </summary>
public enum IceLiteResult
{
    /// <summary>
    /// An authenticated Binding request: a success response with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and
    /// FINGERPRINT was written. The binding carries the remote ufrag, USE-CANDIDATE and PRIORITY.
    /// </summary>
    Responded = 0,

    /// <summary>Not STUN (shorter than a header, top bits set, or no magic cookie). Nothing written; drop.</summary>
    NotStun,

    /// <summary>STUN framing that does not hold together (<see cref="StunParseResult"/> other than TooShort/NotStun). Nothing written; drop.</summary>
    Malformed,

    /// <summary>
    /// Well-formed STUN but not a Binding request: an indication (ICE keepalive, RFC 8445 §11), a response
    /// (a lite agent sends no requests, so none is expected), or another method. Nothing written.
    /// </summary>
    NotBindingRequest,

    /// <summary>FINGERPRINT present and wrong: RFC 8489 §7.3 says discard silently. Nothing written.</summary>
    BadFingerprint,

    /// <summary>USERNAME or MESSAGE-INTEGRITY missing (RFC 8489 §9.1.3): a 400 response without MESSAGE-INTEGRITY was written.</summary>
    BadRequest,

    /// <summary>USERNAME is not "localUfrag:remoteUfrag" for this responder: a 401 response without MESSAGE-INTEGRITY was written.</summary>
    BadUsername,

    /// <summary>MESSAGE-INTEGRITY does not verify with the local password: a 401 response without MESSAGE-INTEGRITY was written.</summary>
    BadIntegrity,

    /// <summary>
    /// Authenticated, but it carries comprehension-required attributes this code does not know: a 420
    /// response with UNKNOWN-ATTRIBUTES and MESSAGE-INTEGRITY was written (RFC 8489 §6.3.1.1).
    /// </summary>
    UnknownAttributes,

    /// <summary>
    /// Authenticated, but the peer claims the controlled role (ICE-CONTROLLED). A lite agent is always
    /// controlled (RFC 8445 §6.1.1) and cannot switch, so a 487 response with MESSAGE-INTEGRITY was written;
    /// the full agent switches to controlling on receipt (RFC 8445 §7.2.5.1).
    /// </summary>
    RoleConflict,

    /// <summary>The response buffer is shorter than <see cref="IceLiteResponder.MaxResponseLength"/>. Nothing parsed or written.</summary>
    ResponseBufferTooSmall,
}
