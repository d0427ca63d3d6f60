using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>
/// Checks access tokens minted by <see cref="AccessTokenIssuer"/> with the same API secret. Every
/// outcome is an <see cref="AccessTokenResult"/>; nothing a client sends makes it throw.
/// </summary>
internal sealed class AccessTokenValidator
{
    /// <summary>How far the clocks of the minting backend and this node may disagree.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = AccessTokenNames.MaximumLength };
    private readonly TokenValidationParameters _parameters;

    public AccessTokenValidator(ApiSecret secret, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(secret.KeyBytes()),
            // Only HS256: a token that names "none" or another algorithm is refused, whatever its header says.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = AccessTokenNames.Issuer,
            ValidAudience = AccessTokenNames.Audience,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = clockSkew ?? DefaultClockSkew,
        };
    }

    /// <summary>Validates the token and that it covers <paramref name="room"/> with every grant in <paramref name="required"/>.</summary>
    public async Task<AccessTokenResult> ValidateAsync(string? token, string room, AccessTokenGrants required)
    {
        var result = await ValidateAsync(token).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result;
        }

        if (!result.Claims.AllowsRoom(room))
        {
            return AccessTokenResult.Failed(AccessTokenStatus.WrongRoom);
        }

        return (result.Claims.Grants & required) == required ? result : AccessTokenResult.Failed(AccessTokenStatus.MissingGrant);
    }

    /// <summary>Validates signature, issuer, audience and lifetime, and reads the claims.</summary>
    public async Task<AccessTokenResult> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return AccessTokenResult.Failed(AccessTokenStatus.Missing);
        }

        if (token.Length > AccessTokenNames.MaximumLength)
        {
            return AccessTokenResult.Failed(AccessTokenStatus.Malformed);
        }

        TokenValidationResult validation;
        try
        {
            validation = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            // The handler reports failures in its result; these are belt and braces for parser corners.
            return AccessTokenResult.Failed(AccessTokenStatus.Malformed);
        }

        if (!validation.IsValid)
        {
            return AccessTokenResult.Failed(Classify(validation.Exception));
        }

        return validation.SecurityToken is JsonWebToken jwt && TryReadClaims(jwt, out var claims)
            ? new AccessTokenResult(AccessTokenStatus.Valid, claims)
            : AccessTokenResult.Failed(AccessTokenStatus.Malformed);
    }

    private static AccessTokenStatus Classify(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => AccessTokenStatus.Expired,
        SecurityTokenNotYetValidException => AccessTokenStatus.NotYetValid,
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => AccessTokenStatus.BadSignature,
        SecurityTokenInvalidAudienceException or SecurityTokenInvalidIssuerException => AccessTokenStatus.WrongAudience,
        _ => AccessTokenStatus.Malformed,
    };

    private static bool TryReadClaims(JsonWebToken jwt, out AccessTokenClaims? claims)
    {
        claims = null;
        if (string.IsNullOrWhiteSpace(jwt.Subject)
            || !jwt.TryGetPayloadValue<string>(AccessTokenNames.RoomClaim, out var room)
            || string.IsNullOrWhiteSpace(room))
        {
            return false;
        }

        var grants = AccessTokenGrants.None;
        if (jwt.TryGetPayloadValue<string[]>(AccessTokenNames.GrantsClaim, out var names) && names is not null)
        {
            foreach (var name in names)
            {
                // Words a newer gateway may add are ignored, not fatal.
                if (name is not null && AccessTokenGrantNames.TryParse(name, out var grant))
                {
                    grants |= grant;
                }
            }
        }

        claims = new AccessTokenClaims
        {
            Identity = jwt.Subject,
            Room = room,
            Grants = grants,
            NotBefore = new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero),
            Expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
        };
        return true;
    }
}
