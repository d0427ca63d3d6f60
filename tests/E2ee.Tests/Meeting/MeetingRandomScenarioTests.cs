using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>Random joins, leaves (leaders included) and time, with shuffled delivery: after each step everyone agrees and leavers are locked out.</summary>
public sealed class MeetingRandomScenarioTests
{
    [Fact]
    public void RandomJoinsLeavesAndRotations_AlwaysConverge_AndLockOutLeavers()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var relay = new TestRelay(shuffle: new Random(seed));
        using var media = new MediaHarness(relay);
        int next = 0;
        string Join()
        {
            string id = $"p{next++:D2}";
            relay.Join(id);
            media.Attach(id);
            return id;
        }

        Join();
        Join();
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);
        for (int step = 0; step < 40; step++)
        {
            string context = $"step {step}, {TestSeed.Describe(seed)}";
            int action = random.Next(10);
            string? leaver = null;
            if (action < 4 || relay.Agents.Count < 2)
            {
                Join();
            }
            else if (action < 8)
            {
                leaver = relay.JoinOrder[random.Next(action < 6 ? 1 : 0, relay.JoinOrder.Count)]; // leaders leave too
                relay.Leave(leaver);
            }
            else
            {
                relay.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 7)));
                relay.TickAll();
            }

            relay.Pump();
            ulong now;
            try
            {
                now = MeetingAssert.SameEpoch(relay);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{context}: {e.Message}");
            }

            Assert.True(now >= epoch, context);
            epoch = now;
            Assert.Equal(relay.JoinOrder[0], relay.Agents.Values.First().LeaderId);

            // Everyone present can read everyone else's frames of the epoch; a leaver cannot.
            string sender = relay.JoinOrder[random.Next(relay.JoinOrder.Count)];
            byte[] frame = MediaHarness.Protect(media.Sessions[sender], [(byte)step]);
            foreach (string receiver in relay.JoinOrder.Where(r => r != sender))
            {
                Assert.True(SFrameStatus.Ok == MediaHarness.TryUnprotect(media.Sessions[receiver], frame, out _), $"{context}: {receiver} cannot read {sender}");
            }

            if (leaver is not null)
            {
                Assert.Equal(SFrameStatus.UnknownKeyId, MediaHarness.TryUnprotect(media.Sessions[leaver], frame, out _));
            }
        }
    }
}
