using System.Text.Json;
using System.Threading.Channels;

namespace Gateway.Tests.EndToEnd;

/// <summary>A participant's server-sent event stream, read on a background task into a channel of (type, JSON data).</summary>
internal sealed class MeetingEventStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Type, JsonElement Data)> _events = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly Task _reader;

    private MeetingEventStream(HttpResponseMessage response)
    {
        _reader = Task.Run(() => ReadAsync(response));
    }

    public static async Task<MeetingEventStream> OpenAsync(HttpClient http, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new MeetingEventStream(response);
    }

    /// <summary>The next event of <paramref name="type"/> matching <paramref name="match"/>, skipping others; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var (eventType, data) = await _events.Reader.ReadAsync(cancel.Token);
                if (eventType == type && (match is null || match(data)))
                {
                    return data;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no '{type}' event arrived within {timeout ?? TimeSpan.FromSeconds(10)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            string? type = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    type = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal) && type is not null)
                {
                    using var document = JsonDocument.Parse(line["data:".Length..]);
                    _events.Writer.TryWrite((type, document.RootElement.Clone()));
                    type = null;
                }
            }
        }

        _events.Writer.TryComplete();
    }
}
