namespace Gateway.Codecs.H264;

/// <summary>
/// Key frame detection on an H.264 RTP payload (RFC 6184, non-interleaved mode): single NAL unit
/// packets, STAP-A and FU-A.
/// </summary>
/// <remarks>
/// A packet counts as a key frame when it starts IDR data or carries the parameter sets that precede
/// one: a single NAL unit of type 5, 7 or 8; a STAP-A aggregating any of them; or the first fragment
/// (S=1) of an FU-A whose original type is one of them. Later fragments of an IDR slice are part of a
/// key frame but do not start it, so they are not reported as one.
/// <code>
/// NAL unit header     STAP-A (type 24)                       FU-A (type 28)
/// +-+-+-+-+-+-+-+-+   +--------+--------+--------+------+    +-----------+---------------+---------
/// |F|NRI|  Type   |   | header | size 1 (16 bit) | NALU1 |... | indicator | |S|E|R| Type | fragment
/// +-+-+-+-+-+-+-+-+   +--------+--------+--------+------+    +-----------+---------------+---------
/// </code>
/// </remarks>
public readonly record struct H264PacketInfo
{
    /// <summary>The packetization.</summary>
    public H264PacketType PacketType { get; init; }

    /// <summary>The NAL unit type of the payload: the unit's own (single), the original (FU-A), or the first aggregated unit's (STAP-A).</summary>
    public int NalUnitType { get; init; }

    /// <summary>For FU-A: S, the first fragment of the NAL unit. True for the other packet types, which hold whole units.</summary>
    public bool StartsNalUnit { get; init; }

    /// <summary>An IDR slice (type 5) starts in this packet.</summary>
    public bool HasIdr { get; init; }

    /// <summary>A sequence parameter set (type 7) starts in this packet.</summary>
    public bool HasSps { get; init; }

    /// <summary>A picture parameter set (type 8) starts in this packet.</summary>
    public bool HasPps { get; init; }

    /// <summary>The number of NAL units a STAP-A aggregates (1 for the other types).</summary>
    public int NalUnitCount { get; init; }

    /// <summary>The packet starts a key frame: IDR, SPS or PPS present (see remarks).</summary>
    public bool IsKeyframe => HasIdr || HasSps || HasPps;

    /// <summary>Reads <paramref name="payload"/>; <paramref name="info"/> is meaningful only for <see cref="H264PacketStatus.Ok"/>.</summary>
    public static H264PacketStatus TryRead(ReadOnlySpan<byte> payload, out H264PacketInfo info)
    {
        info = default;
        if (payload.IsEmpty)
        {
            return H264PacketStatus.Empty;
        }

        byte header = payload[0];
        if ((header & 0x80) != 0)
        {
            return H264PacketStatus.ForbiddenBitSet;
        }

        int type = header & 0x1F;
        return type switch
        {
            >= 1 and <= 23 => Single(type, out info),
            H264NalUnitType.StapA => StapA(payload[1..], out info),
            H264NalUnitType.FuA => FuA(payload[1..], out info),
            _ => H264PacketStatus.UnsupportedPacketType,
        };
    }

    private static H264PacketStatus Single(int type, out H264PacketInfo info)
    {
        info = new H264PacketInfo { PacketType = H264PacketType.SingleNalUnit, NalUnitType = type, StartsNalUnit = true, NalUnitCount = 1 }
            .With(type);
        return H264PacketStatus.Ok;
    }

    // §5.7.1: after the STAP-A header, units of |size (16 bit, network order)|NAL unit (size bytes)|.
    private static H264PacketStatus StapA(ReadOnlySpan<byte> units, out H264PacketInfo info)
    {
        info = default;
        var result = new H264PacketInfo { PacketType = H264PacketType.StapA, StartsNalUnit = true };
        int count = 0;
        int offset = 0;
        while (offset < units.Length)
        {
            if (units.Length - offset < 2)
            {
                return H264PacketStatus.Truncated;
            }

            int size = (units[offset] << 8) | units[offset + 1];
            offset += 2;
            if (size == 0 || size > units.Length - offset)
            {
                return H264PacketStatus.Truncated;
            }

            byte unitHeader = units[offset];
            if ((unitHeader & 0x80) != 0)
            {
                return H264PacketStatus.ForbiddenBitSet;
            }

            int type = unitHeader & 0x1F;
            if (type is 0 or > 23)
            {
                return H264PacketStatus.InvalidAggregatedUnit;
            }

            result = result.With(type);
            if (count == 0)
            {
                result = result with { NalUnitType = type };
            }

            count++;
            offset += size;
        }

        if (count == 0)
        {
            return H264PacketStatus.Truncated;
        }

        info = result with { NalUnitCount = count };
        return H264PacketStatus.Ok;
    }

    // §5.8: FU indicator (already read), then |S|E|R|Type|, then at least one byte of the fragment.
    private static H264PacketStatus FuA(ReadOnlySpan<byte> rest, out H264PacketInfo info)
    {
        info = default;
        if (rest.Length < 2)
        {
            return H264PacketStatus.Truncated;
        }

        byte fuHeader = rest[0];
        bool start = (fuHeader & 0x80) != 0;
        bool end = (fuHeader & 0x40) != 0;
        int type = fuHeader & 0x1F;
        if ((start && end) || type is 0 or > 23)
        {
            return H264PacketStatus.InvalidFragment;
        }

        info = new H264PacketInfo { PacketType = H264PacketType.FuA, NalUnitType = type, StartsNalUnit = start, NalUnitCount = 1 };
        if (start)
        {
            info = info.With(type);
        }

        return H264PacketStatus.Ok;
    }

    private H264PacketInfo With(int type) => type switch
    {
        H264NalUnitType.IdrSlice => this with { HasIdr = true },
        H264NalUnitType.Sps => this with { HasSps = true },
        H264NalUnitType.Pps => this with { HasPps = true },
        _ => this,
    };
}
