using System.Security.Cryptography;
using Gateway.E2ee.Messages;

namespace Gateway.E2ee.Keys;

/// <summary>
/// Seals and opens an epoch secret between the leader's and a recipient's meeting X25519 keys
/// (static-static): key = HKDF-SHA256(X25519(own, peer), salt = envelope label, info = AAD), then
/// AES-256-GCM with the AAD binding meeting, epoch, leader, recipient and both public keys. The key is
/// unique per (pair, epoch) because the epoch is in the info; the nonce is random as well.
/// </summary>
internal static class EnvelopeCipher
{
    public static bool TrySeal(MeetingKeyPair own, ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> secret, Span<byte> sealedSecret)
    {
        Span<byte> key = stackalloc byte[32];
        try
        {
            if (!own.TryDeriveEnvelopeKey(peerPublicKey, associatedData, key))
            {
                return false;
            }

            using var gcm = new AesGcm(key, ProtocolConstants.GcmTagSize);
            gcm.Encrypt(nonce, secret, sealedSecret[..secret.Length], sealedSecret.Slice(secret.Length, ProtocolConstants.GcmTagSize), associatedData);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static bool TryOpen(MeetingKeyPair own, ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedSecret, Span<byte> secret)
    {
        if (sealedSecret.Length != ProtocolConstants.SealedSecretSize || secret.Length != ProtocolConstants.EpochSecretSize)
        {
            return false;
        }

        Span<byte> key = stackalloc byte[32];
        try
        {
            if (!own.TryDeriveEnvelopeKey(peerPublicKey, associatedData, key))
            {
                return false;
            }

            using var gcm = new AesGcm(key, ProtocolConstants.GcmTagSize);
            gcm.Decrypt(nonce, sealedSecret[..ProtocolConstants.EpochSecretSize], sealedSecret[ProtocolConstants.EpochSecretSize..], secret, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(secret);
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
