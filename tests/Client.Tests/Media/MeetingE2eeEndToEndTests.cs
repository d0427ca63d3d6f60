using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Codecs.Quality;
using Gateway.E2ee.Keys;

namespace Gateway.Client.Tests.Media;

/// <summary>The real key exchange (MeetingKeyAgent over the gateway's message channel) and SFrame media, through an in-process node.</summary>
public sealed class MeetingE2eeEndToEndTests(NodeFixture fixture)
{
    private const int Participants = 3;
    private const int Frames = 25;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeParticipants_AgreeOnAnEpochAndSecurityCode_ThenDecodeEachOther()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("meeting-e2ee");
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = E2eePolicy.Required }, Cancel);
        var identities = new DeviceIdentity[Participants];
        var e2ee = new MeetingE2ee[Participants];
        var sessions = new MeetingSession[Participants];
        var recorders = new PcmRecorder[Participants];
        try
        {
            for (int i = 0; i < Participants; i++)
            {
                identities[i] = DeviceIdentity.Create($"device-{i}");
                e2ee[i] = new MeetingE2ee(room, identities[i]);
                recorders[i] = new PcmRecorder();
                sessions[i] = await client.JoinAsync(room, fixture.ParticipantToken(room, $"p{i}"), new JoinRequest
                {
                    AudioSsrc = (uint)(500 + i),
                    E2ee = true,
                    FrameEncryption = e2ee[i],
                    KeyExchange = e2ee[i],
                    AudioSink = recorders[i],
                }, Cancel);
            }

            for (int attempt = 0; attempt < 500 && !Agreed(e2ee); attempt++)
            {
                await Task.Delay(10, Cancel);
            }

            Assert.True(Agreed(e2ee), string.Join("; ", e2ee.Select(x => $"epoch {x.SendEpoch} keys {x.ReceiveKeyCount} code {x.SecurityCode}")));
            Assert.Equal(sessions[0].ParticipantId, e2ee[2].LeaderId);

            // Key messages stay inside the exchange; an application message on the same channel still reaches the application.
            await sessions[0].SendMessageAsync("app"u8.ToArray(), sessions[1].ParticipantId, Cancel);
            Gateway.Client.Events.MessageEvent shown = await Api.GatewayClientTests.NextAsync<Gateway.Client.Events.MessageEvent>(sessions[1], _ => true);
            Assert.Equal("app"u8.ToArray(), shown.Body.ToArray());

            var sources = Enumerable.Range(0, Participants).Select(i => new SpeechSource(40 + i)).ToArray();
            short[] pcm = new short[RtpFormats.SamplesPerFrame];
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            for (int frame = 0; frame < Frames; frame++)
            {
                for (int i = 0; i < Participants; i++)
                {
                    sources[i].Read(pcm);
                    Assert.True(sessions[i].Audio!.SendPcm(pcm));
                }

                await pace.WaitForNextTickAsync(Cancel);
            }

            for (int i = 0; i < Participants; i++)
            {
                MediaStatisticsSnapshot s = await AudioEndToEndTests.WaitForAsync(sessions[i], x => x.FramesDecoded >= (Participants - 1) * Frames);
                Assert.Equal((Participants - 1) * Frames, s.FramesDecoded);
                Assert.Equal(0, s.E2eeFailures);
                Assert.Equal(0, s.E2eeNoKey);
                Assert.Equal(0, sessions[i].KeyMessagesFailed);
                for (int j = 0; j < Participants; j++)
                {
                    if (j != i)
                    {
                        short[] decoded = recorders[i].Samples((uint)(500 + j));
                        short[] reference = new short[decoded.Length];
                        new SpeechSource(40 + j).Read(reference);
                        double snr = AudioSnr.Measure(reference, decoded);
                        Assert.True(snr >= 20, $"{i} hears {j} at {snr:0.0} dB");
                    }
                }
            }
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

            foreach (MeetingE2ee? x in e2ee)
            {
                x?.Dispose();
            }

            foreach (DeviceIdentity? identity in identities)
            {
                identity?.Dispose();
            }
        }
    }

    private static bool Agreed(MeetingE2ee[] e2ee) =>
        e2ee.All(x => x.SendEpoch is not null && x.ReceiveKeyCount >= Participants - 1 && x.SecurityCode is not null)
        && e2ee.Select(x => x.SecurityCode).Distinct().Count() == 1
        && e2ee.Select(x => x.SendEpoch).Distinct().Count() == 1;
}
