using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// What the libsrtp interop tests share: the profile mapping, the theory data, key material from the
/// seeded generator, the session pairs and a failure message that says where two packets differ.
/// </summary>
internal static class LibsrtpInterop
{
    /// <summary>Packets per randomised interop test and direction.</summary>
    public const int PacketCount = 300;

    public static TheoryData<SrtpProfile> Profiles()
    {
        var data = new TheoryData<SrtpProfile>();
        foreach (SrtpProfile profile in SrtpProfiles.All)
        {
            data.Add(profile);
        }

        return data;
    }

    /// <summary>Every profile with every AES implementation this machine runs (native paths and the managed one).</summary>
    public static TheoryData<SrtpProfile, AesImplementation> ProfilesAndImplementations()
    {
        var data = new TheoryData<SrtpProfile, AesImplementation>();
        foreach (SrtpProfile profile in SrtpProfiles.All)
        {
            foreach (AesImplementation implementation in CryptoBackend.SupportedImplementations)
            {
                data.Add(profile, implementation);
            }
        }

        return data;
    }

    public static LibsrtpProfile ToLibsrtp(SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm => LibsrtpProfile.AesGcm128,
        SrtpProfile.AeadAes256Gcm => LibsrtpProfile.AesGcm256,
        SrtpProfile.AesCm128HmacSha1_80 => LibsrtpProfile.AesCm128HmacSha1_80,
        SrtpProfile.AesCm128HmacSha1_32 => LibsrtpProfile.AesCm128HmacSha1_32,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>A random master key and salt of the profile's lengths (the CM salt is 14 bytes, the GCM salt 12).</summary>
    public static (byte[] Key, byte[] Salt) Keys(SrtpProfile profile, Random random)
    {
        byte[] key = new byte[profile.MasterKeyLength()];
        byte[] salt = new byte[profile.MasterSaltLength()];
        random.NextBytes(key);
        random.NextBytes(salt);
        return (key, salt);
    }

    /// <summary>libsrtp protecting, ours unprotecting. Loading libsrtp fails the test with the install hint.</summary>
    public static (LibsrtpSession Theirs, SrtpSession Ours) TheyProtect(SrtpProfile profile, byte[] key, byte[] salt,
        AesImplementation implementation = AesImplementation.Auto)
    {
        LibsrtpSession theirs = LibsrtpSession.Create(ToLibsrtp(profile), key, salt, LibsrtpDirection.Outbound);
        return (theirs, SrtpSession.Create(profile, key, salt, null, implementation));
    }

    /// <summary>Ours protecting, libsrtp unprotecting.</summary>
    public static (SrtpSession Ours, LibsrtpSession Theirs) WeProtect(SrtpProfile profile, byte[] key, byte[] salt,
        AesImplementation implementation = AesImplementation.Auto)
    {
        LibsrtpSession theirs = LibsrtpSession.Create(ToLibsrtp(profile), key, salt, LibsrtpDirection.Inbound);
        return (SrtpSession.Create(profile, key, salt, null, implementation), theirs);
    }

    /// <summary>
    /// Where the E flag and SRTCP index word of a protected RTCP packet of <paramref name="plainLength"/>
    /// bytes is: right after the RTCP packet for AES-CM (RFC 3711 §3.4, the tag follows it), after the
    /// tag for AEAD (RFC 7714 §9.1, Figure 5: the word is associated data appended last).
    /// </summary>
    public static int RtcpIndexOffset(SrtpProfile profile, int plainLength) =>
        profile.IsAead() ? plainLength + profile.RtcpTagLength() : plainLength;

    /// <summary>Null when equal; else where the two differ first and the lengths.</summary>
    public static string? Difference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.SequenceEqual(actual))
        {
            return null;
        }

        int common = Math.Min(expected.Length, actual.Length);
        int first = expected[..common].CommonPrefixLength(actual[..common]);
        return first < common
            ? $"differs first at byte {first} (expected 0x{expected[first]:x2}, got 0x{actual[first]:x2}); lengths {expected.Length} and {actual.Length}"
            : $"lengths differ: expected {expected.Length}, got {actual.Length}";
    }

    /// <summary>The RTP header length of a well-formed packet (fixed header, CSRCs, extension).</summary>
    public static int RtpHeaderLength(ReadOnlySpan<byte> packet)
    {
        int length = 12 + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            length += 4 + (4 * ((packet[length + 2] << 8) | packet[length + 3]));
        }

        return length;
    }

    /// <summary>The packet's sequence number, SSRC, header and payload lengths: what a failure message needs.</summary>
    public static string DescribeRtp(ReadOnlySpan<byte> plain, int length) =>
        $"seq {(plain[2] << 8) | plain[3]}, ssrc 0x{(uint)((plain[8] << 24) | (plain[9] << 16) | (plain[10] << 8) | plain[11]):x8}, " +
        $"header {RtpHeaderLength(plain)} bytes, packet {length} bytes{((plain[0] & 0x20) != 0 ? $", padding {plain[length - 1]}" : string.Empty)}";
}
