using System.Security.Cryptography;
using Gateway.E2ee.Messages;
using NSec.Cryptography;

namespace Gateway.E2ee.Keys;

/// <summary>
/// A device's long-term Ed25519 identity key. It signs every key-management message the device sends;
/// peers pin its public key per participant and reject a participant whose key changes.
/// </summary>
/// <remarks>Signatures are over a protocol label followed by the data, so they are never valid in another protocol.
/// The private key cannot be exported; <see cref="ToString"/> shows the device id and a fingerprint only.</remarks>
public sealed class DeviceIdentity : IDisposable
{
    private readonly Key _key;
    private readonly byte[] _publicKey;

    private DeviceIdentity(string deviceId, Key key)
    {
        DeviceId = deviceId;
        _key = key;
        _publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Fingerprint = ComputeFingerprint(_publicKey);
    }

    /// <summary>The size of an Ed25519 public key.</summary>
    public const int PublicKeySize = 32;

    /// <summary>The size of an Ed25519 signature.</summary>
    public const int SignatureSize = 64;

    /// <summary>The id of this device (not secret, sent in announcements).</summary>
    public string DeviceId { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The first 8 bytes of SHA-256 of the public key, in hex: for logs and UI, never the key itself.</summary>
    public string Fingerprint { get; }

    /// <summary>Makes a new identity key for <paramref name="deviceId"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="deviceId"/> is empty or longer than 256 UTF-8 bytes.</exception>
    public static DeviceIdentity Create(string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        if (System.Text.Encoding.UTF8.GetByteCount(deviceId) > ProtocolConstants.MaxIdLength)
        {
            throw new ArgumentException("A device id is at most 256 UTF-8 bytes.", nameof(deviceId));
        }

        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None };
        return new DeviceIdentity(deviceId, Key.Create(SignatureAlgorithm.Ed25519, in parameters));
    }

    /// <summary>Signs the protocol label followed by <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        byte[] labelled = Labelled(data);
        return SignatureAlgorithm.Ed25519.Sign(_key, labelled);
    }

    /// <summary>Whether <paramref name="signature"/> is this protocol's signature of <paramref name="data"/> by <paramref name="publicKey"/>; false for a malformed key or signature.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize
            || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out NSec.Cryptography.PublicKey? key))
        {
            return false;
        }

        return SignatureAlgorithm.Ed25519.Verify(key!, Labelled(data), signature);
    }

    /// <summary>The fingerprint of any identity public key, as <see cref="Fingerprint"/>.</summary>
    public static string ComputeFingerprint(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(publicKey, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Disposes the private key.</summary>
    public void Dispose() => _key.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"DeviceIdentity({DeviceId}, {Fingerprint})";

    private static byte[] Labelled(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> label = ProtocolConstants.SignatureLabel;
        byte[] labelled = new byte[label.Length + data.Length];
        label.CopyTo(labelled);
        data.CopyTo(labelled.AsSpan(label.Length));
        return labelled;
    }
}
