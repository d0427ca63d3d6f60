namespace Gateway.Client.Tests.EndToEnd;

/// <summary>One control-API request as the gateway received it: method, address, headers and body.</summary>
internal sealed record RecordedRequest(string Method, string Uri, byte[] Bytes);

/// <summary>
/// Keeps a copy of every request the clients send the gateway (line, headers and body), so a test can search all
/// the control-API traffic the gateway received.
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Lock _sync = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        using (var head = new StreamWriter(bytes, leaveOpen: true))
        {
            await head.WriteLineAsync($"{request.Method} {request.RequestUri}");
            foreach (var header in request.Headers)
            {
                await head.WriteLineAsync($"{header.Key}: {string.Join(", ", header.Value)}");
            }

            if (request.Content is not null)
            {
                foreach (var header in request.Content.Headers)
                {
                    await head.WriteLineAsync($"{header.Key}: {string.Join(", ", header.Value)}");
                }
            }
        }

        if (request.Content is not null)
        {
            // Buffered first, so the body read here is the body sent.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            await request.Content.CopyToAsync(bytes, cancellationToken);
        }

        lock (_sync)
        {
            _requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri?.ToString() ?? "", bytes.ToArray()));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
