using Gateway.Codecs.H264;
using Gateway.Codecs.Vp8;
using Gateway.Rtp.Packets;

namespace Gateway.Routing;

/// <summary>
/// Tells whether an RTP packet of one video track starts a key frame: where a new subscriber may begin. Made per
/// track at join; null for a track that cannot be gated (audio, an unknown codec, or an end-to-end encrypted
/// publisher without the dependency descriptor). No allocation per packet.
/// </summary>
/// <remarks>
/// <para>A publisher that is not end-to-end encrypted: the payload is read by its codec's packetization —
/// VP8 (RFC 7741): descriptor S=1, PID=0 and the payload header's P=0; H.264 (RFC 6184): an IDR slice or an SPS
/// in a single NAL unit, a STAP-A, or the first fragment (S=1) of an FU-A. A payload type the offer did not map to
/// one of them cannot be judged and counts as a start (no gating), as does every packet of an unknown codec.</para>
/// <para>An end-to-end encrypted publisher: the payload is SFrame ciphertext and is never read. Only the AV1
/// dependency descriptor header extension is: a packet with start_of_frame whose descriptor carries the template
/// dependency structure starts a key frame (AV1 RTP specification, Appendix A; libwebrtc attaches the structure
/// to the first packet of every key frame). A frame without dependencies that comes without the structure is
/// not taken as a start: a receiver that has not seen the structure cannot read the descriptors that follow.</para>
/// </remarks>
internal sealed class KeyframeDetector
{
    private const int PayloadTypeCount = 128;

    // extended_descriptor_fields() begin right after the 24 mandatory bits; their first bit is
    // template_dependency_structure_present_flag.
    private const byte StructurePresent = 0x80;

    private readonly VideoCodec[]? _codecs;
    private readonly int _descriptorId;

    private KeyframeDetector(VideoCodec[]? codecs, int descriptorId)
    {
        _codecs = codecs;
        _descriptorId = descriptorId;
    }

    /// <summary>True when only the dependency descriptor is read (an end-to-end encrypted publisher).</summary>
    public bool UsesDependencyDescriptor => _codecs is null;

    /// <summary>The detector for a track, or null when its packets are never held back (see remarks).</summary>
    public static KeyframeDetector? For(TrackSpec spec, bool endToEndEncrypted)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind != MediaKind.Video)
        {
            return null;
        }

        if (endToEndEncrypted)
        {
            return spec.DependencyDescriptorExtensionId is int id and >= 1 and <= 255 ? new KeyframeDetector(null, id) : null;
        }

        VideoCodec[]? codecs = null;
        if (spec.PayloadCodecs is not null)
        {
            foreach (KeyValuePair<int, VideoCodec> mapping in spec.PayloadCodecs)
            {
                if (mapping.Key is >= 0 and < PayloadTypeCount && mapping.Value != VideoCodec.Unknown)
                {
                    codecs ??= new VideoCodec[PayloadTypeCount];
                    codecs[mapping.Key] = mapping.Value;
                }
            }
        }

        return codecs is null ? null : new KeyframeDetector(codecs, 0);
    }

    /// <summary>Whether <paramref name="packet"/> (a decrypted RTP packet of the track) starts a key frame.</summary>
    public bool StartsKeyframe(ReadOnlySpan<byte> packet)
    {
        // The parse reads the RTP header and, with P set, the padding count in the last byte (RTP framing, not payload).
        if (RtpPacket.TryParse(packet, out RtpPacket rtp) != RtpParseResult.Ok)
        {
            return false;
        }

        if (_codecs is null)
        {
            return StartsKeyframe(rtp.Extensions, _descriptorId);
        }

        return _codecs[rtp.PayloadType] switch
        {
            VideoCodec.Vp8 => Vp8PacketInfo.TryRead(rtp.Payload, out Vp8PacketInfo vp8) == Vp8PacketStatus.Ok && vp8.IsKeyframe,
            VideoCodec.H264 => H264PacketInfo.TryRead(rtp.Payload, out H264PacketInfo h264) == H264PacketStatus.Ok && (h264.HasIdr || h264.HasSps),
            _ => true,
        };
    }

    /// <summary>start_of_frame with the template dependency structure attached, in the descriptor element <paramref name="id"/>.</summary>
    internal static bool StartsKeyframe(RtpHeaderExtensions extensions, int id) =>
        extensions.TryFind(id, out ReadOnlySpan<byte> value)
        && DependencyDescriptor.TryRead(value, out DependencyDescriptor descriptor)
        && descriptor.StartOfFrame
        && value.Length > DependencyDescriptor.MandatoryLength
        && (value[DependencyDescriptor.MandatoryLength] & StructurePresent) != 0;
}
