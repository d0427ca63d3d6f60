using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Sdp;

/// <summary>Offers as the gateway's clients send them (the common ones: ffmpeg, the SDK, a video client with RTX).</summary>
internal static class SdpOffers
{
    /// <summary>28 bytes: an AEAD_AES_128_GCM key and salt.</summary>
    public static readonly byte[] GcmKey = Sequence(28, 1);

    /// <summary>30 bytes: an AES_CM_128_HMAC_SHA1_80 key and salt.</summary>
    public static readonly byte[] CmKey = Sequence(30, 101);

    public static string GcmBase64 => Convert.ToBase64String(GcmKey);

    public static string CmBase64 => Convert.ToBase64String(CmKey);

    /// <summary>Audio and video, RTX on video, E2EE declared, LF line endings.</summary>
    public static string AudioVideo => $"""
        v=0
        o=- 4611731400430051336 2 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        a=e2ee:sframe
        m=audio 40000 RTP/SAVPF 111
        a=rtpmap:111 opus/48000/2
        a=rtcp-mux
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=crypto:1 AEAD_AES_128_GCM inline:{GcmBase64}
        a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:{CmBase64}|2^31
        a=ssrc:1111 cname:alice
        a=sendrecv
        m=video 40000 RTP/SAVPF 96 97
        a=rtpmap:96 VP8/90000
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=rtcp-mux
        a=mid:1
        a=crypto:1 AEAD_AES_128_GCM inline:{GcmBase64}
        a=ssrc-group:FID 2222 3333
        a=ssrc:2222 cname:alice
        a=ssrc:3333 cname:alice
        a=sendonly

        """;

    /// <summary>Audio only over RFC 4571 TCP, CRLF line endings, receive only (no a=ssrc).</summary>
    public static string TcpReceiveOnly => string.Join("\r\n",
        "v=0",
        "o=bob 1 1 IN IP6 ::1",
        "s=listener",
        "t=0 0",
        "m=audio 9 TCP/RTP/SAVP 0",
        "c=IN IP6 ::1",
        "a=rtcp-mux",
        $"a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:{CmBase64}",
        "a=setup:active",
        "a=recvonly",
        "");

    /// <summary>An ffmpeg-like offer: one m-line, no mid, no rtcp-mux, an AES-CM key and a foreign suite first.</summary>
    public static string Ffmpeg => $"""
        v=0
        o=- 0 0 IN IP4 127.0.0.1
        s=No Name
        c=IN IP4 127.0.0.1
        t=0 0
        a=tool:libavformat 61.7.100
        m=audio 5004 RTP/SAVP 97
        b=AS:64
        a=rtpmap:97 opus/48000/2
        a=fmtp:97 sprop-stereo=1
        a=crypto:1 F8_128_HMAC_SHA1_80 inline:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==
        a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:{CmBase64}
        """;

    /// <summary>Every good offer above.</summary>
    public static IEnumerable<string> All => [AudioVideo, TcpReceiveOnly, Ffmpeg];

    public static byte[] Sequence(int length, int start)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(start + i);
        }

        return bytes;
    }

    public static byte[] KeyFor(SrtpProfile profile, int start) => Sequence(profile.MasterKeyLength() + profile.MasterSaltLength(), start);
}
