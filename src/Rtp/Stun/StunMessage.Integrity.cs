using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Gateway.Rtp.Stun;

/// <summary>Checking MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7).</summary>
public readonly ref partial struct StunMessage
{
    /// <summary>What FINGERPRINT's CRC-32 is XOR'ed with: "STUN" in ASCII (RFC 8489 §14.7).</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>
    /// Checks MESSAGE-INTEGRITY with <paramref name="integrity"/>'s key, in constant time.
    /// </summary>
    /// <remarks>
    /// RFC 8489 §14.5: "The text used as input to HMAC is the STUN message, up to and including the
    /// attribute preceding the MESSAGE-INTEGRITY attribute. The Length field of the STUN message header is
    /// adjusted to point to the end of the MESSAGE-INTEGRITY attribute." So attributes after it
    /// (MESSAGE-INTEGRITY-SHA256, FINGERPRINT) are not covered, and the Length hashed is
    /// offset-of-MESSAGE-INTEGRITY + 24 − 20, whatever the header says.
    /// </remarks>
    public StunCheckResult VerifyMessageIntegrity(StunIntegrity integrity)
    {
        ArgumentNullException.ThrowIfNull(integrity);
        if (_integrityOffset == 0)
        {
            return StunCheckResult.Absent;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        _bytes[..HeaderLength].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(_integrityOffset + 4 + StunIntegrity.Length - HeaderLength));

        Span<byte> mac = stackalloc byte[StunIntegrity.Length];
        integrity.Compute(header, _bytes[HeaderLength.._integrityOffset], mac);
        bool valid = CryptographicOperations.FixedTimeEquals(mac, _bytes.Slice(_integrityOffset + 4, StunIntegrity.Length));
        return valid ? StunCheckResult.Valid : StunCheckResult.Invalid;
    }

    /// <summary>
    /// Checks FINGERPRINT (RFC 8489 §14.7): "the CRC-32 of the STUN message up to (but excluding) the
    /// FINGERPRINT attribute itself, XOR'ed with the 32-bit value 0x5354554e". FINGERPRINT is last (the
    /// parser refuses anything after it), so the header's Length already covers it as the CRC expects.
    /// </summary>
    public StunCheckResult VerifyFingerprint()
    {
        if (_fingerprintOffset == 0)
        {
            return StunCheckResult.Absent;
        }

        uint expected = StunCrc32.Compute(_bytes[.._fingerprintOffset]) ^ FingerprintXor;
        uint actual = BinaryPrimitives.ReadUInt32BigEndian(_bytes[(_fingerprintOffset + 4)..]);
        return expected == actual ? StunCheckResult.Valid : StunCheckResult.Invalid;
    }
}
