using Gateway.Crypto.Native;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// The SRTP key derivation (RFC 3711 §4.3) with the AES-CM PRF (§4.3.3) and key_derivation_rate 0: every
/// session key is derived once, when the session is made (§4.3.1: r = index DIV 0 = 0).
/// </summary>
/// <remarks>
/// <para>
/// For each label, x = key_id XOR master_salt, where key_id = label || r is right-aligned against the
/// 112-bit salt (r is 48 zero bits here, so the label lands on byte 7); the PRF output is the AES-CM
/// keystream of the master key from the counter block x·2^16:
/// </para>
/// <code>
///  byte   0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
///        [        master salt (14 bytes)        ][00 00]   counter block; the last two bytes count blocks
///                             XOR [lb]                     label at byte 7
/// </code>
/// <para>
/// The AEAD profiles have a 96-bit master salt; RFC 7714 §11 (erratum 4938) multiplies it by 2^16 to get
/// the 112-bit salt the PRF takes, i.e. appends two zero bytes. AEAD_AES_256_GCM uses the AES-256 PRF of
/// RFC 6188 §7.1, the same construction keyed with the 32-byte master key.
/// </para>
/// </remarks>
internal static class SrtpKeyDerivation
{
    public const byte RtpEncryptionLabel = 0x00;
    public const byte RtpAuthenticationLabel = 0x01;
    public const byte RtpSaltLabel = 0x02;
    public const byte RtcpEncryptionLabel = 0x03;
    public const byte RtcpAuthenticationLabel = 0x04;
    public const byte RtcpSaltLabel = 0x05;

    /// <summary>n_a of the HMAC-SHA1 profiles: a 160-bit authentication key (RFC 3711 §8.2).</summary>
    public const int AuthKeyLength = 20;

    /// <summary>The bytes <see cref="Derive"/> needs for <paramref name="profile"/>'s six keys.</summary>
    public static int StorageLength(SrtpProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength() + (profile.IsAead() ? 0 : AuthKeyLength));

    /// <summary>
    /// Derives the six session keys into <paramref name="storage"/> (<see cref="StorageLength"/> bytes, which
    /// the caller wipes) with <paramref name="master"/>, the AES context of the master key.
    /// </summary>
    public static SrtpSessionKeys Derive(SrtpProfile profile, AesContext master, ReadOnlySpan<byte> masterSalt, Span<byte> storage)
    {
        int keyLength = profile.MasterKeyLength();
        int saltLength = profile.MasterSaltLength();
        int authLength = profile.IsAead() ? 0 : AuthKeyLength;

        Span<byte> rtpKey = storage[..keyLength];
        Span<byte> rtpSalt = storage.Slice(keyLength, saltLength);
        Span<byte> rtpAuth = storage.Slice(keyLength + saltLength, authLength);
        Span<byte> rtcp = storage[(keyLength + saltLength + authLength)..];
        Span<byte> rtcpKey = rtcp[..keyLength];
        Span<byte> rtcpSalt = rtcp.Slice(keyLength, saltLength);
        Span<byte> rtcpAuth = rtcp.Slice(keyLength + saltLength, authLength);

        Prf(master, masterSalt, RtpEncryptionLabel, rtpKey);
        Prf(master, masterSalt, RtpSaltLabel, rtpSalt);
        Prf(master, masterSalt, RtpAuthenticationLabel, rtpAuth);
        Prf(master, masterSalt, RtcpEncryptionLabel, rtcpKey);
        Prf(master, masterSalt, RtcpSaltLabel, rtcpSalt);
        Prf(master, masterSalt, RtcpAuthenticationLabel, rtcpAuth);
        return new SrtpSessionKeys(rtpKey, rtpSalt, rtpAuth, rtcpKey, rtcpSalt, rtcpAuth);
    }

    /// <summary>PRF_n(k_master, x) of RFC 3711 §4.3.3 for <paramref name="label"/>, into all of <paramref name="output"/>.</summary>
    public static void Prf(AesContext master, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        if (output.IsEmpty)
        {
            return;
        }

        Span<byte> counter = stackalloc byte[AesContext.BlockSize];
        counter.Clear();
        masterSalt.CopyTo(counter); // 12 or 14 bytes; the rest stays zero
        counter[7] ^= label;
        master.KeyStreamCtr(counter, output);
    }
}
