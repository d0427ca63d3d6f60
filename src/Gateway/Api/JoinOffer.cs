using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using Gateway.Routing;
using Gateway.Rtp.Sdp;
using Gateway.Rtp.Srtp;

namespace Gateway.Api;

/// <summary>
/// What a join takes from an SDP offer: the one SRTP key of the participant (the first supported a=crypto, the
/// same on every m= line), where to send (c=/m= over UDP), the published tracks, E2EE and the ICE ufrag.
/// Refusals name the offer's line. The key is the offer's own array: <see cref="SdpSessionDescription.ClearKeys"/> wipes it.
/// </summary>
internal sealed class JoinOffer
{
    private JoinOffer(SrtpProfile profile, byte[] keyAndSalt, IPEndPoint? offeredEndPoint, bool isTcp, IReadOnlyList<TrackSpec> tracks, bool e2ee, string? iceUfrag)
    {
        Profile = profile;
        KeyAndSalt = keyAndSalt;
        OfferedEndPoint = offeredEndPoint;
        IsTcp = isTcp;
        Tracks = tracks;
        E2ee = e2ee;
        IceUfrag = iceUfrag;
    }

    /// <summary>The scheme of a=e2ee the gateway knows (RFC 9605 SFrame).</summary>
    public const string SFrame = "sframe";

    /// <summary>The AV1 dependency descriptor header extension (the key frame signal of end-to-end encrypted video).</summary>
    public const string DependencyDescriptorUri = "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";

    public SrtpProfile Profile { get; }

    public byte[] KeyAndSalt { get; }

    /// <summary>The UDP address and port the offer names, or null (TCP, or an unspecified address: learnt by latching).</summary>
    public IPEndPoint? OfferedEndPoint { get; }

    public bool IsTcp { get; }

    public IReadOnlyList<TrackSpec> Tracks { get; }

    public bool E2ee { get; }

    public string? IceUfrag { get; }

    public static bool TryRead(SdpSessionDescription offer, [NotNullWhen(true)] out JoinOffer? join, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        join = null;
        bool e2ee = false;
        if (offer.E2ee is not null)
        {
            if (offer.E2ee != SFrame)
            {
                error = $"a=e2ee:{offer.E2ee} is not a scheme this gateway knows; declare a=e2ee:sframe.";
                return false;
            }

            e2ee = true;
        }

        SdpMediaDescription? first = null;
        SdpCrypto? chosen = null;
        var tracks = new List<TrackSpec>();
        var seen = new HashSet<uint>();
        foreach (SdpMediaDescription media in offer.Media)
        {
            if (media.Port == 0)
            {
                continue; // rejected or disabled by the offerer: answered with port 0
            }

            error = CheckMedia(media, first);
            if (error is not null)
            {
                return false;
            }

            if (first is null)
            {
                first = media;
                chosen = FirstSupported(media);
                if (chosen is null)
                {
                    error = $"line {media.LineNumber}: no a=crypto with a suite this gateway supports; offer one of {SuiteNames()} (RFC 4568 inline key).";
                    return false;
                }
            }
            else if (!OffersSameKey(media, chosen!))
            {
                error = $"line {media.LineNumber}: every m= line must offer the same a=crypto suite and key as line {chosen!.LineNumber} ({chosen.Suite}); a participant has one key.";
                return false;
            }

            error = AddTracks(offer, media, tracks, seen);
            if (error is not null)
            {
                return false;
            }
        }

        if (first is null || chosen is null)
        {
            error = "the offer has no m= line with a non-zero port; offer at least one m=audio or m=video line.";
            return false;
        }

        IPEndPoint? endPoint = null;
        if (!first.IsTcp)
        {
            SdpConnection? connection = first.EffectiveConnection(offer);
            if (connection is null)
            {
                error = $"line {first.LineNumber}: no c= line for this m= line; add c=IN IP4 <address> at session or media level.";
                return false;
            }

            // 0.0.0.0 or :: says "not known yet": the gateway learns the address from the first authenticated packet.
            if (!connection.Address.Equals(IPAddress.Any) && !connection.Address.Equals(IPAddress.IPv6Any))
            {
                endPoint = new IPEndPoint(connection.Address, first.Port);
            }
        }

        join = new JoinOffer(chosen.Profile!.Value, chosen.KeyAndSalt, endPoint, first.IsTcp, tracks, e2ee, offer.IceUfrag ?? first.IceUfrag);
        error = null;
        return true;
    }

    public static bool IsSupportedProtocol(string protocol) => protocol is "RTP/SAVP" or "RTP/SAVPF" or "TCP/RTP/SAVP" or "TCP/RTP/SAVPF";

    private static string? CheckMedia(SdpMediaDescription media, SdpMediaDescription? first)
    {
        if (media.Media is not ("audio" or "video"))
        {
            return $"line {media.LineNumber}: m={media.Media} is not supported; the gateway relays audio and video (answer other sections with port 0 by offering them with port 0).";
        }

        if (!IsSupportedProtocol(media.Protocol))
        {
            return $"line {media.LineNumber}: proto {media.Protocol} is not supported; use RTP/SAVP or RTP/SAVPF over UDP, or TCP/RTP/SAVP(F) over TCP (RFC 4571).";
        }

        if (first is not null && first.IsTcp != media.IsTcp)
        {
            return $"line {media.LineNumber}: all m= lines must use the same transport as line {first.LineNumber} ({first.Protocol}).";
        }

        return null;
    }

