using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Keys;

/// <summary>
/// The meeting security code participants read to each other out of band: SHA-256 of a label, the leader's
/// identity public key and the digest of the current epoch commitment, shown as 8 groups of 5 decimal digits
/// (each group is a 32-bit big-endian word of the hash mod 100000). Equal codes mean everyone holds the same
/// leader key and the same epoch commitment; the code changes with the leader and with every epoch.
/// </summary>
public static class SecurityCode
{
    /// <summary>Number of 5-digit groups.</summary>
    public const int Groups = 8;

    /// <summary>The code for <paramref name="leaderIdentityKey"/> and <paramref name="commitmentDigest"/>, groups separated by spaces.</summary>
    public static string Compute(ReadOnlySpan<byte> leaderIdentityKey, ReadOnlySpan<byte> commitmentDigest)
    {
        ReadOnlySpan<byte> label = ProtocolConstants.SecurityCodeLabel;
        byte[] input = new byte[label.Length + leaderIdentityKey.Length + commitmentDigest.Length];
        label.CopyTo(input);
        leaderIdentityKey.CopyTo(input.AsSpan(label.Length));
        commitmentDigest.CopyTo(input.AsSpan(label.Length + leaderIdentityKey.Length));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var code = new StringBuilder(Groups * 6);
        for (int i = 0; i < Groups; i++)
        {
            if (i > 0)
            {
                code.Append(' ');
            }

            uint word = BinaryPrimitives.ReadUInt32BigEndian(hash[(i * 4)..]);
            code.Append((word % 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        }

        return code.ToString();
    }
}
