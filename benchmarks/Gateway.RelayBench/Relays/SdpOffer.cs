using System.Globalization;
using System.Text;
using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Relays;

/// <summary>The SDES offer of one load-generator participant, in the form the gateway's API takes (docs: POST participants).</summary>
internal static class SdpOffer
{
    public static string For(ParticipantPlan p)
    {
        bool video = p.PayloadSize >= 400;
        byte[] key = Convert.FromHexString(p.SendKey);
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"o=- {p.Index + 1} 1 IN IP4 127.0.0.1\r\n");
        sdp.Append("s=-\r\n");
        sdp.Append("c=IN IP4 127.0.0.1\r\n");
        sdp.Append("t=0 0\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"m={(video ? "video" : "audio")} {p.LocalPort} RTP/SAVPF {(video ? 96 : 111)}\r\n");
        sdp.Append(video ? "a=rtpmap:96 VP8/90000\r\n" : "a=rtpmap:111 opus/48000/2\r\n");
        sdp.Append("a=rtcp-mux\r\n");
        sdp.Append("a=mid:0\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=crypto:1 AEAD_AES_128_GCM inline:{Convert.ToBase64String(key)}\r\n");
        if (p.Publish)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"a=ssrc:{p.Ssrc} cname:p{p.Index}\r\n");
            sdp.Append("a=sendrecv\r\n");
        }
        else
        {
            sdp.Append("a=recvonly\r\n");
        }

        return sdp.ToString();
    }
}
