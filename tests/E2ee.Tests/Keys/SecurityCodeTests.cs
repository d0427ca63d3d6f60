using System.Security.Cryptography;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.Keys;

namespace Gateway.E2ee.Tests.Keys;

public sealed class SecurityCodeTests
{
    [Fact]
    public void Compute_IsEightGroupsOfFiveDigits_FromSha256OfLabelLeaderKeyAndDigest()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] leaderKey = Bytes.Random(random, 32);
        byte[] digest = Bytes.Random(random, 32);

        // Independent computation: each group is a big-endian 32-bit word of the hash, mod 100000, zero padded.
        byte[] hash = SHA256.HashData([.. "gateway e2ee v1 security code"u8, .. leaderKey, .. digest]);
        var groups = new List<string>();
        for (int i = 0; i < 8; i++)
        {
            long word = ((long)hash[4 * i] << 24) | ((long)hash[(4 * i) + 1] << 16) | ((long)hash[(4 * i) + 2] << 8) | hash[(4 * i) + 3];
            groups.Add((word % 100000).ToString("00000", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(string.Join(' ', groups), SecurityCode.Compute(leaderKey, digest));
    }

    [Fact]
    public void Compute_ChangesWithTheLeaderKeyAndWithTheCommitment()
    {
        byte[] leaderKey = new byte[32];
        byte[] digest = new byte[32];
        string code = SecurityCode.Compute(leaderKey, digest);
        leaderKey[31] = 1;
        string otherLeader = SecurityCode.Compute(leaderKey, digest);
        digest[0] = 1;
        string otherCommitment = SecurityCode.Compute(leaderKey, digest);

        Assert.Matches("^[0-9]{5}( [0-9]{5}){7}$", code);
        Assert.NotEqual(code, otherLeader);
        Assert.NotEqual(otherLeader, otherCommitment);
    }
}
