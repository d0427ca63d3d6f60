using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.Meeting;

namespace Gateway.E2ee.Tests.Meeting;

/// <summary>Whatever bytes arrive from an announced participant, the agent answers with a reason and stays consistent.</summary>
public sealed class MeetingKeyAgentFuzzTests
{
    [Fact]
    public void RandomBodies_AreRejectedWithAReason_AndChangeNothing()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        ulong epoch = MeetingAssert.SameEpoch(relay);
        string code = relay.Agents["bob"].SecurityCode!;

        for (int i = 0; i < 20_000; i++)
        {
            byte[] body = Bytes.Random(random, random.Next(0, 300));
            if (i % 2 == 0 && body.Length >= 2)
            {
                body[0] = 1;
                body[1] = (byte)random.Next(1, 4);
            }

            KeyMessageOutcome outcome = relay.Inject("alice", "bob", body);
            Assert.True(outcome.Status == KeyMessageStatus.Rejected && outcome.Rejection != KeyMessageRejection.None,
                $"{Convert.ToHexString(body)}: {outcome} ({TestSeed.Describe(seed)})");
            Assert.Empty(outcome.Messages);
        }

        Assert.Equal(epoch, relay.Agents["bob"].CurrentEpoch);
        Assert.Equal(code, relay.Agents["bob"].SecurityCode);
    }

    [Fact]
    public void TruncatedAndMutatedRealMessages_AreNeverAccepted()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Join("carol");
        relay.Pump();
        byte[][] real = [.. relay.Log.Where(d => d.To == "carol").Select(d => d.Body)];
        ulong epoch = MeetingAssert.SameEpoch(relay);

        for (int i = 0; i < 5_000; i++)
        {
            byte[] body = (byte[])real[i % real.Length].Clone();
            if (random.Next(2) == 0)
            {
                body = body[..random.Next(body.Length)];
            }
            else
            {
                body[random.Next(body.Length)] ^= (byte)random.Next(1, 256);
            }

            KeyMessageOutcome outcome = relay.Inject(i % 2 == 0 ? "alice" : "bob", "carol", body);
            Assert.True(outcome.Status == KeyMessageStatus.Rejected, $"{Convert.ToHexString(body)}: {outcome} ({TestSeed.Describe(seed)})");
        }

        Assert.Equal(epoch, relay.Agents["carol"].CurrentEpoch);
    }
}
