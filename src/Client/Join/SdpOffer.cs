using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Client.Media;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Join;

/// <summary>Writes the SDES offer of a join (docs/api.md): one audio m-line, and a video m-line when video is published.</summary>
internal static class SdpOffer
{
    public static string Write(JoinRequest request, IPEndPoint local, ReadOnlySpan<byte> keyAndSalt)
    {
        string family = local.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        string address = local.Address.ToString();
        string suite = request.SrtpSuite.SdesName();
        string inline = Convert.ToBase64String(keyAndSalt);
        var sdp = new StringBuilder(512);
        sdp.Append(CultureInfo.InvariantCulture, $"v=0\r\no=- {Environment.TickCount64 & 0x7FFFFFFF} 1 IN {family} {address}\r\ns=-\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"c=IN {family} {address}\r\nt=0 0\r\n");
        if (request.E2ee)
        {
            sdp.Append("a=e2ee:sframe\r\n");
        }

        sdp.Append(CultureInfo.InvariantCulture, $"m=audio {local.Port} RTP/SAVPF {RtpFormats.OpusPayloadType}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{RtpFormats.OpusPayloadType} opus/48000/2\r\na=rtcp-mux\r\na=mid:0\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=extmap:{RtpFormats.AudioLevelExtensionId} urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=crypto:1 {suite} inline:{inline}\r\n");
        AppendSource(sdp, request.AudioSsrc, request.Cname);

        if (request.VideoSsrc is uint video)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"m=video {local.Port} RTP/SAVPF {RtpFormats.VideoPayloadType}\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{RtpFormats.VideoPayloadType} VP8/90000\r\na=rtcp-mux\r\na=mid:1\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=crypto:1 {suite} inline:{inline}\r\n");
            AppendSource(sdp, video, request.Cname);
        }

        return sdp.ToString();
    }

    private static void AppendSource(StringBuilder sdp, uint? ssrc, string cname)
    {
        if (ssrc is uint s)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"a=ssrc:{s} cname:{cname}\r\na=sendrecv\r\n");
        }
        else
        {
            sdp.Append("a=recvonly\r\n");
        }
    }
}