    private static string? AddTracks(SdpSessionDescription offer, SdpMediaDescription media, List<TrackSpec> tracks, HashSet<uint> seen)
    {
        SdpDirection direction = media.EffectiveDirection(offer);
        if (direction is SdpDirection.RecvOnly or SdpDirection.Inactive)
        {
            return null; // publishes nothing; its a=ssrc (if any) only names the RTCP sender
        }

        // RFC 5576 §4.2 FID: the first SSRC is the media, the second its RFC 4588 retransmissions.
        var rtxOf = new Dictionary<uint, uint>();
        var isRtx = new HashSet<uint>();
        foreach (SdpSsrcGroup group in media.SsrcGroups)
        {
            if (group.Semantics != SdpSsrcGroup.FlowIdentification)
            {
                continue;
            }

            if (group.Ssrcs.Count != 2 || group.Ssrcs[0] == group.Ssrcs[1] || !rtxOf.TryAdd(group.Ssrcs[0], group.Ssrcs[1]) || !isRtx.Add(group.Ssrcs[1]))
            {
                return $"line {media.LineNumber}: a=ssrc-group:FID in this section must pair one media SSRC with one other RTX SSRC, once.";
            }
        }

        int? audioLevel = null;
        if (media.Media == "audio")
        {
            foreach (SdpExtmap extmap in media.Extmaps)
            {
                if (extmap.Uri == SdpExtmap.AudioLevelUri)
                {
                    audioLevel = extmap.Id;
                }
            }
        }

        MediaKind kind = media.Media == "audio" ? MediaKind.Audio : MediaKind.Video;
        Dictionary<int, VideoCodec>? codecs = null;
        int? dependencyDescriptor = null;
        if (kind == MediaKind.Video)
        {
            codecs = VideoCodecs(media);
            foreach (SdpExtmap extmap in media.Extmaps)
            {
                if (extmap.Uri == DependencyDescriptorUri)
                {
                    dependencyDescriptor = extmap.Id;
                }
            }
        }

        var sources = new List<uint>();
        foreach (SdpSsrc ssrc in media.Ssrcs)
        {
            if (!sources.Contains(ssrc.Id))
            {
                sources.Add(ssrc.Id);
            }
        }

        foreach (uint mediaSsrc in rtxOf.Keys)
        {
            if (!sources.Contains(mediaSsrc))
            {
                sources.Add(mediaSsrc);
            }
        }

        foreach (uint ssrc in sources)
        {
            if (isRtx.Contains(ssrc))
            {
                if (rtxOf.ContainsKey(ssrc))
                {
                    return $"line {media.LineNumber}: SSRC {ssrc} is both a media and an RTX SSRC.";
                }

                if (!seen.Add(ssrc))
                {
                    return $"line {media.LineNumber}: SSRC {ssrc} is used by two m= lines; each stream needs its own SSRC.";
                }

                continue;
            }

            if (!seen.Add(ssrc))
            {
                return $"line {media.LineNumber}: SSRC {ssrc} is used by two m= lines; each stream needs its own SSRC.";
            }

            tracks.Add(new TrackSpec
            {
                Kind = kind,
                Ssrc = ssrc,
                RtxSsrc = rtxOf.TryGetValue(ssrc, out uint rtx) ? rtx : null,
                Mid = media.Mid,
                AudioLevelExtensionId = audioLevel,
                PayloadCodecs = codecs,
                DependencyDescriptorExtensionId = dependencyDescriptor,
            });
        }

        return null;
    }

    /// <summary>The payload types of a video section that map to a codec the relay finds key frames in (a=rtpmap VP8/90000, H264/90000).</summary>
    private static Dictionary<int, VideoCodec>? VideoCodecs(SdpMediaDescription media)
    {
        Dictionary<int, VideoCodec>? codecs = null;
        foreach (SdpRtpmap map in media.RtpMaps)
        {
            VideoCodec codec = map.ClockRate != 90_000 ? VideoCodec.Unknown
                : string.Equals(map.EncodingName, "VP8", StringComparison.OrdinalIgnoreCase) ? VideoCodec.Vp8
                : string.Equals(map.EncodingName, "H264", StringComparison.OrdinalIgnoreCase) ? VideoCodec.H264
                : VideoCodec.Unknown;
            if (codec != VideoCodec.Unknown)
            {
                (codecs ??= [])[map.PayloadType] = codec;
            }
        }

        return codecs;
    }

    private static SdpCrypto? FirstSupported(SdpMediaDescription media)
    {
        foreach (SdpCrypto crypto in media.Crypto)
        {
            if (crypto.IsSupported)
            {
                return crypto;
            }
        }

        return null;
    }

    private static bool OffersSameKey(SdpMediaDescription media, SdpCrypto chosen)
    {
        foreach (SdpCrypto crypto in media.Crypto)
        {
            if (crypto.Profile == chosen.Profile && CryptographicOperations.FixedTimeEquals(crypto.KeyAndSalt, chosen.KeyAndSalt))
            {
                return true;
            }
        }

        return false;
    }

    private static string SuiteNames()
    {
        var names = new List<string>(4);
        foreach (SrtpProfile profile in SrtpProfiles.All)
        {
            names.Add(profile.SdesName());
        }

        return string.Join(", ", names);
    }
}
