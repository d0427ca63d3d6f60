using System.Security.Cryptography;
using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Codecs.Quality;

namespace Gateway.Client.Tests.Media;

/// <summary>Real Opus over real SRTP/UDP through an in-process node: what each participant decodes is what the others sent.</summary>
public sealed class AudioEndToEndTests(NodeFixture fixture)
{
    private const int Frames = 100;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeParticipants_EachDecodesTheOthers_Above20DbWithoutLoss()
    {
        (MediaStatisticsSnapshot[] stats, double[] snrs, int concealed) = await RunMeetingAsync(e2ee: false);

        Assert.Equal(6, snrs.Length);
        Assert.All(snrs, snr => Assert.True(snr >= 20, $"SNR {snr:0.0} dB"));
        Assert.Equal(0, concealed);
        foreach (MediaStatisticsSnapshot s in stats)
        {
            Assert.Equal(Frames, s.PacketsSent);
            Assert.Equal(2 * Frames, s.PacketsReceived);
            Assert.Equal(0, s.PacketsLost);
            Assert.Equal(0, s.SrtpFailures);
            Assert.Equal(2 * Frames, s.FramesDecoded);
            Assert.Equal(2 * Frames, s.LatencySamples);
            Assert.True(s.LatencyP50Milliseconds > 0);
        }
    }

    [Fact]
    public async Task ThreeParticipants_WithSFrame_DecodeEachOther_AndNothingFailsToDecrypt()
    {
        (MediaStatisticsSnapshot[] stats, double[] snrs, _) = await RunMeetingAsync(e2ee: true);

        Assert.All(snrs, snr => Assert.True(snr >= 20, $"SNR {snr:0.0} dB"));
        foreach (MediaStatisticsSnapshot s in stats)
        {
            Assert.Equal(2 * Frames, s.FramesDecoded);
            Assert.Equal(0, s.E2eeFailures);
            Assert.Equal(0, s.E2eeNoKey);
        }
    }

    [Fact]
    public async Task Receiver_WithoutTheSenderKey_CountsNoKeyAndDecodesNothing()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("nokey");
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = E2eePolicy.Required }, Cancel);
        using var senderKeys = new SFrameFrameEncryption();
        senderKeys.SetSendKey(1, RandomNumberGenerator.GetBytes(32));
        using var receiverKeys = new SFrameFrameEncryption();
        await using MeetingSession sender = await client.JoinAsync(room, fixture.ParticipantToken(room, "s"),
            new JoinRequest { AudioSsrc = 10, E2ee = true, FrameEncryption = senderKeys }, Cancel);
        await using MeetingSession receiver = await client.JoinAsync(room, fixture.ParticipantToken(room, "r"),
            new JoinRequest { E2ee = true, FrameEncryption = receiverKeys }, Cancel);
        await WaitForRosterAsync([sender, receiver], 1);

        var source = new SpeechSource(3);
        short[] pcm = new short[RtpFormats.SamplesPerFrame];
        for (int i = 0; i < 10; i++)
        {
            source.Read(pcm);
            Assert.True(sender.Audio!.SendPcm(pcm));
        }

        MediaStatisticsSnapshot s = await WaitForAsync(receiver, x => x.E2eeNoKey == 10);
        Assert.Equal(10, s.PacketsReceived);
        Assert.Equal(0, s.FramesDecoded);
    }

    private async Task<(MediaStatisticsSnapshot[] Stats, double[] Snrs, int Concealed)> RunMeetingAsync(bool e2ee)
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId(e2ee ? "sframe" : "audio");
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = e2ee ? E2eePolicy.Required : E2eePolicy.Off }, Cancel);
        byte[] meetingKey = RandomNumberGenerator.GetBytes(32);
        var recorders = new PcmRecorder[3];
        var sessions = new MeetingSession[3];
        var keys = new SFrameFrameEncryption?[3];
        uint[] ssrcs = [1001, 2002, 3003];
        try
        {
            for (int i = 0; i < 3; i++)
            {
                recorders[i] = new PcmRecorder();
                if (e2ee)
                {
                    keys[i] = new SFrameFrameEncryption();
                    keys[i]!.SetSendKey((ulong)i + 1, meetingKey);
                    for (int j = 0; j < 3; j++)
                    {
                        if (j != i)
                        {
                            keys[i]!.AddReceiveKey((ulong)j + 1, meetingKey);
                        }
                    }
                }

                sessions[i] = await client.JoinAsync(room, fixture.ParticipantToken(room, $"p{i}"), new JoinRequest
                {
                    AudioSsrc = ssrcs[i],
                    E2ee = e2ee,
                    FrameEncryption = keys[i],
                    CaptureTimestamps = true,
                    AudioSink = recorders[i],
                }, Cancel);
            }

            await WaitForRosterAsync(sessions, 2);

            var sources = new[] { new SpeechSource(11), new SpeechSource(22), new SpeechSource(33) };
            short[] pcm = new short[RtpFormats.SamplesPerFrame];
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            for (int frame = 0; frame < Frames; frame++)
            {
                for (int i = 0; i < 3; i++)
                {
                    sources[i].Read(pcm);
                    Assert.True(sessions[i].Audio!.SendPcm(pcm));
                }

                await pace.WaitForNextTickAsync(Cancel);
            }

            var stats = new MediaStatisticsSnapshot[3];
            for (int i = 0; i < 3; i++)
            {
                stats[i] = await WaitForAsync(sessions[i], s => s.FramesDecoded + s.FramesConcealed >= 2 * Frames);
            }

            var snrs = new List<double>();
            int[] seeds = [11, 22, 33];
            for (int receiver = 0; receiver < 3; receiver++)
            {
                for (int sender = 0; sender < 3; sender++)
                {
                    if (sender == receiver)
                    {
                        continue;
                    }

                    short[] decoded = recorders[receiver].Samples(ssrcs[sender]);
                    short[] reference = new short[decoded.Length];
                    new SpeechSource(seeds[sender]).Read(reference);
                    snrs.Add(AudioSnr.Measure(reference, decoded));
                }
            }

            return (stats, [.. snrs], recorders[0].Concealed + recorders[1].Concealed + recorders[2].Concealed);
        }
        finally
        {
            foreach (MeetingSession? session in sessions)
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }

            foreach (SFrameFrameEncryption? key in keys)
            {
                key?.Dispose();
            }
        }
    }

    internal static async Task WaitForRosterAsync(MeetingSession[] sessions, int others)
    {
        for (int attempt = 0; attempt < 500; attempt++)
        {
            if (sessions.All(s => s.Participants.Count >= others))
            {
                return;
            }

            await Task.Delay(10, Cancel);
        }

        Assert.Fail("the participants did not see each other within 5 s");
    }

    internal static async Task<MediaStatisticsSnapshot> WaitForAsync(MeetingSession session, Func<MediaStatisticsSnapshot, bool> done)
    {
        MediaStatisticsSnapshot snapshot = session.Statistics.Snapshot();
        for (int attempt = 0; attempt < 300 && !done(snapshot); attempt++)
        {
            await Task.Delay(10, Cancel);
            snapshot = session.Statistics.Snapshot();
        }

        return snapshot;
    }
}
