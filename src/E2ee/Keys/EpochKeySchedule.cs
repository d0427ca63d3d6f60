using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Keys;

/// <summary>What is derived from an epoch secret: the commitment the leader signs, and each sender's SFrame base key.</summary>
internal static class EpochKeySchedule
{
    /// <summary>Size of a sender's SFrame base key.</summary>
    public const int SenderBaseKeySize = 32;

    /// <summary>
    /// SFrame base key of <paramref name="senderIndex"/>:
    /// HKDF-SHA256(ikm = secret, salt = none, info = "gateway e2ee sender" || epoch (8, BE) || sender index (2, BE)).
    /// </summary>
    public static void DeriveSenderBaseKey(ReadOnlySpan<byte> secret, ulong epoch, int senderIndex, Span<byte> baseKey)
    {
        ReadOnlySpan<byte> label = ProtocolConstants.SenderInfoLabel;
        Span<byte> info = stackalloc byte[label.Length + 10];
        label.CopyTo(info);
        BinaryPrimitives.WriteUInt64BigEndian(info[label.Length..], epoch);
        BinaryPrimitives.WriteUInt16BigEndian(info[(label.Length + 8)..], checked((ushort)senderIndex));
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, baseKey, salt: [], info);
    }

    /// <summary>
    /// The value the leader signs in place of the secret: HKDF-SHA256(ikm = secret, salt = commitment label,
    /// info = meeting id || epoch || leader id || roster hash), 32 bytes. Reveals nothing of the secret,
    /// and ties it to one meeting, epoch, leader and roster.
    /// </summary>
    public static byte[] Commit(ReadOnlySpan<byte> secret, string meetingId, ulong epoch, string leaderId, ReadOnlySpan<byte> rosterHash)
    {
        var info = new CanonicalWriter(KeyMessageType.EpochCommitment);
        info.WriteText(meetingId);
        info.WriteUInt64(epoch);
        info.WriteText(leaderId);
        info.WriteField(rosterHash);
        byte[] commitment = new byte[ProtocolConstants.HashSize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, commitment, ProtocolConstants.CommitmentSalt, info.Written);
        return commitment;
    }

    /// <summary>Whether <paramref name="secret"/> opens <paramref name="commitment"/> (constant time).</summary>
    public static bool Matches(ReadOnlySpan<byte> secret, string meetingId, ulong epoch, string leaderId, ReadOnlySpan<byte> rosterHash, ReadOnlySpan<byte> commitment) =>
        CryptographicOperations.FixedTimeEquals(Commit(secret, meetingId, epoch, leaderId, rosterHash), commitment);

    /// <summary>
    /// SHA-256 of the roster label followed by each entry (sorted by participant id, ordinal) as length-prefixed
    /// fields: participant id, device id, sender index (2, BE), identity key, X25519 key.
    /// </summary>
    public static byte[] HashRoster(IReadOnlyList<RosterEntry> sortedEntries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(ProtocolConstants.RosterLabel);
        Span<byte> number = stackalloc byte[2];
        foreach (RosterEntry entry in sortedEntries)
        {
            AppendField(hash, Encoding.UTF8.GetBytes(entry.ParticipantId));
            AppendField(hash, Encoding.UTF8.GetBytes(entry.DeviceId));
            BinaryPrimitives.WriteUInt16BigEndian(number, entry.SenderIndex);
            AppendField(hash, number);
            AppendField(hash, entry.IdentityKey);
            AppendField(hash, entry.ExchangeKey);
        }

        return hash.GetHashAndReset();
    }

    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)value.Length);
        hash.AppendData(length);
        hash.AppendData(value);
    }
}
