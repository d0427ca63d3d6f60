namespace Gateway.Codecs.Opus;

/// <summary>
/// The table-of-contents byte of an Opus packet (RFC 6716 §3.1) and the frame layout it implies,
/// validated against the packet's length (§3.4).
/// </summary>
/// <remarks>
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// | config  |s| c |
/// +-+-+-+-+-+-+-+-+
/// </code>
/// config picks mode, bandwidth and frame duration (Table 2); s is stereo; c is the frame count code:
/// 0 one frame, 1 two equal frames, 2 two frames with the first one's length coded, 3 an arbitrary
/// number of frames given in a following byte (|v|p|M|: VBR, padding, count).
/// </remarks>
public readonly record struct OpusToc
{
    private const int MaxFrameBytes = 1275;

    /// <summary>The configuration number 0..31.</summary>
    public int Config { get; init; }

    /// <summary>The coding mode of <see cref="Config"/>.</summary>
    public OpusMode Mode { get; init; }

    /// <summary>The audio bandwidth of <see cref="Config"/>.</summary>
    public OpusBandwidth Bandwidth { get; init; }

    /// <summary>The s bit: the frames are coded as stereo.</summary>
    public bool IsStereo { get; init; }

    /// <summary>The frame count code c, 0..3.</summary>
    public int FrameCountCode { get; init; }

    /// <summary>Frames in the packet (1, 2, or M of a code-3 packet).</summary>
    public int FrameCount { get; init; }

    /// <summary>Duration of one frame in samples at 48 kHz (120, 240, 480, 960, 1920 or 2880).</summary>
    public int FrameSamples { get; init; }

    /// <summary>Duration of the whole packet in samples at 48 kHz (the RTP timestamp step, RFC 7587 §4.1).</summary>
    public int DurationSamples => FrameCount * FrameSamples;

    /// <summary>Duration of one frame in samples at 48 kHz for a TOC configuration 0..31 (RFC 6716 Table 2).</summary>
    public static int FrameSamplesOf(int config) => (config & 31) switch
    {
        // SILK (0..11): 10, 20, 40, 60 ms in each of NB, MB, WB.
        < 12 => (config & 3) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 },

        // Hybrid (12..15): 10, 20 ms in SWB then FB.
        < 16 => (config & 1) == 0 ? 480 : 960,

        // CELT (16..31): 2.5, 5, 10, 20 ms in NB, WB, SWB, FB.
        _ => 120 << (config & 3),
    };

    /// <summary>
    /// Reads the TOC of <paramref name="packet"/> and checks that its frame lengths fit the packet
    /// (RFC 6716 §3.4); <paramref name="toc"/> is valid only when the result is <see cref="OpusTocStatus.Ok"/>.
    /// </summary>
    public static OpusTocStatus TryParse(ReadOnlySpan<byte> packet, out OpusToc toc)
    {
        toc = default;
        if (packet.IsEmpty)
        {
            return OpusTocStatus.Empty;
        }

        int first = packet[0];
        int config = first >> 3;
        int code = first & 3;
        int frameSamples = FrameSamplesOf(config);
        int frameCount;
        OpusTocStatus status;
        switch (code)
        {
            case 0:
                frameCount = 1;
                status = packet.Length - 1 <= MaxFrameBytes ? OpusTocStatus.Ok : OpusTocStatus.InvalidFrameLength;
                break;
            case 1:
                frameCount = 2;
                int payload = packet.Length - 1;
                status = (payload & 1) == 0 && payload / 2 <= MaxFrameBytes ? OpusTocStatus.Ok : OpusTocStatus.InvalidFrameLength;
                break;
            case 2:
                frameCount = 2;
                status = CheckCode2(packet[1..]);
                break;
            default:
                status = CheckCode3(packet[1..], frameSamples, out frameCount);
                break;
        }

        if (status != OpusTocStatus.Ok)
        {
            return status;
        }

        toc = new OpusToc
        {
            Config = config,
            Mode = config < 12 ? OpusMode.Silk : config < 16 ? OpusMode.Hybrid : OpusMode.Celt,
            Bandwidth = BandwidthOf(config),
            IsStereo = (first & 0x04) != 0,
            FrameCountCode = code,
            FrameCount = frameCount,
            FrameSamples = frameSamples,
        };
        return OpusTocStatus.Ok;
    }

    private static OpusBandwidth BandwidthOf(int config) => config switch
    {
        < 4 => OpusBandwidth.Narrowband,
        < 8 => OpusBandwidth.Mediumband,
        < 12 => OpusBandwidth.Wideband,
        < 14 => OpusBandwidth.SuperWideband,
        < 16 => OpusBandwidth.Fullband,
        < 20 => OpusBandwidth.Narrowband,
        < 24 => OpusBandwidth.Wideband,
        < 28 => OpusBandwidth.SuperWideband,
        _ => OpusBandwidth.Fullband,
    };

    // Code 2 (§3.2.4): |N1 (1-2 bytes)| frame 1 | frame 2 |, frame 2 takes what is left [R4, R2].
    private static OpusTocStatus CheckCode2(ReadOnlySpan<byte> rest)
    {
        int used = ReadFrameLength(rest, out int length1);
        if (used == 0)
        {
            return OpusTocStatus.Truncated;
        }

        int remaining = rest.Length - used;
        if (length1 > remaining)
        {
            return OpusTocStatus.InvalidFrameLength;
        }

        return remaining - length1 <= MaxFrameBytes ? OpusTocStatus.Ok : OpusTocStatus.InvalidFrameLength;
    }

    // Code 3 (§3.2.5): |v|p|M| [padding length...] [M-1 frame lengths if v] frames... [padding].
    private static OpusTocStatus CheckCode3(ReadOnlySpan<byte> rest, int frameSamples, out int frameCount)
    {
        frameCount = 0;
        if (rest.IsEmpty)
        {
            return OpusTocStatus.Truncated;
        }

        int countByte = rest[0];
        int count = countByte & 0x3F;
        if (count == 0 || count * frameSamples > OpusFormat.MaxPacketSamplesPerChannel)
        {
            return OpusTocStatus.InvalidFrameCount;
        }

        int offset = 1;
        int padding = 0;
        if ((countByte & 0x40) != 0)
        {
            // Each padding length byte of 255 adds 254 bytes and announces another length byte.
            int value;
            do
            {
                if (offset >= rest.Length)
                {
                    return OpusTocStatus.Truncated;
                }

                value = rest[offset++];
                padding += value == 255 ? 254 : value;
            }
            while (value == 255);
        }

        int available = rest.Length - offset - padding;
        if (available < 0)
        {
            return OpusTocStatus.InvalidFrameLength;
        }

        if ((countByte & 0x80) == 0)
        {
            // CBR [R6]: equal frames share what is left.
            if (available % count != 0 || available / count > MaxFrameBytes)
            {
                return OpusTocStatus.InvalidFrameLength;
            }

            frameCount = count;
            return OpusTocStatus.Ok;
        }

        // VBR [R7]: M-1 coded lengths, the last frame takes the rest.
        int sum = 0;
        for (int i = 0; i < count - 1; i++)
        {
            int used = ReadFrameLength(rest[offset..], out int length);
            if (used == 0)
            {
                return OpusTocStatus.Truncated;
            }

            offset += used;
            available -= used;
            sum += length;
        }

        if (available < 0 || sum > available || available - sum > MaxFrameBytes)
        {
            return OpusTocStatus.InvalidFrameLength;
        }

        frameCount = count;
        return OpusTocStatus.Ok;
    }

    // §3.2.1: 0..251 in one byte; 252..255 then a second byte, length = 4 * second + first. Returns the bytes read, 0 when truncated.
    private static int ReadFrameLength(ReadOnlySpan<byte> data, out int length)
    {
        length = 0;
        if (data.IsEmpty)
        {
            return 0;
        }

        if (data[0] < 252)
        {
            length = data[0];
            return 1;
        }

        if (data.Length < 2)
        {
            return 0;
        }

        length = (4 * data[1]) + data[0];
        return 2;
    }
}
