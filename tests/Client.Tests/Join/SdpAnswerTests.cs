using System.Net;
using System.Text;
using Gateway.Client.Join;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Tests.Join;

public sealed class SdpAnswerTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 28).Select(i => (byte)i)];

    /// <summary>An answer as docs/api.md describes the gateway's (c=, m= port, a=crypto with its key, ice-lite).</summary>
    private static string Answer(string suite = "AEAD_AES_128_GCM", string address = "127.0.0.1", int port = 40000, byte[]? key = null) =>
        "v=0\r\no=- 42 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\na=ice-lite\r\n"
        + $"m=audio {port} RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-mux\r\na=mid:0\r\n"
        + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdef0123456789\r\n"
        + $"a=crypto:1 {suite} inline:{Convert.ToBase64String(key ?? Key)}\r\na=sendrecv\r\n";

    [Fact]
    public void Parse_TheGatewaysAnswer_GivesEndpointSuiteAndKey()
    {
        Assert.True(SdpAnswer.TryParse(Answer(), SrtpProfile.AeadAes128Gcm, out SdpAnswer? answer, out string? error), error);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40000), answer.MediaEndpoint);
        Assert.Equal(SrtpProfile.AeadAes128Gcm, answer.Profile);
        Assert.Equal(Key, answer.KeyAndSalt);
    }

    [Fact]
    public void Parse_AnotherSuiteThanOffered_IsAnErrorThatNamesBoth()
    {
        byte[] key = new byte[30];
        Assert.False(SdpAnswer.TryParse(Answer("AES_CM_128_HMAC_SHA1_80", key: key), SrtpProfile.AeadAes128Gcm, out _, out string? error));
        Assert.Contains("AES_CM_128_HMAC_SHA1_80", error, StringComparison.Ordinal);
        Assert.Contains("AEAD_AES_128_GCM", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v=0\r\n")]
    [InlineData("<html>502 Bad Gateway</html>")]
    public void Parse_NotAnAnswer_IsAnError(string text)
    {
        Assert.False(SdpAnswer.TryParse(text, SrtpProfile.AeadAes128Gcm, out SdpAnswer? answer, out string? error));
        Assert.Null(answer);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Parse_WithoutCrypto_IsAnError()
    {
        string text = Answer().Replace("a=crypto:1 AEAD_AES_128_GCM inline:" + Convert.ToBase64String(Key) + "\r\n", "", StringComparison.Ordinal);
        Assert.False(SdpAnswer.TryParse(text, SrtpProfile.AeadAes128Gcm, out _, out string? error));
        Assert.Contains("crypto", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryTruncationAndRandomMutation_NeverThrows()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        string full = Answer();
        for (int cut = 0; cut <= full.Length; cut++)
        {
            SdpAnswer.TryParse(full[..cut], SrtpProfile.AeadAes128Gcm, out _, out _);
        }

        byte[] bytes = Encoding.ASCII.GetBytes(full);
        for (int i = 0; i < 3000; i++)
        {
            byte[] mutated = (byte[])bytes.Clone();
            for (int j = random.Next(1, 8); j > 0; j--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            bool ok = SdpAnswer.TryParse(Encoding.Latin1.GetString(mutated), SrtpProfile.AeadAes128Gcm, out SdpAnswer? answer, out string? error);
            Assert.True(ok ? answer is not null : error is not null, TestSeed.Describe(seed));
        }
    }

    [Fact]
    public void Offer_NamesTheSocketTracksSuiteAndE2ee()
    {
        var request = new JoinRequest { AudioSsrc = 11, VideoSsrc = 12, E2ee = true, Cname = "me" };
        string offer = SdpOffer.Write(request, new IPEndPoint(IPAddress.Loopback, 5004), Key);

        Assert.Contains("c=IN IP4 127.0.0.1\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=e2ee:sframe\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("m=audio 5004 RTP/SAVPF 111\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("m=video 5004 RTP/SAVPF 96\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=ssrc:11 cname:me\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=ssrc:12 cname:me\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=crypto:1 AEAD_AES_128_GCM inline:" + Convert.ToBase64String(Key) + "\r\n", offer, StringComparison.Ordinal);
        Assert.True(Gateway.Rtp.Sdp.SdpParser.Parse(offer).Succeeded);
    }
}
