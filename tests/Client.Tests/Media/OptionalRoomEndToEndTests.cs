using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Events;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Codecs.Quality;
using Gateway.E2ee.Keys;

namespace Gateway.Client.Tests.Media;

/// <summary>
/// An <c>optional</c> room (issue 5's per-participant policy): two participants with E2EE and one without. Everyone
/// sees who is not encrypted; the encrypted two agree on keys without waiting for the plain one, hear each other
/// through SFrame and hear the plain one without it; the plain one cannot make out their encrypted audio.
/// </summary>
public sealed class OptionalRoomEndToEndTests(NodeFixture fixture)
{
    private const int Frames = 25;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OptionalRoom_ShowsWhoIsNotEncrypted_AndMixesSFrameAndPlainMedia()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("optional");
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = E2eePolicy.Optional }, Cancel);

        using DeviceIdentity aliceDevice = DeviceIdentity.Create("alice-device");
        using DeviceIdentity carolDevice = DeviceIdentity.Create("carol-device");
        using var aliceKeys = new MeetingE2ee(room, aliceDevice);
        using var carolKeys = new MeetingE2ee(room, carolDevice);
        var recorders = new[] { new PcmRecorder(), new PcmRecorder(), new PcmRecorder() };
        uint[] ssrcs = [901, 902, 903];
        await using MeetingSession alice = await JoinAsync(client, room, "alice", ssrcs[0], aliceKeys, recorders[0]);
        await using MeetingSession bob = await JoinAsync(client, room, "bob", ssrcs[1], null, recorders[1]);
        await using MeetingSession carol = await JoinAsync(client, room, "carol", ssrcs[2], carolKeys, recorders[2]);

        // Everyone is told that bob is not end-to-end encrypted, and that nobody else is unencrypted.
        E2eeStatusEvent seen = await Api.GatewayClientTests.NextAsync<E2eeStatusEvent>(alice, e => e.ParticipantId == bob.ParticipantId);
        Assert.False(seen.Encrypted);
        Assert.False((await Api.GatewayClientTests.NextAsync<E2eeStatusEvent>(carol, e => e.ParticipantId == bob.ParticipantId)).Encrypted);

        // The encrypted two agree without an announcement from bob (he has no keys to announce).
        for (int attempt = 0; attempt < 500 && !(aliceKeys.ReceiveKeyCount >= 1 && carolKeys.ReceiveKeyCount >= 1 && aliceKeys.SendEpoch == carolKeys.SendEpoch && aliceKeys.SendEpoch is not null); attempt++)
        {
            await Task.Delay(10, Cancel);
        }

        Assert.NotNull(aliceKeys.SendEpoch);
        Assert.Equal(aliceKeys.SendEpoch, carolKeys.SendEpoch);
        Assert.Equal(aliceKeys.SecurityCode, carolKeys.SecurityCode);

        MeetingSession[] sessions = [alice, bob, carol];
        var sources = ssrcs.Select(s => new SpeechSource((int)s)).ToArray();
        short[] pcm = new short[RtpFormats.SamplesPerFrame];
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (int frame = 0; frame < Frames; frame++)
        {
            for (int i = 0; i < sessions.Length; i++)
            {
                sources[i].Read(pcm);
                Assert.True(sessions[i].Audio!.SendPcm(pcm), $"participant {i} could not send");
            }

            await pace.WaitForNextTickAsync(Cancel);
        }

        // Alice and carol decode both others: one through SFrame, bob's plain.
        foreach ((MeetingSession session, PcmRecorder recorder, int self) in new[] { (alice, recorders[0], 0), (carol, recorders[2], 2) })
        {
            MediaStatisticsSnapshot s = await AudioEndToEndTests.WaitForAsync(session, x => x.FramesDecoded >= 2 * Frames);
            Assert.Equal(2 * Frames, s.FramesDecoded);
            Assert.Equal(0, s.E2eeFailures);
            Assert.Equal(0, s.E2eeNoKey);
            for (int j = 0; j < 3; j++)
            {
                if (j != self)
                {
                    Assert.True(Snr(recorder, ssrcs[j]) >= 20, $"{self} hears {j} at {Snr(recorder, ssrcs[j]):0.0} dB");
                }
            }
        }

        // Bob receives alice's packets but cannot make out her encrypted audio.
        MediaStatisticsSnapshot b = await AudioEndToEndTests.WaitForAsync(bob, x => x.PacketsReceived >= 2 * Frames);
        Assert.True(b.PacketsReceived >= 2 * Frames);
        double bobHearsAlice = Snr(recorders[1], ssrcs[0]);
        Assert.True(double.IsNaN(bobHearsAlice) || bobHearsAlice < 3, $"bob hears alice at {bobHearsAlice:0.0} dB");
    }

    private static double Snr(PcmRecorder recorder, uint ssrc)
    {
        short[] decoded = recorder.Samples(ssrc);
        short[] reference = new short[decoded.Length];
        new SpeechSource((int)ssrc).Read(reference);
        return AudioSnr.Measure(reference, decoded);
    }

    private Task<MeetingSession> JoinAsync(GatewayClient client, string room, string identity, uint ssrc, MeetingE2ee? keys, PcmRecorder recorder) =>
        client.JoinAsync(room, fixture.ParticipantToken(room, identity), new JoinRequest
        {
            AudioSsrc = ssrc,
            E2ee = keys is not null,
            FrameEncryption = keys,
            KeyExchange = keys,
            AudioSink = recorder,
        }, Cancel);
}
