using Gateway.E2ee.Keys;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Tests.Messages;

public sealed class KeyMessageRoundTripTests
{
    [Fact]
    public void Announcement_ParsesBackToItsFields_AndVerifies()
    {
        using var samples = new SampleMessages();
        Assert.True(Announcement.TryParse(samples.Announcement, out Announcement? parsed, out MessageParseError error), error.ToString());

        Assert.Equal(("meeting", "alice", "laptop", 1_700_000_000_000UL), (parsed!.MeetingId, parsed.ParticipantId, parsed.DeviceId, parsed.TimestampMs));
        Assert.Equal(samples.Identity.PublicKey.ToArray(), parsed.IdentityKey);
        Assert.Equal(samples.LeaderKeys.PublicKey.ToArray(), parsed.ExchangeKey);
        Assert.True(parsed.VerifySignature());
    }

    [Fact]
    public void Announcement_HasTheDocumentedLayout()
    {
        // Walked by hand: version 1, type 1, then u16-length-prefixed fields in order.
        using var samples = new SampleMessages();
        byte[] bytes = samples.Announcement;
        Assert.Equal(1, bytes[0]);
        Assert.Equal(1, bytes[1]);
        int position = 2;
        int[] expectedLengths = [7, 5, 6, 32, 32, 32, 8, 64];
        foreach (int expected in expectedLengths)
        {
            int length = (bytes[position] << 8) | bytes[position + 1];
            Assert.Equal(expected, length);
            position += 2 + length;
        }

        Assert.Equal(bytes.Length, position);
        Assert.Equal("meeting"u8.ToArray(), bytes[4..11]);
    }

    [Fact]
    public void Envelope_ParsesBack_AndOpensForTheRecipientOnly()
    {
        using var samples = new SampleMessages();
        Assert.True(KeyEnvelope.TryParse(samples.Envelope, out KeyEnvelope? parsed, out MessageParseError error), error.ToString());

        Assert.Equal(("meeting", 3UL, "alice", "bob"), (parsed!.MeetingId, parsed.Epoch, parsed.LeaderId, parsed.RecipientId));
        Assert.True(parsed.VerifySignature(samples.Identity.PublicKey));
        byte[] secret = new byte[32];
        Assert.True(parsed.TryOpen(samples.RecipientKeys, secret));
        Assert.Equal(samples.Secret, secret);
        Assert.False(parsed.TryOpen(samples.LeaderKeys, secret));
    }

    [Fact]
    public void Commitment_ParsesBack_WithItsRoster()
    {
        using var samples = new SampleMessages();
        Assert.True(EpochCommitment.TryParse(samples.Commitment, out EpochCommitment? parsed, out MessageParseError error), error.ToString());

        Assert.Equal(("meeting", 3UL, "alice"), (parsed!.MeetingId, parsed.Epoch, parsed.LeaderId));
        Assert.Equal(["alice", "bob"], parsed.Roster.Select(e => e.ParticipantId));
        Assert.Equal(samples.RosterHash, parsed.RosterHash);
        Assert.True(parsed.VerifySignature(samples.Identity.PublicKey));
        Assert.True(EpochKeySchedule.Matches(samples.Secret, "meeting", 3, "alice", parsed.RosterHash, parsed.SecretCommitment));
    }

    [Fact]
    public void Parsers_RejectAMessageOfAnotherType()
    {
        using var samples = new SampleMessages();
        Assert.False(KeyEnvelope.TryParse(samples.Announcement, out _, out MessageParseError e1));
        Assert.False(Announcement.TryParse(samples.Commitment, out _, out MessageParseError e2));
        Assert.False(EpochCommitment.TryParse(samples.Envelope, out _, out MessageParseError e3));
        Assert.All([e1, e2, e3], e => Assert.Equal(MessageParseError.UnknownType, e));
    }
}
