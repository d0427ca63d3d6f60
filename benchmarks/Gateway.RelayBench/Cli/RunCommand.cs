using System.CommandLine;
using System.Globalization;
using Gateway.Benchmarks.Infrastructure;
using Gateway.RelayBench.Driver;
using Gateway.RelayBench.Relays;
using Gateway.RelayBench.Reporting;

namespace Gateway.RelayBench.Cli;

/// <summary><c>run</c>: the whole benchmark, every mode and scenario, then the report.</summary>
internal static class RunCommand
{
    public static Command Create(IReadOnlyList<string> originalArguments)
    {
        var modes = new Option<string>("--modes")
        {
            Description = "Comma-separated relays to measure: ceiling (C, GRO/GSO), ceiling-plain (C, recvmmsg/sendmmsg only), native, managed (the gateway's transports, one worker like the C relay), native-all-cores (the gateway's default: one worker per core).",
            DefaultValueFactory = _ => "ceiling,ceiling-plain,native,native-all-cores,managed",
        };
        var scenarios = new Option<string>("--scenarios")
        {
            Description = "Comma-separated scenarios: fanout (1 publisher -> N subscribers, video-sized packets), meetings (M meetings x K participants, everyone publishes).",
            DefaultValueFactory = _ => "fanout,meetings",
        };
        var subscribers = new Option<int>("--subscribers") { Description = "N of the fanout scenario.", DefaultValueFactory = _ => 10 };
        var meetings = new Option<int>("--meetings") { Description = "M of the meetings scenario.", DefaultValueFactory = _ => 10 };
        var participants = new Option<int>("--participants") { Description = "K of the meetings scenario.", DefaultValueFactory = _ => 5 };
        var fanoutRate = new Option<double>("--fanout-rate")
        {
            Description = "Packets per second the fanout publisher sends (in bursts of equal-size packets, as a video frame's fragments).",
            DefaultValueFactory = _ => 5000,
        };
        var meetingsRate = new Option<double>("--meetings-rate")
        {
            Description = "Packets per second each publisher of the meetings scenario sends.",
            DefaultValueFactory = _ => 200,
        };
        var fanoutBurst = new Option<int>("--fanout-burst")
        {
            Description = "Packets the fanout publisher sends back to back (one video frame's equal-size fragments; what GRO/GSO batch).",
            DefaultValueFactory = _ => 16,
        };
        var meetingsBurst = new Option<int>("--meetings-burst")
        {
            Description = "Packets each publisher of the meetings scenario sends back to back (1: audio, one packet at a time).",
            DefaultValueFactory = _ => 1,
        };
        var fanoutPayload = new Option<int>("--fanout-payload") { Description = "RTP payload bytes of the fanout scenario (video-sized).", DefaultValueFactory = _ => 1100 };
        var meetingsPayload = new Option<int>("--meetings-payload") { Description = "RTP payload bytes of the meetings scenario (160 audio-sized, 1100 video-sized).", DefaultValueFactory = _ => 160 };
        var sweep = new Option<string>("--sweep")
        {
            Description = "Comma-separated multipliers of the rates, one run each (e.g. 1,2,4,8 to find saturation).",
            DefaultValueFactory = _ => "1",
        };
        var duration = new Option<double>("--duration") { Description = "Measured seconds per case.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup")
        {
            // The runtime's tiered JIT recompiles the gateway's hot methods (tier 0, instrumented, then optimized) in the
            // first seconds of traffic, and methods called about once a second (Kestrel's heartbeat, the metrics
            // exporter) reach their call counts and are recompiled 20-35 s after start: tens of milliseconds of
            // compiler CPU, several percent of a low-rate window (per-thread CPU in docs/performance.md). Steady state
            // is what a relay runs in for days, so the window starts after it.
            Description = "Seconds of traffic before the measurement (the gateway's tiered JIT is done about 35 s after start).",
            DefaultValueFactory = _ => 30,
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Runs of each case, the modes interleaved round by round; the report shows the median run and the range of all runs.",
            DefaultValueFactory = _ => 1,
        };
        var quick = new Option<bool>("--quick")
        {
            Description = "A smoke test: 2 s per case, 0.5 s warm-up, N=4, M=2, K=3 (overrides those options).",
        };
        var spin = new Option<bool>("--spin")
        {
            Description = "The load generator busy-polls its sockets (lowest latency; takes a whole core) instead of sleeping when idle.",
        };
        var idle = new Option<int>("--idle-us")
        {
            Description = "Microseconds the load generator sleeps when a loop found nothing to do (bounds the queueing it adds to latency).",
            DefaultValueFactory = _ => 100,
        };
        var noSendGso = new Option<bool>("--no-send-gso") { Description = "The load generator sends one datagram per packet instead of one GSO call per burst." };
        var gateway = new Option<string>("--gateway")
        {
            Description = "The gateway's built assembly. [default: src/Gateway/bin/Release/net10.0/gateway.dll]",
        };
        var ceiling = new Option<string>("--ceiling")
        {
            Description = "The C relay binary (benchmarks/relay; built with cmake when missing). [default: artifacts/relay-ceiling/relay_ceiling]",
        };
        var gatewayArg = new Option<string[]>("--gateway-arg")
        {
            Description = "An extra argument for `gateway run`, e.g. --gateway-arg=--Media:Workers=1 (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var note = new Option<string[]>("--note")
        {
            Description = "A sentence for the report's Notes section (repeatable), e.g. what was special about this run.",
        };
        var output = new Option<string>("--out")
        {
            Description = "Where relay.md, relay.json and relay.png go. [default: benchmarks/results]",
        };

        var command = new Command("run",
            "Run the end-to-end benchmark: for each scenario, rate and mode start the relay process and a load generator process on "
            + "loopback, and report forwarded packets/s, relay CPU seconds per million forwarded packets, p50/p99 forward latency, loss, "
            + "and packets per CPU-second as a ratio to the C ceiling. Exit codes: 0 done, 1 usage error, 2 a case failed, forwarded "
            + "nothing or delivered packets that did not decrypt.")
        {
            modes, scenarios, subscribers, meetings, participants, fanoutRate, meetingsRate, fanoutBurst, meetingsBurst, fanoutPayload, meetingsPayload,
            sweep, duration, warmup, repeat, quick, spin, idle, noSendGso, gateway, ceiling, gatewayArg, note, output,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string root = RepoPaths.FindRoot();
            bool isQuick = parseResult.GetValue(quick);
            var selectedModes = new List<RelayMode>();
            foreach (string name in Split(parseResult.GetValue(modes)!))
            {
                if (!RelayModes.TryParse(name, out RelayMode mode))
                {
                    await Console.Error.WriteLineAsync($"error: unknown mode '{name}' (ceiling, ceiling-plain, native, native-all-cores, managed).").ConfigureAwait(false);
                    return 1;
                }

                selectedModes.Add(mode);
            }

            int n = isQuick ? 4 : parseResult.GetValue(subscribers);
            int m = isQuick ? 2 : parseResult.GetValue(meetings);
            int k = isQuick ? 3 : parseResult.GetValue(participants);
            var selectedScenarios = new List<Scenario>();
            foreach (string name in Split(parseResult.GetValue(scenarios)!))
            {
                switch (name)
                {
                    case "fanout":
                        selectedScenarios.Add(new Scenario("fanout", $"1 publisher -> {n} subscribers", 1, n + 1, false,
                            parseResult.GetValue(fanoutPayload), parseResult.GetValue(fanoutRate), parseResult.GetValue(fanoutBurst)));
                        break;
                    case "meetings":
                        selectedScenarios.Add(new Scenario("meetings", $"{m} meetings x {k} participants, everyone publishes", m, k, true,
                            parseResult.GetValue(meetingsPayload), parseResult.GetValue(meetingsRate), parseResult.GetValue(meetingsBurst)));
                        break;
                    default:
                        await Console.Error.WriteLineAsync($"error: unknown scenario '{name}' (fanout, meetings).").ConfigureAwait(false);
                        return 1;
                }
            }

            var factors = new List<double>();
            foreach (string f in Split(parseResult.GetValue(sweep)!))
            {
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) || factor <= 0)
                {
                    await Console.Error.WriteLineAsync($"error: --sweep takes positive numbers, not '{f}'.").ConfigureAwait(false);
                    return 1;
                }

                factors.Add(factor);
            }

            string ceilingBinary = parseResult.GetValue(ceiling) ?? Path.Combine(root, "artifacts", "relay-ceiling", "relay_ceiling");
            if (selectedModes.Any(x => !RelayModes.IsGateway(x)) && !await CeilingBuild.EnsureAsync(root, ceilingBinary, Console.Out).ConfigureAwait(false))
            {
                return 1;
            }

            string gatewayDll = parseResult.GetValue(gateway) ?? Path.Combine(root, "src", "Gateway", "bin", "Release", "net10.0", "gateway.dll");
            if (selectedModes.Any(RelayModes.IsGateway) && !File.Exists(gatewayDll))
            {
                await Console.Error.WriteLineAsync($"error: {gatewayDll} does not exist: build it (dotnet build -c Release src/Gateway) or pass --gateway.").ConfigureAwait(false);
                return 1;
            }

            var settings = new BenchSettings
            {
                Modes = selectedModes,
                Scenarios = selectedScenarios,
                RateFactors = factors,
                DurationSeconds = isQuick ? 2 : parseResult.GetValue(duration),
                WarmupSeconds = isQuick ? 0.5 : parseResult.GetValue(warmup),
                Repeat = isQuick ? 1 : Math.Max(1, parseResult.GetValue(repeat)),
                Spin = parseResult.GetValue(spin),
                IdleMicroseconds = Math.Max(1, parseResult.GetValue(idle)),
                SendGso = !parseResult.GetValue(noSendGso),
                RepoRoot = root,
                Dotnet = DotnetHost(),
                GatewayDll = gatewayDll,
                CeilingBinary = ceilingBinary,
                OutputDirectory = parseResult.GetValue(output) ?? Path.Combine(root, "benchmarks", "results"),
                GatewayArguments = parseResult.GetValue(gatewayArg) ?? [],
                OriginalArguments = originalArguments,
                Quick = isQuick,
                Notes = parseResult.GetValue(note) ?? [],
            };

            List<CaseResult> results = await new BenchDriver(settings, Console.Out).RunAsync(cancellationToken).ConfigureAwait(false);
            RelayReport.Write(settings, results, Console.Out);

            // For a CI smoke test (--quick): a case that failed, forwarded nothing or delivered packets that do
            // not decrypt is an error; loss and ratios are measurements, not failures.
            List<CaseResult> broken = [.. results.Where(r => r.Error is not null || r.Load is null || r.Load.Received == 0 || r.Load.DecryptFailures > 0)];
            foreach (CaseResult r in broken)
            {
                await Console.Error.WriteLineAsync($"relay-bench: {r.Scenario}/{r.Mode} is broken: {r.Error ?? (r.Load is null ? "no result" : $"received {r.Load.Received}, decrypt failures {r.Load.DecryptFailures}")}")
                    .ConfigureAwait(false);
            }

            return broken.Count > 0 ? 2 : 0;
        });
        return command;
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The dotnet host running this process (children run on the same one), else "dotnet" from PATH.</summary>
    private static string DotnetHost()
    {
        string? path = Environment.ProcessPath;
        return path is not null && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
