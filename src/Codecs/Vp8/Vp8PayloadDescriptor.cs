namespace Gateway.Codecs.Vp8;

/// <summary>
/// The VP8 payload descriptor at the start of every VP8 RTP payload (RFC 7741 §4.2), as values.
/// </summary>
/// <remarks>
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID | (REQUIRED)
///      +-+-+-+-+-+-+-+-+
/// X:   |I|L|T|K| RSV   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// I:   |M| PictureID   | (OPTIONAL, M=1: 15-bit PictureID in two bytes)
///      +-+-+-+-+-+-+-+-+
///      |   PictureID   |
///      +-+-+-+-+-+-+-+-+
/// L:   |   TL0PICIDX   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// T/K: |TID|Y| KEYIDX  | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// </code>
/// The X byte is written when any of I, L, T, K is present. Reserved bits are written as zero and
/// ignored on reading, as §4.2 asks.
/// </remarks>
public readonly record struct Vp8PayloadDescriptor
{
    /// <summary>The longest descriptor: 1 + 1 + 2 + 1 + 1 bytes.</summary>
    public const int MaxLength = 6;

    /// <summary>N: the frame is not used as a reference by later frames (it can be dropped).</summary>
    public bool NonReference { get; init; }

    /// <summary>S: this payload starts a VP8 partition.</summary>
    public bool StartOfPartition { get; init; }

    /// <summary>PID: the partition index 0..7 (0 for the first partition).</summary>
    public int PartitionIndex { get; init; }

    /// <summary>I: a PictureID is present.</summary>
    public bool HasPictureId { get; init; }

    /// <summary>M: the PictureID is 15 bits wide (two bytes) rather than 7.</summary>
    public bool PictureIdIs15Bit { get; init; }

    /// <summary>The PictureID, 0..127 (7-bit) or 0..32767 (15-bit).</summary>
    public int PictureId { get; init; }

    /// <summary>L: a TL0PICIDX is present.</summary>
    public bool HasTl0PicIdx { get; init; }

    /// <summary>TL0PICIDX: a running index of the temporal base layer frames, 0..255.</summary>
    public int Tl0PicIdx { get; init; }

    /// <summary>T: the temporal layer index (TID) and layer sync bit (Y) are present.</summary>
    public bool HasTemporalLayer { get; init; }

    /// <summary>TID: the temporal layer index 0..3.</summary>
    public int TemporalLayerId { get; init; }

    /// <summary>Y: layer sync, the frame depends only on base layer (TID 0) frames.</summary>
    public bool LayerSync { get; init; }

    /// <summary>K: a KEYIDX is present.</summary>
    public bool HasKeyIndex { get; init; }

    /// <summary>KEYIDX: a running index of key frames, 0..31.</summary>
    public int KeyIndex { get; init; }

    /// <summary>Whether the X (extension) byte is written: any of I, L, T, K.</summary>
    public bool HasExtension => HasPictureId || HasTl0PicIdx || HasTemporalLayer || HasKeyIndex;

    /// <summary>The encoded length in bytes, 1..6.</summary>
    public int Length =>
        1
        + (HasExtension ? 1 : 0)
        + (HasPictureId ? (PictureIdIs15Bit ? 2 : 1) : 0)
        + (HasTl0PicIdx ? 1 : 0)
        + (HasTemporalLayer || HasKeyIndex ? 1 : 0);

    /// <summary>The PictureID after <paramref name="pictureId"/>, wrapping at 7 or 15 bits.</summary>
    public static int NextPictureId(int pictureId, bool fifteenBit) => (pictureId + 1) & (fifteenBit ? 0x7FFF : 0x7F);

    /// <summary>
    /// Reads the descriptor at the start of <paramref name="payload"/>; <paramref name="length"/> is its
    /// size, so the VP8 payload starts at <c>payload[length..]</c>.
    /// </summary>
    public static Vp8DescriptorStatus TryParse(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor, out int length)
    {
        descriptor = default;
        length = 0;
        if (payload.IsEmpty)
        {
            return Vp8DescriptorStatus.Truncated;
        }

        byte first = payload[0];
        bool nonReference = (first & 0x20) != 0;
        bool start = (first & 0x10) != 0;
        int pid = first & 0x07;
        int offset = 1;
        if ((first & 0x80) == 0)
        {
            descriptor = new Vp8PayloadDescriptor { NonReference = nonReference, StartOfPartition = start, PartitionIndex = pid };
            length = offset;
            return Vp8DescriptorStatus.Ok;
        }

        if (payload.Length < 2)
        {
            return Vp8DescriptorStatus.Truncated;
        }

        byte extension = payload[offset++];
        bool hasPictureId = (extension & 0x80) != 0;
        bool hasTl0 = (extension & 0x40) != 0;
        bool hasTid = (extension & 0x20) != 0;
        bool hasKeyIdx = (extension & 0x10) != 0;
        int required = offset + (hasTl0 ? 1 : 0) + (hasTid || hasKeyIdx ? 1 : 0);
        bool wide = false;
        int pictureId = 0;
        if (hasPictureId)
        {
            if (payload.Length <= offset)
            {
                return Vp8DescriptorStatus.Truncated;
            }

            wide = (payload[offset] & 0x80) != 0;
            required += wide ? 2 : 1;
        }

        if (payload.Length < required)
        {
            return Vp8DescriptorStatus.Truncated;
        }

        if (hasPictureId)
        {
            pictureId = wide ? ((payload[offset] & 0x7F) << 8) | payload[offset + 1] : payload[offset] & 0x7F;
            offset += wide ? 2 : 1;
        }

        int tl0 = hasTl0 ? payload[offset++] : 0;
        int tid = 0;
        bool sync = false;
        int keyIdx = 0;
        if (hasTid || hasKeyIdx)
        {
            byte layer = payload[offset++];

            // TID and Y mean nothing unless T is set, KEYIDX nothing unless K is set (§4.2).
            tid = hasTid ? layer >> 6 : 0;
            sync = hasTid && (layer & 0x20) != 0;
            keyIdx = hasKeyIdx ? layer & 0x1F : 0;
        }

        descriptor = new Vp8PayloadDescriptor
        {
            NonReference = nonReference,
            StartOfPartition = start,
            PartitionIndex = pid,
            HasPictureId = hasPictureId,
            PictureIdIs15Bit = wide,
            PictureId = pictureId,
            HasTl0PicIdx = hasTl0,
            Tl0PicIdx = tl0,
            HasTemporalLayer = hasTid,
            TemporalLayerId = tid,
            LayerSync = sync,
            HasKeyIndex = hasKeyIdx,
            KeyIndex = keyIdx,
        };
        length = offset;
        return Vp8DescriptorStatus.Ok;
    }

    /// <summary>Writes the descriptor at the start of <paramref name="destination"/>; <paramref name="written"/> is <see cref="Length"/>.</summary>
    public Vp8DescriptorStatus TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (!FieldsInRange())
        {
            return Vp8DescriptorStatus.InvalidField;
        }

        int length = Length;
        if (destination.Length < length)
        {
            return Vp8DescriptorStatus.Truncated;
        }

        int offset = 0;
        destination[offset++] = (byte)((HasExtension ? 0x80 : 0) | (NonReference ? 0x20 : 0) | (StartOfPartition ? 0x10 : 0) | PartitionIndex);
        if (HasExtension)
        {
            destination[offset++] = (byte)((HasPictureId ? 0x80 : 0) | (HasTl0PicIdx ? 0x40 : 0) | (HasTemporalLayer ? 0x20 : 0) | (HasKeyIndex ? 0x10 : 0));
        }

        if (HasPictureId)
        {
            if (PictureIdIs15Bit)
            {
                destination[offset++] = (byte)(0x80 | (PictureId >> 8));
                destination[offset++] = (byte)PictureId;
            }
            else
            {
                destination[offset++] = (byte)PictureId;
            }
        }

        if (HasTl0PicIdx)
        {
            destination[offset++] = (byte)Tl0PicIdx;
        }

        if (HasTemporalLayer || HasKeyIndex)
        {
            int tid = HasTemporalLayer ? TemporalLayerId << 6 : 0;
            int sync = HasTemporalLayer && LayerSync ? 0x20 : 0;
            destination[offset++] = (byte)(tid | sync | (HasKeyIndex ? KeyIndex : 0));
        }

        written = offset;
        return Vp8DescriptorStatus.Ok;
    }

    private bool FieldsInRange() =>
        (uint)PartitionIndex <= 7
        && (!HasPictureId || (uint)PictureId <= (PictureIdIs15Bit ? 0x7FFFu : 0x7Fu))
        && (!HasTl0PicIdx || (uint)Tl0PicIdx <= 255)
        && (!HasTemporalLayer || (uint)TemporalLayerId <= 3)
        && (!HasKeyIndex || (uint)KeyIndex <= 31);
}
