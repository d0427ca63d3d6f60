using Gateway.E2ee.Meeting;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>Heartbeats and rotation, on a manual clock.</summary>
public sealed class MeetingTimingTests
{
    [Fact]
    public void Leader_BroadcastsTheCommitmentEveryTenSeconds_AndOthersAcceptItAsHeartbeat()
    {
        using var relay = new TestRelay();
        MeetingKeyAgent alice = relay.Join("alice");
        MeetingKeyAgent bob = relay.Join("bob");
        relay.Join("carol");
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);
        DateTimeOffset start = relay.Time.GetUtcNow();

        relay.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(alice.Tick());
        Assert.Empty(bob.Tick());

        relay.Time.Advance(TimeSpan.FromSeconds(1));
        IReadOnlyList<KeyMessage> heartbeat = alice.Tick();
        KeyMessage single = Assert.Single(heartbeat);
        Assert.True(single.IsBroadcast);
        Assert.Equal(3, single.Body[1]); // an epoch commitment
        Assert.Empty(alice.Tick()); // not again until the next interval

        int logged = relay.Log.Count;
        relay.Route("alice", heartbeat);
        relay.Pump();
        Assert.All(relay.Log.Skip(logged), d => Assert.Equal(KeyMessageStatus.Accepted, d.Outcome.Status));
        Assert.Equal(epoch, MeetingAssert.SameEpoch(relay));
        Assert.Equal(start + TimeSpan.FromSeconds(10), bob.LastLeaderHeartbeat);

        relay.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(alice.Tick());
    }

    [Fact]
    public void Leader_RotatesTheEpochAfterFiveMinutes_AndEveryoneFollows()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);
        string code = relay.Agents["bob"].SecurityCode!;

        for (int second = 10; second < 300; second += 10)
        {
            relay.Time.Advance(TimeSpan.FromSeconds(10));
            relay.TickAll();
            relay.Pump();
            Assert.Equal(epoch, MeetingAssert.SameEpoch(relay));
        }

        relay.Time.Advance(TimeSpan.FromSeconds(10));
        relay.TickAll();
        relay.Pump();

        Assert.Equal(epoch + 1, MeetingAssert.SameEpoch(relay));
        Assert.NotEqual(code, relay.Agents["bob"].SecurityCode);
        MeetingAssert.NoRejections(relay);
    }

    [Fact]
    public void Rotation_RestartsItsClock_AfterAMembershipRekey()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        relay.Time.Advance(TimeSpan.FromMinutes(4));
        relay.Join("carol");
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);

        relay.Time.Advance(TimeSpan.FromMinutes(2)); // 6 minutes since the meeting started, 2 since the re-key
        relay.TickAll();
        relay.Pump();

        Assert.Equal(epoch, MeetingAssert.SameEpoch(relay));
    }
}
