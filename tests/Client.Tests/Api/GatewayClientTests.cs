using System.Net;
using System.Text;
using Gateway.Client.Api;
using Gateway.Client.Events;
using Gateway.Client.Join;
using Gateway.Client.Tests.Infrastructure;

namespace Gateway.Client.Tests.Api;

public sealed class GatewayClientTests(NodeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateRoom_AnswersCreatedFirstAndExistingAfter()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("create");

        RoomInfo first = await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = E2eePolicy.Required, MaxParticipants = 7 }, Cancel);
        RoomInfo second = await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room), Cancel);

        Assert.True(first.Created);
        Assert.Equal(room, first.Id);
        Assert.Equal(E2eePolicy.Required, first.E2ee);
        Assert.Equal(7, first.MaxParticipants);
        Assert.False(second.Created);
        Assert.Equal(E2eePolicy.Required, second.E2ee);
    }

    [Fact]
    public async Task Join_GivesParticipantIdAndMediaEndpoint_AndOthersSeeJoinTrackAndLeave()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = await CreateRoomAsync(client, "join");

        await using MeetingSession alice = await client.JoinAsync(room, fixture.ParticipantToken(room, "alice"), new JoinRequest { AudioSsrc = 1111 }, Cancel);
        MeetingSession bob = await client.JoinAsync(room, fixture.ParticipantToken(room, "bob"), new JoinRequest { AudioSsrc = 2222 }, Cancel);

        Assert.False(string.IsNullOrEmpty(alice.ParticipantId));
        Assert.NotEqual(alice.ParticipantId, bob.ParticipantId);
        Assert.Equal(IPAddress.Loopback, alice.GatewayEndpoint.Address);
        Assert.NotEqual(0, alice.GatewayEndpoint.Port);

        var joined = await NextAsync<ParticipantJoinedEvent>(alice, e => e.ParticipantId == bob.ParticipantId);
        Assert.Equal("bob", joined.Identity);
        var track = await NextAsync<TrackEvent>(alice, e => e.ParticipantId == bob.ParticipantId);
        Assert.Equal(2222u, track.Ssrc);
        Assert.Equal(MediaKind.Audio, track.Kind);
        Assert.True(alice.TryGetRemoteTrack(2222, out var remote));
        Assert.Equal(bob.ParticipantId, remote.ParticipantId);
        Assert.Equal("bob", alice.Participants[bob.ParticipantId]);

        await bob.LeaveAsync(Cancel);
        await NextAsync<ParticipantLeftEvent>(alice, e => e.ParticipantId == bob.ParticipantId);
        Assert.False(alice.Participants.ContainsKey(bob.ParticipantId));
        await bob.LeaveAsync(Cancel);
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task Messages_ReachOneParticipantOrEveryoneElse()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = await CreateRoomAsync(client, "messages");
        await using MeetingSession a = await client.JoinAsync(room, fixture.ParticipantToken(room, "a"), new JoinRequest(), Cancel);
        await using MeetingSession b = await client.JoinAsync(room, fixture.ParticipantToken(room, "b"), new JoinRequest(), Cancel);
        await using MeetingSession c = await client.JoinAsync(room, fixture.ParticipantToken(room, "c"), new JoinRequest(), Cancel);

        byte[] direct = [0, 1, 2, 255, 254];
        await a.SendMessageAsync(direct, to: b.ParticipantId, Cancel);
        await a.SendMessageAsync(Encoding.UTF8.GetBytes("to all"), cancellationToken: Cancel);

        var toB = await NextAsync<MessageEvent>(b, _ => true);
        Assert.Equal(a.ParticipantId, toB.From);
        Assert.Equal(direct, toB.Body.ToArray());
        var broadcastAtB = await NextAsync<MessageEvent>(b, _ => true);
        Assert.Equal("to all", Encoding.UTF8.GetString(broadcastAtB.Body.Span));
        var atC = await NextAsync<MessageEvent>(c, _ => true);
        Assert.Equal("to all", Encoding.UTF8.GetString(atC.Body.Span));
    }

    [Fact]
    public async Task Join_RoomThatRequiresE2ee_RefusesPlainJoinWithTypedForbidden()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("required");
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = E2eePolicy.Required }, Cancel);

        var error = await Assert.ThrowsAsync<GatewayApiException>(() =>
            client.JoinAsync(room, fixture.ParticipantToken(room, "plain"), new JoinRequest { AudioSsrc = 5 }, Cancel));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("e2ee", error.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_UnknownRoom_IsTypedNotFound()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("missing");

        var error = await Assert.ThrowsAsync<GatewayApiException>(() =>
            client.JoinAsync(room, fixture.ParticipantToken(room, "x"), new JoinRequest(), Cancel));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }

    [Fact]
    public async Task CreateRoom_WithParticipantToken_IsTypedForbidden()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("notadmin");

        var error = await Assert.ThrowsAsync<GatewayApiException>(() =>
            client.CreateRoomAsync(fixture.ParticipantToken(room, "x"), new RoomOptions(room), Cancel));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [Fact]
    public async Task AnyCall_ToANodeThatIsNotThere_IsGatewayUnreachable()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new GatewayClient(new Uri($"http://127.0.0.1:{port}"));

        var error = await Assert.ThrowsAsync<GatewayUnreachableException>(() =>
            client.CreateRoomAsync("token", new RoomOptions("r"), Cancel));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteRoom_EndsEveryEventStreamWithClosed()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = await CreateRoomAsync(client, "closing");
        await using MeetingSession a = await client.JoinAsync(room, fixture.ParticipantToken(room, "a"), new JoinRequest(), Cancel);

        await client.DeleteRoomAsync(fixture.AdminToken(), room, Cancel);

        var seen = new List<MeetingEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (MeetingEvent e in a.ReadEventsAsync(timeout.Token))
        {
            seen.Add(e);
        }

        Assert.IsType<RoomClosedEvent>(seen[^1]);
    }

    [Fact]
    public async Task EventStream_ReplacedByAnotherOpen_EndsWithAClearErrorInsteadOfReconnecting()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = await CreateRoomAsync(client, "replaced");
        string token = fixture.ParticipantToken(room, "a");
        await using MeetingSession a = await client.JoinAsync(room, token, new JoinRequest(), Cancel);
        await NextAsync<ParticipantJoinedEvent>(a, e => e.ParticipantId == a.ParticipantId);

        using var request = new HttpRequestMessage(HttpMethod.Get, a.ParticipantPath + "/events");
        request.Headers.Authorization = new("Bearer", token);
        using HttpResponseMessage second = await fixture.Node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var error = await Assert.ThrowsAsync<GatewayProtocolException>(async () =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await foreach (MeetingEvent e in a.ReadEventsAsync(timeout.Token))
            {
                Assert.IsNotType<RoomClosedEvent>(e);
            }
        });
        Assert.Contains(a.ParticipantId, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not reconnect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_WithE2eeButNoEncryption_IsRefusedBeforeAnyCall()
    {
        using var client = new GatewayClient(new Uri("http://127.0.0.1:1"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.JoinAsync("r", "t", new JoinRequest { E2ee = true }, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => client.JoinAsync("r", "t", new JoinRequest { AudioSsrc = 7, VideoSsrc = 7 }, Cancel));
    }

    private async Task<string> CreateRoomAsync(GatewayClient client, string name)
    {
        string room = fixture.NewRoomId(name);
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room), Cancel);
        return room;
    }

    /// <summary>The next event of type <typeparamref name="T"/> that <paramref name="match"/> accepts (within 10 s).</summary>
    internal static async Task<T> NextAsync<T>(MeetingSession session, Func<T, bool> match)
        where T : MeetingEvent
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (MeetingEvent e in session.ReadEventsAsync(timeout.Token))
        {
            if (e is T typed && match(typed))
            {
                return typed;
            }
        }

        throw new InvalidOperationException($"the event stream ended without a {typeof(T).Name}");
    }
}
