using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.RelayBench.Cli;
using Gateway.RelayBench.Load;
using Gateway.RelayBench.Relays;

namespace Gateway.RelayBench.Driver;

/// <summary>
/// Runs every (scenario, rate, mode) case: start the relay process, admit the participants, start the load
/// generator process with the plan, collect its result, stop the relay.
/// </summary>
internal sealed class BenchDriver(BenchSettings settings, TextWriter console)
{
    private const int DrainMilliseconds = 500;

    public async Task<List<CaseResult>> RunAsync(CancellationToken cancellationToken)
    {
        string work = Path.Combine(Path.GetTempPath(), "relay-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        console.WriteLine($"relay-bench: work directory {work} (relay logs, plans, results)");
        var results = new List<CaseResult>();
        foreach (Scenario baseScenario in settings.Scenarios)
        {
            foreach (double factor in settings.RateFactors)
            {
                Scenario scenario = baseScenario.WithRateFactor(factor);
                var runs = new List<CaseResult>[settings.Modes.Count];
                for (int round = 0; round < settings.Repeat; round++)
                {
                    // Round by round (ceiling, native, ..., ceiling, native, ...) so a slow minute of the shared
                    // machine weighs on every mode alike.
                    for (int m = 0; m < settings.Modes.Count; m++)
                    {
                        CaseResult result = await RunCaseAsync(scenario, settings.Modes[m], work, cancellationToken).ConfigureAwait(false);
                        (runs[m] ??= []).Add(result);
                        console.WriteLine(Summary(result));
                    }
                }

                foreach (List<CaseResult> modeRuns in runs)
                {
                    results.Add(Median(modeRuns));
                }
            }
        }

        ComputeRatios(results);
        return results;
    }

    private async Task<CaseResult> RunCaseAsync(Scenario scenario, RelayMode mode, string work, CancellationToken cancellationToken)
    {
        var result = new CaseResult
        {
            Scenario = scenario.Name,
            Mode = RelayModes.Name(mode),
            Meetings = scenario.Meetings,
            ParticipantsPerMeeting = scenario.ParticipantsPerMeeting,
            PayloadSize = scenario.PayloadSize,
            PacketsPerSecondPerPublisher = scenario.PacketsPerSecond,
            BurstPackets = scenario.BurstPackets,
            OfferedForwardRate = scenario.OfferedForwardRate,
        };
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay-bench: {scenario.Name} ({scenario.Title}) at {scenario.PacketsPerSecond:0} pkt/s per publisher, {RelayModes.Describe(mode)} ..."));

        string caseName = $"{scenario.Name}-{scenario.PacketsPerSecond:0}-{RelayModes.Name(mode)}".Replace(' ', '_');
        string caseDirectory = Path.Combine(work, caseName);
        Directory.CreateDirectory(caseDirectory);
        List<ParticipantPlan> participants = Participants(scenario);
        IRelayUnderTest relay = mode switch
        {
            RelayMode.Ceiling => new CeilingRelay(settings.CeilingBinary, groGso: true, caseDirectory),
            RelayMode.CeilingPlain => new CeilingRelay(settings.CeilingBinary, groGso: false, caseDirectory),
            // One worker, like the single-threaded C relay, unless the mode measures the default of one per core
            // (--gateway-arg values come last and win).
            RelayMode.Native => new GatewayRelay(settings.Dotnet, settings.GatewayDll, "native", caseDirectory, ["--Media:Workers=1", .. settings.GatewayArguments]),
            RelayMode.NativeAllCores => new GatewayRelay(settings.Dotnet, settings.GatewayDll, "native", caseDirectory, ["--Media:Workers=0", .. settings.GatewayArguments]),
            _ => new GatewayRelay(settings.Dotnet, settings.GatewayDll, "managed", caseDirectory, ["--Media:Workers=1", .. settings.GatewayArguments]),
        };
        await using (relay.ConfigureAwait(false))
        {
            try
            {
                IPEndPoint media = await relay.StartAsync(participants, cancellationToken).ConfigureAwait(false);
                var plan = new LoadPlan
                {
                    Relay = media.ToString(),
                    RelayPid = relay.Pid,
                    WarmupSeconds = settings.WarmupSeconds,
                    DurationSeconds = settings.DurationSeconds,
                    DrainMilliseconds = DrainMilliseconds,
                    Spin = settings.Spin,
                    IdleMicroseconds = settings.IdleMicroseconds,
                    SendGso = settings.SendGso,
                    Participants = participants,
                };
                result.Load = await RunLoadgenAsync(plan, caseDirectory, cancellationToken).ConfigureAwait(false);
                result.RelayReport = await relay.StopAsync().ConfigureAwait(false);
                Derive(result);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or FormatException or IOException
                or JsonException or TaskCanceledException)
            {
                result.Error = e.Message;
                result.RelayReport = await relay.StopAsync().ConfigureAwait(false);
            }
        }

        return result;
    }

    private async Task<LoadResult> RunLoadgenAsync(LoadPlan plan, string caseDirectory, CancellationToken cancellationToken)
    {
        string planPath = Path.Combine(caseDirectory, "plan.json");
        string resultPath = Path.Combine(caseDirectory, "loadgen-result.json");
        await File.WriteAllTextAsync(planPath, JsonSerializer.Serialize(plan, BenchJson.Options), cancellationToken).ConfigureAwait(false);
        string self = Path.Combine(AppContext.BaseDirectory, "Gateway.RelayBench.dll");
        using ChildProcess loadgen = ChildProcess.Start(settings.Dotnet, [self, "loadgen", "--plan", planPath, "--out", resultPath],
            Path.Combine(caseDirectory, "loadgen.log"));
        TimeSpan limit = TimeSpan.FromSeconds(plan.WarmupSeconds + plan.DurationSeconds + 60);
        if (!await loadgen.WaitForExitAsync(limit).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"the load generator did not finish within {limit.TotalSeconds:0} s:{Environment.NewLine}{loadgen.Tail()}");
        }

        if (loadgen.ExitCode != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"the load generator failed ({loadgen.ExitCode}):{Environment.NewLine}{loadgen.Tail()}");
        }

