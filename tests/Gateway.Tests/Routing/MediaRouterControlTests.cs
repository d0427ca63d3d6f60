using Gateway.Routing;
using Gateway.Rtp.Srtp;

namespace Gateway.Tests.Routing;

public sealed class MediaRouterControlTests
{
    [Fact]
    public void E2eeRequired_RefusesAParticipantThatDidNotDeclareIt()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m", E2eePolicy.Required);
        var (refused, _) = harness.TryJoin("m", "plain", e2ee: false, [RouterHarness.Audio(1)]);
        Assert.Equal(JoinStatus.E2eeRequired, refused.Status);
        Assert.Null(refused.OutboundKeyAndSalt);
        Assert.NotNull(refused.Detail);

        var (joined, _) = harness.TryJoin("m", "secret", e2ee: true, [RouterHarness.Audio(1)]);
        Assert.Equal(JoinStatus.Joined, joined.Status);
        Assert.Equal(1, harness.Router.GetMeeting("m")!.Participants);
    }

    [Fact]
    public void E2eeOptional_AnnouncesUnencryptedParticipants()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m", E2eePolicy.Optional);
        var a = harness.Join("m", "a");
        var events = harness.Router.OpenEvents("m", a.Id)!;
        MediaRouterForwardingTests.Drain(events);
        var plain = harness.JoinWith("m", "plain", e2ee: false);

        var got = MediaRouterForwardingTests.Drain(events);
        Assert.Contains(got, e => e.Type == "joined" && (string?)e.Data["participant"] == plain.Id && Equals(e.Data["e2ee"], false));
        var notice = Assert.Single(got, e => e.Type == "e2ee");
        Assert.Equal(plain.Id, notice.Data["participant"]);
        Assert.Equal(false, notice.Data["encrypted"]);
    }

    [Fact]
    public void Join_IsRefused_WhenTheMeetingIsFull_OnAnSsrcConflict_WithoutAMeeting_AndWhileDraining()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m", maxParticipants: 2);
        harness.Join("m", "a", RouterHarness.Audio(7));
        Assert.Equal(JoinStatus.SsrcConflict, harness.TryJoin("m", "b", true, [RouterHarness.Audio(7)]).Result.Status);
        Assert.Equal(JoinStatus.SsrcConflict, harness.TryJoin("m", "b", true, [RouterHarness.Video(8, rtx: 7)]).Result.Status);
        harness.Join("m", "b", RouterHarness.Audio(8));
        Assert.Equal(JoinStatus.MeetingFull, harness.TryJoin("m", "c", true, []).Result.Status);
        Assert.Equal(JoinStatus.NoSuchMeeting, harness.TryJoin("nope", "c", true, []).Result.Status);

        harness.Router.StopAccepting();
        Assert.Equal(JoinStatus.Draining, harness.TryJoin("m", "c", true, []).Result.Status);
        Assert.Equal(CreateMeetingStatus.Draining, harness.Router.CreateMeeting(new MeetingOptions { Id = "n" }, out _));
    }

    [Fact]
    public void CreateMeeting_AppliesDefaults_ReportsExisting_AndHonoursTheLimit()
    {
        using var harness = new RouterHarness(new RoutingOptions { MaxMeetings = 2, DefaultMaxParticipants = 7, DefaultMaxPacketsPerSecond = 99 });
        Assert.Equal(CreateMeetingStatus.Created, harness.Router.CreateMeeting(new MeetingOptions { Id = "a", MaxParticipants = 0, MaxPacketsPerSecondPerParticipant = 0 }, out var a));
        Assert.Equal(7, a!.MaxParticipants);
        Assert.Equal(99, a.MaxPacketsPerSecondPerParticipant);
        Assert.Equal(CreateMeetingStatus.AlreadyExists, harness.Router.CreateMeeting(new MeetingOptions { Id = "a", MaxParticipants = 3 }, out var again));
        Assert.Equal(7, again!.MaxParticipants);
        Assert.Equal(CreateMeetingStatus.Created, harness.Router.CreateMeeting(new MeetingOptions { Id = "b" }, out _));
        Assert.Equal(CreateMeetingStatus.LimitReached, harness.Router.CreateMeeting(new MeetingOptions { Id = "c" }, out _));
        Assert.Equal(["a", "b"], harness.Router.ListMeetings().Select(m => m.Id));
        Assert.Throws<ArgumentException>(() => harness.Router.CreateMeeting(new MeetingOptions { Id = "bad id!" }, out _));
    }

    [Fact]
    public void JoinResult_CarriesAFreshKeyOfTheProfile_AUrlSafeId_AndIceCredentials()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        foreach (SrtpProfile profile in new[] { SrtpProfile.AeadAes128Gcm, SrtpProfile.AeadAes256Gcm, SrtpProfile.AesCm128HmacSha1_80 })
        {
            var (result, _) = harness.TryJoin("m", "x", true, [], profile);
            Assert.Equal(JoinStatus.Joined, result.Status);
            Assert.Equal(profile.MasterKeyLength() + profile.MasterSaltLength(), result.OutboundKeyAndSalt!.Length);
            Assert.Contains(result.OutboundKeyAndSalt, b => b != 0);
            Assert.Matches("^[A-Za-z0-9_-]{12}$", result.ParticipantId!);
            var (ufrag, password) = result.IceCredentials!.Value;
            Assert.Matches("^[A-Za-z0-9]{8}$", ufrag);
            Assert.True(password.Length >= 22);
        }
    }

    [Fact]
    public async Task OpenEvents_SnapshotListsParticipantsInJoinOrder_AfterSomeoneLeft()
    {
        // Clients pick their E2EE leader as the earliest joiner still present: the snapshot's order is the join order,
        // also after a leave freed a place a later joiner could take in a hash table.
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a");
        var b = harness.Join("m", "b");
        var c = harness.Join("m", "c");
        Assert.True(await harness.Router.LeaveAsync("m", b.Id));
        var d = harness.Join("m", "d");
        var e = harness.Join("m", "e");

        var snapshot = MediaRouterForwardingTests.Drain(harness.Router.OpenEvents("m", e.Id)!);
        List<object?> joined = [.. snapshot.Where(x => x.Type == "joined").Select(x => x.Data["participant"])];
        Assert.Equal([a.Id, c.Id, d.Id, e.Id], joined);
    }

    [Fact]
    public void OpenEvents_StartsWithASnapshot_KeepsQueuedMessages_AndCompletesThePreviousReader()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1), RouterHarness.Video(2, rtx: 3));
        var b = harness.Join("m", "b");
        Assert.Equal(MessageDelivery.Delivered, harness.Router.SendMessage("m", a.Id, b.Id, new byte[] { 1, 2, 3 }));

        var first = harness.Router.OpenEvents("m", b.Id)!;
        var snapshot = MediaRouterForwardingTests.Drain(first);
        Assert.Equal(2, snapshot.Count(e => e.Type == "joined"));
        var tracks = snapshot.Where(e => e.Type == "track").ToList();
        Assert.Equal(2, tracks.Count);
        Assert.Contains(tracks, t => Equals(t.Data["kind"], "video") && Equals(t.Data["ssrc"], 2u) && Equals(t.Data["rtxSsrc"], 3u) && Equals(t.Data["mid"], "1"));
        var message = Assert.Single(snapshot, e => e.Type == "message");
        Assert.Equal(a.Id, message.Data["from"]);
        Assert.Equal(Convert.ToBase64String([1, 2, 3]), message.Data["body"]);

        var second = harness.Router.OpenEvents("m", b.Id)!;
        Assert.True(first.Completion.IsCompleted);
        Assert.NotEmpty(MediaRouterForwardingTests.Drain(second));
        Assert.Null(harness.Router.OpenEvents("m", "nobody"));
    }

    [Fact]
    public void SendMessage_ToAll_ReachesEveryoneButTheSender_AndChecksSizeAndNames()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a");
        var b = harness.Join("m", "b");
        var c = harness.Join("m", "c");
        var ea = harness.Router.OpenEvents("m", a.Id)!;
        var eb = harness.Router.OpenEvents("m", b.Id)!;
        var ec = harness.Router.OpenEvents("m", c.Id)!;
        MediaRouterForwardingTests.Drain(ea);
        MediaRouterForwardingTests.Drain(eb);
        MediaRouterForwardingTests.Drain(ec);

        Assert.Equal(MessageDelivery.Delivered, harness.Router.SendMessage("m", a.Id, null, new byte[] { 9 }));
        Assert.Empty(MediaRouterForwardingTests.Drain(ea));
        Assert.Single(MediaRouterForwardingTests.Drain(eb), e => e.Type == "message");
        Assert.Single(MediaRouterForwardingTests.Drain(ec), e => e.Type == "message");
        Assert.Equal(MessageDelivery.TooLarge, harness.Router.SendMessage("m", a.Id, null, new byte[MediaRouter.MaxMessageLength + 1]));
        Assert.Equal(MessageDelivery.NotFound, harness.Router.SendMessage("m", a.Id, "ghost", new byte[1]));
        Assert.Equal(MessageDelivery.NotFound, harness.Router.SendMessage("m", "ghost", null, new byte[1]));
        Assert.Equal(MessageDelivery.NotFound, harness.Router.SendMessage("x", a.Id, null, new byte[1]));
    }

    [Fact]
    public async Task EndMeeting_ClosesEveryStream_AndForgetsTheMeeting()
    {
        using var harness = new RouterHarness();
        harness.CreateMeeting("m");
        var a = harness.Join("m", "a", RouterHarness.Audio(1));
        var b = harness.Join("m", "b");
        var events = harness.Router.OpenEvents("m", b.Id)!;
        MediaRouterForwardingTests.Drain(events);

        Assert.True(await harness.Router.EndMeetingAsync("m"));
        Assert.Equal("closed", Assert.Single(MediaRouterForwardingTests.Drain(events)).Type);
        Assert.True(events.Completion.IsCompleted);
        Assert.Null(harness.Router.GetMeeting("m"));
        Assert.Equal(0, harness.Router.ParticipantCount);
        Assert.Equal(0, harness.Router.MeetingCount);
        Assert.False(await harness.Router.EndMeetingAsync("m"));

        a.SendRtp(a.Ssrc, [1]);
        Assert.Empty(harness.Sink.Sent);
    }
}
