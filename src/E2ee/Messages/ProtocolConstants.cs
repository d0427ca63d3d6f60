namespace Gateway.E2ee.Messages;

/// <summary>Sizes, limits and domain-separation labels of key-management protocol version 1.</summary>
internal static class ProtocolConstants
{
    /// <summary>The only version spoken; a change to any field or label is a new version.</summary>
    public const byte Version = 1;

    /// <summary>No valid message comes near this; larger input is refused before it is read.</summary>
    public const int MaxMessageSize = 512 * 1024;

    /// <summary>Longest meeting, participant or device id in UTF-8 bytes.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Most participants in one epoch (sender indexes are 16-bit in the KID; this keeps messages bounded).</summary>
    public const int MaxRosterSize = 4096;

    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;
    public const int NonceSize = 32;
    public const int EpochSecretSize = 32;
    public const int HashSize = 32;
    public const int GcmNonceSize = 12;
    public const int GcmTagSize = 16;
    public const int SealedSecretSize = EpochSecretSize + GcmTagSize;

    /// <summary>Prefixed to the bytes every signature covers, so a signature is only ever valid for this protocol.</summary>
    public static ReadOnlySpan<byte> SignatureLabel => "gateway e2ee v1 signature\0"u8;

    /// <summary>HKDF salt for the envelope key from the leader-recipient X25519 secret.</summary>
    public static ReadOnlySpan<byte> EnvelopeSalt => "gateway e2ee v1 envelope"u8;

    /// <summary>HKDF salt for the commitment to an epoch secret.</summary>
    public static ReadOnlySpan<byte> CommitmentSalt => "gateway e2ee v1 commitment"u8;

    /// <summary>Prefix of the roster hash input.</summary>
    public static ReadOnlySpan<byte> RosterLabel => "gateway e2ee v1 roster"u8;

    /// <summary>HKDF info prefix of a sender's SFrame base key (then epoch, sender index).</summary>
    public static ReadOnlySpan<byte> SenderInfoLabel => "gateway e2ee sender"u8;

    /// <summary>Prefix of the security code hash input.</summary>
    public static ReadOnlySpan<byte> SecurityCodeLabel => "gateway e2ee v1 security code"u8;
}
