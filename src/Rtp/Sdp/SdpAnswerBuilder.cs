using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Sdp;

/// <summary>
/// Builds the answer to an SDES offer (RFC 3264 §6, RFC 4568 §7.1.2): every offered m= line comes back in order;
/// one that offers the accepted profile on a non-zero port is accepted with the answerer's port, the offer's
/// crypto tag and the answerer's key, a=rtcp-mux and, over TCP, a=setup:passive (the answerer listens);
/// any other comes back with port 0 (rejected).
/// </summary>
public static class SdpAnswerBuilder
{
    /// <summary>The answer for <paramref name="offer"/>.</summary>
    public static SdpSessionDescription Create(SdpSessionDescription offer, SdpAnswerOptions options)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(options);
        var connection = new SdpConnection(options.Address);
        var media = new List<SdpMediaDescription>(offer.Media.Count);
        foreach (SdpMediaDescription offered in offer.Media)
        {
            SdpCrypto? crypto = Find(offered, options.Profile);
            if (offered.Port == 0 || crypto is null)
            {
                media.Add(new SdpMediaDescription
                {
                    Media = offered.Media,
                    Port = 0,
                    Protocol = offered.Protocol,
                    Formats = offered.Formats,
                    Mid = offered.Mid,
                });
                continue;
            }

            media.Add(new SdpMediaDescription
            {
                Media = offered.Media,
                Port = options.Port,
                Protocol = offered.Protocol,
                Formats = offered.Formats,
                Mid = offered.Mid,
                RtpMaps = offered.RtpMaps,
                Extmaps = offered.Extmaps,
                RtcpMux = true,
                Crypto = [new SdpCrypto(crypto.Tag, options.Profile, options.KeyAndSalt)],
                Setup = offered.IsTcp ? "passive" : null,
                Direction = Reverse(offered.EffectiveDirection(offer)),
            });
        }

        return new SdpSessionDescription
        {
            Origin = new SdpOrigin("-", options.SessionId, 1, connection.AddressType, options.Address.ToString()),
            Connection = connection,
            IceLite = options.IceLite,
            IceUfrag = options.IceUfrag,
            IcePassword = options.IcePassword,
            Media = media,
        };
    }

    // RFC 3264 §6.1: the answer's direction mirrors the offer's.
    private static SdpDirection Reverse(SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => offered,
    };

    private static SdpCrypto? Find(SdpMediaDescription media, SrtpProfile profile)
    {
        foreach (SdpCrypto crypto in media.Crypto)
        {
            if (crypto.Profile == profile)
            {
                return crypto;
            }
        }

        return null;
    }
}
