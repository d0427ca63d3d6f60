using System.CommandLine;
using System.Globalization;
using Gateway.Client.Api;
using Gateway.LoadGen.Auth;
using Gateway.LoadGen.Report;
using Gateway.LoadGen.Run;
using Spectre.Console;

namespace Gateway.LoadGen.Cli;

/// <summary><c>gateway-loadgen run</c>: the load run, its live view, its table, JSON report and plot.</summary>
internal static class RunCommand
{
    public const string DefaultGateway = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var gateway = new Option<string>("--gateway") { Description = $"The node's control API. [default: {DefaultGateway}]", HelpName = "url" };
        var token = new Option<string>("--token") { Description = "One access token for every call: room '*', grants admin,publish,subscribe (from `gateway token create --room '*' --identity loadgen --grant admin,publish,subscribe`).", HelpName = "jwt" };
        var apiSecret = new Option<string>("--api-secret") { Description = "The node's API secret (base64url, config Auth:ApiSecret): tokens are minted with it.", HelpName = "secret" };
        var dataDir = new Option<string>("--data-dir") { Description = "The node's data directory: tokens are minted with its api-secret file, as `gateway token create` does. [default: ./data]", HelpName = "dir" };
        var meetings = new Option<int>("--meetings") { Description = "Meetings (rooms) to create.", HelpName = "M", DefaultValueFactory = _ => 1 };
        var participants = new Option<int>("--participants") { Description = "Participants per meeting; each publishes audio and receives the others.", HelpName = "K", DefaultValueFactory = _ => 3 };
        var duration = new Option<string>("--duration") { Description = "How long media flows: 500ms, 10s, 2m. [default: 10s]", HelpName = "time" };
        var e2ee = new Option<string>("--e2ee") { Description = "End-to-end encryption (SFrame) of the media: on or off. On creates rooms that require it. [default: off]", HelpName = "on|off" };
        var opusBitrate = new Option<int>("--opus-bitrate") { Description = "Opus bitrate in bits per second.", HelpName = "bps", DefaultValueFactory = _ => 48000 };
        var videoBitrate = new Option<int>("--video-bitrate") { Description = "Synthetic video per participant in bits per second; 0 for audio only. [default: 0]", HelpName = "bps" };
        var fps = new Option<int>("--fps") { Description = "Synthetic video frames per second.", HelpName = "n", DefaultValueFactory = _ => 30 };
        var keyframeInterval = new Option<string>("--keyframe-interval") { Description = "Time between synthetic video keyframes. [default: 2s]", HelpName = "time" };
        var json = new Option<string>("--json") { Description = "Write the report as JSON to this file.", HelpName = "file" };
        var plot = new Option<string>("--plot") { Description = "Write latency and jitter over time as a PNG to this file.", HelpName = "file.png" };
        var qualitySeconds = new Option<double>("--quality-seconds") { Description = "Seconds of each received stream compared with its source.", HelpName = "s", DefaultValueFactory = _ => 5 };
        var snrThreshold = new Option<double>("--snr-threshold") { Description = "The least SNR in dB a stream must have to pass.", HelpName = "dB", DefaultValueFactory = _ => 20 };
        var encode = new Option<string>("--encode")
        {
            Description = $"How senders make Opus: live (Concentus per frame, ~0.3 ms of CPU each), preencoded (a few sources encoded once up front and replayed in loops, "
                + $"with fresh RTP and real SFrame + SRTP per packet), or auto: preencoded above {LoadOptions.LiveEncodeLimit} participants. [default: auto]",
            HelpName = "auto|live|preencoded",
        };
        var sources = new Option<int?>("--sources") { Description = $"Distinct pre-encoded sources, assigned to participants round-robin. [default: min(participants, {LoadOptions.DefaultSources})]", HelpName = "N" };
        var loopSeconds = new Option<double>("--loop-seconds") { Description = "Length of each pre-encoded loop in seconds.", HelpName = "s", DefaultValueFactory = _ => 4 };
        var decodeStreams = new Option<string>("--decode-streams")
        {
            Description = $"Received streams to Opus-decode and SNR-check, spread over the meetings, or all; every stream is still decrypted and counted. [default: {LoadOptions.DefaultDecodeStreams}]",
            HelpName = "N|all",
        };
        var gatewayPid = new Option<int?>("--gateway-pid") { Description = "The gateway's process id, when it runs on this machine: its CPU time over the media phase goes into the report (Linux).", HelpName = "pid" };

