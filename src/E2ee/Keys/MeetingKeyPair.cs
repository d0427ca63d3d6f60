using System.Security.Cryptography;
using Gateway.E2ee.Messages;
using NSec.Cryptography;

namespace Gateway.E2ee.Keys;

/// <summary>
/// The X25519 key pair a participant makes for one meeting and disposes when it leaves, so envelopes
/// sealed to it cannot be opened after the meeting even if the device is later compromised.
/// </summary>
internal sealed class MeetingKeyPair : IDisposable
{
    private readonly Key _key;
    private readonly byte[] _publicKey;

    public MeetingKeyPair()
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None };
        _key = Key.Create(KeyAgreementAlgorithm.X25519, in parameters);
        _publicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>
    /// X25519 with <paramref name="peerPublicKey"/>, then HKDF-SHA256 (salt: the envelope label, info:
    /// <paramref name="info"/>) into a 32-byte AES-256-GCM key. False for an invalid peer key or a
    /// low-order point (an all-zero shared secret).
    /// </summary>
    public bool TryDeriveEnvelopeKey(ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> info, Span<byte> key)
    {
        if (peerPublicKey.Length != ProtocolConstants.PublicKeySize
            || !NSec.Cryptography.PublicKey.TryImport(KeyAgreementAlgorithm.X25519, peerPublicKey, KeyBlobFormat.RawPublicKey, out NSec.Cryptography.PublicKey? peer))
        {
            return false;
        }

        SharedSecret? shared;
        try
        {
            shared = KeyAgreementAlgorithm.X25519.Agree(_key, peer!);
        }
        catch (CryptographicException)
        {
            return false;
        }

        if (shared is null)
        {
            return false;
        }

        using (shared)
        {
            KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, ProtocolConstants.EnvelopeSalt, info, key);
        }

        return true;
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => "MeetingKeyPair(X25519)";
}
