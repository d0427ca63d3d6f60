using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.RelayBench.Cli;
using Gateway.RelayBench.Driver;
using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Reporting;

/// <summary>benchmarks/results/relay.md, relay.json and relay.png.</summary>
internal static class RelayReport
{
    /// <summary>The issue's target: the native transport at least this fraction of the ceiling's packets per CPU-second.</summary>
    public const double TargetRatio = 0.8;

    public static void Write(BenchSettings settings, IReadOnlyList<CaseResult> results, TextWriter console)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = settings.Quick ? "relay-quick" : "relay";
        string mdPath = Path.Combine(settings.OutputDirectory, stem + ".md");
        string jsonPath = Path.Combine(settings.OutputDirectory, stem + ".json");
        string pngPath = Path.Combine(settings.OutputDirectory, stem + ".png");

        string command = Command(settings.OriginalArguments);
        var json = new Dictionary<string, object?>
        {
            ["command"] = command,
            ["generatedUtc"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            ["machine"] = MachineFacts.Lines().ToArray(),
            ["durationSeconds"] = settings.DurationSeconds,
            ["warmupSeconds"] = settings.WarmupSeconds,
            ["results"] = results,
        };
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(json, BenchJson.Options));
        string? png = RelayPlot.TryWrite(results, pngPath, console);
        File.WriteAllText(mdPath, Markdown(settings, results, command, png is null ? null : Path.GetFileName(png)));
        console.WriteLine($"relay-bench: wrote {mdPath}, {jsonPath}{(png is null ? "" : ", " + png)}");
    }

    private static string Markdown(BenchSettings settings, IReadOnlyList<CaseResult> results, string command, string? png)
    {
        var md = new StringBuilder();
        md.AppendLine("# End-to-end relay benchmark: gateway vs a minimal C relay");
        md.AppendLine();
        md.AppendLine("Every packet is SRTP AEAD_AES_128_GCM: the relay authenticates and decrypts it with the sender's key and, for each other");
        md.AppendLine("participant of the meeting, re-encrypts it with that participant's key (RFC 7714). The relay and the load generator are");
        md.AppendLine("separate processes on 127.0.0.1. *Packets per CPU-second* is forwarded packets ÷ the relay process's user + system CPU");
        md.AppendLine("over the measured window (from /proc/&lt;pid&gt;/stat; on loopback that includes the kernel's delivery of what it sends).");
        md.AppendLine(CultureInfo.InvariantCulture, $"Target (issue 4): native ≥ {TargetRatio:0.0}× the ceiling's packets per CPU-second, no loss below saturation.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        foreach (string line in MachineFacts.Lines())
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        md.AppendLine();
        md.AppendLine("## Command");
        md.AppendLine();
        md.AppendLine("From the repository root (benchmarks/relay/run.sh builds the gateway, the C relay and this driver, then runs it):");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(command);
        md.AppendLine("```");
        md.AppendLine();
        string repeats = settings.Repeat > 1
            ? $", run {settings.Repeat} times with the modes interleaved round by round: each row is the median run, with the range of all runs' packets per CPU-second and the worst run's loss"
            : "";
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Each case: {settings.WarmupSeconds:0.#} s warm-up, {settings.DurationSeconds:0.#} s measured, 0.5 s drain{repeats}. Load generator: "
            + $"{(settings.SendGso ? "one UDP GSO send per publisher burst" : "one datagram per packet")}, "
            + $"{(settings.Spin ? "busy-polling" : $"sleeping {settings.IdleMicroseconds} µs when idle")}."));
        md.AppendLine();
        if (settings.Notes.Count > 0)
        {
            md.AppendLine("Notes on this run:");
            foreach (string n in settings.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
            }

            md.AppendLine();
        }

        md.AppendLine("Modes:");
        foreach (RelayMode mode in RelayModes.All)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- `{RelayModes.Name(mode)}`: {RelayModes.Describe(mode)}");
        }

        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        foreach (IGrouping<string, CaseResult> scenario in results.GroupBy(r => r.Scenario))
        {
            CaseResult first = scenario.First();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Title(first)}");
            md.AppendLine();
            md.AppendLine("| mode | pkt/s per publisher | offered fwd/s | forwarded/s | relay CPU s | relay % of a core | CPU s per M fwd | fwd per CPU-s | × ceiling | × ceiling-plain | p50 µs | p99 µs | loss | dup/reord |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (CaseResult r in scenario)
            {
                if (r.Load is not LoadResult l)
                {
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {r.Mode} | {r.PacketsPerSecondPerPublisher:N0} | {r.OfferedForwardRate:N0} | failed: {Escape(r.Error)} | | | | | | | | | | |");
                    continue;
                }

                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Mode} | {r.PacketsPerSecondPerPublisher:N0} | {r.OfferedForwardRate:N0} | {l.ForwardedPerSecond:N0} | {l.RelayCpuSeconds:0.00} "
                    + $"| {l.RelayCpuSeconds / (l.WindowSeconds + 0.5):P0} | {r.CpuSecondsPerMillion:0.00} | {r.PacketsPerCpuSecond:N0}{Range(r)} | {Ratio(r.RatioToCeiling)} | {Ratio(r.RatioToPlain)} "
                    + $"| {Latency(l.LatencyP50Microseconds)} | {Latency(l.LatencyP99Microseconds)} | {Math.Max(l.Loss, r.WorstLoss):P3} | {l.OutOfOrder} |");
            }

            md.AppendLine();
        }

        md.AppendLine("## Target");
        md.AppendLine();
        List<CaseResult> native = [.. results.Where(r => r.Mode == RelayModes.Name(RelayMode.Native))];
        if (native.Count == 0 || native.All(r => r.RatioToCeiling is null))
        {
            md.AppendLine("Not checked: no native-transport measurement with a ceiling beside it in this run.");
        }
        else
        {
            foreach (CaseResult r in native.Where(r => r.RatioToCeiling is not null))
            {
                CaseResult? managed = results.FirstOrDefault(x => x.Mode == RelayModes.Name(RelayMode.Managed) && x.Scenario == r.Scenario
                    && x.PacketsPerSecondPerPublisher.Equals(r.PacketsPerSecondPerPublisher));
                bool met = r.RatioToCeiling >= TargetRatio && r.Load!.Loss == 0 && r.WorstLoss == 0;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"- {r.Scenario} @ {r.PacketsPerSecondPerPublisher:N0}/s: native {Ratio(r.RatioToCeiling)} of the ceiling, loss {r.Load!.Loss:P3} — "
                    + $"{(met ? "**met**" : "**not met**")}; managed {Ratio(managed?.RatioToCeiling)}.");
            }
        }

        md.AppendLine();
        if (png is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![packets per CPU-second by mode]({png})");
            md.AppendLine();
        }

        md.AppendLine("## What each relay said");
        md.AppendLine();
        md.AppendLine("The C relay's final stats line, or the gateway's non-zero packet and drop counters from /metrics:");
        md.AppendLine();
        foreach (CaseResult r in results.Where(r => !string.IsNullOrWhiteSpace(r.RelayReport) || r.Error is not null))
        {
            string error = r.Error is null ? "" : " — error: " + Escape(r.Error);
            md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Scenario} @ {r.PacketsPerSecondPerPublisher:N0}/s, {r.Mode}: `{Escape(r.RelayReport)}`{error}");
        }

        md.AppendLine();
        md.AppendLine("## How it is measured");
        md.AppendLine();
        md.AppendLine("- The driver (`run`) starts the relay, admits the participants (the gateway: `POST /v1/rooms` with an admin token and one");
        md.AppendLine("  `POST /v1/rooms/{room}/participants` SDES offer per participant, each with a token minted from the node's API secret;");
        md.AppendLine("  the C relay: a participants file with the same keys), then starts the load generator (`loadgen`) as its own process.");
        md.AppendLine("- The load generator has one native batched UDP socket per participant. Publishers send at a fixed rate, in bursts of");
        md.AppendLine("  equal-size packets (what is due since the last loop), each packet stamped with its send time; every subscriber decrypts");
        md.AppendLine("  what it receives with SrtpSession and checks it. Loss = 1 − received ÷ (sent × other participants), over the packets");
        md.AppendLine("  sent in the measured window; latency is receive − send on the same monotonic clock, so it includes the load");
        md.AppendLine("  generator's own queueing (up to its idle sleep, --idle-us, unless --spin).");
        md.AppendLine("- The relay's CPU is sampled from /proc/&lt;pid&gt;/stat at the start of the window and after the drain.");
        md.AppendLine("- The C relay (benchmarks/relay/relay_ceiling.c) is one thread on one socket: recvmmsg (32), SRTP unprotect with the");
        md.AppendLine("  sender's key (RFC 3711 KDF, RFC 7714 IV, ROC estimation, 64-packet replay window), then per receiver a copy protected");
        md.AppendLine("  with the receiver's key, sent with sendmmsg — with `--gro --gso` it receives UDP_GRO-coalesced buffers and sends each");
        md.AppendLine("  receiver's run of equal-size packets as one UDP_SEGMENT message. AES-GCM is libgateway_native's, the same as the gateway's.");
        return md.ToString();
    }

    private static string Title(CaseResult r) => r.Scenario == "fanout"
        ? string.Create(CultureInfo.InvariantCulture, $"1 publisher → {r.ParticipantsPerMeeting - 1} subscribers, {r.PayloadSize} B payloads in bursts of {r.BurstPackets}")
        : string.Create(CultureInfo.InvariantCulture, $"{r.Meetings} meetings × {r.ParticipantsPerMeeting} participants, everyone publishes, {r.PayloadSize} B payloads in bursts of {r.BurstPackets}");

    // The histogram ends at 200 ms: beyond it a quantile only says "more".
    private static string Latency(double microseconds) => microseconds > LatencyHistogram.RangeMicroseconds
        ? string.Create(CultureInfo.InvariantCulture, $"> {LatencyHistogram.RangeMicroseconds}")
        : microseconds.ToString("0", CultureInfo.InvariantCulture);

    // " (1.12–1.70 M, 5 runs)" after a median of several runs.
    private static string Range(CaseResult r) => r.RunsPacketsPerCpuSecond.Count < 2 ? "" : string.Create(CultureInfo.InvariantCulture,
        $" ({r.RunsPacketsPerCpuSecond[0] / 1e6:0.00}–{r.RunsPacketsPerCpuSecond[^1] / 1e6:0.00} M, {r.RunsPacketsPerCpuSecond.Count} runs)");

    private static string Ratio(double? ratio) => ratio is double x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Escape(string? text) => (text ?? "").Split('\n')[0].Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    private static string Command(IReadOnlyList<string> args)
    {
        var line = new StringBuilder("benchmarks/relay/run.sh");
        foreach (string arg in args.Skip(args.Count > 0 && args[0] == "run" ? 1 : 0))
        {
            bool plain = arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',');
            line.Append(' ').Append(plain ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        }

        return line.ToString();
    }
}
