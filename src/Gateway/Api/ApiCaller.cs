using System.Diagnostics.CodeAnalysis;
using Gateway.Auth;

namespace Gateway.Api;

/// <summary>
/// Checks the bearer token of every control API call (RFC 6750): a missing or unusable token is 401 with
/// WWW-Authenticate, a good token that does not cover the room or the grant is 403 (AccessTokenHttp).
/// The failure response is written here; the handler only stops.
/// </summary>
internal static class ApiCaller
{
    private const string Scheme = "Bearer";
    private const string Realm = "gateway";

    /// <summary>
    /// The caller's claims when the token is valid, covers <paramref name="room"/> (null: any) and holds at least one
    /// of <paramref name="anyOf"/> (None: no grant needed); otherwise null after writing 401 or 403.
    /// </summary>
    public static async Task<AccessTokenClaims?> AuthorizeAsync(HttpContext context, string? room, AccessTokenGrants anyOf)
    {
        var validator = context.RequestServices.GetRequiredService<AccessTokenValidator>();
        var result = await validator.ValidateAsync(ReadToken(context, out bool wrongScheme)).ConfigureAwait(false);
        var status = wrongScheme ? AccessTokenStatus.Malformed : result.Status;
        if (!result.IsValid || wrongScheme)
        {
            await FailAsync(context, status, room, anyOf).ConfigureAwait(false);
            return null;
        }

        if (room is not null && !result.Claims.AllowsRoom(room))
        {
            await FailAsync(context, AccessTokenStatus.WrongRoom, room, anyOf).ConfigureAwait(false);
            return null;
        }

        if (anyOf != AccessTokenGrants.None && (result.Claims.Grants & anyOf) == 0)
        {
            await FailAsync(context, AccessTokenStatus.MissingGrant, room, anyOf).ConfigureAwait(false);
            return null;
        }

        return result.Claims;
    }

    /// <summary>Writes 403 for a token that is good but lacks <paramref name="grant"/> for what the request turned out to need.</summary>
    public static Task ForbidAsync(HttpContext context, AccessTokenGrants grant, string why) =>
        FailAsync(context, AccessTokenStatus.MissingGrant, null, grant, why);

    /// <summary>Writes 403 for a token of another identity than the participant the path names.</summary>
    public static Task ForbidIdentityAsync(HttpContext context)
    {
        SetChallenge(context, AccessTokenStatus.WrongRoom);
        return ApiProblems.ForbiddenAsync(context, "This participant belongs to another identity; use the token the participant joined with (or an admin token where allowed).");
    }

    private static string? ReadToken(HttpContext context, out bool wrongScheme)
    {
        wrongScheme = false;
        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        header = header.Trim();
        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header[Scheme.Length] != ' ')
        {
            wrongScheme = true;
            return null;
        }

        return header[(Scheme.Length + 1)..].Trim();
    }

    private static Task FailAsync(HttpContext context, AccessTokenStatus status, string? room, AccessTokenGrants anyOf, string? why = null)
    {
        SetChallenge(context, status);
        string detail = status switch
        {
            AccessTokenStatus.Missing => "Send Authorization: Bearer <token>; mint a token with `gateway token create --room <room> --identity <identity>`.",
            AccessTokenStatus.Expired => "The access token has expired; mint a new one.",
            AccessTokenStatus.NotYetValid => "The access token is not valid yet; check the clocks of the host that minted it and of this node.",
            AccessTokenStatus.BadSignature => "The access token was not signed with this node's API secret; mint it with the secret of this node.",
            AccessTokenStatus.WrongAudience => "The access token was not minted for a gateway; mint one with `gateway token create`.",
            AccessTokenStatus.WrongRoom => $"The access token does not cover room '{room}'; mint a token for this room (or for room \"*\").",
            AccessTokenStatus.MissingGrant => why ?? $"The access token lacks the grant this call needs ({string.Join(" or ", AccessTokenGrantNames.Names(anyOf))}); mint one with --grant.",
            _ => "The Authorization header does not hold a gateway access token; send Authorization: Bearer <token> minted with `gateway token create`.",
        };
        return AccessTokenHttp.StatusCode(status) == StatusCodes.Status403Forbidden
            ? ApiProblems.ForbiddenAsync(context, detail)
            : ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    [SuppressMessage("Style", "IDE0072:Add missing cases", Justification = "Only the RFC 6750 error codes matter.")]
    private static void SetChallenge(HttpContext context, AccessTokenStatus status)
    {
        string? error = AccessTokenHttp.BearerError(status);
        context.Response.Headers.WWWAuthenticate = error is null ? $"{Scheme} realm=\"{Realm}\"" : $"{Scheme} realm=\"{Realm}\", error=\"{error}\"";
    }
}
