using System.Text;
using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Events;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Client.Tests.Api;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Codecs.Quality;

namespace Gateway.Client.Tests.Media;

/// <summary>The session drives an <see cref="IKeyExchange"/> from the roster and the message channel; its messages stay out of the application's events.</summary>
public sealed class KeyExchangeEndToEndTests(NodeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysTravelAsMessages_ThenEncryptedAudioFlowsBothWays()
    {
        using var client = new GatewayClient(fixture.BaseAddress);
        string room = fixture.NewRoomId("keyx");
        await client.CreateRoomAsync(fixture.AdminToken(), new RoomOptions(room) { E2ee = E2eePolicy.Required }, Cancel);
        using var leaderFrames = new SFrameFrameEncryption();
        using var memberFrames = new SFrameFrameEncryption();
        var leaderKeys = new LeaderKeyExchange(leader: true, leaderFrames);
        var memberKeys = new LeaderKeyExchange(leader: false, memberFrames);

        await using MeetingSession leader = await client.JoinAsync(room, fixture.ParticipantToken(room, "leader"),
            new JoinRequest { AudioSsrc = 100, E2ee = true, FrameEncryption = leaderFrames, KeyExchange = leaderKeys }, Cancel);
        await using MeetingSession member = await client.JoinAsync(room, fixture.ParticipantToken(room, "member"),
            new JoinRequest { AudioSsrc = 200, E2ee = true, FrameEncryption = memberFrames, KeyExchange = memberKeys }, Cancel);

        for (int i = 0; i < 500 && !(memberKeys.HasKey && leader.Participants.Count == 1); i++)
        {
            await Task.Delay(10, Cancel);
        }

        Assert.True(memberKeys.HasKey, "the member never got the meeting key");

        await leader.SendMessageAsync(Encoding.UTF8.GetBytes("hello"), member.ParticipantId, Cancel);
        MessageEvent shown = await GatewayClientTests.NextAsync<MessageEvent>(member, _ => true);
        Assert.Equal("hello", Encoding.UTF8.GetString(shown.Body.Span));

        var source = new SpeechSource(1);
        short[] pcm = new short[RtpFormats.SamplesPerFrame];
        for (int i = 0; i < 20; i++)
        {
            source.Read(pcm);
            Assert.True(leader.Audio!.SendPcm(pcm));
            Assert.True(member.Audio!.SendPcm(pcm));
        }

        MediaStatisticsSnapshot atMember = await AudioEndToEndTests.WaitForAsync(member, s => s.FramesDecoded >= 20);
        MediaStatisticsSnapshot atLeader = await AudioEndToEndTests.WaitForAsync(leader, s => s.FramesDecoded >= 20);
        Assert.Equal(20, atMember.FramesDecoded);
        Assert.Equal(20, atLeader.FramesDecoded);
        Assert.Equal(0, atMember.E2eeFailures + atLeader.E2eeFailures);
        Assert.Equal(0, leader.KeyMessagesFailed);
    }
}
