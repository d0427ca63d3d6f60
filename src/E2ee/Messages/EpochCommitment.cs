using System.Security.Cryptography;
using Gateway.E2ee.Keys;

namespace Gateway.E2ee.Messages;

/// <summary>
/// The leader's signed statement of an epoch, broadcast when the epoch starts and as a heartbeat.
/// <code>
///   | 1 | 3 (type) | meeting id | epoch: 8 | leader id | roster hash: 32 | roster count: 2 |
///   | per entry: participant id | device id | sender index: 2 | identity key: 32 | X25519 key: 32 |
///   | secret commitment: 32 | timestamp ms: 8 | signature: 64 (over label || everything before it) |
/// </code>
/// Entries are sorted by participant id (ordinal) and sender indexes are 0..n-1 in that order.
/// </summary>
internal sealed class EpochCommitment
{
    private EpochCommitment(string meetingId, ulong epoch, string leaderId, byte[] rosterHash, IReadOnlyList<RosterEntry> roster,
        byte[] secretCommitment, ulong timestampMs, byte[] signedBytes, byte[] signature)
    {
        MeetingId = meetingId;
        Epoch = epoch;
        LeaderId = leaderId;
        RosterHash = rosterHash;
        Roster = roster;
        SecretCommitment = secretCommitment;
        TimestampMs = timestampMs;
        SignedBytes = signedBytes;
        Signature = signature;
        Digest = ComputeDigest(meetingId, epoch, leaderId, rosterHash, secretCommitment);
    }

    public string MeetingId { get; }
    public ulong Epoch { get; }
    public string LeaderId { get; }
    public byte[] RosterHash { get; }
    public IReadOnlyList<RosterEntry> Roster { get; }
    public byte[] SecretCommitment { get; }
    public ulong TimestampMs { get; }
    public byte[] SignedBytes { get; }
    public byte[] Signature { get; }

    /// <summary>SHA-256 over meeting, epoch, leader, roster hash and secret commitment (not the timestamp): the same for every heartbeat of an epoch.</summary>
    public byte[] Digest { get; }

    /// <summary>Encodes and signs a commitment; <paramref name="sortedRoster"/> must be sorted with indexes 0..n-1.</summary>
    public static byte[] Create(DeviceIdentity leaderIdentity, string meetingId, ulong epoch, string leaderId, IReadOnlyList<RosterEntry> sortedRoster,
        ReadOnlySpan<byte> rosterHash, ReadOnlySpan<byte> secretCommitment, ulong timestampMs)
    {
        var writer = new CanonicalWriter(KeyMessageType.EpochCommitment);
        writer.WriteText(meetingId);
        writer.WriteUInt64(epoch);
        writer.WriteText(leaderId);
        writer.WriteField(rosterHash);
        writer.WriteUInt16(checked((ushort)sortedRoster.Count));
        foreach (RosterEntry entry in sortedRoster)
        {
            writer.WriteText(entry.ParticipantId);
            writer.WriteText(entry.DeviceId);
            writer.WriteUInt16(entry.SenderIndex);
            writer.WriteField(entry.IdentityKey);
            writer.WriteField(entry.ExchangeKey);
        }

        writer.WriteField(secretCommitment);
        writer.WriteUInt64(timestampMs);
        writer.WriteField(leaderIdentity.Sign(writer.Written));
        return writer.ToArray();
    }

    /// <summary>Parses bytes this code just encoded; a failure is a bug, not bad input.</summary>
    public static EpochCommitment ParseOwn(ReadOnlySpan<byte> message) =>
        TryParse(message, out EpochCommitment? parsed, out MessageParseError error) ? parsed! : throw new InvalidOperationException($"Own EpochCommitment did not parse: {error}.");

    /// <summary>Parses a commitment strictly, including the roster's order and indexes and that its hash matches; the signature is not checked here.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out EpochCommitment? commitment, out MessageParseError error)
    {
        commitment = null;
        var reader = CanonicalReader.Open(message, KeyMessageType.EpochCommitment);
        string meetingId = reader.ReadId();
        ulong epoch = reader.ReadUInt64();
        string leaderId = reader.ReadId();
        byte[] rosterHash = reader.ReadFixed(ProtocolConstants.HashSize);
        int count = reader.ReadUInt16();
        if (reader.Error == MessageParseError.None && (count == 0 || count > ProtocolConstants.MaxRosterSize))
        {
            reader.Fail(MessageParseError.InvalidRoster);
        }

        var roster = new List<RosterEntry>(reader.Error == MessageParseError.None ? count : 0);
        for (int i = 0; i < count && reader.Error == MessageParseError.None; i++)
        {
            string participantId = reader.ReadId();
            string deviceId = reader.ReadId();
            ushort senderIndex = reader.ReadUInt16();
            byte[] identityKey = reader.ReadFixed(ProtocolConstants.PublicKeySize);
            byte[] exchangeKey = reader.ReadFixed(ProtocolConstants.PublicKeySize);
            if (reader.Error != MessageParseError.None)
            {
                break;
            }

            if (senderIndex != i || (i > 0 && string.CompareOrdinal(roster[i - 1].ParticipantId, participantId) >= 0))
            {
                reader.Fail(MessageParseError.InvalidRoster);
                break;
            }

            roster.Add(new RosterEntry(participantId, deviceId, senderIndex, identityKey, exchangeKey));
        }

        byte[] secretCommitment = reader.ReadFixed(ProtocolConstants.HashSize);
        ulong timestamp = reader.ReadUInt64();
        int signedLength = reader.Position;
        byte[] signature = reader.ReadFixed(ProtocolConstants.SignatureSize);
        error = reader.Finish();
        if (error == MessageParseError.None && !CryptographicOperations.FixedTimeEquals(EpochKeySchedule.HashRoster(roster), rosterHash))
        {
            error = MessageParseError.InvalidRoster;
        }

        if (error != MessageParseError.None)
        {
            return false;
        }

        commitment = new EpochCommitment(meetingId, epoch, leaderId, rosterHash, roster, secretCommitment, timestamp,
            message[..signedLength].ToArray(), signature);
        return true;
    }

    /// <summary>Whether the leader's identity key <paramref name="leaderIdentityKey"/> signed this commitment.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> leaderIdentityKey) => DeviceIdentity.Verify(leaderIdentityKey, SignedBytes, Signature);

    /// <summary>Whether this is the same epoch statement as <paramref name="other"/> (a heartbeat of it), whatever the timestamps.</summary>
    public bool SameStatementAs(EpochCommitment other) => CryptographicOperations.FixedTimeEquals(Digest, other.Digest);

    /// <summary>The entry of <paramref name="participantId"/>, or null.</summary>
    public RosterEntry? Find(string participantId)
    {
        foreach (RosterEntry entry in Roster)
        {
            if (entry.ParticipantId == participantId)
            {
                return entry;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"EpochCommitment({MeetingId}, epoch {Epoch}, leader {LeaderId}, {Roster.Count} participants)";

    private static byte[] ComputeDigest(string meetingId, ulong epoch, string leaderId, byte[] rosterHash, byte[] secretCommitment)
    {
        var writer = new CanonicalWriter(KeyMessageType.EpochCommitment);
        writer.WriteText(meetingId);
        writer.WriteUInt64(epoch);
        writer.WriteText(leaderId);
        writer.WriteField(rosterHash);
        writer.WriteField(secretCommitment);
        return SHA256.HashData(writer.Written);
    }
}