        await using FileStream stream = File.OpenRead(resultPath);
        return await JsonSerializer.DeserializeAsync<LoadResult>(stream, BenchJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("empty load generator result");
    }

    /// <summary>The scenario's participants with fresh keys (the relay fills in its own keys where it picks them).</summary>
    private static List<ParticipantPlan> Participants(Scenario scenario)
    {
        int count = scenario.Meetings * scenario.ParticipantsPerMeeting;
        int[] ports = FreePorts.Take(count);
        var list = new List<ParticipantPlan>(count);
        for (int m = 0; m < scenario.Meetings; m++)
        {
            for (int k = 0; k < scenario.ParticipantsPerMeeting; k++)
            {
                int index = list.Count;
                bool publish = scenario.EveryonePublishes || k == 0;
                list.Add(new ParticipantPlan
                {
                    Index = index,
                    Meeting = m,
                    LocalPort = ports[index],
                    Ssrc = 0x10000000u + (uint)index,
                    Publish = publish,
                    PayloadSize = scenario.PayloadSize,
                    PacketsPerSecond = publish ? scenario.PacketsPerSecond : 0,
                    BurstPackets = scenario.BurstPackets,
                    SendKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(28)),
                    ReceiveKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(28)),
                });
            }
        }

        return list;
    }

    /// <summary>The run with the median packets per CPU-second (a failed run counts as the lowest), with every run's figure.</summary>
    private static CaseResult Median(List<CaseResult> runs)
    {
        if (runs.Count == 1)
        {
            runs[0].WorstLoss = runs[0].Load?.Loss ?? 0;
            return runs[0];
        }

        List<CaseResult> ordered = [.. runs.OrderBy(r => r.Load is null ? -1 : r.PacketsPerCpuSecond)];
        CaseResult median = ordered[ordered.Count / 2];
        median.RunsPacketsPerCpuSecond = [.. ordered.Select(r => r.PacketsPerCpuSecond)];
        median.WorstLoss = runs.Max(r => r.Load?.Loss ?? 0);
        return median;
    }

    private static void Derive(CaseResult result)
    {
        LoadResult load = result.Load!;
        double cpu = load.RelayCpuSeconds;
        if (load.Received > 0 && cpu > 0)
        {
            result.PacketsPerCpuSecond = load.Received / cpu;
            result.CpuSecondsPerMillion = cpu / load.Received * 1e6;
        }
    }

    private static void ComputeRatios(List<CaseResult> results)
    {
        foreach (CaseResult r in results)
        {
            CaseResult? Find(RelayMode mode) => results.FirstOrDefault(c => c.Scenario == r.Scenario
                && c.PacketsPerSecondPerPublisher.Equals(r.PacketsPerSecondPerPublisher) && c.Mode == RelayModes.Name(mode) && c.PacketsPerCpuSecond > 0);
            if (r.PacketsPerCpuSecond <= 0)
            {
                continue;
            }

            if (Find(RelayMode.Ceiling) is CaseResult ceiling)
            {
                r.RatioToCeiling = r.PacketsPerCpuSecond / ceiling.PacketsPerCpuSecond;
            }

            if (Find(RelayMode.CeilingPlain) is CaseResult plain)
            {
                r.RatioToPlain = r.PacketsPerCpuSecond / plain.PacketsPerCpuSecond;
            }
        }
    }

    private static string Summary(CaseResult r)
    {
        if (r.Load is not LoadResult l)
        {
            return $"  -> failed: {r.Error}";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"  -> forwarded {l.ForwardedPerSecond:N0}/s, relay CPU {l.RelayCpuSeconds:0.00} s ({r.CpuSecondsPerMillion:0.00} s per M), "
            + $"{r.PacketsPerCpuSecond:N0} pkt per CPU-s, loss {l.Loss:P3}, p50 {l.LatencyP50Microseconds:0} µs, p99 {l.LatencyP99Microseconds:0} µs, "
            + $"decrypt failures {l.DecryptFailures}");
    }
}
