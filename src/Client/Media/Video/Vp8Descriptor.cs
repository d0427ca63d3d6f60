namespace Gateway.Client.Media.Video;

/// <summary>
/// Reads the VP8 payload descriptor (RFC 7741 §4.2) far enough to find where the frame data starts and whether the
/// packet starts a frame (S set, partition index 0).
/// </summary>
/// <remarks>
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID | (REQUIRED)
///      +-+-+-+-+-+-+-+-+
/// X:   |I|L|T|K| RSV   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// I:   |M| PictureID   | (OPTIONAL, a second byte when M)
///      +-+-+-+-+-+-+-+-+
/// L:   |   TL0PICIDX   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// T/K: |TID|Y| KEYIDX  | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal static class Vp8Descriptor
{
    public static bool TryRead(ReadOnlySpan<byte> payload, out int length, out bool startOfFrame)
    {
        length = 0;
        startOfFrame = false;
        if (payload.IsEmpty)
        {
            return false;
        }

        byte first = payload[0];
        startOfFrame = (first & 0x10) != 0 && (first & 0x07) == 0;
        int offset = 1;
        if ((first & 0x80) != 0)
        {
            if (payload.Length < 2)
            {
                return false;
            }

            byte extension = payload[1];
            offset = 2;
            if ((extension & 0x80) != 0)
            {
                if (payload.Length <= offset)
                {
                    return false;
                }

                offset += (payload[offset] & 0x80) != 0 ? 2 : 1;
            }

            if ((extension & 0x40) != 0)
            {
                offset++;
            }

            if ((extension & 0x30) != 0)
            {
                offset++;
            }
        }

        if (offset > payload.Length)
        {
            return false;
        }

        length = offset;
        return true;
    }
}
