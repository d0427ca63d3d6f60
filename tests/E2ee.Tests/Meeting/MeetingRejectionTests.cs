using System.Security.Cryptography;
using Gateway.E2ee.Keys;
using Gateway.E2ee.Meeting;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>Forged, mis-bound, replayed and tampered key messages are rejected with the right reason and change nothing.</summary>
public sealed class MeetingRejectionTests
{
    private static TestRelay ThreeInAMeeting()
    {
        var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Join("carol");
        relay.Pump();
        MeetingAssert.SameEpoch(relay);
        return relay;
    }

    private static byte[] EnvelopeFromAlice(TestRelay relay, string recipient, ulong epoch, string? meetingId = null, byte[]? secret = null)
    {
        MeetingKeyAgent alice = relay.Agents["alice"];
        return KeyEnvelope.Create(relay.IdentityOf("alice"), alice.ExchangeKeyPair, meetingId ?? relay.MeetingId, epoch, "alice", recipient,
            relay.Agents[recipient].ExchangePublicKey, secret ?? RandomNumberGenerator.GetBytes(32), 1)!;
    }

    private static EpochCommitment LatestCommitment(TestRelay relay)
    {
        byte[] body = relay.Log.Last(d => d.Body[1] == 3 && d.Outcome.IsAccepted).Body;
        Assert.True(EpochCommitment.TryParse(body, out EpochCommitment? commitment, out _));
        return commitment!;
    }

    private static void AssertRejected(KeyMessageRejection expected, KeyMessageOutcome outcome)
    {
        Assert.Equal(KeyMessageStatus.Rejected, outcome.Status);
        Assert.Equal(expected, outcome.Rejection);
        Assert.Empty(outcome.Messages);
    }

    [Fact]
    public void TamperedSignature_OnACommitment_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        relay.Time.Advance(TimeSpan.FromSeconds(10));
        byte[] heartbeat = relay.Agents["alice"].Tick()[0].Body;

        byte[] badSignature = (byte[])heartbeat.Clone();
        badSignature[^1] ^= 0x01;
        AssertRejected(KeyMessageRejection.BadSignature, relay.Inject("alice", "bob", badSignature));

        byte[] badField = (byte[])heartbeat.Clone();
        badField[^(64 + 2 + 8 + 2 + 5)] ^= 0x01; // inside the secret commitment
        AssertRejected(KeyMessageRejection.BadSignature, relay.Inject("alice", "bob", badField));

