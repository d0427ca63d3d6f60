namespace Gateway.Auth;

/// <summary>What a valid access token says.</summary>
internal sealed record AccessTokenClaims
{
    /// <summary>The participant's identity (<c>sub</c>).</summary>
    public required string Identity { get; init; }

    /// <summary>The room id (<c>room</c>), or <see cref="AccessTokenNames.AnyRoom"/> for a token valid in every room.</summary>
    public required string Room { get; init; }

    public required AccessTokenGrants Grants { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset Expires { get; init; }

    public bool AllowsRoom(string room) => Room == AccessTokenNames.AnyRoom || string.Equals(Room, room, StringComparison.Ordinal);
}
