using System.Diagnostics.CodeAnalysis;
using System.Net;
using Gateway.Rtp.Sdp;
using Gateway.Rtp.Srtp;

namespace Gateway.Client.Join;

/// <summary>
/// What a client needs from the gateway's SDP answer: the media address and port, and the SRTP key of what the
/// gateway sends (its <c>a=crypto</c> line). Any other answer is an error message, never an exception.
/// </summary>
internal sealed class SdpAnswer
{
    private SdpAnswer(IPEndPoint mediaEndpoint, SrtpProfile profile, byte[] keyAndSalt)
    {
        MediaEndpoint = mediaEndpoint;
        Profile = profile;
        KeyAndSalt = keyAndSalt;
    }

    /// <summary>Where to send media: the answer's c= address and first m= port.</summary>
    public IPEndPoint MediaEndpoint { get; }

    /// <summary>The answered suite.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>The gateway's master key || salt (what it protects its packets to this participant with).</summary>
    public byte[] KeyAndSalt { get; }

    /// <summary>Reads <paramref name="text"/>; <paramref name="expected"/> is the suite the offer named.</summary>
    public static bool TryParse(string text, SrtpProfile expected, [NotNullWhen(true)] out SdpAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        SdpParseResult parsed;
        try
        {
            parsed = SdpParser.Parse(text ?? "");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            error = $"the SDP answer cannot be parsed: {ex.Message}";
            return false;
        }

        if (!parsed.Succeeded)
        {
            error = $"the SDP answer cannot be parsed (line {parsed.Line}): {parsed.Error}";
            return false;
        }

        SdpSessionDescription session = parsed.Description;
        try
        {
            if (session.Media.Count == 0)
            {
                error = "the SDP answer has no m= line.";
                return false;
            }

            SdpMediaDescription media = session.Media[0];
            if (media.Port is <= 0 or > 65535)
            {
                error = $"the SDP answer's m= line has no usable port ({media.Port}).";
                return false;
            }

            if (media.EffectiveConnection(session) is not SdpConnection connection)
            {
                error = "the SDP answer has no c= address.";
                return false;
            }

            SdpCrypto? crypto = null;
            foreach (SdpCrypto candidate in media.Crypto)
            {
                if (candidate.Profile is not null)
                {
                    crypto = candidate;
                    break;
                }
            }

            if (crypto?.Profile is not SrtpProfile profile)
            {
                error = "the SDP answer has no a=crypto line with a supported suite.";
                return false;
            }

            if (profile != expected)
            {
                error = $"the SDP answer chose {profile.SdesName()}, but the offer asked for {expected.SdesName()}.";
                return false;
            }

            if (crypto.KeyAndSalt.Length != profile.MasterKeyLength() + profile.MasterSaltLength())
            {
                error = $"the SDP answer's {profile.SdesName()} key has {crypto.KeyAndSalt.Length} bytes, not {profile.MasterKeyLength() + profile.MasterSaltLength()}.";
                return false;
            }

            answer = new SdpAnswer(new IPEndPoint(connection.Address, media.Port), profile, (byte[])crypto.KeyAndSalt.Clone());
            error = null;
            return true;
        }
        finally
        {
            // The parsed copies of the key are wiped; the answer keeps its own.
            session.ClearKeys();
        }
    }
}
