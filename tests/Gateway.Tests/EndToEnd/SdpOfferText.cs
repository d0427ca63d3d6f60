using System.Globalization;
using System.Text;
using Gateway.Rtp.Srtp;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// SDP offers as plain SDES clients (and ffmpeg users) write them, and the few answer fields a client needs,
/// read with string operations of their own, so these tests do not lean on the gateway's SDP code.
/// </summary>
internal static class SdpOfferText
{
    public static string Audio(int port, SrtpProfile profile, byte[] keyAndSalt, uint? ssrc, bool e2ee = false,
        int audioLevelId = 1, string proto = "RTP/SAVPF")
    {
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        if (e2ee)
        {
            sdp.Append("a=e2ee:sframe\r\n");
        }

        sdp.Append(CultureInfo.InvariantCulture, $"m=audio {port} {proto} 111\r\n");
        sdp.Append("a=rtpmap:111 opus/48000/2\r\na=rtcp-mux\r\na=mid:0\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=extmap:{audioLevelId} urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=crypto:1 {profile.SdesName()} inline:{Convert.ToBase64String(keyAndSalt)}\r\n");
        if (ssrc is uint s)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"a=ssrc:{s} cname:test\r\na=sendrecv\r\n");
        }
        else
        {
            sdp.Append("a=recvonly\r\n");
        }

        return sdp.ToString();
    }

    /// <summary>The first m= line's port.</summary>
    public static int AnswerPort(string answer)
    {
        string line = Line(answer, "m=");
        return int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The c= address.</summary>
    public static string AnswerAddress(string answer) => Line(answer, "c=").Split(' ')[2];

    /// <summary>The a=crypto suite and decoded inline key||salt.</summary>
    public static (string Suite, byte[] KeyAndSalt) AnswerCrypto(string answer)
    {
        string[] parts = Line(answer, "a=crypto:").Split(' ');
        string inline = parts[2]["inline:".Length..];
        int bar = inline.IndexOf('|', StringComparison.Ordinal);
        return (parts[1], Convert.FromBase64String(bar < 0 ? inline : inline[..bar]));
    }

    private static string Line(string sdp, string prefix)
    {
        foreach (string line in sdp.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                return trimmed;
            }
        }

        throw new InvalidOperationException($"the answer has no {prefix} line:\n{sdp}");
    }
}
