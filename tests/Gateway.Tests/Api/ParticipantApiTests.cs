using System.Net;
using System.Text;
using Gateway.Auth;
using Gateway.Rtp.Sdp;
using Gateway.Rtp.Srtp;
using Gateway.Transport;

namespace Gateway.Tests.Api;

/// <summary>Joining with an SDP offer, leaving, the event stream and messages, against a node with the router.</summary>
public sealed class ParticipantApiTests
{
    private const AccessTokenGrants Participant = AccessTokenGrants.Publish | AccessTokenGrants.Subscribe;

    [Fact]
    public async Task Join_Is201_WithAnAnswerThatParses_AndTheGatewaysKeyAndPort()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        string offer = ApiOffers.AudioVideo(1111, 2222, 3333);

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("alice", "r1", Participant), ApiTokenTests.Sdp(offer));

        string answerText = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, answerText);
        Assert.Equal("application/sdp", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        string location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/v1/rooms/r1/participants/", location, StringComparison.Ordinal);

        SdpParseResult parsed = SdpParser.Parse(answerText);
        Assert.True(parsed.Succeeded, parsed.Error);
        SdpSessionDescription answer = parsed.Description;
        var endpoints = node.Service<IMediaEndpoints>();
        Assert.Equal(endpoints.AnnouncedAddress ?? IPAddress.Loopback, answer.Connection?.Address);
        Assert.True(answer.IceLite);
        Assert.Equal(2, answer.Media.Count);
        byte[] offerKey = SdpParser.Parse(offer).Description!.Media[0].Crypto[0].KeyAndSalt;
        foreach (SdpMediaDescription media in answer.Media)
        {
            Assert.Equal(endpoints.UdpPort, media.Port);
            Assert.Equal("RTP/SAVPF", media.Protocol);
            Assert.True(media.RtcpMux);
            SdpCrypto crypto = Assert.Single(media.Crypto);
            Assert.Equal((1, SrtpProfile.AeadAes128Gcm), (crypto.Tag, crypto.Profile!.Value));
            Assert.Equal(28, crypto.KeyAndSalt.Length);
            Assert.NotEqual(offerKey, crypto.KeyAndSalt);
        }

        Assert.Equal(answer.Media[0].Crypto[0].KeyAndSalt, answer.Media[1].Crypto[0].KeyAndSalt);

        using var room = await node.SendAsync(HttpMethod.Get, "/v1/rooms/r1", node.AdminToken());
        using (var body = await RoomApiTests.Json(room))
        {
            Assert.Equal(1, body.RootElement.GetProperty("participants").GetInt32());
        }

        // The Location names the participant: DELETE it to leave.
        using var left = await node.SendAsync(HttpMethod.Delete, location, node.Token("alice", "r1", Participant));
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        using var leftAgain = await node.SendAsync(HttpMethod.Delete, location, node.Token("alice", "r1", Participant));
        await ApiTokenTests.AssertProblem(leftAgain, HttpStatusCode.NotFound, "no participant");
    }

    [Fact]
    public async Task TcpOffer_IsAnsweredWithTheTcpPort_AndSetupPassive()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        var endpoints = node.Service<IMediaEndpoints>();
        Assert.SkipWhen(endpoints.TcpPort == 0, "this node runs without RTP over TCP");

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("alice", "r1", Participant),
            ApiTokenTests.Sdp(ApiOffers.Audio(77, proto: "TCP/RTP/SAVPF")));

        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        SdpMediaDescription media = Assert.Single(SdpParser.Parse(text).Description!.Media);
        Assert.Equal((endpoints.TcpPort, "TCP/RTP/SAVPF", "passive"), (media.Port, media.Protocol, media.Setup));
    }

    [Fact]
    public async Task ReceiveOnlyOffer_JoinsWithASubscribeToken()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("viewer", "r1", AccessTokenGrants.Subscribe), ApiTokenTests.Sdp(ApiOffers.ReceiveOnly()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task JoinToAMissingRoom_Is404()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/nowhere/participants", node.Token("alice", "nowhere", Participant), ApiTokenTests.Sdp(ApiOffers.Audio(1)));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.NotFound, "POST /v1/rooms");
    }

    [Fact]
    public async Task FullRoom_Is409()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1", "\"maxParticipants\":1");
        await JoinAsync(node, "r1", "alice", ApiOffers.Audio(1));

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("bob", "r1", Participant), ApiTokenTests.Sdp(ApiOffers.Audio(2)));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.Conflict, "full");
    }

    [Fact]
    public async Task SsrcInUse_Is409()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        await JoinAsync(node, "r1", "alice", ApiOffers.Audio(42));

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("bob", "r1", Participant), ApiTokenTests.Sdp(ApiOffers.Audio(42)));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.Conflict, "SSRC");
    }

    [Fact]
    public async Task E2eeRequired_RefusesAnOfferWithoutE2ee_AndTakesOneWithIt()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1", "\"e2ee\":\"required\"");

        using var refused = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("alice", "r1", Participant), ApiTokenTests.Sdp(ApiOffers.Audio(1)));
        await ApiTokenTests.AssertProblem(refused, HttpStatusCode.Forbidden, "a=e2ee:sframe");

        using var accepted = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("alice", "r1", Participant), ApiTokenTests.Sdp(ApiOffers.Audio(1, e2ee: true)));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task EventStream_StartsWithTheRoom_ThenAnnouncesJoinsTracksAndLeaves()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        string alice = await JoinAsync(node, "r1", "alice", ApiOffers.AudioVideo(1111, 2222, 3333));
        string bob = await JoinAsync(node, "r1", "bob", ApiOffers.ReceiveOnly());

        await using var events = await EventStreamReader.OpenAsync(node, bob, node.Token("bob", "r1", Participant));
        Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);

        // The snapshot: alice is there with her tracks.
        await events.WaitForAsync("joined", d => d.GetProperty("identity").GetString() == "alice");
        await events.WaitForAsync("track", d => d.GetProperty("ssrc").GetUInt32() == 2222 && d.GetProperty("rtxSsrc").GetUInt32() == 3333);

        string carol = await JoinAsync(node, "r1", "carol", ApiOffers.Audio(4444));
        await events.WaitForAsync("joined", d => d.GetProperty("identity").GetString() == "carol");
        await events.WaitForAsync("track", d => d.GetProperty("ssrc").GetUInt32() == 4444);

        using var left = await node.SendAsync(HttpMethod.Delete, alice, node.Token("alice", "r1", Participant));
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        string aliceId = alice[(alice.LastIndexOf('/') + 1)..];
        await events.WaitForAsync("left", d => d.GetProperty("participant").GetString() == aliceId);
        Assert.NotEmpty(carol);
    }

    [Fact]
    public async Task EndingTheRoom_SendsClosed_AndEndsTheStream()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        string bob = await JoinAsync(node, "r1", "bob", ApiOffers.ReceiveOnly());
        await using var events = await EventStreamReader.OpenAsync(node, bob, node.Token("bob", "r1", Participant));

        using var ended = await node.SendAsync(HttpMethod.Delete, "/v1/rooms/r1", node.AdminToken());
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);

        await events.WaitForAsync("closed");
        Assert.Null(await events.NextAsync());
    }

    [Fact]
    public async Task EventStream_SendsKeepAliveComments()
    {
        await using var node = await ApiNode.StartAsync("--Api:EventKeepAliveSeconds=0.2");
        await CreateRoomAsync(node, "r1");
        string bob = await JoinAsync(node, "r1", "bob", ApiOffers.ReceiveOnly());
        await using var events = await EventStreamReader.OpenAsync(node, bob, node.Token("bob", "r1", Participant));

        for (int i = 0; i < 3; i++)
        {
            var next = await events.NextAsync(comments: true);
            Assert.NotNull(next);
            if (next.Value.Type == ": keep-alive")
            {
                return;
            }
        }

        Assert.Fail("no keep-alive comment");
    }

    [Fact]
    public async Task AnotherIdentity_MayNotReadTheStream_NorLeaveForIt_ButAdminMayRemove()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        string alice = await JoinAsync(node, "r1", "alice", ApiOffers.Audio(1));
        string mallory = node.Token("mallory", "r1", Participant);

        using var stream = await node.SendAsync(HttpMethod.Get, alice + "/events", mallory);
        await ApiTokenTests.AssertProblem(stream, HttpStatusCode.Forbidden, "another identity");
        using var leave = await node.SendAsync(HttpMethod.Delete, alice, mallory);
        await ApiTokenTests.AssertProblem(leave, HttpStatusCode.Forbidden, "another identity");
        using var message = await node.SendAsync(HttpMethod.Post, alice + "/messages", mallory, new ByteArrayContent([1]));
        await ApiTokenTests.AssertProblem(message, HttpStatusCode.Forbidden, "another identity");

        using var removed = await node.SendAsync(HttpMethod.Delete, alice, node.AdminToken("r1"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task Messages_AreRelayedToOne_AndToAll()
    {
        await using var node = await ApiNode.StartAsync();
        await CreateRoomAsync(node, "r1");
        string alice = await JoinAsync(node, "r1", "alice", ApiOffers.Audio(1));
        string bob = await JoinAsync(node, "r1", "bob", ApiOffers.Audio(2));
        string carol = await JoinAsync(node, "r1", "carol", ApiOffers.Audio(3));
        string aliceId = alice[(alice.LastIndexOf('/') + 1)..];
        string bobId = bob[(bob.LastIndexOf('/') + 1)..];
        await using var bobEvents = await EventStreamReader.OpenAsync(node, bob, node.Token("bob", "r1", Participant));
        await using var carolEvents = await EventStreamReader.OpenAsync(node, carol, node.Token("carol", "r1", Participant));
        string aliceToken = node.Token("alice", "r1", Participant);

        using var toBob = await node.SendAsync(HttpMethod.Post, $"{alice}/messages?to={bobId}", aliceToken, Bytes("for bob"));
        Assert.Equal(HttpStatusCode.Accepted, toBob.StatusCode);
        using var toAll = await node.SendAsync(HttpMethod.Post, $"{alice}/messages", aliceToken, Bytes("for all"));
        Assert.Equal(HttpStatusCode.Accepted, toAll.StatusCode);

        var first = await bobEvents.WaitForAsync("message");
        Assert.Equal(aliceId, first.GetProperty("from").GetString());
        Assert.Equal("for bob", Encoding.UTF8.GetString(Convert.FromBase64String(first.GetProperty("body").GetString()!)));
        var second = await bobEvents.WaitForAsync("message");
        Assert.Equal("for all", Encoding.UTF8.GetString(Convert.FromBase64String(second.GetProperty("body").GetString()!)));

        // Carol got only the message to all.
        var carols = await carolEvents.WaitForAsync("message");
        Assert.Equal("for all", Encoding.UTF8.GetString(Convert.FromBase64String(carols.GetProperty("body").GetString()!)));

        using var toNobody = await node.SendAsync(HttpMethod.Post, $"{alice}/messages?to=nobody", aliceToken, Bytes("lost"));
        await ApiTokenTests.AssertProblem(toNobody, HttpStatusCode.NotFound, "'nobody'");
        using var tooLarge = await node.SendAsync(HttpMethod.Post, $"{alice}/messages", aliceToken, new ByteArrayContent(new byte[64 * 1024 + 1]));
        await ApiTokenTests.AssertProblem(tooLarge, HttpStatusCode.RequestEntityTooLarge, "65536");
    }

    internal static async Task CreateRoomAsync(ApiNode node, string room, string extra = "")
    {
        string json = extra.Length == 0 ? $"{{\"id\":\"{room}\"}}" : $"{{\"id\":\"{room}\",{extra}}}";
        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms", node.AdminToken(), ApiTokenTests.Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Joins and returns the participant's path (the Location).</summary>
    internal static async Task<string> JoinAsync(ApiNode node, string room, string identity, string offer)
    {
        using var response = await node.SendAsync(HttpMethod.Post, $"/v1/rooms/{room}/participants", node.Token(identity, room, Participant), ApiTokenTests.Sdp(offer));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.Headers.Location!.OriginalString;
    }

    private static ByteArrayContent Bytes(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
