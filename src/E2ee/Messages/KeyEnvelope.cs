using Gateway.E2ee.Keys;

namespace Gateway.E2ee.Messages;

/// <summary>
/// An epoch secret sealed by the leader to one recipient, signed by the leader.
/// <code>
///   | 1 | 2 (type) | meeting id | epoch: 8 | leader id | recipient id | leader X25519: 32 | recipient X25519: 32 |
///   | GCM nonce: 12 |                      &lt;- AAD of the seal is every byte up to here
///   | sealed secret: 32 + tag 16 | timestamp ms: 8 | signature: 64 (over label || everything before it) |
/// </code>
/// </summary>
internal sealed class KeyEnvelope
{
    private KeyEnvelope(string meetingId, ulong epoch, string leaderId, string recipientId, byte[] leaderExchangeKey,
        byte[] recipientExchangeKey, byte[] nonce, byte[] sealedSecret, ulong timestampMs, byte[] associatedData, byte[] signedBytes, byte[] signature)
    {
        MeetingId = meetingId;
        Epoch = epoch;
        LeaderId = leaderId;
        RecipientId = recipientId;
        LeaderExchangeKey = leaderExchangeKey;
        RecipientExchangeKey = recipientExchangeKey;
        Nonce = nonce;
        SealedSecret = sealedSecret;
        TimestampMs = timestampMs;
        AssociatedData = associatedData;
        SignedBytes = signedBytes;
        Signature = signature;
    }

    public string MeetingId { get; }
    public ulong Epoch { get; }
    public string LeaderId { get; }
    public string RecipientId { get; }
    public byte[] LeaderExchangeKey { get; }
    public byte[] RecipientExchangeKey { get; }
    public byte[] Nonce { get; }
    public byte[] SealedSecret { get; }
    public ulong TimestampMs { get; }
    public byte[] AssociatedData { get; }
    public byte[] SignedBytes { get; }
    public byte[] Signature { get; }

    /// <summary>Seals <paramref name="secret"/> to <paramref name="recipientExchangeKey"/>, encodes and signs; null when the recipient's key is unusable.</summary>
    public static byte[]? Create(DeviceIdentity leaderIdentity, MeetingKeyPair leaderKeys, string meetingId, ulong epoch, string leaderId,
        string recipientId, ReadOnlySpan<byte> recipientExchangeKey, ReadOnlySpan<byte> secret, ulong timestampMs)
    {
        Span<byte> nonce = stackalloc byte[ProtocolConstants.GcmNonceSize];
        System.Security.Cryptography.RandomNumberGenerator.Fill(nonce);
        var writer = new CanonicalWriter(KeyMessageType.Envelope);
        writer.WriteText(meetingId);
        writer.WriteUInt64(epoch);
        writer.WriteText(leaderId);
        writer.WriteText(recipientId);
        writer.WriteField(leaderKeys.PublicKey);
        writer.WriteField(recipientExchangeKey);
        writer.WriteField(nonce);
        Span<byte> sealedSecret = stackalloc byte[ProtocolConstants.SealedSecretSize];
        if (!EnvelopeCipher.TrySeal(leaderKeys, recipientExchangeKey, writer.Written, nonce, secret, sealedSecret))
        {
            return null;
        }

        writer.WriteField(sealedSecret);
        writer.WriteUInt64(timestampMs);
        writer.WriteField(leaderIdentity.Sign(writer.Written));
        return writer.ToArray();
    }

    /// <summary>Parses an envelope strictly; neither signature nor seal is checked here.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out KeyEnvelope? envelope, out MessageParseError error)
    {
        envelope = null;
        var reader = CanonicalReader.Open(message, KeyMessageType.Envelope);
        string meetingId = reader.ReadId();
        ulong epoch = reader.ReadUInt64();
        string leaderId = reader.ReadId();
        string recipientId = reader.ReadId();
        byte[] leaderKey = reader.ReadFixed(ProtocolConstants.PublicKeySize);
        byte[] recipientKey = reader.ReadFixed(ProtocolConstants.PublicKeySize);
        byte[] nonce = reader.ReadFixed(ProtocolConstants.GcmNonceSize);
        int aadLength = reader.Position;
        byte[] sealedSecret = reader.ReadFixed(ProtocolConstants.SealedSecretSize);
        ulong timestamp = reader.ReadUInt64();
        int signedLength = reader.Position;
        byte[] signature = reader.ReadFixed(ProtocolConstants.SignatureSize);
        error = reader.Finish();
        if (error != MessageParseError.None)
        {
            return false;
        }

        envelope = new KeyEnvelope(meetingId, epoch, leaderId, recipientId, leaderKey, recipientKey, nonce, sealedSecret, timestamp,
            message[..aadLength].ToArray(), message[..signedLength].ToArray(), signature);
        return true;
    }

    /// <summary>Whether the leader's identity key <paramref name="leaderIdentityKey"/> signed this envelope.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> leaderIdentityKey) => DeviceIdentity.Verify(leaderIdentityKey, SignedBytes, Signature);

    /// <summary>Opens the sealed secret with the recipient's meeting key pair; false when the seal does not authenticate.</summary>
    public bool TryOpen(MeetingKeyPair recipientKeys, Span<byte> secret) =>
        EnvelopeCipher.TryOpen(recipientKeys, LeaderExchangeKey, AssociatedData, Nonce, SealedSecret, secret);

    /// <inheritdoc/>
    public override string ToString() => $"KeyEnvelope({MeetingId}, epoch {Epoch}, {LeaderId} -> {RecipientId})";
}
