using System.Net;
using Gateway.Rtp.Sdp;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Sdp;

public sealed class SdpAnswerTests
{
    private static readonly byte[] GatewayKey = SdpOffers.Sequence(28, 200);

    [Fact]
    public void Answer_RoundTrips_ThroughTheParser()
    {
        SdpSessionDescription offer = SdpParser.Parse(SdpOffers.AudioVideo).Description!;

        string text = SdpWriter.Write(SdpAnswerBuilder.Create(offer, Options(IPAddress.Parse("192.0.2.7"), 50000)));
        SdpParseResult parsed = SdpParser.Parse(text);

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        SdpSessionDescription answer = parsed.Description;
        Assert.Equal(IPAddress.Parse("192.0.2.7"), answer.Connection?.Address);
        Assert.True(answer.IceLite);
        Assert.Equal(("ufrag1", "0123456789abcdefghijkl"), (answer.IceUfrag, answer.IcePassword));
        Assert.Equal(2, answer.Media.Count);
        for (int i = 0; i < 2; i++)
        {
            SdpMediaDescription media = answer.Media[i];
            Assert.Equal((offer.Media[i].Media, 50000, "RTP/SAVPF"), (media.Media, media.Port, media.Protocol));
            Assert.Equal(offer.Media[i].Formats, media.Formats);
            Assert.Equal(offer.Media[i].Mid, media.Mid);
            Assert.True(media.RtcpMux);
            Assert.Null(media.Setup);
            SdpCrypto crypto = Assert.Single(media.Crypto);
            Assert.Equal((1, SrtpProfile.AeadAes128Gcm), (crypto.Tag, crypto.Profile!.Value));
            Assert.Equal(GatewayKey, crypto.KeyAndSalt);
        }

        Assert.Equal(SdpDirection.SendRecv, answer.Media[0].Direction);
        Assert.Equal(SdpDirection.RecvOnly, answer.Media[1].Direction);
        Assert.Equal(offer.Media[1].RtpMaps, answer.Media[1].RtpMaps);
        Assert.Equal(offer.Media[0].Extmaps, answer.Media[0].Extmaps);
    }

    [Fact]
    public void TcpAnswer_IsPassive_AndKeepsTheOffersTag()
    {
        SdpSessionDescription offer = SdpParser.Parse(SdpOffers.TcpReceiveOnly).Description!;
        byte[] key = SdpOffers.KeyFor(SrtpProfile.AesCm128HmacSha1_80, 9);

        SdpSessionDescription answer = SdpParser.Parse(SdpWriter.Write(SdpAnswerBuilder.Create(offer, new SdpAnswerOptions
        {
            Address = IPAddress.IPv6Loopback,
            Port = 4443,
            Profile = SrtpProfile.AesCm128HmacSha1_80,
            KeyAndSalt = key,
        }))).Description!;

        SdpMediaDescription media = Assert.Single(answer.Media);
        Assert.Equal(("TCP/RTP/SAVP", 4443, "passive"), (media.Protocol, media.Port, media.Setup));
        Assert.Equal(7, Assert.Single(media.Crypto).Tag);
        Assert.Equal(key, media.Crypto[0].KeyAndSalt);
        Assert.Equal(SdpDirection.SendOnly, media.Direction);
        Assert.Equal("IP6", answer.Origin.AddressType);
    }

    [Fact]
    public void MediaWithoutTheAcceptedSuite_OrWithPortZero_IsRejectedWithPortZero()
    {
        string text = SdpParserTests.Offer($"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{SdpOffers.CmBase64}")
            + $"m=video 0 RTP/SAVPF 96\r\na=crypto:1 AEAD_AES_128_GCM inline:{SdpOffers.GcmBase64}\r\n"
            + $"m=video 40002 RTP/SAVPF 96\r\na=crypto:1 AEAD_AES_128_GCM inline:{SdpOffers.GcmBase64}\r\n";
        SdpSessionDescription offer = SdpParser.Parse(text).Description!;

        SdpSessionDescription answer = SdpParser.Parse(SdpWriter.Write(SdpAnswerBuilder.Create(offer, Options(IPAddress.Loopback, 50000)))).Description!;

        Assert.Equal([0, 0, 50000], answer.Media.Select(m => m.Port));
        Assert.Empty(answer.Media[0].Crypto);
    }

    private static SdpAnswerOptions Options(IPAddress address, int port) => new()
    {
        Address = address,
        Port = port,
        Profile = SrtpProfile.AeadAes128Gcm,
        KeyAndSalt = GatewayKey,
        IceLite = true,
        IceUfrag = "ufrag1",
        IcePassword = "0123456789abcdefghijkl",
        SessionId = 42,
    };
}
