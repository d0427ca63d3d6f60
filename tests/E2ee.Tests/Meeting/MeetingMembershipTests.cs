using Gateway.E2ee.Meeting;
using Gateway.E2ee.Messages;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>Joins and leaves re-key; joiners get no earlier epoch, leavers no later one.</summary>
public sealed class MeetingMembershipTests
{
    private static readonly byte[] Frame = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Join_MakesANewEpoch_ThatTheJoinerAndTheOldMembersGet()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        ulong before = MeetingAssert.SameEpoch(relay);
        string codeBefore = relay.Agents["alice"].SecurityCode!;

        relay.Join("carol");
        relay.Pump();

        ulong after = MeetingAssert.SameEpoch(relay);
        Assert.True(after > before);
        Assert.NotEqual(codeBefore, relay.Agents["carol"].SecurityCode);
        MeetingAssert.NoRejections(relay);
    }

    [Fact]
    public void Joiner_NeverReceivesAnEnvelopeForAnEarlierEpoch()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        ulong before = MeetingAssert.SameEpoch(relay);

        relay.Join("carol");
        relay.Pump();

        foreach (DeliveryRecord delivery in relay.Log.Where(d => d.To == "carol" && d.Body[1] == 2))
        {
            Assert.True(KeyEnvelope.TryParse(delivery.Body, out KeyEnvelope? envelope, out _));
            Assert.True(envelope!.Epoch > before, $"carol got an envelope for epoch {envelope.Epoch}");
        }
    }

    [Fact]
    public void Joiner_CannotDecryptFramesOfAnEarlierEpoch_ButOldMembersCan()
    {
        using var meeting = new MeetingHarness("alice", "bob");
        TestRelay relay = meeting.Relay;
        E2eeMediaSession alice = meeting["alice"];
        E2eeMediaSession bob = meeting["bob"];
        byte[] earlier = MediaHarness.Protect(alice, Frame);
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(bob, earlier, out byte[] opened));
        Assert.Equal(Frame, opened);

        relay.Join("carol");
        E2eeMediaSession carol = meeting.Media.Attach("carol");
        relay.Pump();

        Assert.Equal(SFrameStatus.UnknownKeyId, MediaHarness.TryUnprotect(carol, earlier, out _));
        byte[] current = MediaHarness.Protect(alice, Frame);
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(carol, current, out opened));
        Assert.Equal(Frame, opened);
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(bob, current, out _));
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(alice, MediaHarness.Protect(carol, Frame), out _));
    }

    [Fact]
    public void Leave_MakesANewEpoch_ThatTheLeaverNeverReceivesAndCannotDecrypt()
    {
        using var meeting = new MeetingHarness("alice", "bob", "carol");
        TestRelay relay = meeting.Relay;
        E2eeMediaSession alice = meeting["alice"];
        E2eeMediaSession bob = meeting["bob"];
        E2eeMediaSession carol = meeting["carol"];
        ulong before = MeetingAssert.SameEpoch(relay);
        int logged = relay.Log.Count;

        MeetingKeyAgent carolAgent = relay.Leave("carol");
        relay.Pump();

        ulong after = MeetingAssert.SameEpoch(relay);
        Assert.True(after > before);
        Assert.Equal(before, carolAgent.CurrentEpoch);
        Assert.DoesNotContain(relay.Log.Skip(logged), d => d.To == "carol");

        // Even with every message of the new epoch in hand, the leaver cannot adopt it.
        foreach (DeliveryRecord delivery in relay.Log.Skip(logged))
        {
            KeyMessageOutcome outcome = carolAgent.OnMessage(delivery.From, delivery.Body);
            Assert.NotEqual(KeyMessageStatus.Accepted, outcome.Status);
        }

        Assert.Equal(before, carolAgent.CurrentEpoch);
        byte[] frame = MediaHarness.Protect(alice, Frame);
        Assert.Equal(SFrameStatus.UnknownKeyId, MediaHarness.TryUnprotect(carol, frame, out _));
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(bob, frame, out _));
    }

    [Fact]
    public void Leave_OfANonLeader_MakesTheLeaderRekeyWithoutIt()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Join("carol");
        relay.Pump();

        relay.Leave("bob");
        relay.Pump();

        MeetingAssert.SameEpoch(relay);
        Assert.False(relay.Agents["alice"].CurrentEpochKeys!.SenderIndexes.ContainsKey("bob"));
        Assert.Equal(2, relay.Agents["carol"].CurrentEpochKeys!.SenderIndexes.Count);
    }

    [Fact]
    public void LeaderLeaves_NextEarliestTakesOver_WithANewEpochAndANewSecurityCode()
    {
        using var meeting = new MeetingHarness("alice", "bob", "carol");
        TestRelay relay = meeting.Relay;
        E2eeMediaSession carol = meeting["carol"];
        ulong before = MeetingAssert.SameEpoch(relay);
        string codeBefore = relay.Agents["bob"].SecurityCode!;

        relay.Leave("alice");
        relay.Pump();

        ulong after = MeetingAssert.SameEpoch(relay);
        Assert.True(after > before);
        Assert.True(relay.Agents["bob"].IsLeader);
        Assert.Equal("bob", relay.Agents["carol"].LeaderId);
        Assert.Equal("bob", relay.Agents["carol"].CurrentEpochKeys!.LeaderId);
        Assert.NotEqual(codeBefore, relay.Agents["carol"].SecurityCode);
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(carol, MediaHarness.Protect(meeting["bob"], Frame), out _));
        MeetingAssert.NoRejections(relay);
    }

    [Fact]
    public void SecurityCode_ChangesWithTheLeader_EvenForTheSameParticipantsSecrets()
    {
        // Two meetings with the same members but a different leader never share a code.
        using var first = new TestRelay();
        first.Join("alice");
        first.Join("bob");
        first.Pump();
        using var second = new TestRelay();
        second.Join("bob", first.IdentityOf("bob"));
        second.Join("alice", first.IdentityOf("alice"));
        second.Pump();

        Assert.NotEqual(first.Agents["alice"].SecurityCode, second.Agents["alice"].SecurityCode);
        Assert.Equal("bob", second.Agents["alice"].LeaderId);
    }

    [Fact]
    public void PreviousEpochReceiveKeys_SurviveTheGrace_ThenAreRemoved()
    {
        using var meeting = new MeetingHarness("alice", "bob");
        TestRelay relay = meeting.Relay;
        E2eeMediaSession alice = meeting["alice"];
        E2eeMediaSession bob = meeting["bob"];
        byte[] inFlight1 = MediaHarness.Protect(alice, Frame);
        byte[] inFlight2 = MediaHarness.Protect(alice, Frame);

        relay.Join("carol");
        relay.Pump();
        relay.Time.Advance(TimeSpan.FromSeconds(1));
        bob.Tick();
        Assert.Equal(SFrameStatus.Ok, MediaHarness.TryUnprotect(bob, inFlight1, out _));

        relay.Time.Advance(TimeSpan.FromSeconds(1.5));
        bob.Tick();
        Assert.Equal(SFrameStatus.UnknownKeyId, MediaHarness.TryUnprotect(bob, inFlight2, out _));
        Assert.Equal(2, bob.ReceiveKeyCount); // alice and carol of the current epoch only
    }

    [Fact]
    public void OlderEpochsReceiveKeys_AreRemoved_AtTheNextEpoch()
    {
        using var meeting = new MeetingHarness("alice", "bob");
        TestRelay relay = meeting.Relay;
        E2eeMediaSession bob = meeting["bob"];
        byte[] epochA = MediaHarness.Protect(meeting["alice"], Frame);

        relay.Join("carol");
        relay.Pump();
        relay.Join("dave");
        relay.Pump();

        Assert.Equal(SFrameStatus.UnknownKeyId, MediaHarness.TryUnprotect(bob, epochA, out _));
        Assert.Equal(3 + 2, bob.ReceiveKeyCount); // 3 others now, plus alice and carol of the previous epoch in grace
    }
}
