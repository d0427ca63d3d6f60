namespace Gateway.Auth;

/// <summary>The fixed names of the token format.</summary>
internal static class AccessTokenNames
{
    /// <summary>Both <c>iss</c> and <c>aud</c>: tokens are minted by and for a gateway of this operator.</summary>
    public const string Issuer = "gateway";
    public const string Audience = "gateway";

    public const string RoomClaim = "room";
    public const string GrantsClaim = "grants";

    /// <summary>
    /// <c>room</c> value of a token valid in every room, including rooms that do not exist yet: what an
    /// operator's backend uses to create rooms (with the admin grant).
    /// </summary>
    public const string AnyRoom = "*";

    /// <summary>A token longer than this is rejected as malformed before it is parsed.</summary>
    public const int MaximumLength = 8 * 1024;
}
