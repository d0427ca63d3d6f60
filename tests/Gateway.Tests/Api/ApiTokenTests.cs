using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Auth;

namespace Gateway.Tests.Api;

/// <summary>Every control API call checks its token before anything else: 401 with a Bearer challenge, or 403.</summary>
public sealed class ApiTokenTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/v1/rooms" },
        { "GET", "/v1/rooms" },
        { "GET", "/v1/rooms/r1" },
        { "DELETE", "/v1/rooms/r1" },
        { "POST", "/v1/rooms/r1/participants" },
        { "DELETE", "/v1/rooms/r1/participants/p1" },
        { "GET", "/v1/rooms/r1/participants/p1/events" },
        { "POST", "/v1/rooms/r1/participants/p1/messages" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryEndpoint_WithoutToken_Is401_WithABearerChallenge(string method, string path)
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(new HttpMethod(method), path, token: null, new ByteArrayContent([1, 2, 3]));

        await AssertProblem(response, HttpStatusCode.Unauthorized, "Bearer");
        Assert.Equal("Bearer realm=\"gateway\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryEndpoint_WithAGarbageToken_Is401_InvalidToken(string method, string path)
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(new HttpMethod(method), path, "not.a.jwt", new ByteArrayContent([1, 2, 3]));

        await AssertProblem(response, HttpStatusCode.Unauthorized, "gateway token create");
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BasicCredentials_Are401()
    {
        await using var node = await ApiNode.StartAsync();
        using var request = ApiNode.Request(HttpMethod.Get, "/v1/rooms", token: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:admin")));

        using var response = await node.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertProblem(response, HttpStatusCode.Unauthorized, "Bearer");
    }

    [Fact]
    public async Task ExpiredToken_Is401_AndSaysSo()
    {
        await using var node = await ApiNode.StartAsync();
        var twoHoursAgo = new FixedTime(DateTimeOffset.UtcNow.AddHours(-2));
        string token = new AccessTokenIssuer(node.Service<ApiSecret>(), twoHoursAgo).Issue("backend", "*", AccessTokenGrants.Admin, TimeSpan.FromMinutes(5));

        using var response = await node.SendAsync(HttpMethod.Get, "/v1/rooms", token);

        await AssertProblem(response, HttpStatusCode.Unauthorized, "expired");
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenOfAnotherSecret_Is401()
    {
        await using var node = await ApiNode.StartAsync();
        string token = new AccessTokenIssuer(new ApiSecret(RandomNumberGenerator.GetBytes(32), "test")).Issue("backend", "*", AccessTokenGrants.Admin, TimeSpan.FromMinutes(5));

        using var response = await node.SendAsync(HttpMethod.Get, "/v1/rooms", token);

        await AssertProblem(response, HttpStatusCode.Unauthorized, "API secret");
    }

    [Fact]
    public async Task TokenForAnotherRoom_Is403_InsufficientScope()
    {
        await using var node = await ApiNode.StartAsync();
        string token = node.Token("alice", "r2", AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", token, Sdp(ApiOffers.Audio(1)));

        await AssertProblem(response, HttpStatusCode.Forbidden, "room 'r1'");
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingARoom_WithoutAdmin_Is403()
    {
        await using var node = await ApiNode.StartAsync();
        string token = node.Token("alice", "*", AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms", token, Json("{\"id\":\"r1\"}"));

        await AssertProblem(response, HttpStatusCode.Forbidden, "admin");
    }

    [Fact]
    public async Task CreatingARoom_WithAnAdminTokenForAnotherRoom_Is403()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms", node.AdminToken("r2"), Json("{\"id\":\"r1\"}"));

        await AssertProblem(response, HttpStatusCode.Forbidden, "room 'r1'");
    }

    [Fact]
    public async Task ListingRooms_WithoutAdmin_Is403()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Get, "/v1/rooms", node.Token("alice", "*", AccessTokenGrants.Subscribe));

        await AssertProblem(response, HttpStatusCode.Forbidden, "admin");
    }

    [Fact]
    public async Task EndingARoom_WithoutAdmin_Is403()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Delete, "/v1/rooms/r1", node.Token("alice", "r1", AccessTokenGrants.Publish));

        await AssertProblem(response, HttpStatusCode.Forbidden, "admin");
    }

    [Fact]
    public async Task Joining_WithAnAdminOnlyToken_Is403()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.AdminToken(), Sdp(ApiOffers.Audio(1)));

        await AssertProblem(response, HttpStatusCode.Forbidden, "publish");
    }

    [Fact]
    public async Task PublishingOffer_WithASubscribeOnlyToken_Is403()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Post, "/v1/rooms/r1/participants", node.Token("alice", "r1", AccessTokenGrants.Subscribe), Sdp(ApiOffers.Audio(1)));

        await AssertProblem(response, HttpStatusCode.Forbidden, "--grant publish");
    }

    internal static StringContent Sdp(string offer) => new(offer, Encoding.UTF8, "application/sdp");

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> whose detail contains <paramref name="detailPart"/>.</summary>
    internal static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        string detail = body.RootElement.GetProperty("detail").GetString() ?? "";
        Assert.Contains(detailPart, detail, StringComparison.Ordinal);
        return detail;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
