using System.Net;
using System.Text;
using Gateway.Rtp.Sdp;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Sdp;

public sealed class SdpParserTests
{
    [Fact]
    public void AudioVideoOffer_ReadsEveryModelledLine()
    {
        SdpParseResult result = SdpParser.Parse(SdpOffers.AudioVideo);

        Assert.True(result.Succeeded, result.Error);
        SdpSessionDescription offer = result.Description;
        Assert.Equal(4611731400430051336UL, offer.Origin.SessionId);
        Assert.Equal(2UL, offer.Origin.SessionVersion);
        Assert.Equal(IPAddress.Loopback, offer.Connection?.Address);
        Assert.Equal("sframe", offer.E2ee);
        Assert.Equal(2, offer.Media.Count);

        SdpMediaDescription audio = offer.Media[0];
        Assert.Equal(("audio", 40000, "RTP/SAVPF"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["111"], audio.Formats);
        Assert.False(audio.IsTcp);
        Assert.True(audio.RtcpMux);
        Assert.Equal("0", audio.Mid);
        Assert.Equal(new SdpRtpmap(111, "opus", 48000, "2"), Assert.Single(audio.RtpMaps));
        Assert.Equal(new SdpExtmap(1, SdpExtmap.AudioLevelUri), Assert.Single(audio.Extmaps));
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(new SdpSsrc(1111, "cname", "alice"), Assert.Single(audio.Ssrcs));
        Assert.Equal(2, audio.Crypto.Count);
        Assert.Equal((1, SrtpProfile.AeadAes128Gcm), (audio.Crypto[0].Tag, audio.Crypto[0].Profile!.Value));
        Assert.Equal(SdpOffers.GcmKey, audio.Crypto[0].KeyAndSalt);
        Assert.Equal((2, SrtpProfile.AesCm128HmacSha1_80, "2^31"), (audio.Crypto[1].Tag, audio.Crypto[1].Profile!.Value, audio.Crypto[1].Lifetime));
        Assert.Equal(SdpOffers.CmKey, audio.Crypto[1].KeyAndSalt);
        Assert.Equal(13, audio.Crypto[1].LineNumber);

        SdpMediaDescription video = offer.Media[1];
        Assert.Equal(["96", "97"], video.Formats);
        Assert.Equal(16, video.LineNumber);
        var group = Assert.Single(video.SsrcGroups);
        Assert.Equal(SdpSsrcGroup.FlowIdentification, group.Semantics);
        Assert.Equal([2222u, 3333u], group.Ssrcs);
        Assert.Equal([2222u, 3333u], video.Ssrcs.Select(s => s.Id));
        Assert.Equal(SdpDirection.SendOnly, video.EffectiveDirection(offer));
        Assert.Equal(new SdpAttributeLine("fmtp", "97 apt=96"), Assert.Single(video.OtherAttributes));
    }

    [Fact]
    public void TcpOffer_WithCrlfAndMediaLevelConnection()
    {
        SdpParseResult result = SdpParser.Parse(SdpOffers.TcpReceiveOnly);

        Assert.True(result.Succeeded, result.Error);
        SdpMediaDescription audio = Assert.Single(result.Description.Media);
        Assert.True(audio.IsTcp);
        Assert.Null(result.Description.Connection);
        Assert.Equal(IPAddress.IPv6Loopback, audio.EffectiveConnection(result.Description)?.Address);
        Assert.Equal("active", audio.Setup);
        Assert.Equal(SdpDirection.RecvOnly, audio.Direction);
        Assert.Empty(audio.Ssrcs);
        Assert.Equal(7, Assert.Single(audio.Crypto).Tag);
    }

    [Fact]
    public void UnknownSuite_IsKeptByNameWithoutItsKey()
    {
        SdpParseResult result = SdpParser.Parse(SdpOffers.Ffmpeg);

        Assert.True(result.Succeeded, result.Error);
        SdpMediaDescription audio = Assert.Single(result.Description.Media);
        Assert.Equal("F8_128_HMAC_SHA1_80", audio.Crypto[0].Suite);
        Assert.False(audio.Crypto[0].IsSupported);
        Assert.Empty(audio.Crypto[0].KeyAndSalt);
        Assert.True(audio.Crypto[1].IsSupported);
        Assert.Contains(result.Description.OtherAttributes, a => a.Name == "tool");
    }

    [Fact]
    public void Utf8Bytes_ParseLikeText()
    {
        SdpParseResult result = SdpParser.Parse(Encoding.UTF8.GetBytes(SdpOffers.AudioVideo));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.Description.Media.Count);
    }

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    [InlineData(SrtpProfile.AeadAes256Gcm)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_32)]
    public void EverySuite_DecodesItsKeyAndSalt(SrtpProfile profile)
    {
        byte[] key = SdpOffers.KeyFor(profile, 7);

        SdpParseResult result = SdpParser.Parse(Offer($"a=crypto:1 {profile.SdesName()} inline:{Convert.ToBase64String(key)}"));

        Assert.True(result.Succeeded, result.Error);
        SdpCrypto crypto = Assert.Single(result.Description.Media[0].Crypto);
        Assert.Equal(profile, crypto.Profile);
        Assert.Equal(key, crypto.KeyAndSalt);
    }

    [Fact]
    public void UnpaddedBase64Key_IsAccepted()
    {
        SdpParseResult result = SdpParser.Parse(Offer($"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{SdpOffers.CmBase64.TrimEnd('=')}|1048576"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(SdpOffers.CmKey, result.Description.Media[0].Crypto[0].KeyAndSalt);
        Assert.Equal("1048576", result.Description.Media[0].Crypto[0].Lifetime);
    }

    [Fact]
    public void ClearKeys_WipesEveryKey()
    {
        SdpSessionDescription offer = SdpParser.Parse(SdpOffers.AudioVideo).Description!;

        offer.ClearKeys();

        Assert.All(offer.Media.SelectMany(m => m.Crypto), c => Assert.All(c.KeyAndSalt, b => Assert.Equal(0, b)));
    }

    [Fact]
    public void CryptoToString_NeverShowsTheKey()
    {
        SdpSessionDescription offer = SdpParser.Parse(SdpOffers.AudioVideo).Description!;

        foreach (SdpCrypto crypto in offer.Media.SelectMany(m => m.Crypto))
        {
            string text = crypto.ToString();
            Assert.DoesNotContain(SdpOffers.GcmBase64[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain(SdpOffers.CmBase64[..8], text, StringComparison.Ordinal);
            Assert.Contains("<redacted>", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(SdpOffers.GcmBase64[..8], offer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingBlankLine_IsHarmless()
    {
        Assert.True(SdpParser.Parse(SdpOffers.TcpReceiveOnly + "\r\n").Succeeded);
    }

    /// <summary>A minimal valid offer with <paramref name="mediaLines"/> after a single audio m= line.</summary>
    internal static string Offer(params string[] mediaLines) =>
        string.Join("\r\n", ["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 40000 RTP/SAVPF 111", .. mediaLines, ""]);
}