        Assert.True(relay.Inject("alice", "bob", heartbeat).IsAccepted);
    }

    [Fact]
    public void TamperedAnnouncement_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        byte[] announcement = relay.Log.First(d => d.From == "carol" && d.Body[1] == 1).Body;
        byte[] tampered = (byte[])announcement.Clone();
        tampered[^(64 + 2 + 8 + 2 + 1)] ^= 0x80; // last byte of the liveness nonce

        AssertRejected(KeyMessageRejection.BadSignature, relay.Inject("carol", "alice", tampered));
    }

    [Fact]
    public void Envelope_SignedByANonLeader_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        MeetingKeyAgent carol = relay.Agents["carol"];
        ulong next = relay.Agents["bob"].CurrentEpoch!.Value + 1;
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        DeviceIdentity carolIdentity = relay.IdentityOf("carol");

        byte[] asItself = KeyEnvelope.Create(carolIdentity, carol.ExchangeKeyPair, relay.MeetingId, next, "carol", "bob", relay.Agents["bob"].ExchangePublicKey, secret, 1)!;
        AssertRejected(KeyMessageRejection.NotLeader, relay.Inject("carol", "bob", asItself));

        byte[] claimingTheLeader = KeyEnvelope.Create(carolIdentity, carol.ExchangeKeyPair, relay.MeetingId, next, "alice", "bob", relay.Agents["bob"].ExchangePublicKey, secret, 1)!;
        AssertRejected(KeyMessageRejection.SenderMismatch, relay.Inject("carol", "bob", claimingTheLeader));

        // A relay that forges the sender still cannot forge the leader's signature.
        AssertRejected(KeyMessageRejection.BadSignature, relay.Inject("alice", "bob", claimingTheLeader));
        Assert.Equal(next - 1, relay.Agents["bob"].CurrentEpoch);
    }

    [Fact]
    public void Commitment_SignedByANonLeader_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        EpochCommitment current = LatestCommitment(relay);
        byte[] forged = EpochCommitment.Create(relay.IdentityOf("carol"), relay.MeetingId, current.Epoch + 1, "carol", current.Roster, current.RosterHash, new byte[32], 1);

        AssertRejected(KeyMessageRejection.NotLeader, relay.Inject("carol", "bob", forged));
    }

    [Fact]
    public void Envelope_ForAnotherRecipient_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        byte[] forBob = EnvelopeFromAlice(relay, "bob", relay.Agents["carol"].CurrentEpoch!.Value + 1);

        AssertRejected(KeyMessageRejection.WrongRecipient, relay.Inject("alice", "carol", forBob));
    }

    [Fact]
    public void Envelope_ForAnotherMeeting_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        byte[] otherMeeting = EnvelopeFromAlice(relay, "bob", relay.Agents["bob"].CurrentEpoch!.Value + 1, meetingId: "meeting-2");

        AssertRejected(KeyMessageRejection.WrongMeeting, relay.Inject("alice", "bob", otherMeeting));
    }

    [Fact]
    public void Envelope_SealedToAnotherKey_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        MeetingKeyAgent alice = relay.Agents["alice"];
        using var stranger = new MeetingKeyPair();
        byte[] envelope = KeyEnvelope.Create(relay.IdentityOf("alice"), alice.ExchangeKeyPair, relay.MeetingId, alice.CurrentEpoch!.Value + 1, "alice", "bob",
            stranger.PublicKey, RandomNumberGenerator.GetBytes(32), 1)!;

        AssertRejected(KeyMessageRejection.ExchangeKeyMismatch, relay.Inject("alice", "bob", envelope));
    }

    [Fact]
    public void Envelope_WhoseSecretDoesNotMatchTheCommitment_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        EpochCommitment current = LatestCommitment(relay);
        ulong next = current.Epoch + 1;
        byte[] committed = RandomNumberGenerator.GetBytes(32);
        byte[] commitment = EpochCommitment.Create(relay.IdentityOf("alice"), relay.MeetingId, next, "alice", current.Roster, current.RosterHash,
            EpochKeySchedule.Commit(committed, relay.MeetingId, next, "alice", current.RosterHash), 1);

        Assert.True(relay.Inject("alice", "bob", commitment).IsAccepted); // waits for its envelope
        AssertRejected(KeyMessageRejection.CommitmentMismatch, relay.Inject("alice", "bob", EnvelopeFromAlice(relay, "bob", next)));
        Assert.Equal(current.Epoch, relay.Agents["bob"].CurrentEpoch);
    }

    [Fact]
    public void ReplayedOlderEpoch_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        DeliveryRecord oldEnvelope = relay.Log.Last(d => d.To == "bob" && d.Body[1] == 2 && d.Outcome.IsAccepted);
        DeliveryRecord oldCommitment = relay.Log.Last(d => d.To == "bob" && d.Body[1] == 3 && d.Outcome.IsAccepted);
        relay.Join("dave");
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);

        AssertRejected(KeyMessageRejection.StaleEpoch, relay.Inject("alice", "bob", oldEnvelope.Body));
        AssertRejected(KeyMessageRejection.StaleEpoch, relay.Inject("alice", "bob", oldCommitment.Body));
        Assert.Equal(epoch, relay.Agents["bob"].CurrentEpoch);
    }

    [Fact]
    public void ChangedIdentityKey_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        using DeviceIdentity impostor = DeviceIdentity.Create("device-bob");
        byte[] announcement = Announcement.Create(impostor, relay.MeetingId, "bob", relay.Agents["bob"].ExchangePublicKey, new byte[32], ulong.MaxValue);

        AssertRejected(KeyMessageRejection.IdentityKeyChanged, relay.Inject("bob", "alice", announcement));
    }

    [Fact]
    public void Rejoin_WithAnotherIdentityKey_IsRejected_AndLeftOutOfTheEpoch()
    {
        using TestRelay relay = ThreeInAMeeting();
        relay.Leave("bob");
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);
        using DeviceIdentity otherDevice = DeviceIdentity.Create("device-bob-2");

        relay.Join("bob", otherDevice);
        relay.Pump();

        Assert.Contains(relay.Log, d => d.From == "bob" && d.To == "alice" && d.Outcome.Rejection == KeyMessageRejection.IdentityKeyChanged);
        Assert.Equal(epoch, relay.Agents["alice"].CurrentEpoch);
        Assert.Null(relay.Agents["bob"].CurrentEpoch);
    }

    [Fact]
    public void Rejoin_WithTheSameIdentity_IsAccepted_ButAReplayOfTheOldAnnouncementIsNot()
    {
        using TestRelay relay = ThreeInAMeeting();
        byte[] oldAnnouncement = relay.Log.First(d => d.From == "bob" && d.Body[1] == 1).Body;
        relay.Leave("bob");
        relay.Pump();
        relay.Time.Advance(TimeSpan.FromSeconds(1));
        relay.Join("bob", relay.IdentityOf("bob"));

        AssertRejected(KeyMessageRejection.StaleAnnouncement, relay.Inject("bob", "alice", oldAnnouncement));
        relay.Pump();
        MeetingAssert.SameEpoch(relay);
    }

    [Fact]
    public void Commitment_MisstatingAParticipantsKeys_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        EpochCommitment current = LatestCommitment(relay);
        List<RosterEntry> roster = [.. current.Roster.Select(e => e.ParticipantId == "bob" ? e with { ExchangeKey = RandomNumberGenerator.GetBytes(32) } : e)];
        byte[] rosterHash = EpochKeySchedule.HashRoster(roster);
        byte[] lying = EpochCommitment.Create(relay.IdentityOf("alice"), relay.MeetingId, current.Epoch + 1, "alice", roster, rosterHash, new byte[32], 1);

        AssertRejected(KeyMessageRejection.RosterMismatch, relay.Inject("alice", "carol", lying));
    }

    [Fact]
    public void ConflictingCommitment_ForTheCurrentEpoch_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        EpochCommitment current = LatestCommitment(relay);
        byte[] conflicting = EpochCommitment.Create(relay.IdentityOf("alice"), relay.MeetingId, current.Epoch, "alice", current.Roster, current.RosterHash,
            RandomNumberGenerator.GetBytes(32), current.TimestampMs + 1);

        AssertRejected(KeyMessageRejection.ConflictingCommitment, relay.Inject("alice", "bob", conflicting));
    }

    [Fact]
    public void Message_FromSomeoneNotInTheMeeting_IsRejected()
    {
        using TestRelay relay = ThreeInAMeeting();
        byte[] envelope = EnvelopeFromAlice(relay, "bob", 99);

        AssertRejected(KeyMessageRejection.UnknownSender, relay.Inject("mallory", "bob", envelope));
        AssertRejected(KeyMessageRejection.UnknownSender, relay.Inject("bob", "bob", envelope));
    }

    [Fact]
    public void Message_BeforeTheSendersAnnouncement_IsDeferred_ThenApplied()
    {
        var time = new ManualTimeProvider();
        using DeviceIdentity aliceIdentity = DeviceIdentity.Create("a");
        using DeviceIdentity bobIdentity = DeviceIdentity.Create("b");
        using var alice = new MeetingKeyAgent(new MeetingKeyAgentOptions { MeetingId = "m", ParticipantId = "alice", Identity = aliceIdentity, TimeProvider = time });
        using var bob = new MeetingKeyAgent(new MeetingKeyAgentOptions { MeetingId = "m", ParticipantId = "bob", Identity = bobIdentity, TimeProvider = time });
        alice.Start(["alice"]);
        IReadOnlyList<KeyMessage> aliceToBob = alice.OnParticipantJoined("bob");
        IReadOnlyList<KeyMessage> bobStart = bob.Start(["alice", "bob"]);
        KeyMessageOutcome rekey = alice.OnMessage("bob", bobStart[0].Body);
        Assert.True(rekey.IsAccepted);
        Assert.Equal(2, rekey.Messages.Count); // the commitment and bob's envelope

        // The re-key overtakes alice's announcement on its way to bob.
        foreach (KeyMessage message in rekey.Messages)
        {
            Assert.Equal(KeyMessageStatus.Deferred, bob.OnMessage("alice", message.Body).Status);
        }

        Assert.Null(bob.CurrentEpoch);
        Assert.True(bob.OnMessage("alice", Assert.Single(aliceToBob).Body).IsAccepted);
        Assert.Equal(2UL, bob.CurrentEpoch);
        Assert.Equal(alice.SecurityCode, bob.SecurityCode);
    }

    [Fact]
    public void DeferredMessages_AreBounded()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        byte[] envelope = EnvelopeFromAlice(relay, "bob", 5);
        int deferred = 0;
        KeyMessageOutcome outcome;
        while ((outcome = relay.Inject("alice", "bob", envelope)).Status == KeyMessageStatus.Deferred)
        {
            deferred++;
            Assert.True(deferred <= 256);
        }

        Assert.Equal(256, deferred);
        AssertRejected(KeyMessageRejection.DeferredLimitReached, outcome);
    }
}
