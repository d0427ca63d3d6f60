using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gateway.Rtp.Srtp;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// ffmpeg (Debian's package) publishes a 440 Hz tone as PCMU over SRTP AES_CM_128_HMAC_SHA1_80 into a meeting;
/// a subscriber using AEAD_AES_128_GCM receives it, decrypts it with its own key and hears the tone.
/// </summary>
public sealed class FfmpegInteropTests
{
    private const uint FfmpegSsrc = 0x00C0FFEE;
    private const int ToneHz = 440;
    private const int SampleRate = 8000;

    [Theory]
    [InlineData("native")]
    [InlineData("managed")]
    public async Task Ffmpeg_publishes_srtp_aes_cm_that_a_subscriber_receives_and_decodes(string transport)
    {
        string ffmpeg = FindFfmpeg();
        await using var node = await RelayEndToEndTests.StartAsync(transport);
        await MediaTestClient.CreateRoomAsync(node, "ffmpeg");
        await using var subscriber = await MediaTestClient.JoinAsync(node, "ffmpeg", "listener", null);

        // Join on ffmpeg's behalf: its key, its SSRC and the local port it will send from.
        byte[] keyAndSalt = RandomNumberGenerator.GetBytes(30);
        int ffmpegPort = FreeUdpPort();
        string token = MediaTestClient.MintToken(node, "ffmpeg", "ffmpeg", Gateway.Auth.AccessTokenGrants.Publish);
        string offer = SdpOfferText.Audio(ffmpegPort, SrtpProfile.AesCm128HmacSha1_80, keyAndSalt, FfmpegSsrc)
            .Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000", StringComparison.Ordinal)
            .Replace(" 111\r\n", " 0\r\n", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rooms/ffmpeg/participants")
        {
            Content = new StringContent(offer, Encoding.UTF8, "application/sdp"),
        };
        request.Content.Headers.ContentType = new("application/sdp");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await node.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
        int gatewayPort = SdpOfferText.AnswerPort(answer);

        // 2 s of tone, 160 samples (20 ms) per packet, RTCP multiplexed onto the gateway's port.
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-nostdin",
            "-re", "-f", "lavfi", "-i", $"sine=frequency={ToneHz}:sample_rate={SampleRate}:duration=2",
            "-c:a", "pcm_mulaw", "-ar", $"{SampleRate}", "-ac", "1",
            "-f", "rtp", "-ssrc", $"{(int)FfmpegSsrc}",
            "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80", "-srtp_out_params", Convert.ToBase64String(keyAndSalt),
            $"srtp://127.0.0.1:{gatewayPort}?localrtpport={ffmpegPort}&rtcpport={gatewayPort}&pkt_size=182",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var received = await Task.Run(() => subscriber.ReceiveRtp(80, TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);
        string errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"ffmpeg failed: {errors}");

        Assert.True(received.Count >= 80, $"received {received.Count} packets from ffmpeg");
        Assert.All(received, packet => Assert.Equal(FfmpegSsrc, packet.Ssrc));
        Assert.All(received, packet => Assert.InRange(packet.Payload.Length, 1, 160));

        float[] pcm = received.OrderBy(packet => packet.Sequence).SelectMany(packet => packet.Payload.Select(MuLawToLinear)).ToArray();
        double tone = Goertzel(pcm, ToneHz);
        double other = Goertzel(pcm, 1000);
        Assert.True(tone > 100 * other, $"the 440 Hz tone did not survive: power {tone} at 440 Hz, {other} at 1000 Hz");
    }

    private static string FindFfmpeg()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            string candidate = Path.Combine(directory, "ffmpeg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("ffmpeg is not installed: run `bash scripts/setup.sh test` (it installs Debian's ffmpeg).");
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>G.711 μ-law to linear (ITU-T G.711), scaled to ±1.</summary>
    private static float MuLawToLinear(byte encoded)
    {
        int u = ~encoded & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        int sample = (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
        return sample / 32768f;
    }

    /// <summary>The power of one frequency in the signal (Goertzel).</summary>
    private static double Goertzel(float[] samples, double frequency)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / SampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (float sample in samples)
        {
            double current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
