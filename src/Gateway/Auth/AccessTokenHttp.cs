namespace Gateway.Auth;

/// <summary>How the control API answers a validation result (RFC 6750 section 3.1).</summary>
internal static class AccessTokenHttp
{
    /// <summary>
    /// 200 for Valid; 401 when the caller is not authenticated (no usable token: missing, malformed,
    /// bad signature, expired, not yet valid, for another audience); 403 when the token is good but does
    /// not cover the request (another room, a missing grant).
    /// </summary>
    public static int StatusCode(AccessTokenStatus status) => status switch
    {
        AccessTokenStatus.Valid => StatusCodes.Status200OK,
        AccessTokenStatus.WrongRoom or AccessTokenStatus.MissingGrant => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status401Unauthorized,
    };

    /// <summary>The RFC 6750 error code for a WWW-Authenticate header: invalid_token (401) or insufficient_scope (403).</summary>
    public static string? BearerError(AccessTokenStatus status) => StatusCode(status) switch
    {
        StatusCodes.Status401Unauthorized when status == AccessTokenStatus.Missing => null,
        StatusCodes.Status401Unauthorized => "invalid_token",
        StatusCodes.Status403Forbidden => "insufficient_scope",
        _ => null,
    };
}
