using System.Buffers.Binary;

namespace Gateway.Rtp.Packets;

/// <summary>
/// Adds, replaces and removes RFC 8285 header extension elements of an RTP packet in place, in a buffer
/// that may be longer than the packet. The payload and padding move as needed; the extension is kept
/// compact (padding between elements dropped), zero-padded to a 32-bit boundary, and its length word
/// right (RFC 3550 §5.3.1). Nothing allocates.
/// </summary>
/// <remarks>
/// <para>An element that the one-byte form cannot hold (id above 14, empty value, value over 16 bytes)
/// turns a one-byte extension into a two-byte one (RFC 8285 §4.3); the receiver must have negotiated
/// <c>a=extmap-allow-mixed</c> (RFC 8285 §6) or expect two-byte headers. A packet without an extension
/// gets the one-byte form when the element fits it.</para>
/// <para>When the last element is removed the whole extension goes and X is cleared.</para>
/// <para>Elements after a one-byte id 15 are dropped by any edit: RFC 8285 §4.2 says they are not to be
/// processed.</para>
/// </remarks>
public static class RtpHeaderExtensionEditor
{
    private const int MaxExtensionWords = ushort.MaxValue;

    /// <summary>
    /// Sets element <paramref name="id"/> to <paramref name="value"/>: in place when an element with the id
    /// and the same length exists, otherwise replacing it or adding a new one.
    /// </summary>
    /// <param name="buffer">The buffer whose first <paramref name="packetLength"/> bytes are the packet; the packet may grow into the rest.</param>
    /// <param name="packetLength">The current packet length.</param>
    /// <param name="id">The negotiated element id, 1..255.</param>
    /// <param name="value">The element value, 0..255 bytes.</param>
    /// <param name="newPacketLength">The packet length after the edit (the old length on failure).</param>
    public static RtpExtensionEditResult TrySet(Span<byte> buffer, int packetLength, int id, ReadOnlySpan<byte> value, out int newPacketLength)
    {
        newPacketLength = packetLength;
        if (id is < 1 or > RtpExtensionElements.MaxTwoByteId || value.Length > RtpExtensionElements.MaxTwoByteValueLength)
        {
            return RtpExtensionEditResult.InvalidElement;
        }

        RtpExtensionEditResult located = Locate(buffer, packetLength, out ExtensionLayout layout);
        if (located != RtpExtensionEditResult.Ok)
        {
            return located;
        }

        bool needsTwoByte = RtpExtensionElements.NeedsTwoByte(id, value.Length);
        int count = 0;
        int compactLength = 0;
        if (layout.Form != RtpHeaderExtensionForm.None)
        {
            Span<byte> data = buffer.Slice(layout.DataOffset, layout.DataLength);
            bool isTwoByte = layout.Form == RtpHeaderExtensionForm.TwoByte;
            if (!RtpExtensionElements.TryMeasure(data, isTwoByte, id, out count, out compactLength))
            {
                return RtpExtensionEditResult.MalformedExtension;
            }

            // Same id, same length, form able to hold it: overwrite and leave everything else as it is.
            if (RtpExtensionElements.TryFind(data, isTwoByte, id, out int offset, out int length)
                && length == value.Length && (isTwoByte || !needsTwoByte))
            {
                value.CopyTo(data.Slice(offset));
                return RtpExtensionEditResult.Ok;
            }
        }

        bool wasTwoByte = layout.Form == RtpHeaderExtensionForm.TwoByte;
        bool toTwoByte = wasTwoByte || needsTwoByte;
        bool convert = toTwoByte && layout.Form == RtpHeaderExtensionForm.OneByte;
        int elementsLength = compactLength + (convert ? count : 0) + RtpExtensionElements.HeaderSize(toTwoByte) + value.Length;
        int newDataLength = RtpExtensionElements.RoundUpToWord(elementsLength);
        if (newDataLength / 4 > MaxExtensionWords)
        {
            return RtpExtensionEditResult.BufferTooSmall;
        }

        int oldBlockLength = layout.Form == RtpHeaderExtensionForm.None ? 0 : 4 + layout.DataLength;
        int delta = 4 + newDataLength - oldBlockLength;
        if (delta > buffer.Length - packetLength)
        {
            return RtpExtensionEditResult.BufferTooSmall;
        }

        int dataOffset = layout.ExtensionOffset + 4;
        int used = 0;
        if (layout.Form != RtpHeaderExtensionForm.None)
        {
            used = RtpExtensionElements.Compact(buffer.Slice(dataOffset, layout.DataLength), wasTwoByte, id);
        }

        // The compact elements end at or before the new tail position, so moving the tail cannot clobber them.
        MoveTail(buffer, layout.TailOffset, packetLength, delta);
        Span<byte> newData = buffer.Slice(dataOffset, newDataLength);
        if (convert)
        {
            used = RtpExtensionElements.ConvertOneByteToTwoByte(newData, used, count);
        }

        used += RtpExtensionElements.WriteElement(newData.Slice(used), toTwoByte, id, value);
        newData.Slice(used).Clear();

        ushort profile = wasTwoByte ? layout.Profile : toTwoByte ? RtpExtensionElements.TwoByteProfile : RtpExtensionElements.OneByteProfile;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.Slice(layout.ExtensionOffset), profile);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.Slice(layout.ExtensionOffset + 2), (ushort)(newDataLength / 4));
        buffer[0] |= 0x10;
        newPacketLength = packetLength + delta;
        return RtpExtensionEditResult.Ok;
    }

    /// <summary>
    /// Removes every element with <paramref name="id"/>; the packet shrinks by whole 32-bit words, or by the
    /// whole extension when no element is left.
    /// </summary>
    public static RtpExtensionEditResult TryRemove(Span<byte> buffer, int packetLength, int id, out int newPacketLength)
    {
        newPacketLength = packetLength;
        if (id is < 1 or > RtpExtensionElements.MaxTwoByteId)
        {
            return RtpExtensionEditResult.InvalidElement;
        }

        RtpExtensionEditResult located = Locate(buffer, packetLength, out ExtensionLayout layout);
        if (located != RtpExtensionEditResult.Ok)
        {
            return located;
        }

        if (layout.Form == RtpHeaderExtensionForm.None)
        {
            return RtpExtensionEditResult.NotFound;
        }

        bool isTwoByte = layout.Form == RtpHeaderExtensionForm.TwoByte;
        Span<byte> data = buffer.Slice(layout.DataOffset, layout.DataLength);
        if (!RtpExtensionElements.TryMeasure(data, isTwoByte, id, out int count, out _))
        {
            return RtpExtensionEditResult.MalformedExtension;
        }

        if (!RtpExtensionElements.TryFind(data, isTwoByte, id, out _, out _))
        {
            return RtpExtensionEditResult.NotFound;
        }

        int delta;
        if (count == 0)
        {
            delta = -(4 + layout.DataLength);
            buffer[0] &= 0xEF;
        }
        else
        {
            int used = RtpExtensionElements.Compact(data, isTwoByte, id);
            int newDataLength = RtpExtensionElements.RoundUpToWord(used);
            data.Slice(used, newDataLength - used).Clear();
            BinaryPrimitives.WriteUInt16BigEndian(buffer.Slice(layout.ExtensionOffset + 2), (ushort)(newDataLength / 4));
            delta = newDataLength - layout.DataLength;
        }

        MoveTail(buffer, layout.TailOffset, packetLength, delta);
        newPacketLength = packetLength + delta;
        return RtpExtensionEditResult.Ok;
    }

    private static RtpExtensionEditResult Locate(Span<byte> buffer, int packetLength, out ExtensionLayout layout)
    {
        layout = default;
        if ((uint)packetLength > (uint)buffer.Length
            || RtpPacket.TryParse(buffer.Slice(0, packetLength), out RtpPacket rtp) != RtpParseResult.Ok)
        {
            return RtpExtensionEditResult.InvalidPacket;
        }

        int extensionOffset = RtpHeader.FixedLength + (rtp.CsrcCount * 4);
        RtpHeaderExtensionForm form = rtp.Extensions.Form;
        if (form == RtpHeaderExtensionForm.Other)
        {
            return RtpExtensionEditResult.UnsupportedProfile;
        }

        layout = new ExtensionLayout(form, rtp.ExtensionProfile, extensionOffset, rtp.ExtensionData.Length, rtp.HeaderLength);
        return RtpExtensionEditResult.Ok;
    }

    private static void MoveTail(Span<byte> buffer, int tailOffset, int packetLength, int delta)
    {
        if (delta != 0)
        {
            buffer.Slice(tailOffset, packetLength - tailOffset).CopyTo(buffer.Slice(tailOffset + delta));
        }
    }
}
