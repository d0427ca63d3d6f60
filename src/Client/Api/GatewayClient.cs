using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Api;

/// <summary>
/// The gateway's control API (docs/api.md) over HTTP: rooms, joins (SDES SDP offer → answer), and through the
/// <see cref="MeetingSession"/> a join returns, leave, events and messages. Errors are typed:
/// <see cref="GatewayApiException"/> for an error answer (status and problem details),
/// <see cref="GatewayUnreachableException"/> when nothing answered, <see cref="GatewayProtocolException"/> for an
/// answer this client cannot use. Thread-safe; one client serves many sessions.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private static readonly MediaTypeHeaderValue SdpType = new("application/sdp");
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client of the gateway whose control API is at <paramref name="baseAddress"/> (for example http://127.0.0.1:8080).</summary>
    public GatewayClient(Uri baseAddress)
        : this(new HttpClient { BaseAddress = baseAddress ?? throw new ArgumentNullException(nameof(baseAddress)), Timeout = TimeSpan.FromSeconds(30) }, ownsHttpClient: true)
    {
    }

    /// <summary>A client on <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the control API; disposed with this client when <paramref name="ownsHttpClient"/>.</summary>
    public GatewayClient(HttpClient http, bool ownsHttpClient = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress: the gateway's control API.", nameof(http));
        }

        _http = http;
        _ownsHttp = ownsHttpClient;
    }

    /// <summary>The control API's address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Creates a room, or finds it when it exists (then <see cref="RoomInfo.Created"/> is false and the room is as it was). Needs an admin token.</summary>
    public async Task<RoomInfo> CreateRoomAsync(string adminToken, RoomOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("id", options.Id);
            json.WriteString("e2ee", PolicyName(options.E2ee));
            if (options.MaxParticipants is int participants)
            {
                json.WriteNumber("maxParticipants", participants);
            }

            if (options.MaxPacketsPerSecond is int pps)
            {
                json.WriteNumber("maxPacketsPerSecond", pps);
            }

            json.WriteEndObject();
        }

        using var request = Request(HttpMethod.Post, "/v1/rooms", adminToken);
        request.Content = new ByteArrayContent(body.ToArray());
        request.Content.Headers.ContentType = JsonType;
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ParseRoom(text, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>The room <paramref name="room"/> as the gateway has it now.</summary>
    public async Task<RoomInfo> GetRoomAsync(string token, string room, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "/v1/rooms/" + Uri.EscapeDataString(room), token);
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return ParseRoom(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), created: false);
    }

    /// <summary>Ends the room: every participant leaves and gets <c>closed</c>. Needs an admin token.</summary>
    public async Task DeleteRoomAsync(string adminToken, string room, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, "/v1/rooms/" + Uri.EscapeDataString(room), adminToken);
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Joins <paramref name="room"/> with <paramref name="token"/> (publish grant; subscribe for a receive-only join):
    /// binds the participant's UDP socket, offers its tracks with a fresh SRTP key, reads the answer, and starts the
    /// media and (unless <see cref="JoinRequest.OpenEvents"/> is off) the event stream. A room that requires E2EE
    /// refuses a join without <see cref="JoinRequest.E2ee"/> with a 403 <see cref="GatewayApiException"/>.
    /// </summary>
    public async Task<MeetingSession> JoinAsync(string room, string token, JoinRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();

        SrtpProfile profile = request.SrtpSuite;
        byte[] ownKey = RandomNumberGenerator.GetBytes(profile.MasterKeyLength() + profile.MasterSaltLength());
        var transport = new MediaTransport(request.LocalEndpoint);
        MeetingSession? session = null;
        try
        {
            string offer = SdpOffer.Write(request, transport.LocalEndpoint, ownKey);
            string path = "/v1/rooms/" + Uri.EscapeDataString(room) + "/participants";
            using var post = Request(HttpMethod.Post, path, token);
            post.Content = new StringContent(offer, Encoding.UTF8);
            post.Content.Headers.ContentType = SdpType;
            using HttpResponseMessage response = await SendAsync(post, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            string answerText = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string participantPath = response.Headers.Location?.OriginalString
                ?? throw new GatewayProtocolException($"POST {path} answered {(int)response.StatusCode} without a Location header.");
            string participantId = participantPath[(participantPath.LastIndexOf('/') + 1)..];
            if (participantId.Length == 0)
            {
                throw new GatewayProtocolException($"POST {path} answered a Location without a participant id: {participantPath}");
            }

            if (!SdpAnswer.TryParse(answerText, profile, out SdpAnswer? answer, out string? error))
            {
                throw new GatewayProtocolException(error);
            }

            transport.Start(answer.MediaEndpoint, profile, ownKey, answer.KeyAndSalt);
            CryptographicOperations.ZeroMemory(answer.KeyAndSalt);
            session = new MeetingSession(this, room, token, participantPath, participantId, request, transport);
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                transport.Dispose();
            }

            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ownKey);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    internal static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Sends <paramref name="request"/>; success answers come back, error answers and no answer become typed exceptions.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        string method = request.Method.Method;
        string path = request.RequestUri?.OriginalString ?? "";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GatewayUnreachableException(BaseAddress, method, path, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayUnreachableException(BaseAddress, method, path, new TimeoutException($"no answer within {_http.Timeout.TotalSeconds:0} s", ex));
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string body = "";
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The status is what matters; a body cut short only loses the detail.
            }

            (string? title, string? detail) = ProblemDetails(body);
            throw new GatewayApiException(method, path, response.StatusCode, title, detail);
        }
    }

    /// <summary>The title and detail of an RFC 9457 body; the body's text as the detail when it is not one.</summary>
    internal static (string? Title, string? Detail) ProblemDetails(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                string? title = document.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                string? detail = document.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (title is not null || detail is not null)
                {
                    return (title, detail);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself is the best detail there is.
        }

        return (null, body.Length > 500 ? body[..500] + "…" : body.Trim());
    }

    internal static string PolicyName(E2eePolicy policy) => policy switch
    {
        E2eePolicy.Required => "required",
        E2eePolicy.Off => "off",
        _ => "optional",
    };

    internal static RoomInfo ParseRoom(string text, bool created)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            string id = root.GetProperty("id").GetString() ?? throw new GatewayProtocolException("the room has no id.");
            E2eePolicy policy = root.TryGetProperty("e2ee", out var e) ? e.GetString() switch
            {
                "required" => E2eePolicy.Required,
                "off" => E2eePolicy.Off,
                _ => E2eePolicy.Optional,
            } : E2eePolicy.Optional;
            int Int(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            DateTimeOffset createdAt = root.TryGetProperty("createdAt", out var c) && c.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(c.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default;
            return new RoomInfo(id, policy, Int("maxParticipants"), Int("maxPacketsPerSecond"), Int("participants"), createdAt, created);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new GatewayProtocolException($"the gateway's room answer is not the documented JSON: {ex.Message}", ex);
        }
    }
}
