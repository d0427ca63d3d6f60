namespace Gateway.Rtp.Packets;

/// <summary>
/// The RFC 8285 element codec shared by the reader (<see cref="RtpHeaderExtensionEnumerator"/>), the
/// in-place editor (<see cref="RtpHeaderExtensionEditor"/>) and the <see cref="RtpPacketWriter"/>.
/// </summary>
/// <remarks>
/// One-byte form (§4.2), profile 0xBEDE; L is the value length minus one:
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |  ID   |  L    |  value (L+1 bytes) ...
/// +-+-+-+-+-+-+-+-+
/// </code>
/// Two-byte form (§4.3), profile 0x100 + 4 application bits; length is the value length itself:
/// <code>
///  0                   1
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       ID      |     length    |  value (length bytes) ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// In both forms a zero byte between elements is padding (one byte, whatever follows). In the one-byte
/// form an ID of 15 ends processing: "only the extension elements present prior to the element with
/// ID 15 [are] considered" (§4.2).
/// </remarks>
internal static class RtpExtensionElements
{
    /// <summary>RFC 8285 §4.2: the "defined by profile" value of the one-byte form.</summary>
    internal const ushort OneByteProfile = 0xBEDE;

    /// <summary>RFC 8285 §4.3: the two-byte form is 0x100 in the top 12 bits; the low 4 are "appbits".</summary>
    internal const ushort TwoByteProfile = 0x1000;

    /// <summary>The largest id of the one-byte form (15 is reserved).</summary>
    internal const int MaxOneByteId = 14;

    /// <summary>The largest value of the one-byte form (L is 4 bits, length L+1).</summary>
    internal const int MaxOneByteValueLength = 16;

    /// <summary>The largest id and value length of the two-byte form (8-bit fields).</summary>
    internal const int MaxTwoByteId = 255;

    internal const int MaxTwoByteValueLength = 255;

    internal static RtpHeaderExtensionForm FormOf(ushort profile) => profile switch
    {
        OneByteProfile => RtpHeaderExtensionForm.OneByte,
        _ when (profile & 0xFFF0) == TwoByteProfile => RtpHeaderExtensionForm.TwoByte,
        _ => RtpHeaderExtensionForm.Other,
    };

    /// <summary>True when an element needs the two-byte form: an id above 14 or a value that one byte cannot describe (empty or longer than 16).</summary>
    internal static bool NeedsTwoByte(int id, int valueLength) =>
        id > MaxOneByteId || valueLength == 0 || valueLength > MaxOneByteValueLength;

    internal static int HeaderSize(bool twoByte) => twoByte ? 2 : 1;

    /// <summary>
    /// Reads the element at or after <paramref name="offset"/> (skipping padding) and moves
    /// <paramref name="offset"/> past it.
    /// </summary>
    internal static ElementRead ReadNext(ReadOnlySpan<byte> data, bool twoByte, ref int offset, out int id, out int valueOffset, out int valueLength)
    {
        id = 0;
        valueOffset = 0;
        valueLength = 0;
        int position = offset;
        while (position < data.Length)
        {
            int first = data[position];
            if (first == 0)
            {
                position++; // padding byte (§4.2, §4.3)
                continue;
            }

            int headerSize;
            int length;
            if (twoByte)
            {
                if (position + 1 >= data.Length)
                {
                    offset = data.Length;
                    return ElementRead.Malformed;
                }

                headerSize = 2;
                length = data[position + 1];
            }
            else
            {
                if ((first >> 4) == 0)
                {
                    position++; // id 0 is padding; its length nibble is ignored
                    continue;
                }

                if ((first >> 4) == 15)
                {
                    offset = data.Length; // §4.2: stop at id 15
                    return ElementRead.End;
                }

                headerSize = 1;
                length = (first & 0x0F) + 1;
            }

            if (length > data.Length - position - headerSize)
            {
                offset = data.Length;
                return ElementRead.Malformed;
            }

            id = twoByte ? first : first >> 4;
            valueOffset = position + headerSize;
            valueLength = length;
            offset = valueOffset + length;
            return ElementRead.Element;
        }

        offset = data.Length;
        return ElementRead.End;
    }

