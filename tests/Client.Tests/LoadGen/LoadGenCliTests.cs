using System.Net;
using System.Net.Sockets;
using Gateway.Auth;
using Gateway.Client.Tests.Infrastructure;
using Gateway.LoadGen.Auth;
using Gateway.LoadGen.Cli;
using Gateway.LoadGen.Report;

namespace Gateway.Client.Tests.LoadGen;

public sealed class LoadGenCliTests(NodeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("--help")]
    [InlineData("run --help")]
    [InlineData("")]
    public async Task Help_OfEveryCommand_DescribesIt(string args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await LoadGenCli.InvokeAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error, Cancel);

        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("Usage:", text, StringComparison.Ordinal);
        if (args.StartsWith("run", StringComparison.Ordinal))
        {
            foreach (string option in new[] { "--gateway", "--token", "--api-secret", "--data-dir", "--meetings", "--participants", "--duration", "--e2ee", "--video-bitrate", "--fps", "--keyframe-interval", "--opus-bitrate", "--json", "--plot", "--encode", "--sources", "--loop-seconds", "--decode-streams", "--gateway-pid" })
            {
                Assert.Contains(option, text, StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.Contains("run", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_TwoMeetingsOfThree_WritesAReportWithoutLossAndWithPassingQuality()
    {
        string directory = Directory.CreateTempSubdirectory("loadgen-").FullName;
        try
        {
            string json = Path.Combine(directory, "report.json");
            string plot = Path.Combine(directory, "plot.png");
            using var output = new StringWriter();
            using var error = new StringWriter();

            int exit = await LoadGenCli.InvokeAsync(
                ["run", "--gateway", fixture.BaseAddress.ToString(), "--data-dir", fixture.Node.DataDirectory, "--meetings", "2", "--participants", "3",
                 "--duration", "3s", "--json", json, "--plot", plot],
                output, error, Cancel);

            Assert.True(exit == 0, $"exit {exit}\n{error}\n{output}");
            LoadReport report = ReportJson.Read(await File.ReadAllTextAsync(json, Cancel))!;
            Assert.Equal(2, report.Meetings);
            Assert.Equal(12, report.Streams.Count);
            Assert.Equal(0, report.Totals.AudioFramesMissing);
            Assert.Equal(0, report.Totals.PacketsLost);
            Assert.Equal(0, report.Totals.SrtpFailures);
            Assert.True(report.Totals.AudioFramesExpected >= 12 * 140, $"expected {report.Totals.AudioFramesExpected}");
            Assert.True(report.Quality.Pass);
            Assert.True(report.Quality.MinSnrDb >= 20);
            Assert.True(report.Totals.LatencySamples > 0);

            // The distribution the plot's lower panel draws: rising percentiles, their latencies never falling.
            IReadOnlyList<LatencyPoint> distribution = report.Totals.LatencyDistribution;
            Assert.True(distribution.Count > 100, $"{distribution.Count} points");
            Assert.Equal(99.99, distribution[^1].Percentile);
            for (int i = 1; i < distribution.Count; i++)
            {
                Assert.True(distribution[i].Percentile > distribution[i - 1].Percentile);
                Assert.True(distribution[i].Milliseconds >= distribution[i - 1].Milliseconds);
            }

            Assert.Equal(report.Totals.LatencyP50Ms, distribution.Single(p => p.Percentile == 50).Milliseconds, 3);
            Assert.True(report.Pass);
            Assert.True(new FileInfo(plot).Length > 1000);
            Assert.Contains("PASS", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_PreEncodedWithASampledDecode_LosesNothingAndPassesOnTheSample()
    {
        string directory = Directory.CreateTempSubdirectory("loadgen-pre-").FullName;
        try
        {
            string json = Path.Combine(directory, "report.json");
            using var output = new StringWriter();
            using var error = new StringWriter();

            // A 2 s loop compared over 3 s: the quality check crosses the loop's seam.
            int exit = await LoadGenCli.InvokeAsync(
                ["run", "--gateway", fixture.BaseAddress.ToString(), "--data-dir", fixture.Node.DataDirectory, "--meetings", "2", "--participants", "3",
                 "--duration", "4s", "--e2ee", "on", "--encode", "preencoded", "--loop-seconds", "2", "--quality-seconds", "3", "--decode-streams", "2",
                 "--gateway-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", json],
                output, error, Cancel);

            Assert.True(exit == 0, $"exit {exit}\n{error}\n{output}");
            LoadReport report = ReportJson.Read(await File.ReadAllTextAsync(json, Cancel))!;
            Assert.Equal("preencoded", report.Encode);
            Assert.Equal(6, report.Sources);
            Assert.Equal(2, report.LoopSeconds);
            Assert.Equal(12, report.Streams.Count);
            Assert.Equal(0, report.Totals.AudioFramesMissing);
            Assert.Equal(0, report.Totals.PacketsLost);
            Assert.Equal(0, report.Totals.SrtpFailures + report.Totals.E2eeFailures + report.Totals.E2eeNoKey);
            Assert.True(report.Totals.AudioFramesExpected >= 12 * 190, $"expected {report.Totals.AudioFramesExpected}");

            Assert.Equal(12, report.Quality.StreamsTotal);
            Assert.Equal(2, report.Quality.StreamsChecked);
            Assert.Equal(2, report.Quality.Measured);
            Assert.True(report.Quality.Pass);
            Assert.True(report.Quality.MinSnrDb >= 20);
            Assert.True(report.Pass);

            // Every stream was received and decrypted; only the two sampled ones were decoded, one in each meeting.
            StreamReport[] sampled = [.. report.Streams.Where(s => s.QualityChecked)];
            Assert.Equal(2, sampled.Select(s => s.Room).Distinct().Count());
            Assert.All(sampled, s => Assert.True(s.FramesDecoded >= 190 && s.SnrDb >= 20, $"{s.Sender}→{s.Receiver}: {s.FramesDecoded} decoded, {s.SnrDb} dB"));
            Assert.All(report.Streams.Where(s => !s.QualityChecked), s => Assert.True(s.FramesDecoded == 0 && s.SnrDb is null && s.PacketsReceived == s.FramesSent));

            // The gateway runs in this process here: both CPU figures are this process's, and were measured.
            Assert.True(report.Cpu.LoadGenSeconds > 0);
            Assert.NotNull(report.Cpu.GatewaySeconds);
            Assert.Contains("quality checked on", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("2 of 12 streams", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_WithE2eeAndVideo_PassesThroughARequiredRoom()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string token = fixture.Issue("loadgen", "*", AccessTokenGrants.Admin | AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);

        int exit = await LoadGenCli.InvokeAsync(
            ["run", "--gateway", fixture.BaseAddress.ToString(), "--token", token, "--meetings", "1", "--participants", "2",
             "--duration", "1s", "--e2ee", "on", "--video-bitrate", "300000", "--fps", "15"],
            output, error, Cancel);

        Assert.True(exit == 0, $"exit {exit}\n{error}\n{output}");
    }

    [Fact]
    public async Task Run_AgainstNoNode_SaysWhichUrlAndHowToStartOne()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await LoadGenCli.InvokeAsync(
            ["run", "--gateway", $"http://127.0.0.1:{port}", "--api-secret", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--duration", "1s"],
            output, error, Cancel);

        Assert.Equal(ExitCodes.GatewayError, exit);
        Assert.Contains($"127.0.0.1:{port}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("scripts/run-node.sh", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--participants", "1")]
    [InlineData("--duration", "soon")]
    [InlineData("--e2ee", "maybe")]
    [InlineData("--gateway", "ftp://x")]
    [InlineData("--api-secret", "short")]
    [InlineData("--encode", "sometimes")]
    [InlineData("--decode-streams", "0")]
    [InlineData("--decode-streams", "some")]
    [InlineData("--sources", "0")]
    [InlineData("--loop-seconds", "0.1")]
    [InlineData("--gateway-pid", "0")]
    public async Task Run_WithABadOption_IsAUsageErrorThatNamesIt(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await LoadGenCli.InvokeAsync(["run", option, value], output, error, Cancel);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutAnySecret_SaysWhereItLooked()
    {
        string empty = Directory.CreateTempSubdirectory("loadgen-nosecret-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            int exit = await LoadGenCli.InvokeAsync(["run", "--data-dir", empty], output, error, Cancel);

            Assert.Equal(ExitCodes.UsageError, exit);
            Assert.Contains(Path.Combine(empty, "api-secret"), error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task MintedTokens_AreAcceptedByTheGatewaysOwnValidator()
    {
        Assert.True(ApiSecretFile.TryLoad(fixture.Node.DataDirectory, out byte[]? secret, out string? problem), problem);
        using var minter = new AccessTokenMinter(secret);
        string token = minter.Mint("alice", "room-7", ["publish", "subscribe"], TimeSpan.FromMinutes(5));

        AccessTokenResult result = await fixture.Node.Service<AccessTokenValidator>().ValidateAsync(token, "room-7", AccessTokenGrants.Publish | AccessTokenGrants.Subscribe);
        AccessTokenResult otherRoom = await fixture.Node.Service<AccessTokenValidator>().ValidateAsync(token, "room-8", AccessTokenGrants.Publish);

        Assert.True(result.IsValid);
        Assert.Equal("alice", result.Claims.Identity);
        Assert.False(otherRoom.IsValid);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("3s", 3)]
    [InlineData("2m", 120)]
    [InlineData("1.5h", 5400)]
    [InlineData("7", 7)]
    public void Durations_ParseWithTheirUnit(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out TimeSpan duration));
        Assert.Equal(seconds, duration.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1s")]
    [InlineData("0")]
    [InlineData("s")]
    [InlineData("NaNs")]
    [InlineData("2d")]
    public void Durations_RejectNonsense(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
