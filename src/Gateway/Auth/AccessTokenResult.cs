using System.Diagnostics.CodeAnalysis;

namespace Gateway.Auth;

/// <summary>A validation outcome: the claims when <see cref="Status"/> is Valid, nothing otherwise.</summary>
internal readonly record struct AccessTokenResult(AccessTokenStatus Status, AccessTokenClaims? Claims)
{
    [MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Status == AccessTokenStatus.Valid && Claims is not null;

    public static AccessTokenResult Failed(AccessTokenStatus status) => new(status, null);
}
