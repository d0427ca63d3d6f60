using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Relays;

/// <summary>benchmarks/relay/relay_ceiling: the minimal C relay, with or without GRO/GSO.</summary>
internal sealed class CeilingRelay(string binary, bool groGso, string workDirectory) : IRelayUnderTest
{
    private ChildProcess? _process;

    public int Pid => _process?.Pid ?? 0;

    public async Task<IPEndPoint> StartAsync(IReadOnlyList<ParticipantPlan> participants, CancellationToken cancellationToken)
    {
        // The C relay takes its participants from a file: meeting, SSRC, both keys, and the address to send
        // to before the participant's first packet (what an SDP offer's c=/m= lines give the gateway).
        var file = new StringBuilder();
        foreach (ParticipantPlan p in participants)
        {
            file.AppendLine(CultureInfo.InvariantCulture, $"{p.Meeting} {p.Ssrc} {p.SendKey} {p.ReceiveKey} 127.0.0.1:{p.LocalPort}");
        }

        string path = Path.Combine(workDirectory, "ceiling-participants.txt");
        await File.WriteAllTextAsync(path, file.ToString(), cancellationToken).ConfigureAwait(false);

        var arguments = new List<string> { "--participants", path, "--bind", "127.0.0.1" };
        if (groGso)
        {
            arguments.Add("--gro");
            arguments.Add("--gso");
        }

        _process = ChildProcess.Start(binary, arguments, Path.Combine(workDirectory, groGso ? "ceiling.log" : "ceiling-plain.log"));
        string? listening = await _process.WaitForLineAsync(l => l.Contains("\"listening\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10), cancellationToken)
            .ConfigureAwait(false);
        if (listening is null)
        {
            throw new InvalidOperationException($"relay_ceiling did not start:{Environment.NewLine}{_process.Tail()}");
        }

        using JsonDocument doc = JsonDocument.Parse(listening);
        int port = doc.RootElement.GetProperty("port").GetInt32();
        return new IPEndPoint(IPAddress.Loopback, port);
    }

    public async Task<string> StopAsync()
    {
        if (_process is null)
        {
            return "";
        }

        await _process.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return _process.Lines.LastOrDefault(l => l.Contains("\"final\"", StringComparison.Ordinal)) ?? _process.Tail(5);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            _process.Dispose();
            _process = null;
        }
    }
}
