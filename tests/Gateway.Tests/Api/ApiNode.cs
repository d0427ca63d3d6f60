using System.Net.Http.Headers;
using Gateway.Auth;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

/// <summary>
/// A real node (<see cref="RunningNode"/>: GatewayHost.Create on 127.0.0.1, media on a free port) with the
/// helpers the control API tests share: tokens minted with its API secret and authorized requests.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly RunningNode _node;

    private ApiNode(RunningNode node)
    {
        _node = node;
    }

    public HttpClient Http => _node.Http;

    public CollectingLoggerProvider Log => _node.Log;

    public static async Task<ApiNode> StartAsync(params string[] configuration) =>
        new(await RunningNode.StartAsync(configuration));

    public T Service<T>()
        where T : notnull => _node.Service<T>();

    /// <summary>A token minted with this node's API secret.</summary>
    internal string Token(string identity, string room, AccessTokenGrants grants, TimeSpan? lifetime = null) =>
        Service<AccessTokenIssuer>().Issue(identity, room, grants, lifetime ?? TimeSpan.FromMinutes(10));

    internal string AdminToken(string room = "*") => Token("backend", room, AccessTokenGrants.Admin);

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = Request(method, path, token, content);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
