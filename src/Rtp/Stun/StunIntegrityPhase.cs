namespace Gateway.Rtp.Stun;

/// <summary>
/// Where a walk over a message's attributes stands with respect to the integrity attributes, which decide
/// what a receiver still looks at (RFC 8489 §14.5, §14.6).
/// </summary>
internal enum StunIntegrityPhase
{
    /// <summary>No integrity attribute yet: every attribute counts.</summary>
    Open = 0,

    /// <summary>After MESSAGE-INTEGRITY: only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count.</summary>
    AfterIntegrity,

    /// <summary>After MESSAGE-INTEGRITY-SHA256: only FINGERPRINT counts.</summary>
    AfterIntegritySha256,
}
