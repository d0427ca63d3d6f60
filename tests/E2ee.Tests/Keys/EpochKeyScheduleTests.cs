using Gateway.E2ee.Keys;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Tests.Keys;

public sealed class EpochKeyScheduleTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] RosterHash = new byte[32];

    [Fact]
    public void Commitment_MatchesOnlyItsSecretMeetingEpochLeaderAndRoster()
    {
        byte[] commitment = EpochKeySchedule.Commit(Secret, "m", 7, "alice", RosterHash);
        byte[] otherSecret = (byte[])Secret.Clone();
        otherSecret[0] ^= 1;
        byte[] otherRoster = new byte[32];
        otherRoster[5] = 1;

        Assert.True(EpochKeySchedule.Matches(Secret, "m", 7, "alice", RosterHash, commitment));
        Assert.False(EpochKeySchedule.Matches(otherSecret, "m", 7, "alice", RosterHash, commitment));
        Assert.False(EpochKeySchedule.Matches(Secret, "n", 7, "alice", RosterHash, commitment));
        Assert.False(EpochKeySchedule.Matches(Secret, "m", 8, "alice", RosterHash, commitment));
        Assert.False(EpochKeySchedule.Matches(Secret, "m", 7, "bob", RosterHash, commitment));
        Assert.False(EpochKeySchedule.Matches(Secret, "m", 7, "alice", otherRoster, commitment));
        Assert.False(commitment.AsSpan().IndexOf(Secret.AsSpan(0, 8)) >= 0);
    }

    [Fact]
    public void SenderBaseKeys_DifferPerSenderAndPerEpoch()
    {
        byte[] a = new byte[32], b = new byte[32], c = new byte[32];
        EpochKeySchedule.DeriveSenderBaseKey(Secret, 1, 0, a);
        EpochKeySchedule.DeriveSenderBaseKey(Secret, 1, 1, b);
        EpochKeySchedule.DeriveSenderBaseKey(Secret, 2, 0, c);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void RosterHash_CoversEveryFieldOfEveryEntry()
    {
        RosterEntry entry = new("alice", "laptop", 0, new byte[32], new byte[32]);
        byte[] reference = EpochKeySchedule.HashRoster([entry]);

        Assert.NotEqual(reference, EpochKeySchedule.HashRoster([entry with { ParticipantId = "alicf" }]));
        Assert.NotEqual(reference, EpochKeySchedule.HashRoster([entry with { DeviceId = "phone" }]));
        Assert.NotEqual(reference, EpochKeySchedule.HashRoster([entry with { SenderIndex = 1 }]));
        Assert.NotEqual(reference, EpochKeySchedule.HashRoster([entry with { IdentityKey = [.. new byte[31], 1] }]));
        Assert.NotEqual(reference, EpochKeySchedule.HashRoster([entry with { ExchangeKey = [.. new byte[31], 1] }]));
        // Length prefixes keep field boundaries: moving a character between ids changes the hash.
        Assert.NotEqual(EpochKeySchedule.HashRoster([entry with { ParticipantId = "ab", DeviceId = "c" }]),
            EpochKeySchedule.HashRoster([entry with { ParticipantId = "a", DeviceId = "bc" }]));
    }
}
