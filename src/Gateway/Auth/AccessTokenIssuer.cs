using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>
/// Mints access tokens: JWS compact serialization (RFC 7515) with HS256 (RFC 7518 section 3.2) over the
/// operator's API secret. Claims: sub (identity), room, grants, iss and aud "gateway", iat, nbf, exp.
/// </summary>
internal sealed class AccessTokenIssuer
{
    /// <summary>The longest lifetime a token may have: a leaked token must not outlive a working day by much more than a month.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(31);

    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessTokenIssuer(ApiSecret secret, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _credentials = new SigningCredentials(new SymmetricSecurityKey(secret.KeyBytes()), SecurityAlgorithms.HmacSha256);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A token for <paramref name="identity"/> in <paramref name="room"/> (or <see cref="AccessTokenNames.AnyRoom"/>),
    /// valid from now for <paramref name="lifetime"/>. Arguments are checked by the caller (the CLI, the API);
    /// invalid ones here are programming errors.
    /// </summary>
    public string Issue(string identity, string room, AccessTokenGrants grants, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaximumLifetime);

        // JWT NumericDate has whole seconds (RFC 7519 section 2): round now down so nbf is never in the future.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AccessTokenNames.Issuer,
            Audience = AccessTokenNames.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = identity,
                [AccessTokenNames.RoomClaim] = room,
                [AccessTokenNames.GrantsClaim] = AccessTokenGrantNames.Names(grants).ToArray(),
            },
        };
        return _handler.CreateToken(descriptor);
    }
}
