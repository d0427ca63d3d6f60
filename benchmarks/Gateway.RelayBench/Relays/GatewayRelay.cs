using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Relays;

/// <summary>
/// The gateway as a separate process (<c>dotnet gateway.dll run</c>) on one transport: rooms and participants
/// are set up over its HTTP API exactly as a client's backend and clients would (admin token, SDP offers).
/// </summary>
internal sealed class GatewayRelay(string dotnet, string gatewayDll, string transport, string workDirectory, IReadOnlyList<string> extraArguments)
    : IRelayUnderTest
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private ChildProcess? _process;
    private string? _url;

    public int Pid => _process?.Pid ?? 0;

    public async Task<IPEndPoint> StartAsync(IReadOnlyList<ParticipantPlan> participants, CancellationToken cancellationToken)
    {
        (byte[] secret, string secretText) = JwtMinter.NewSecret();
        var minter = new JwtMinter(secret);
        int[] ports = FreePorts.Take(2);
        string url = $"http://127.0.0.1:{ports[0]}";
        _url = url;
        string dataDirectory = Path.Combine(workDirectory, "gateway-" + transport);
        Directory.CreateDirectory(dataDirectory);

        var arguments = new List<string>
        {
            gatewayDll, "run",
            "--urls", url,
            "--data-dir", dataDirectory,
            "--Auth:ApiSecret=" + secretText,
            "--Media:Transport=" + transport,
            "--Media:Address=127.0.0.1",
            "--Media:AnnouncedAddress=127.0.0.1",
            "--Media:Port=" + ports[1].ToString(CultureInfo.InvariantCulture),
            "--Media:Tcp=false",
            "--Shutdown:DrainSeconds=0",
            "--Logging:LogLevel:Default=Warning",
        };
        arguments.AddRange(extraArguments);
        _process = ChildProcess.Start(dotnet, arguments, Path.Combine(workDirectory, $"gateway-{transport}.log"));

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        await WaitReadyAsync(http, cancellationToken).ConfigureAwait(false);

        string admin = minter.Mint("relay-bench", "*", ["admin"], TokenLifetime);
        foreach (int meeting in participants.Select(p => p.Meeting).Distinct())
        {
            int size = participants.Count(p => p.Meeting == meeting);
            double rate = participants.Where(p => p.Meeting == meeting).Max(p => p.PacketsPerSecond);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rooms")
            {
                Content = JsonContent.Create(new Dictionary<string, object>
                {
                    ["id"] = RoomId(meeting),
                    ["e2ee"] = "off",
                    ["maxParticipants"] = Math.Max(size, 2),
                    ["maxPacketsPerSecond"] = (int)Math.Ceiling((rate * 2) + 1000),
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureAsync(response, $"POST /v1/rooms {RoomId(meeting)}", cancellationToken).ConfigureAwait(false);
        }

        IPEndPoint? media = null;
        foreach (ParticipantPlan p in participants)
        {
            string room = RoomId(p.Meeting);
            string token = minter.Mint($"p{p.Index}", room, ["publish", "subscribe"], TokenLifetime);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/rooms/{room}/participants")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(SdpOffer.For(p))),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureAsync(response, $"POST /v1/rooms/{room}/participants (p{p.Index})", cancellationToken).ConfigureAwait(false);
            var answer = SdpAnswer.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            p.ReceiveKey = Convert.ToHexString(answer.KeyAndSalt);
            media ??= answer.Media;
        }

        return media ?? throw new InvalidOperationException("no participants");
    }

    public async Task<string> StopAsync()
    {
        if (_process is null)
        {
            return "";
        }

        string counters = await MediaCountersAsync().ConfigureAwait(false);
        await _process.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return _process.ExitCode == 0 ? counters : $"gateway exited {_process.ExitCode}:{Environment.NewLine}{_process.Tail()}{Environment.NewLine}{counters}";
    }

    /// <summary>The node's non-zero packet and drop counters from /metrics (why packets went missing, if they did).</summary>
    private async Task<string> MediaCountersAsync()
    {
        if (_url is null || _process is null || _process.HasExited)
        {
            return "";
        }

        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(_url), Timeout = TimeSpan.FromSeconds(5) };
            string text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);
            IEnumerable<string> lines = text.Split('\n')
                .Where(l => !l.StartsWith('#') && (l.Contains("packets", StringComparison.Ordinal) || l.Contains("drop", StringComparison.Ordinal)))
                .Where(l => !l.EndsWith(" 0", StringComparison.Ordinal) && !l.Contains("_bucket", StringComparison.Ordinal));
            return string.Join("; ", lines);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            _process.Dispose();
            _process = null;
        }
    }

    private static string RoomId(int meeting) => "bench" + meeting.ToString(CultureInfo.InvariantCulture);

    private async Task WaitReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited ({_process.ExitCode}) while starting:{Environment.NewLine}{_process.Tail()}");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"the gateway was not ready within 30 s:{Environment.NewLine}{_process!.Tail()}");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
    }
}
