using Gateway.Auth;
using Gateway.Tests.Infrastructure;

namespace Gateway.Client.Tests.Infrastructure;

/// <summary>One in-process gateway node for the test assembly, with tokens minted by the gateway's own issuer.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private RunningNode? _node;
    private int _rooms;

    public RunningNode Node => _node ?? throw new InvalidOperationException("the node has not started");

    public Uri BaseAddress => Node.BaseAddress;

    public async ValueTask InitializeAsync() => _node = await RunningNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>A room id no other test uses.</summary>
    public string NewRoomId(string name) => $"{name}-{Interlocked.Increment(ref _rooms)}";

    public string AdminToken() => Issue("ops", "*", AccessTokenGrants.Admin);

    public string ParticipantToken(string room, string identity) => Issue(identity, room, AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);

    internal string Issue(string identity, string room, AccessTokenGrants grants) =>
        Node.Service<AccessTokenIssuer>().Issue(identity, room, grants, TimeSpan.FromHours(1));
}
