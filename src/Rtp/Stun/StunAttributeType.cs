namespace Gateway.Rtp.Stun;

/// <summary>
/// STUN attribute types this code knows (IANA "STUN Attributes" registry). Values below 0x8000 are
/// comprehension-required: a request carrying one the server does not understand is answered with
/// 420 (RFC 8489 §14, §6.3.1). Values from 0x8000 are comprehension-optional and may be skipped.
/// Any other 16-bit value can appear on the wire; the enum is not closed.
/// </summary>
public enum StunAttributeType
{
    /// <summary>Not an attribute; the type 0x0000 is reserved.</summary>
    Reserved = 0x0000,

    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive address, not XOR'ed (RFC 3489 compatibility).</summary>
    MappedAddress = 0x0001,

    /// <summary>USERNAME (RFC 8489 §14.3): UTF-8, fewer than 513 bytes; for ICE "localUfrag:remoteUfrag".</summary>
    Username = 0x0006,

    /// <summary>MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1, 20 bytes.</summary>
    MessageIntegrity = 0x0008,

    /// <summary>ERROR-CODE (RFC 8489 §14.8): class, number and a UTF-8 reason phrase.</summary>
    ErrorCode = 0x0009,

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the types a 420 response did not understand.</summary>
    UnknownAttributes = 0x000A,

    /// <summary>REALM (RFC 8489 §14.9), long-term credentials only.</summary>
    Realm = 0x0014,

    /// <summary>NONCE (RFC 8489 §14.10), long-term credentials only.</summary>
    Nonce = 0x0015,

    /// <summary>MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256, 16 to 32 bytes.</summary>
    MessageIntegritySha256 = 0x001C,

    /// <summary>PASSWORD-ALGORITHM (RFC 8489 §14.12).</summary>
    PasswordAlgorithm = 0x001D,

    /// <summary>USERHASH (RFC 8489 §14.4).</summary>
    UserHash = 0x001E,

    /// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive address XOR'ed with the magic cookie (and transaction id).</summary>
    XorMappedAddress = 0x0020,

    /// <summary>PRIORITY (RFC 8445 §16.1): the priority a peer-reflexive candidate would get, 32 bits.</summary>
    Priority = 0x0024,

    /// <summary>USE-CANDIDATE (RFC 8445 §16.1): no value; the controlling agent nominates this pair.</summary>
    UseCandidate = 0x0025,

    /// <summary>PASSWORD-ALGORITHMS (RFC 8489 §14.11).</summary>
    PasswordAlgorithms = 0x8002,

    /// <summary>ALTERNATE-DOMAIN (RFC 8489 §14.16).</summary>
    AlternateDomain = 0x8003,

    /// <summary>SOFTWARE (RFC 8489 §14.14): a UTF-8 description of the sender's software.</summary>
    Software = 0x8022,

    /// <summary>ALTERNATE-SERVER (RFC 8489 §14.15).</summary>
    AlternateServer = 0x8023,

    /// <summary>FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message XOR 0x5354554E; always last.</summary>
    Fingerprint = 0x8028,

    /// <summary>ICE-CONTROLLED (RFC 8445 §16.1): the sender thinks it is controlled; a 64-bit tie breaker.</summary>
    IceControlled = 0x8029,

    /// <summary>ICE-CONTROLLING (RFC 8445 §16.1): the sender thinks it is controlling; a 64-bit tie breaker.</summary>
    IceControlling = 0x802A,
}
