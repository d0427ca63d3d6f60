namespace Gateway.Codecs.Vp8;

/// <summary>
/// What a router needs from a VP8 RTP payload: the descriptor, whether the packet starts a frame,
/// whether that frame is a key frame, and its temporal layer.
/// </summary>
/// <remarks>
/// The VP8 payload header (RFC 7741 §4.3) is the start of the VP8 frame tag (RFC 6386 §9.1) and is
/// present only in the packet whose descriptor has S=1 and PID=0:
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |Size0|H| VER |P|
/// +-+-+-+-+-+-+-+-+
/// |     Size1     |
/// +-+-+-+-+-+-+-+-+
/// |     Size2     |
/// +-+-+-+-+-+-+-+-+
/// </code>
/// P (inverse key frame flag) is 0 for a key frame.
/// </remarks>
public readonly record struct Vp8PacketInfo
{
    /// <summary>The size of the VP8 payload header (§4.3).</summary>
    public const int PayloadHeaderLength = 3;

    /// <summary>The payload descriptor.</summary>
    public Vp8PayloadDescriptor Descriptor { get; init; }

    /// <summary>Where the VP8 payload starts.</summary>
    public int DescriptorLength { get; init; }

    /// <summary>S=1 and PID=0: the first packet of a frame, the one carrying the payload header.</summary>
    public bool IsStartOfFrame { get; init; }

    /// <summary>The packet starts a key frame (P=0 in the payload header); false for every other packet.</summary>
    public bool IsKeyframe { get; init; }

    /// <summary>The temporal layer index, 0 when the descriptor carries none.</summary>
    public int TemporalLayerId => Descriptor.HasTemporalLayer ? Descriptor.TemporalLayerId : 0;

    /// <summary>Reads the descriptor and, for the first packet of a frame, the key frame flag.</summary>
    public static Vp8PacketStatus TryRead(ReadOnlySpan<byte> payload, out Vp8PacketInfo info)
    {
        info = default;
        if (Vp8PayloadDescriptor.TryParse(payload, out Vp8PayloadDescriptor descriptor, out int length) != Vp8DescriptorStatus.Ok)
        {
            return Vp8PacketStatus.TruncatedDescriptor;
        }

        ReadOnlySpan<byte> vp8 = payload[length..];
        if (vp8.IsEmpty)
        {
            return Vp8PacketStatus.EmptyPayload;
        }

        bool start = descriptor.StartOfPartition && descriptor.PartitionIndex == 0;
        if (start && vp8.Length < PayloadHeaderLength)
        {
            return Vp8PacketStatus.TruncatedPayloadHeader;
        }

        info = new Vp8PacketInfo
        {
            Descriptor = descriptor,
            DescriptorLength = length,
            IsStartOfFrame = start,
            IsKeyframe = start && (vp8[0] & 0x01) == 0,
        };
        return Vp8PacketStatus.Ok;
    }
}