    /// <summary>Finds the first element with <paramref name="id"/>; false when absent or when the elements before it are malformed.</summary>
    internal static bool TryFind(ReadOnlySpan<byte> data, bool twoByte, int id, out int valueOffset, out int valueLength)
    {
        int offset = 0;
        while (ReadNext(data, twoByte, ref offset, out int elementId, out valueOffset, out valueLength) == ElementRead.Element)
        {
            if (elementId == id)
            {
                return true;
            }
        }

        valueOffset = 0;
        valueLength = 0;
        return false;
    }

    /// <summary>
    /// Counts the elements other than <paramref name="excludedId"/> and their bytes once written back to back
    /// without padding; false when an element is malformed.
    /// </summary>
    internal static bool TryMeasure(ReadOnlySpan<byte> data, bool twoByte, int excludedId, out int count, out int compactLength)
    {
        count = 0;
        compactLength = 0;
        int offset = 0;
        int headerSize = HeaderSize(twoByte);
        ElementRead read;
        while ((read = ReadNext(data, twoByte, ref offset, out int id, out _, out int length)) == ElementRead.Element)
        {
            if (id != excludedId)
            {
                count++;
                compactLength += headerSize + length;
            }
        }

        return read == ElementRead.End;
    }

    /// <summary>
    /// Rewrites the elements other than <paramref name="excludedId"/> back to back from the start of
    /// <paramref name="data"/>, dropping padding (and anything after a one-byte id 15). In place is safe:
    /// the write position never passes the read position. The caller has measured the data with
    /// <see cref="TryMeasure"/>; the result is the compact length it returned.
    /// </summary>
    internal static int Compact(Span<byte> data, bool twoByte, int excludedId)
    {
        int read = 0;
        int write = 0;
        int headerSize = HeaderSize(twoByte);
        while (ReadNext(data, twoByte, ref read, out int id, out int valueOffset, out int length) == ElementRead.Element)
        {
            if (id == excludedId)
            {
                continue;
            }

            int elementStart = valueOffset - headerSize;
            if (elementStart != write)
            {
                data.Slice(elementStart, headerSize + length).CopyTo(data.Slice(write));
            }

            write += headerSize + length;
        }

        return write;
    }

    /// <summary>
    /// Converts <paramref name="count"/> compact one-byte elements in <c>region[0..used)</c> to the two-byte
    /// form in place and returns the new length (<paramref name="used"/> + <paramref name="count"/>).
    /// <paramref name="region"/> must hold at least that many bytes.
    /// </summary>
    /// <remarks>
    /// Each element grows by one byte, so a forward pass would overwrite elements not read yet. The
    /// elements are first moved right by <paramref name="count"/> bytes; then element k (0-based) is read
    /// at <c>count + S</c> and written at <c>k + S</c>, S being the one-byte size of the elements before
    /// it. Since <c>k &lt; count</c>, its new two-byte header ends at or before the old header byte, and
    /// the value is moved with memmove semantics, so nothing unread is ever overwritten.
    /// </remarks>
    internal static int ConvertOneByteToTwoByte(Span<byte> region, int used, int count)
    {
        region.Slice(0, used).CopyTo(region.Slice(count));
        int read = count;
        int write = 0;
        int end = count + used;
        while (read < end)
        {
            int first = region[read];
            int id = first >> 4;
            int length = (first & 0x0F) + 1;
            region.Slice(read + 1, length).CopyTo(region.Slice(write + 2));
            region[write] = (byte)id;
            region[write + 1] = (byte)length;
            read += 1 + length;
            write += 2 + length;
        }

        return write;
    }

    /// <summary>Writes one element at the start of <paramref name="destination"/> and returns its size.</summary>
    internal static int WriteElement(Span<byte> destination, bool twoByte, int id, ReadOnlySpan<byte> value)
    {
        if (twoByte)
        {
            destination[0] = (byte)id;
            destination[1] = (byte)value.Length;
            value.CopyTo(destination.Slice(2));
            return 2 + value.Length;
        }

        destination[0] = (byte)((id << 4) | (value.Length - 1));
        value.CopyTo(destination.Slice(1));
        return 1 + value.Length;
    }

    internal static int RoundUpToWord(int length) => (length + 3) & ~3;
}
