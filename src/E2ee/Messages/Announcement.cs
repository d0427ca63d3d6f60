using Gateway.E2ee.Keys;

namespace Gateway.E2ee.Messages;

/// <summary>
/// A participant's signed statement on joining: who it is and which X25519 key to seal epoch secrets to.
/// <code>
///   | 1 | 1 (type) | meeting id | participant id | device id | identity key: 32 | X25519 key: 32 |
///   | liveness nonce: 32 | timestamp ms: 8 | signature: 64 (over label || everything before it) |
/// </code>
/// </summary>
internal sealed class Announcement
{
    private Announcement(string meetingId, string participantId, string deviceId, byte[] identityKey, byte[] exchangeKey,
        byte[] nonce, ulong timestamp, byte[] signedBytes, byte[] signature)
    {
        MeetingId = meetingId;
        ParticipantId = participantId;
        DeviceId = deviceId;
        IdentityKey = identityKey;
        ExchangeKey = exchangeKey;
        Nonce = nonce;
        TimestampMs = timestamp;
        SignedBytes = signedBytes;
        Signature = signature;
    }

    public string MeetingId { get; }
    public string ParticipantId { get; }
    public string DeviceId { get; }
    public byte[] IdentityKey { get; }
    public byte[] ExchangeKey { get; }
    public byte[] Nonce { get; }
    public ulong TimestampMs { get; }
    public byte[] SignedBytes { get; }
    public byte[] Signature { get; }

    /// <summary>Encodes and signs an announcement.</summary>
    public static byte[] Create(DeviceIdentity identity, string meetingId, string participantId, ReadOnlySpan<byte> exchangeKey,
        ReadOnlySpan<byte> nonce, ulong timestampMs)
    {
        var writer = new CanonicalWriter(KeyMessageType.Announcement);
        writer.WriteText(meetingId);
        writer.WriteText(participantId);
        writer.WriteText(identity.DeviceId);
        writer.WriteField(identity.PublicKey);
        writer.WriteField(exchangeKey);
        writer.WriteField(nonce);
        writer.WriteUInt64(timestampMs);
        writer.WriteField(identity.Sign(writer.Written));
        return writer.ToArray();
    }

    /// <summary>Parses bytes this code just encoded; a failure is a bug, not bad input.</summary>
    public static Announcement ParseOwn(ReadOnlySpan<byte> message) =>
        TryParse(message, out Announcement? parsed, out MessageParseError error) ? parsed! : throw new InvalidOperationException($"Own Announcement did not parse: {error}.");

    /// <summary>Parses an announcement strictly; the signature is not checked here (<see cref="VerifySignature"/>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out Announcement? announcement, out MessageParseError error)
    {
        announcement = null;
        var reader = CanonicalReader.Open(message, KeyMessageType.Announcement);
        string meetingId = reader.ReadId();
        string participantId = reader.ReadId();
        string deviceId = reader.ReadId();
        byte[] identityKey = reader.ReadFixed(ProtocolConstants.PublicKeySize);
        byte[] exchangeKey = reader.ReadFixed(ProtocolConstants.PublicKeySize);
        byte[] nonce = reader.ReadFixed(ProtocolConstants.NonceSize);
        ulong timestamp = reader.ReadUInt64();
        int signedLength = reader.Position;
        byte[] signature = reader.ReadFixed(ProtocolConstants.SignatureSize);
        error = reader.Finish();
        if (error != MessageParseError.None)
        {
            return false;
        }

        announcement = new Announcement(meetingId, participantId, deviceId, identityKey, exchangeKey, nonce, timestamp,
            message[..signedLength].ToArray(), signature);
        return true;
    }

    /// <summary>Whether the announcement is signed by the identity key it carries (self-signed; pinning is the caller's job).</summary>
    public bool VerifySignature() => DeviceIdentity.Verify(IdentityKey, SignedBytes, Signature);

    /// <inheritdoc/>
    public override string ToString() => $"Announcement({MeetingId}, {ParticipantId}, {DeviceId}, identity {DeviceIdentity.ComputeFingerprint(IdentityKey)})";
}
