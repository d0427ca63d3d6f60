namespace Gateway.LoadGen.Auth;

/// <summary>
/// Where the run's tokens come from: minted per room and identity from the API secret, or one given token for every
/// call (it must then cover every room, <c>room: "*"</c>, with admin, publish and subscribe).
/// </summary>
internal sealed class TokenSource : IDisposable
{
    private static readonly string[] AdminGrants = ["admin"];
    private static readonly string[] ParticipantGrants = ["publish", "subscribe"];

    private readonly AccessTokenMinter? _minter;
    private readonly string? _token;

    private TokenSource(AccessTokenMinter? minter, string? token)
    {
        _minter = minter;
        _token = token;
    }

    public static TokenSource FromSecret(ReadOnlySpan<byte> secret) => new(new AccessTokenMinter(secret), null);

    public static TokenSource FromToken(string token) => new(null, token);

    public string Admin() => _token ?? _minter!.Mint("gateway-loadgen", AccessTokenMinter.AnyRoom, AdminGrants, TimeSpan.FromHours(2));

    public string Participant(string room, string identity) => _token ?? _minter!.Mint(identity, room, ParticipantGrants, TimeSpan.FromHours(2));

    public void Dispose() => _minter?.Dispose();
}
