namespace Gateway.Rtp.Srtp;

/// <summary>
/// Lengths and names of the <see cref="SrtpProfile"/>s: what a key exchange (SDES a=crypto, RFC 4568; DTLS-SRTP
/// use_srtp, RFC 5764) negotiates and what <see cref="SrtpSession.Create"/> expects.
/// </summary>
public static class SrtpProfiles
{
    /// <summary>Master key length in bytes: 16 (AES-128) or 32 (AES-256).</summary>
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes256Gcm => 32,
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AesCm128HmacSha1_80 or SrtpProfile.AesCm128HmacSha1_32 => 16,
        _ => throw Undefined(profile),
    };

    /// <summary>Master salt length in bytes: 14 for AES-CM (RFC 3711 §8.2: 112 bits), 12 for AEAD (RFC 7714 §11: 96 bits).</summary>
    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => 12,
        SrtpProfile.AesCm128HmacSha1_80 or SrtpProfile.AesCm128HmacSha1_32 => 14,
        _ => throw Undefined(profile),
    };

    /// <summary>Bytes an SRTP packet grows by: the tag (16 AEAD, 10 for _80, 4 for _32).</summary>
    public static int RtpTagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => 16,
        SrtpProfile.AesCm128HmacSha1_80 => 10,
        SrtpProfile.AesCm128HmacSha1_32 => 4,
        _ => throw Undefined(profile),
    };

    /// <summary>The SRTCP tag length: 16 AEAD, 10 for both AES-CM profiles (RFC 4568 §6.2.1: _32 keeps 80 bits for SRTCP).</summary>
    public static int RtcpTagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => 16,
        SrtpProfile.AesCm128HmacSha1_80 or SrtpProfile.AesCm128HmacSha1_32 => 10,
        _ => throw Undefined(profile),
    };

    /// <summary>Bytes an SRTCP packet grows by: the E flag and index word (4) and the tag.</summary>
    public static int RtcpOverhead(this SrtpProfile profile) => SrtpSession.RtcpIndexLength + profile.RtcpTagLength();

    /// <summary>True for the AEAD (AES-GCM) profiles, the ones <see cref="SrtpBatch"/> runs in one native call.</summary>
    public static bool IsAead(this SrtpProfile profile) => profile is SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;

    /// <summary>The crypto-suite name of SDES a=crypto lines (RFC 4568 §6.2, RFC 7714 §14.1), e.g. "AES_CM_128_HMAC_SHA1_80".</summary>
    public static string SdesName(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm => "AEAD_AES_128_GCM",
        SrtpProfile.AeadAes256Gcm => "AEAD_AES_256_GCM",
        SrtpProfile.AesCm128HmacSha1_80 => "AES_CM_128_HMAC_SHA1_80",
        SrtpProfile.AesCm128HmacSha1_32 => "AES_CM_128_HMAC_SHA1_32",
        _ => throw Undefined(profile),
    };

    /// <summary>The DTLS-SRTP protection profile name (RFC 5764 §4.1.2, RFC 7714 §14.2), e.g. "SRTP_AEAD_AES_128_GCM".</summary>
    public static string DtlsSrtpName(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        SrtpProfile.AeadAes256Gcm => "SRTP_AEAD_AES_256_GCM",
        SrtpProfile.AesCm128HmacSha1_80 => "SRTP_AES128_CM_HMAC_SHA1_80",
        SrtpProfile.AesCm128HmacSha1_32 => "SRTP_AES128_CM_HMAC_SHA1_32",
        _ => throw Undefined(profile),
    };

    /// <summary>The two-byte DTLS-SRTP protection profile number of the use_srtp extension (RFC 5764 §4.1.2, RFC 7714 §14.2).</summary>
    public static ushort DtlsSrtpId(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1_80 => 0x0001,
        SrtpProfile.AesCm128HmacSha1_32 => 0x0002,
        SrtpProfile.AeadAes128Gcm => 0x0007,
        SrtpProfile.AeadAes256Gcm => 0x0008,
        _ => throw Undefined(profile),
    };

    /// <summary>The profile an SDES crypto-suite name names (exact, case-sensitive as RFC 4568 §9.2 registers them); false for any other.</summary>
    public static bool TryParseSdesName(ReadOnlySpan<char> name, out SrtpProfile profile)
    {
        foreach (SrtpProfile candidate in All)
        {
            if (name.SequenceEqual(candidate.SdesName()))
            {
                profile = candidate;
                return true;
            }
        }

        profile = default;
        return false;
    }

    /// <summary>The profile a DTLS-SRTP protection profile name names; false for any other.</summary>
    public static bool TryParseDtlsSrtpName(ReadOnlySpan<char> name, out SrtpProfile profile)
    {
        foreach (SrtpProfile candidate in All)
        {
            if (name.SequenceEqual(candidate.DtlsSrtpName()))
            {
                profile = candidate;
                return true;
            }
        }

        profile = default;
        return false;
    }

    /// <summary>The profile a DTLS-SRTP protection profile number names; false for the others (NULL ciphers, AES-192, unassigned).</summary>
    public static bool TryFromDtlsSrtpId(ushort id, out SrtpProfile profile)
    {
        foreach (SrtpProfile candidate in All)
        {
            if (candidate.DtlsSrtpId() == id)
            {
                profile = candidate;
                return true;
            }
        }

        profile = default;
        return false;
    }

    /// <summary>Every profile, in order of preference for an offer: AEAD first (cheaper per packet, stronger tag).</summary>
    public static ReadOnlySpan<SrtpProfile> All =>
        [SrtpProfile.AeadAes128Gcm, SrtpProfile.AeadAes256Gcm, SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AesCm128HmacSha1_32];

    private static ArgumentOutOfRangeException Undefined(SrtpProfile profile) =>
        new(nameof(profile), profile, $"{(int)profile} is not an SRTP profile.");
}
