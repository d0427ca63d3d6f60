using System.Text;
using Gateway.Rtp.Sdp;

namespace Gateway.Rtp.Tests.Sdp;

/// <summary>Each malformation gives a failure that names its line and what is wrong with it.</summary>
public sealed class SdpParserErrorTests
{
    private const string Header = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n";

    public static TheoryData<string, int, string> Malformed => new()
    {
        { "", 0, "empty" },
        { "o=- 1 1 IN IP4 127.0.0.1\n", 1, "first line must be v=0" },
        { "v=1\n", 1, "v= must be 0" },
        { "v=0\ns=-\n", 2, "second line must be o=" },
        { "v=0\no=- 1 1 IN IP4\n", 2, "o= needs six fields" },
        { "v=0\no=- x 1 IN IP4 127.0.0.1\n", 2, "decimal" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\nt=0 0\n", 3, "third line must be s=" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=\n", 3, "s= is empty" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nm=audio 1 RTP/SAVP 0\n", 0, "no t= line" },
        { Header + "x=1\n", 6, "unknown line type 'x='" },
        { Header + "A=1\n", 6, "<type>=<value>" },
        { Header + "a\n", 6, "<type>=<value>" },
        { Header + "\n\nm=audio 1 RTP/SAVP 0\n", 6, "empty line" },
        { Header + "a=x\u0001y\n", 6, "control character" },
        { Header + "c=IN IP4 127.0.0.2\n", 6, "second c= line" },
        { Header.Replace("c=IN IP4 127.0.0.1", "c=IN IP4 example.com", StringComparison.Ordinal), 4, "host names" },
        { Header.Replace("c=IN IP4 127.0.0.1", "c=IN IP4 224.2.1.1/127", StringComparison.Ordinal), 4, "multicast" },
        { Header.Replace("c=IN IP4 127.0.0.1", "c=IN IP6 127.0.0.1", StringComparison.Ordinal), 4, "not an IP6 address" },
        { Header + "m=audio 70000 RTP/SAVP 0\n", 6, "port '70000'" },
        { Header + "m=audio 1 RTP/SAVP\n", 6, "m= needs" },
        { Header + "m=audio 1 RTP/SAVP 0\nt=0 0\n", 7, "t= is a session-level line" },
        { Header + "m=audio 1 RTP/SAVP 0\nz=1\n", 7, "z= is a session-level line" },
        { Header + "a=crypto:1 AEAD_AES_128_GCM inline:AAAA\n", 6, "a=crypto belongs in a media section" },
        { Header + "a=ssrc:1 cname:x\n", 6, "a=ssrc belongs in a media section" },
        { Header + "m=audio 1 RTP/SAVP 0\na=e2ee:sframe\n", 7, "a=e2ee is a session-level attribute" },
        { Header + "a=e2ee:\n", 6, "a=e2ee needs one scheme" },
        { Header + "m=audio 1 RTP/SAVP 0\na=ssrc:x cname:a\n", 7, "a=ssrc needs" },
        { Header + "m=audio 1 RTP/SAVP 0\na=ssrc:4294967296 cname:a\n", 7, "a=ssrc needs" },
        { Header + "m=audio 1 RTP/SAVP 0\na=ssrc:1\n", 7, "a=ssrc needs" },
        { Header + "m=audio 1 RTP/SAVP 0\na=ssrc-group:FID 1 x\n", 7, "a=ssrc-group needs" },
        { Header + "m=audio 1 RTP/SAVP 0\na=mid:0\na=mid:1\n", 8, "a=mid needs one token" },
        { Header + "m=audio 1 RTP/SAVP 0\na=extmap:15 urn:x\n", 7, "a=extmap id" },
        { Header + "m=audio 1 RTP/SAVP 0\na=extmap:1 urn:x\na=extmap:1 urn:y\n", 8, "mapped twice" },
        { Header + "m=audio 1 RTP/SAVP 0\na=extmap:1/up urn:x\n", 7, "a=extmap direction" },
        { Header + "m=audio 1 RTP/SAVP 0\na=rtpmap:128 opus/48000\n", 7, "a=rtpmap needs" },
        { Header + "m=audio 1 RTP/SAVP 0\na=rtpmap:111 opus\n", 7, "a=rtpmap needs" },
        { Header + "a=ice-ufrag:ab\n", 6, "a=ice-ufrag must be 4 to 256" },
        { Header + "a=ice-pwd:short\n", 6, "a=ice-pwd must be 22 to 256" },
        { Header + "a=ice-ufrag:abcd\na=ice-ufrag:abcd\n", 7, "appears twice" },
        { Header + "m=audio 1 RTP/SAVP 0\na=ice-lite\n", 7, "a=ice-lite is a session-level" },
        { Header + "a=setup:sideways\n", 6, "a=setup needs" },
        { Header + "a=sendonly\na=recvonly\n", 7, "second direction" },
        { Header + $"m=audio 1 RTP/SAVP 0\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{SdpOffers.CmBase64}\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{SdpOffers.CmBase64}\n", 8, "tag 1 appears twice" },
    };

    public static TheoryData<string, string> MalformedCrypto => new()
    {
        { "a=crypto:1 AEAD_AES_128_GCM", "needs <tag> <crypto-suite>" },
        { "a=crypto:x AEAD_AES_128_GCM inline:KEY", "tag must be 1 to 9 digits" },
        { "a=crypto:1234567890 AEAD_AES_128_GCM inline:KEY", "tag must be 1 to 9 digits" },
        { "a=crypto:1 AEAD_AES_128_GCM key:KEY", "key method must be inline:" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY|1:4", "MKI is not supported" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY|2^31|1:4", "MKI is not supported" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY|2^99", "lifetime" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY|2^31|2^20", "lifetime" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY|2^31|2^20|1", "too many" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY;inline:KEY", "several keys" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY UNENCRYPTED_SRTP", "session parameters" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:SHORT", "AEAD_AES_128_GCM key" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:KEY", "30 bytes of key and salt; the suite needs 28" },
        { "a=crypto:1 AEAD_AES_256_GCM inline:KEY", "the suite needs 44" },
        { "a=crypto:1 AEAD_AES_128_GCM inline:!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "not valid base64" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformation_FailsAtItsLine_WithAClearMessage(string text, int line, string phrase)
    {
        SdpParseResult result = SdpParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal(line, result.Line);
        Assert.Contains(phrase, result.Error, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.StartsWith($"line {line}: ", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MalformedCrypto))]
    public void MalformedCrypto_FailsAtItsLine_WithoutQuotingTheKey(string cryptoLine, string phrase)
    {
        // KEY is a key of the wrong length for GCM (30 bytes): still never to be quoted.
        string text = SdpParserTests.Offer(cryptoLine.Replace("KEY", SdpOffers.CmBase64, StringComparison.Ordinal));

        SdpParseResult result = SdpParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Contains(phrase, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("line 7: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(SdpOffers.CmBase64[..8], result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SHORT", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyBytes_FailsBeforeReading()
    {
        string text = SdpParserTests.Offer() + new string('i', 70_000);

        Assert.Contains("limit is 65536", SdpParser.Parse(Encoding.UTF8.GetBytes(text)).Error, StringComparison.Ordinal);
        Assert.Contains("longer than 65536", SdpParser.Parse(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_Fails()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("v=0\r\ns="), 0xC3, 0x28];

        Assert.Contains("UTF-8", SdpParser.Parse(bytes).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyLines_Fails()
    {
        string text = SdpParserTests.Offer() + string.Concat(Enumerable.Repeat("b=AS:1\r\n", 1000));

        SdpParseResult result = SdpParser.Parse(text);

        Assert.Equal(1001, result.Line);
        Assert.Contains("more than 1000 lines", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyMediaSections_Fails()
    {
        string text = SdpParserTests.Offer() + string.Concat(Enumerable.Repeat("m=audio 1 RTP/SAVP 0\r\n", 16));

        Assert.Contains("more than 16 m= lines", SdpParser.Parse(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyAttributes_Fails()
    {
        string text = SdpParserTests.Offer([.. Enumerable.Repeat("a=x-filler", 257)]);

        Assert.Contains("more than 256 a= lines", SdpParser.Parse(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManySsrcLines_Fails()
    {
        string text = SdpParserTests.Offer([.. Enumerable.Range(1, 65).Select(i => $"a=ssrc:{i} cname:x")]);

        Assert.Contains("more than 64 a=ssrc", SdpParser.Parse(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomLimits_Apply()
    {
        var limits = new SdpLimits { MaxMediaSections = 1 };

        Assert.True(SdpParser.Parse(SdpOffers.Ffmpeg, limits).Succeeded);
        Assert.False(SdpParser.Parse(SdpOffers.AudioVideo, limits).Succeeded);
    }
}
