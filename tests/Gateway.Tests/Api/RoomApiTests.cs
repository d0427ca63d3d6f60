using System.Net;
using System.Text.Json;
using Gateway.Auth;

namespace Gateway.Tests.Api;

/// <summary>POST, GET and DELETE /v1/rooms against a node with the router.</summary>
public sealed class RoomApiTests
{
    [Fact]
    public async Task CreateRoom_Is201_WithLocationAndTheRoom_ThenGetListDelete()
    {
        await using var node = await ApiNode.StartAsync();
        string admin = node.AdminToken();

        using var created = await node.SendAsync(HttpMethod.Post, "/v1/rooms", admin,
            ApiTokenTests.Json("{\"id\":\"r1\",\"e2ee\":\"required\",\"maxParticipants\":3,\"maxPacketsPerSecond\":500}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/rooms/r1", created.Headers.Location?.OriginalString);
        using (var body = await Json(created))
        {
            JsonElement room = body.RootElement;
            Assert.Equal("r1", room.GetProperty("id").GetString());
            Assert.Equal("required", room.GetProperty("e2ee").GetString());
            Assert.Equal(3, room.GetProperty("maxParticipants").GetInt32());
            Assert.Equal(500, room.GetProperty("maxPacketsPerSecond").GetInt32());
            Assert.Equal(0, room.GetProperty("participants").GetInt32());
            Assert.True(room.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        }

        using var get = await node.SendAsync(HttpMethod.Get, "/v1/rooms/r1", admin);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using (var body = await Json(get))
        {
            Assert.Equal("r1", body.RootElement.GetProperty("id").GetString());
        }

        using var list = await node.SendAsync(HttpMethod.Get, "/v1/rooms", admin);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var body = await Json(list))
        {
            Assert.Equal(["r1"], body.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        }

        using var deleted = await node.SendAsync(HttpMethod.Delete, "/v1/rooms/r1", admin);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var gone = await node.SendAsync(HttpMethod.Get, "/v1/rooms/r1", admin);
        await ApiTokenTests.AssertProblem(gone, HttpStatusCode.NotFound, "POST /v1/rooms");
        using var deletedAgain = await node.SendAsync(HttpMethod.Delete, "/v1/rooms/r1", admin);
        await ApiTokenTests.AssertProblem(deletedAgain, HttpStatusCode.NotFound, "no room 'r1'");
    }

    [Fact]
    public async Task CreatingAnExistingRoom_Is200_WithTheRoomUnchanged()
    {
        await using var node = await ApiNode.StartAsync();
        using var first = await node.SendAsync(HttpMethod.Post, "/v1/rooms", node.AdminToken(), ApiTokenTests.Json("{\"id\":\"r1\",\"maxParticipants\":4}"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await node.SendAsync(HttpMethod.Post, "/v1/rooms", node.AdminToken(), ApiTokenTests.Json("{\"id\":\"r1\",\"maxParticipants\":9}"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var body = await Json(second);
        Assert.Equal(4, body.RootElement.GetProperty("maxParticipants").GetInt32());
        Assert.Equal("optional", body.RootElement.GetProperty("e2ee").GetString());
    }

    [Theory]
    [InlineData("{\"id\":\"bad id\"}", "\"id\" must be")]
    [InlineData("{\"id\":\"\"}", "\"id\" must be")]
    [InlineData("{}", "\"id\" must be")]
    [InlineData("{\"id\":\"r1\",\"e2ee\":\"sometimes\"}", "\"e2ee\" must be")]
    [InlineData("{\"id\":\"r1\",\"maxParticipants\":0}", "\"maxParticipants\" must be")]
    [InlineData("{\"id\":\"r1\",\"maxParticipants\":\"ten\"}", "not the room JSON")]
    [InlineData("not json", "not the room JSON")]
    public async Task BadRoomRequest_Is400(string json, string detailPart)
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms", node.AdminToken(), ApiTokenTests.Json(json));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.BadRequest, detailPart);
    }

    [Fact]
    public async Task RoomScopedTokens_SeeTheirRoomOnly()
    {
        await using var node = await ApiNode.StartAsync();
        foreach (string id in new[] { "r1", "r2" })
        {
            using var created = await node.SendAsync(HttpMethod.Post, "/v1/rooms", node.AdminToken(), ApiTokenTests.Json($"{{\"id\":\"{id}\"}}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var list = await node.SendAsync(HttpMethod.Get, "/v1/rooms", node.AdminToken("r2"));
        using (var body = await Json(list))
        {
            Assert.Equal(["r2"], body.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        }

        // Any grant for the room may read it; not for another room.
        using var get = await node.SendAsync(HttpMethod.Get, "/v1/rooms/r1", node.Token("alice", "r1", AccessTokenGrants.Subscribe));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var other = await node.SendAsync(HttpMethod.Get, "/v1/rooms/r2", node.Token("alice", "r1", AccessTokenGrants.Subscribe));
        await ApiTokenTests.AssertProblem(other, HttpStatusCode.Forbidden, "room 'r2'");
    }

    internal static async Task<JsonDocument> Json(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