        var command = new Command("run",
            "Create M rooms, join K participants each (real SRTP over UDP, Opus audio, optional synthetic video and SFrame E2EE), "
            + "send for the duration with a live view, then print a table, check every received stream's quality (SNR of the decoded "
            + "Opus against its source) and write the JSON report and plot. Exit codes: 0 pass, 1 usage error, 2 checks failed, 3 gateway unreachable or refused.")
        {
            gateway, token, apiSecret, dataDir, meetings, participants, duration, e2ee, opusBitrate, videoBitrate, fps, keyframeInterval, json, plot, qualitySeconds, snrThreshold,
            encode, sources, loopSeconds, decodeStreams, gatewayPid,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output),
            });

            string gatewayText = parseResult.GetValue(gateway) ?? DefaultGateway;
            if (!Uri.TryCreate(gatewayText, UriKind.Absolute, out Uri? gatewayUri) || (gatewayUri.Scheme != Uri.UriSchemeHttp && gatewayUri.Scheme != Uri.UriSchemeHttps))
            {
                await error.WriteLineAsync($"error: --gateway '{gatewayText}' is not an http(s) URL such as {DefaultGateway}.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            if (!TryParseOptions(parseResult, error, out string? problem, out LoadOptions? options, gatewayUri,
                meetings, participants, duration, e2ee, opusBitrate, videoBitrate, fps, keyframeInterval, qualitySeconds, snrThreshold))
            {
                await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            if (!TryParseScaling(parseResult, options, encode, sources, loopSeconds, decodeStreams, gatewayPid, out problem, out options))
            {
                await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            if (!TryCreateTokens(parseResult.GetValue(token), parseResult.GetValue(apiSecret), parseResult.GetValue(dataDir), out TokenSource? tokens, out problem))
            {
                await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            using (tokens)
            {
                return await RunAsync(console, error, options, tokens, parseResult.GetValue(json), parseResult.GetValue(plot), cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, TextWriter error, LoadOptions options, TokenSource tokens, string? jsonPath, string? plotPath, CancellationToken cancellationToken)
    {
        bool live = console.Profile.Capabilities.Interactive;
        Table panel = LivePanel.Create(new TimeSample());
        LoadReport report;
        try
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"gateway-loadgen: {options.Meetings} meetings × {options.Participants} participants for {options.Duration.TotalSeconds:0.###} s against {options.Gateway} "
                + $"(E2EE {(options.E2ee ? "on" : "off")}, audio {(options.EffectiveEncode == EncodeMode.PreEncoded ? "pre-encoded" : "encoded live")}, "
                + $"quality checked on {Math.Min(options.DecodeStreams, options.TotalStreams)} of {options.TotalStreams} streams)")));
            if (live)
            {
                LiveDisplayContext? context = null;
                var runner = new LoadRunner(options, tokens)
                {
                    // A fresh table per sample: the live display renders on its own thread, so the shown one is never mutated.
                    OnSample = sample => context?.UpdateTarget(LivePanel.Create(sample)),
                };
                report = await console.Live(panel).StartAsync(async ctx =>
                {
                    context = ctx;
                    return await runner.RunAsync(cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                int samples = 0;
                var runner = new LoadRunner(options, tokens)
                {
                    // One line a second: enough to follow a run in a log.
                    OnSample = sample =>
                    {
                        if (++samples % 2 == 0)
                        {
                            console.WriteLine(LivePanel.Line(sample));
                        }
                    },
                    OnProgress = message => console.WriteLine(message),
                };
                report = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (GatewayUnreachableException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}\nIs a node running at {ex.BaseAddress}? Start one with `bash scripts/run-node.sh`, or pass --gateway.").ConfigureAwait(false);
            return ExitCodes.GatewayError;
        }
        catch (GatewayApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            await error.WriteLineAsync($"error: the gateway refused the token: {ex.Message}\nMint tokens with the node's own secret: pass the node's --data-dir or --api-secret, or a --token from `gateway token create`.").ConfigureAwait(false);
            return ExitCodes.GatewayError;
        }
        catch (Exception ex) when (ex is GatewayApiException or GatewayProtocolException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.GatewayError;
        }

        ReportTable.Write(console, report);
        if (!string.IsNullOrWhiteSpace(jsonPath))
        {
            await ReportJson.WriteAsync(report, jsonPath, cancellationToken).ConfigureAwait(false);
            console.WriteLine($"report: {Path.GetFullPath(jsonPath)}");
        }

        if (!string.IsNullOrWhiteSpace(plotPath))
        {
            LatencyPlot.Save(report, plotPath);
            console.WriteLine($"plot: {Path.GetFullPath(plotPath)}");
        }

        return report.Pass ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static bool TryParseOptions(ParseResult parseResult, TextWriter error, out string? problem, out LoadOptions options, Uri gatewayUri,
        Option<int> meetings, Option<int> participants, Option<string> duration, Option<string> e2ee, Option<int> opusBitrate, Option<int> videoBitrate,
        Option<int> fps, Option<string> keyframeInterval, Option<double> qualitySeconds, Option<double> snrThreshold)
    {
        _ = error;
        options = null!;
        int m = parseResult.GetValue(meetings);
        int k = parseResult.GetValue(participants);
        string durationText = parseResult.GetValue(duration) ?? "10s";
        string e2eeText = (parseResult.GetValue(e2ee) ?? "off").Trim().ToUpperInvariant();
        string keyframeText = parseResult.GetValue(keyframeInterval) ?? "2s";
        int opus = parseResult.GetValue(opusBitrate);
        int video = parseResult.GetValue(videoBitrate);
        int frameRate = parseResult.GetValue(fps);
        double quality = parseResult.GetValue(qualitySeconds);
        double threshold = parseResult.GetValue(snrThreshold);
        problem = null;
        if (m is < 1 or > 1000)
        {
            problem = $"--meetings {m} is not from 1 to 1000.";
        }
        else if (k is < 2 or > 100)
        {
            problem = $"--participants {k} is not from 2 to 100 (a participant needs someone to hear).";
        }
        else if (!DurationParser.TryParse(durationText, out TimeSpan runFor) || runFor < TimeSpan.FromMilliseconds(200))
        {
            problem = $"--duration '{durationText}' is not a duration of at least 200ms (for example 10s, 2m).";
        }
        else if (e2eeText is not ("ON" or "OFF"))
        {
            problem = $"--e2ee '{parseResult.GetValue(e2ee)}' is neither on nor off.";
        }
        else if (opus is < 6000 or > 510000)
        {
            problem = $"--opus-bitrate {opus} is not from 6000 to 510000.";
        }
        else if (video is < 0 or > 50_000_000)
        {
            problem = $"--video-bitrate {video} is not from 0 to 50000000.";
        }
        else if (frameRate is < 1 or > 120)
        {
            problem = $"--fps {frameRate} is not from 1 to 120.";
        }
        else if (!DurationParser.TryParse(keyframeText, out TimeSpan keyEvery))
        {
            problem = $"--keyframe-interval '{keyframeText}' is not a duration (for example 2s).";
        }
        else if (quality is < 0.5 or > 60)
        {
            problem = $"--quality-seconds {quality} is not from 0.5 to 60.";
        }
        else
        {
            options = new LoadOptions
            {
                Gateway = gatewayUri,
                Meetings = m,
                Participants = k,
                Duration = runFor,
                E2ee = e2eeText == "ON",
                OpusBitrate = opus,
                VideoBitrate = video,
                Fps = frameRate,
                KeyframeInterval = keyEvery,
                QualitySeconds = quality,
                SnrThresholdDb = threshold,
            };
            return true;
        }

        return false;
    }

    /// <summary>The options that make large runs feasible: encoding mode, pre-encoded sources, decoded sample, the gateway's pid.</summary>
    private static bool TryParseScaling(ParseResult parseResult, LoadOptions parsed, Option<string> encode, Option<int?> sources, Option<double> loopSeconds,
        Option<string> decodeStreams, Option<int?> gatewayPid, out string? problem, out LoadOptions options)
    {
        options = parsed;
        problem = null;
        string encodeText = (parseResult.GetValue(encode) ?? "auto").Trim().ToUpperInvariant();
        int? sourceCount = parseResult.GetValue(sources);
        double loop = parseResult.GetValue(loopSeconds);
        string decodeText = (parseResult.GetValue(decodeStreams) ?? LoadOptions.DefaultDecodeStreams.ToString(CultureInfo.InvariantCulture)).Trim();
        int? pid = parseResult.GetValue(gatewayPid);
        int decode = int.MaxValue;
        EncodeMode? mode = encodeText switch
        {
            "AUTO" => EncodeMode.Auto,
            "LIVE" => EncodeMode.Live,
            "PREENCODED" or "PRE-ENCODED" => EncodeMode.PreEncoded,
            _ => null,
        };
        if (mode is null)
        {
            problem = $"--encode '{parseResult.GetValue(encode)}' is none of auto, live, preencoded.";
        }
        else if (sourceCount is < 1 or > 1000)
        {
            problem = $"--sources {sourceCount} is not from 1 to 1000.";
        }
        else if (loop is < 1 or > 60)
        {
            problem = $"--loop-seconds {loop} is not from 1 to 60.";
        }
        else if (!decodeText.Equals("all", StringComparison.OrdinalIgnoreCase)
            && (!int.TryParse(decodeText, NumberStyles.None, CultureInfo.InvariantCulture, out decode) || decode < 1))
        {
            problem = $"--decode-streams '{decodeText}' is neither a number of streams (at least 1) nor all.";
        }
        else if (pid is < 1)
        {
            problem = $"--gateway-pid {pid} is not a process id.";
        }
        else
        {
            options = parsed with { Encode = mode.Value, Sources = sourceCount, LoopSeconds = loop, DecodeStreams = decode, GatewayPid = pid };
            return true;
        }

        return false;
    }

    private static bool TryCreateTokens(string? token, string? apiSecret, string? dataDirectory, out TokenSource tokens, out string? problem)
    {
        tokens = null!;
        problem = null;
        if (!string.IsNullOrWhiteSpace(token))
        {
            tokens = TokenSource.FromToken(token.Trim());
            return true;
        }

        if (!string.IsNullOrWhiteSpace(apiSecret))
        {
            if (!ApiSecretFile.TryDecode(apiSecret, out byte[]? secret))
            {
                problem = "--api-secret is not a base64url secret of at least 32 bytes.";
                return false;
            }

            tokens = TokenSource.FromSecret(secret);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
            return true;
        }

        if (!ApiSecretFile.TryLoad(dataDirectory ?? "data", out byte[]? fileSecret, out problem))
        {
            return false;
        }

        tokens = TokenSource.FromSecret(fileSecret);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(fileSecret);
        return true;
    }
}
