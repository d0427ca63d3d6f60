using System.Security.Cryptography;

namespace Gateway.Tests.Api;

/// <summary>SDP offers for the control API tests, each with a fresh random key.</summary>
internal static class ApiOffers
{
    private static readonly string[] E2eeLine = ["a=e2ee:sframe"];

    public static string Key(int bytes = 28) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Audio (with audio level) and video with RTX, over UDP to 127.0.0.1:<paramref name="port"/>.</summary>
    public static string AudioVideo(uint audioSsrc, uint videoSsrc, uint rtxSsrc, bool e2ee = false, int port = 40000)
    {
        // The two m= lines of one participant carry one key.
        string key = Key();
        return Lines(
            [
                "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0", .. (e2ee ? E2eeLine : []),
                $"m=audio {port} RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2", "a=rtcp-mux", "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", $"a=crypto:1 AEAD_AES_128_GCM inline:{key}",
                $"a=ssrc:{audioSsrc} cname:test", "a=sendrecv",
                $"m=video {port} RTP/SAVPF 96 97", "a=rtpmap:96 VP8/90000", "a=rtpmap:97 rtx/90000", "a=rtcp-mux", "a=mid:1",
                $"a=crypto:1 AEAD_AES_128_GCM inline:{key}", $"a=ssrc-group:FID {videoSsrc} {rtxSsrc}",
                $"a=ssrc:{videoSsrc} cname:test", $"a=ssrc:{rtxSsrc} cname:test", "a=sendrecv",
            ]);
    }

    /// <summary>One audio track.</summary>
    public static string Audio(uint ssrc, bool e2ee = false, string proto = "RTP/SAVPF", string suite = "AEAD_AES_128_GCM", int keyBytes = 28) =>
        Lines(
            [
                "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0", .. (e2ee ? E2eeLine : []),
                $"m=audio 40000 {proto} 111", "a=rtpmap:111 opus/48000/2", "a=rtcp-mux", "a=mid:0",
                $"a=crypto:1 {suite} inline:{Key(keyBytes)}", $"a=ssrc:{ssrc} cname:test",
            ]);

    /// <summary>Receive only: no a=ssrc.</summary>
    public static string ReceiveOnly() =>
        Lines(["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 40002 RTP/SAVPF 111", "a=rtcp-mux", $"a=crypto:1 AEAD_AES_128_GCM inline:{Key()}", "a=recvonly"]);

    private static string Lines(string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
