using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Api;

/// <summary>Reads a participant's server-sent event stream: events (type and JSON data) and comment lines.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<EventStreamReader> OpenAsync(ApiNode node, string participantPath, string token)
    {
        using var request = ApiNode.Request(HttpMethod.Get, participantPath + "/events", token);
        var response = await node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new EventStreamReader(response, stream);
    }

    /// <summary>The next event (comments skipped unless <paramref name="comments"/>: then the comment line is the type), or null at the end of the stream.</summary>
    public async Task<(string Type, JsonElement Data)?> NextAsync(bool comments = false, double timeoutSeconds = 5)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        string? type = null;
        string? data = null;
        while (true)
        {
            string? line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (type is not null && data is not null)
                {
                    using var document = JsonDocument.Parse(data);
                    return (type, document.RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                if (comments)
                {
                    return (line, default);
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }
    }

    /// <summary>Reads until an event of <paramref name="type"/> that <paramref name="match"/> accepts.</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null, double timeoutSeconds = 5)
    {
        var seen = new List<string>();
        while (true)
        {
            var next = await NextAsync(timeoutSeconds: timeoutSeconds);
            if (next is null)
            {
                Assert.Fail($"the stream ended before a '{type}' event; saw {string.Join(", ", seen)}");
            }

            seen.Add($"{next.Value.Type} {next.Value.Data}");
            if (next.Value.Type == type && (match is null || match(next.Value.Data)))
            {
                return next.Value.Data;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
