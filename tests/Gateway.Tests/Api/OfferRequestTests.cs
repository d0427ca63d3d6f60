using System.Net;
using System.Text;
using Gateway.Auth;

namespace Gateway.Tests.Api;

/// <summary>The join body is checked before the router sees it: size, type and SDP (with the line at fault).</summary>
public sealed class OfferRequestTests
{
    private const string JoinPath = "/v1/rooms/r1/participants";

    [Fact]
    public async Task OfferOver64KiB_Is413()
    {
        await using var node = await ApiNode.StartAsync();
        string offer = ApiOffers.Audio(1) + string.Concat(Enumerable.Repeat("a=x-padding:0123456789abcdef0123456789abcdef\r\n", 1500));
        Assert.True(Encoding.UTF8.GetByteCount(offer) > 64 * 1024);

        using var response = await node.SendAsync(HttpMethod.Post, JoinPath, Publisher(node), ApiTokenTests.Sdp(offer));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "65536 bytes");
    }

    [Fact]
    public async Task ChunkedOfferOver64KiB_Is413_WithoutAContentLength()
    {
        await using var node = await ApiNode.StartAsync();
        var content = new StreamContent(new MemoryStream(new byte[200_000]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/sdp");
        using var request = ApiNode.Request(HttpMethod.Post, JoinPath, Publisher(node), content);
        request.Headers.TransferEncodingChunked = true;

        using var response = await node.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "65536 bytes");
    }

    [Fact]
    public async Task OfferWithAnotherContentType_Is415()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.SendAsync(HttpMethod.Post, JoinPath, Publisher(node), new StringContent(ApiOffers.Audio(1), Encoding.UTF8, "text/plain"));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "application/sdp");
    }

    [Theory]
    [InlineData("m=audio 40000 RTP/SAVPF 111", "m=audio 40000 RTP/SAVPF", "line 6:")]
    [InlineData("a=crypto:1 AEAD_AES_128_GCM inline:", "a=crypto:1 AEAD_AES_128_GCM inline:AAAA", "line 10: a=crypto AEAD_AES_128_GCM key")]
    [InlineData("a=ssrc:1234 cname:test", "a=ssrc:x cname:test", "line 11: a=ssrc needs")]
    [InlineData("RTP/SAVPF 111", "UDP/TLS/RTP/SAVPF 111", "line 6: proto UDP/TLS/RTP/SAVPF is not supported")]
    [InlineData("m=audio", "m=application", "line 6: m=application is not supported")]
    [InlineData("AEAD_AES_128_GCM", "F8_128_HMAC_SHA1_80", "line 6: no a=crypto with a suite this gateway supports")]
    [InlineData("t=0 0", "t=0 0\r\na=e2ee:pgp", "a=e2ee:pgp is not a scheme")]
    public async Task BadOffer_Is400_NamingTheLine(string replace, string with, string detailPart)
    {
        await using var node = await ApiNode.StartAsync();
        string offer = ApiOffers.Audio(1234);
        int at = offer.IndexOf(replace, StringComparison.Ordinal);
        Assert.True(at >= 0, replace);
        offer = string.Concat(offer.AsSpan(0, at), with, offer.AsSpan(at + replace.Length));
        if (replace.EndsWith("inline:", StringComparison.Ordinal))
        {
            // Drop the rest of the real key so the line carries only the short one.
            int end = offer.IndexOf("\r\n", at, StringComparison.Ordinal);
            offer = string.Concat(offer.AsSpan(0, at + with.Length), offer.AsSpan(end));
        }

        using var response = await node.SendAsync(HttpMethod.Post, JoinPath, Publisher(node), ApiTokenTests.Sdp(offer));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.BadRequest, detailPart);
    }

    [Fact]
    public async Task TwoKeysForOneParticipant_Is400()
    {
        await using var node = await ApiNode.StartAsync();
        string offer = ApiOffers.AudioVideo(1, 2, 3);
        int second = offer.LastIndexOf("inline:", StringComparison.Ordinal) + "inline:".Length;
        offer = string.Concat(offer.AsSpan(0, second), ApiOffers.Key(), offer.AsSpan(second + 40));

        using var response = await node.SendAsync(HttpMethod.Post, JoinPath, Publisher(node), ApiTokenTests.Sdp(offer));

        await ApiTokenTests.AssertProblem(response, HttpStatusCode.BadRequest, "same a=crypto suite and key");
    }

    [Fact]
    public async Task KeysAndSdp_NeverReachTheLog()
    {
        await using var node = await ApiNode.StartAsync("--Logging:LogLevel:Default=Trace");
        string key = ApiOffers.Key();
        string offer = ApiOffers.Audio(1).Replace("a=ssrc:1 cname:test", $"a=ssrc:x cname:test\r\na=crypto:2 AEAD_AES_128_GCM inline:{key}", StringComparison.Ordinal);

        using var response = await node.SendAsync(HttpMethod.Post, JoinPath, Publisher(node), ApiTokenTests.Sdp(offer));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(node.Log.Entries, e => e.Message.Contains(key[..12], StringComparison.Ordinal) || e.Message.Contains("inline:", StringComparison.Ordinal));
    }

    private static string Publisher(ApiNode node) => node.Token("alice", "r1", AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);
}
