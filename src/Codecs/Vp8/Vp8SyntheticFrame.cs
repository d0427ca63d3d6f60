namespace Gateway.Codecs.Vp8;

/// <summary>
/// Makes the start of a VP8 frame that parsers accept, for synthetic video whose body is filler:
/// the 3-byte frame tag (RFC 6386 §9.1) and, for a key frame, the start code and dimensions (§9.2).
/// </summary>
public static class Vp8SyntheticFrame
{
    /// <summary>Header bytes of a key frame: frame tag, start code 9d 01 2a, width and height.</summary>
    public const int KeyframeHeaderLength = 10;

    /// <summary>Header bytes of an inter frame: the frame tag.</summary>
    public const int InterframeHeaderLength = 3;

    /// <summary>
    /// Writes the frame header at the start of <paramref name="frame"/> (the rest is the caller's) and
    /// returns its length, or 0 when <paramref name="frame"/> is too short for it. Width and height are
    /// taken modulo 2^14, as the format stores them.
    /// </summary>
    public static int WriteHeader(Span<byte> frame, bool keyframe, int width, int height)
    {
        int headerLength = keyframe ? KeyframeHeaderLength : InterframeHeaderLength;
        if (frame.Length < headerLength)
        {
            return 0;
        }

        // Frame tag, little-endian 24 bits: |first_part_size:19|show_frame:1|version:3|frame_type:1 (0 = key)|.
        int firstPartSize = Math.Min(frame.Length - headerLength, 0x7FFFF);
        int tag = (firstPartSize << 5) | (1 << 4) | (keyframe ? 0 : 1);
        frame[0] = (byte)tag;
        frame[1] = (byte)(tag >> 8);
        frame[2] = (byte)(tag >> 16);
        if (keyframe)
        {
            frame[3] = 0x9d;
            frame[4] = 0x01;
            frame[5] = 0x2a;
            frame[6] = (byte)width;
            frame[7] = (byte)((width >> 8) & 0x3F);
            frame[8] = (byte)height;
            frame[9] = (byte)((height >> 8) & 0x3F);
        }

        return headerLength;
    }
}
