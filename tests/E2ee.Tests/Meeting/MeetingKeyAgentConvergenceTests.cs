using System.Buffers.Binary;
using System.Security.Cryptography;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.Meeting;

namespace Gateway.E2ee.Tests.Meeting;

public sealed class MeetingKeyAgentConvergenceTests
{
    [Fact]
    public void FirstParticipant_LeadsAndStartsEpochOne_Alone()
    {
        using var relay = new TestRelay();
        MeetingKeyAgent alice = relay.Join("alice");
        relay.Pump();

        Assert.True(alice.IsLeader);
        Assert.Equal("alice", alice.LeaderId);
        Assert.Equal(1UL, alice.CurrentEpoch);
        Assert.Equal(0, alice.CurrentEpochKeys!.OwnSenderIndex);
    }

    [Fact]
    public void ThreeParticipants_InOrder_ReachTheSameEpochAndSecurityCode()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Pump();
        relay.Join("bob");
        relay.Pump();
        relay.Join("carol");
        relay.Pump();

        ulong epoch = MeetingAssert.SameEpoch(relay);
        Assert.Equal(3UL, epoch); // one epoch per join
        Assert.True(relay.Agents["alice"].IsLeader);
        Assert.False(relay.Agents["bob"].IsLeader);
        MeetingAssert.NoRejections(relay);
    }

    [Fact]
    public void ManyParticipants_ShuffledDelivery_ReachTheSameEpochAndSecurityCode()
    {
        int seed = TestSeed.Next();
        for (int round = 0; round < 10; round++)
        {
            using var relay = new TestRelay(shuffle: new Random(seed + round));
            string[] ids = ["p1", "p2", "p3", "p4", "p5", "p6"];
            foreach (string id in ids)
            {
                relay.Join(id);
                if ((seed + round + id.Length) % 2 == 0)
                {
                    relay.Pump(); // sometimes joins overlap with the previous re-key still in flight
                }
            }

            relay.Pump();
            try
            {
                MeetingAssert.SameEpoch(relay);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Round {round}, {TestSeed.Describe(seed)}: {e.Message}");
            }
        }
    }

    [Fact]
    public void SenderIndexes_FollowSortedParticipantIds_AndAgreeEverywhere()
    {
        using var relay = new TestRelay();
        relay.Join("zed");
        relay.Join("amy");
        relay.Join("max");
        relay.Pump();

        foreach (MeetingKeyAgent agent in relay.Agents.Values)
        {
            IReadOnlyDictionary<string, int> indexes = agent.CurrentEpochKeys!.SenderIndexes;
            Assert.Equal(0, indexes["amy"]);
            Assert.Equal(1, indexes["max"]);
            Assert.Equal(2, indexes["zed"]);
            Assert.Equal(indexes[agent.ParticipantId], agent.CurrentEpochKeys.OwnSenderIndex);
        }
    }

    [Fact]
    public void SenderBaseKeys_AreEqualEverywhere_AndAreHkdfOfTheEpochSecret()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Join("carol");
        relay.Pump();
        EpochKeys reference = relay.Agents["alice"].CurrentEpochKeys!;

        for (int index = 0; index < 3; index++)
        {
            // Independent computation from the key schedule as specified:
            // HKDF-SHA256(secret, salt = none, info = "gateway e2ee sender" || epoch (u64 BE) || index (u16 BE)).
            byte[] info = [.. "gateway e2ee sender"u8, .. new byte[10]];
            BinaryPrimitives.WriteUInt64BigEndian(info.AsSpan(19), reference.Epoch);
            BinaryPrimitives.WriteUInt16BigEndian(info.AsSpan(27), (ushort)index);
            byte[] expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, reference.Secret.ToArray(), 32, [], info);

            foreach (MeetingKeyAgent agent in relay.Agents.Values)
            {
                byte[] actual = new byte[EpochKeys.BaseKeySize];
                agent.CurrentEpochKeys!.DeriveSenderBaseKey(index, actual);
                Bytes.Equal(expected, actual, $"base key of sender {index} at {agent.ParticipantId}");
            }
        }
    }

    [Fact]
    public void KeyId_IsTheRfc9605Section52Layout()
    {
        using var relay = new TestRelay();
        relay.Join("alice");
        relay.Join("bob");
        relay.Pump();
        EpochKeys keys = relay.Agents["bob"].CurrentEpochKeys!;

        // 16 bits of sender index above 16 low bits of the epoch, context 0.
        Assert.Equal((1UL << 16) | (keys.Epoch & 0xFFFF), keys.KeyIdOf(1));
        Assert.Equal(keys.Epoch & 0xFFFF, keys.KeyIdOf(0));
    }

    [Fact]
    public void EpochChanged_IsRaisedOncePerEpoch_WithTheEpochsKeys()
    {
        using var relay = new TestRelay();
        MeetingKeyAgent alice = relay.Join("alice");
        var seen = new List<ulong>();
        alice.EpochChanged += keys => seen.Add(keys.Epoch);
        relay.Join("bob");
        relay.Pump();
        relay.Join("carol");
        relay.Pump();

        Assert.Equal([2UL, 3UL], seen);
    }

    [Fact]
    public void PreviousEpochKeys_AreWiped_WhenANewEpochStarts()
    {
        using var relay = new TestRelay();
        MeetingKeyAgent alice = relay.Join("alice");
        relay.Pump();
        EpochKeys first = alice.CurrentEpochKeys!;
        relay.Join("bob");
        relay.Pump();

        Assert.True(first.IsExpired);
        Bytes.AllZero(first.Secret, "expired epoch secret");
        Assert.Throws<ObjectDisposedException>(() => first.DeriveSenderBaseKey(0, new byte[32]));
    }
}
