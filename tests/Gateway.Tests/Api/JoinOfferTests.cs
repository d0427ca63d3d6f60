using System.Net;
using Gateway.Api;
using Gateway.Routing;
using Gateway.Rtp.Sdp;
using Gateway.Rtp.Srtp;

namespace Gateway.Tests.Api;

public sealed class JoinOfferTests
{
    [Fact]
    public void AudioVideoOffer_GivesTracksWithRtxMidAndAudioLevel()
    {
        JoinOffer join = Read(ApiOffers.AudioVideo(1111, 2222, 3333, e2ee: true, port: 40004));

        Assert.Equal(SrtpProfile.AeadAes128Gcm, join.Profile);
        Assert.Equal(28, join.KeyAndSalt.Length);
        Assert.True(join.E2ee);
        Assert.False(join.IsTcp);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40004), join.OfferedEndPoint);
        Assert.Equal(2, join.Tracks.Count);
        Assert.Equal(new TrackSpec { Kind = MediaKind.Audio, Ssrc = 1111, Mid = "0", AudioLevelExtensionId = 1 }, join.Tracks[0]);
        Assert.Equal(new TrackSpec { Kind = MediaKind.Video, Ssrc = 2222, RtxSsrc = 3333, Mid = "1", PayloadCodecs = new Dictionary<int, VideoCodec> { [96] = VideoCodec.Vp8 } }, join.Tracks[1]);
    }

    [Fact]
    public void VideoOffer_MapsVp8AndH264PayloadTypes_AndTheDependencyDescriptor()
    {
        string offer = ApiOffers.AudioVideo(1111, 2222, 3333, e2ee: true)
            .Replace("m=video 40000 RTP/SAVPF 96 97", "m=video 40000 RTP/SAVPF 96 97 102 98", StringComparison.Ordinal)
            .Replace("a=rtpmap:97 rtx/90000", "a=rtpmap:97 rtx/90000\r\na=rtpmap:102 h264/90000\r\na=rtpmap:98 VP9/90000\r\n"
                + "a=extmap:4 https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension", StringComparison.Ordinal);
        JoinOffer join = Read(offer);

        TrackSpec video = join.Tracks[1];
        Assert.Equal(4, video.DependencyDescriptorExtensionId);
        Assert.Equal(new Dictionary<int, VideoCodec> { [96] = VideoCodec.Vp8, [102] = VideoCodec.H264 }, video.PayloadCodecs);
        Assert.Null(join.Tracks[0].PayloadCodecs);
        Assert.Null(join.Tracks[0].DependencyDescriptorExtensionId);
    }

    [Fact]
    public void ReceiveOnlyOffer_HasNoTracks()
    {
        JoinOffer join = Read(ApiOffers.ReceiveOnly());

        Assert.Empty(join.Tracks);
        Assert.False(join.E2ee);
    }

    [Fact]
    public void TcpOffer_HasNoOfferedAddress()
    {
        JoinOffer join = Read(ApiOffers.Audio(5, proto: "TCP/RTP/SAVPF"));

        Assert.True(join.IsTcp);
        Assert.Null(join.OfferedEndPoint);
    }

    [Fact]
    public void UnspecifiedAddress_IsLeftToLatching()
    {
        JoinOffer join = Read(ApiOffers.Audio(5).Replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0", StringComparison.Ordinal));

        Assert.Null(join.OfferedEndPoint);
    }

    [Fact]
    public void FirstSupportedSuite_IsChosen()
    {
        string offer = ApiOffers.Audio(5, suite: "AES_CM_128_HMAC_SHA1_32", keyBytes: 30)
            .Replace("a=crypto:1", "a=crypto:9 F8_128_HMAC_SHA1_80 inline:AAAA\r\na=crypto:1", StringComparison.Ordinal);

        Assert.Equal(SrtpProfile.AesCm128HmacSha1_32, Read(offer).Profile);
    }

    [Theory]
    [InlineData("a=ssrc-group:FID 1 2 3", "must pair one media SSRC")]
    [InlineData("a=ssrc-group:FID 1 1", "must pair one media SSRC")]
    public void BadFidGroup_IsRefused(string group, string phrase)
    {
        string offer = ApiOffers.Audio(1) + group + "\r\n";

        Assert.Contains(phrase, Refuse(offer), StringComparison.Ordinal);
    }

    [Fact]
    public void SameSsrcInTwoSections_IsRefused()
    {
        Assert.Contains("used by two m= lines", Refuse(ApiOffers.AudioVideo(7, 7, 8)), StringComparison.Ordinal);
    }

    [Fact]
    public void MixedTransports_AreRefused()
    {
        string offer = ApiOffers.AudioVideo(1, 2, 3);
        int video = offer.IndexOf("m=video 40000 RTP/SAVPF", StringComparison.Ordinal);
        offer = string.Concat(offer.AsSpan(0, video), "m=video 40000 TCP/RTP/SAVPF", offer.AsSpan(video + "m=video 40000 RTP/SAVPF".Length));

        Assert.Contains("same transport", Refuse(offer), StringComparison.Ordinal);
    }

    [Fact]
    public void AllPortsZero_IsRefused()
    {
        Assert.Contains("no m= line with a non-zero port", Refuse(ApiOffers.Audio(1).Replace("m=audio 40000", "m=audio 0", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConnection_IsRefused()
    {
        Assert.Contains("no c= line", Refuse(ApiOffers.Audio(1).Replace("c=IN IP4 127.0.0.1\r\n", "", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static JoinOffer Read(string text)
    {
        SdpParseResult parsed = SdpParser.Parse(text);
        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.True(JoinOffer.TryRead(parsed.Description, out JoinOffer? join, out string? error), error);
        return join;
    }

    private static string Refuse(string text)
    {
        SdpParseResult parsed = SdpParser.Parse(text);
        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.False(JoinOffer.TryRead(parsed.Description, out _, out string? error));
        return error;
    }
}
