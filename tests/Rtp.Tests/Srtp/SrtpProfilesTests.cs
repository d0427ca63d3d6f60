using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>Lengths and names of the profiles as RFC 3711 §8.2, RFC 4568, RFC 5764 and RFC 7714 §14 give them.</summary>
public sealed class SrtpProfilesTests
{
    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm, 16, 12, 16, 16, "AEAD_AES_128_GCM", "SRTP_AEAD_AES_128_GCM", 0x0007)]
    [InlineData(SrtpProfile.AeadAes256Gcm, 32, 12, 16, 16, "AEAD_AES_256_GCM", "SRTP_AEAD_AES_256_GCM", 0x0008)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80, 16, 14, 10, 10, "AES_CM_128_HMAC_SHA1_80", "SRTP_AES128_CM_HMAC_SHA1_80", 0x0001)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_32, 16, 14, 4, 10, "AES_CM_128_HMAC_SHA1_32", "SRTP_AES128_CM_HMAC_SHA1_32", 0x0002)]
    public void Profile_LengthsAndNames_AreTheRegisteredOnes(SrtpProfile profile, int key, int salt, int rtpTag, int rtcpTag, string sdes, string dtls, int id)
    {
        Assert.Equal(key, profile.MasterKeyLength());
        Assert.Equal(salt, profile.MasterSaltLength());
        Assert.Equal(rtpTag, profile.RtpTagLength());
        Assert.Equal(rtcpTag, profile.RtcpTagLength());
        Assert.Equal(4 + rtcpTag, profile.RtcpOverhead());
        Assert.Equal(sdes, profile.SdesName());
        Assert.Equal(dtls, profile.DtlsSrtpName());
        Assert.Equal(id, profile.DtlsSrtpId());

        Assert.True(SrtpProfiles.TryParseSdesName(sdes, out SrtpProfile parsed));
        Assert.Equal(profile, parsed);
        Assert.True(SrtpProfiles.TryParseDtlsSrtpName(dtls, out parsed));
        Assert.Equal(profile, parsed);
        Assert.True(SrtpProfiles.TryFromDtlsSrtpId((ushort)id, out parsed));
        Assert.Equal(profile, parsed);
    }

    [Theory]
    [InlineData("aes_cm_128_hmac_sha1_80")]
    [InlineData("AES_CM_128_HMAC_SHA1")]
    [InlineData("F8_128_HMAC_SHA1_80")]
    [InlineData("")]
    public void TryParseSdesName_OtherSuites_AreFalse(string name)
    {
        Assert.False(SrtpProfiles.TryParseSdesName(name, out _));
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0005)] // SRTP_NULL_HMAC_SHA1_80
    [InlineData(0x0009)]
    public void TryFromDtlsSrtpId_OtherProfiles_AreFalse(int id)
    {
        Assert.False(SrtpProfiles.TryFromDtlsSrtpId((ushort)id, out _));
    }
}
