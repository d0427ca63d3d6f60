namespace Gateway.Auth;

/// <summary>The outcome of validating an access token.</summary>
internal enum AccessTokenStatus
{
    Valid,

    /// <summary>No token at all (null, empty or whitespace).</summary>
    Missing,

    /// <summary>Not a JWS this gateway understands: garbage, too long, wrong algorithm, missing claims.</summary>
    Malformed,

    /// <summary>The signature does not verify with this operator's API secret.</summary>
    BadSignature,

    Expired,
    NotYetValid,

    /// <summary><c>aud</c> or <c>iss</c> is not "gateway": a token minted for something else.</summary>
    WrongAudience,

    /// <summary>Valid, but for another room.</summary>
    WrongRoom,

    /// <summary>Valid, but without a grant the request needs.</summary>
    MissingGrant,
}
