using System.Security.Cryptography;
using Gateway.E2ee.Keys;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Tests.Messages;

/// <summary>One valid, signed message of each type.</summary>
internal sealed class SampleMessages : IDisposable
{
    public SampleMessages()
    {
        RosterEntry[] roster =
        [
            new("alice", "laptop", 0, Identity.PublicKey.ToArray(), LeaderKeys.PublicKey.ToArray()),
            new("bob", "phone", 1, RandomNumberGenerator.GetBytes(32), RecipientKeys.PublicKey.ToArray()),
        ];
        RosterHash = EpochKeySchedule.HashRoster(roster);
        Announcement = E2ee.Messages.Announcement.Create(Identity, "meeting", "alice", LeaderKeys.PublicKey, RandomNumberGenerator.GetBytes(32), 1_700_000_000_000);
        Envelope = KeyEnvelope.Create(Identity, LeaderKeys, "meeting", 3, "alice", "bob", RecipientKeys.PublicKey, Secret, 1_700_000_000_001)!;
        Commitment = EpochCommitment.Create(Identity, "meeting", 3, "alice", roster, RosterHash,
            EpochKeySchedule.Commit(Secret, "meeting", 3, "alice", RosterHash), 1_700_000_000_002);
    }

    public DeviceIdentity Identity { get; } = DeviceIdentity.Create("laptop");

    public MeetingKeyPair LeaderKeys { get; } = new();

    public MeetingKeyPair RecipientKeys { get; } = new();

    public byte[] Secret { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[] RosterHash { get; }

    public byte[] Announcement { get; }

    public byte[] Envelope { get; }

    public byte[] Commitment { get; }

    public IEnumerable<byte[]> All => [Announcement, Envelope, Commitment];

    /// <summary>Runs the parser of the message's own type (or all three for unknown types); returns the first error, never throws.</summary>
    public static MessageParseError ParseAny(ReadOnlySpan<byte> bytes)
    {
        bool a = E2ee.Messages.Announcement.TryParse(bytes, out Announcement? announcement, out MessageParseError ea);
        bool e = KeyEnvelope.TryParse(bytes, out KeyEnvelope? envelope, out MessageParseError ee);
        bool c = EpochCommitment.TryParse(bytes, out EpochCommitment? commitment, out MessageParseError ec);
        Assert.Equal(a, announcement is not null);
        Assert.Equal(e, envelope is not null);
        Assert.Equal(c, commitment is not null);
        Assert.Equal(a, ea == MessageParseError.None);
        Assert.Equal(e, ee == MessageParseError.None);
        Assert.Equal(c, ec == MessageParseError.None);
        return bytes.Length >= 2 ? (bytes[1] switch { 1 => ea, 2 => ee, 3 => ec, _ => ea }) : ea;
    }

    public void Dispose()
    {
        Identity.Dispose();
        LeaderKeys.Dispose();
        RecipientKeys.Dispose();
    }
}
