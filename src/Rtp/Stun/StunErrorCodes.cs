namespace Gateway.Rtp.Stun;

/// <summary>
/// The ERROR-CODE values this code sends or names (RFC 8489 §14.8, RFC 8445 §16.1), with their
/// registered reason phrases as UTF-8.
/// </summary>
public static class StunErrorCodes
{
    /// <summary>300 Try Alternate.</summary>
    public const int TryAlternate = 300;

    /// <summary>400 Bad Request: malformed, or (short-term credentials) missing USERNAME or MESSAGE-INTEGRITY.</summary>
    public const int BadRequest = 400;

    /// <summary>401 Unauthenticated (RFC 5389 called it Unauthorized): wrong USERNAME or MESSAGE-INTEGRITY.</summary>
    public const int Unauthenticated = 401;

    /// <summary>420 Unknown Attribute: the request carried comprehension-required attributes the server does not know.</summary>
    public const int UnknownAttribute = 420;

    /// <summary>438 Stale Nonce.</summary>
    public const int StaleNonce = 438;

    /// <summary>487 Role Conflict (RFC 8445 §16.1): both agents claim the same ICE role.</summary>
    public const int RoleConflict = 487;

    /// <summary>500 Server Error.</summary>
    public const int ServerError = 500;

    /// <summary>The registered reason phrase of <paramref name="code"/>, or an empty span for a code not listed here.</summary>
    public static ReadOnlySpan<byte> GetReasonPhrase(int code) => code switch
    {
        TryAlternate => "Try Alternate"u8,
        BadRequest => "Bad Request"u8,
        Unauthenticated => "Unauthenticated"u8,
        UnknownAttribute => "Unknown Attribute"u8,
        StaleNonce => "Stale Nonce"u8,
        RoleConflict => "Role Conflict"u8,
        ServerError => "Server Error"u8,
        _ => [],
    };
}
