using System.Buffers.Binary;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// Writes random but well-formed RTP packets and RTCP compound packets for the SRTP interop tests.
/// Built by hand here, not with the project's own RTP writers, so a bug shared by our writer and our
/// SRTP cannot hide itself.
/// </summary>
internal static class SrtpInteropPackets
{
    /// <summary>Big enough for the largest packet written here plus any SRTP/SRTCP trailer libsrtp may add.</summary>
    public const int BufferSize = 2048;

    /// <summary>
    /// An RTP packet (RFC 3550 §5.1) with 0..15 CSRCs, maybe an RFC 8285 header extension (one-byte
    /// or two-byte form), <paramref name="payloadLength"/> random payload bytes and maybe padding.
    /// <code>
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
    /// |                           timestamp                           |
    /// |                             SSRC                              |
    /// |                      CSRC list (CC words)                     |
    /// |  0xBEDE or 0x100x (RFC 8285)  |        length in words        |
    /// |                   extension elements, zero padded             |
    /// |                 payload ...   | padding ...   | padding count |
    /// </code>
    /// </summary>
    /// <returns>The packet's length.</returns>
    public static int WriteRtp(Span<byte> buffer, Random random, ushort sequence, uint timestamp, uint ssrc, int payloadLength)
    {
        int csrcCount = random.Next(0, 4) == 0 ? random.Next(0, 16) : random.Next(0, 3);
        int extensionForm = random.Next(0, 3); // 0: none, 1: one-byte, 2: two-byte
        int padding = random.Next(0, 8) == 0 ? random.Next(1, 17) : 0;

        buffer[0] = (byte)(0x80 | (padding > 0 ? 0x20 : 0) | (extensionForm != 0 ? 0x10 : 0) | csrcCount);
        buffer[1] = (byte)((random.Next(0, 2) << 7) | random.Next(96, 128));
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], ssrc);
        int offset = 12;
        for (int i = 0; i < csrcCount; i++, offset += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer[offset..], (uint)random.NextInt64(0, 1L << 32));
        }

        if (extensionForm != 0)
        {
            offset = WriteExtension(buffer, offset, random, twoByte: extensionForm == 2);
        }

        random.NextBytes(buffer.Slice(offset, payloadLength));
        offset += payloadLength;
        if (padding > 0)
        {
            buffer.Slice(offset, padding - 1).Clear();
            buffer[offset + padding - 1] = (byte)padding;
            offset += padding;
        }

        return offset;
    }

    /// <summary>
    /// An RTCP compound packet (RFC 3550 §6.1): an SR with 0..4 random report blocks, an SDES with a
    /// random CNAME, and sometimes an APP packet with random data.
    /// </summary>
    /// <returns>The compound packet's length.</returns>
    public static int WriteCompoundRtcp(Span<byte> buffer, Random random, uint ssrc)
    {
        // SR (RFC 3550 §6.4.1): header, SSRC, 20 bytes of sender info, 24 bytes per report block.
        int blocks = random.Next(0, 5);
        int srLength = 8 + 20 + (24 * blocks);
        WriteRtcpHeader(buffer, count: blocks, packetType: 200, srLength);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], ssrc);
        random.NextBytes(buffer.Slice(8, srLength - 8));
        int offset = srLength;

        // SDES (RFC 3550 §6.5): one chunk, CNAME item, then END and zero padding to a 32-bit boundary.
        int cnameLength = random.Next(1, 40);
        int chunkLength = 4 + 2 + cnameLength;
        chunkLength += 4 - (chunkLength % 4); // at least one zero octet ends the item list
        Span<byte> sdes = buffer.Slice(offset, 4 + chunkLength);
        sdes.Clear();
        WriteRtcpHeader(sdes, count: 1, packetType: 202, sdes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], ssrc);
        sdes[8] = 1;
        sdes[9] = (byte)cnameLength;
        for (int i = 0; i < cnameLength; i++)
        {
            sdes[10 + i] = (byte)random.Next('a', 'z' + 1);
        }

        offset += sdes.Length;

        // APP (RFC 3550 §6.7): name and application data, a multiple of 32 bits.
        if (random.Next(0, 2) == 0)
        {
            int appLength = 12 + (4 * random.Next(0, 64));
            Span<byte> app = buffer.Slice(offset, appLength);
            WriteRtcpHeader(app, count: random.Next(0, 32), packetType: 204, appLength);
            BinaryPrimitives.WriteUInt32BigEndian(app[4..], ssrc);
            random.NextBytes(app[8..]);
            offset += appLength;
        }

        return offset;
    }

    private static int WriteExtension(Span<byte> buffer, int offset, Random random, bool twoByte)
    {
        int start = offset;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[offset..], twoByte ? (ushort)0x1000 : (ushort)0xBEDE);
        offset += 4;
        int elements = random.Next(0, 5);
        for (int i = 0; i < elements; i++)
        {
            int length = random.Next(1, 17);
            if (twoByte)
            {
                buffer[offset] = (byte)random.Next(1, 256);
                buffer[offset + 1] = (byte)length;
                offset += 2;
            }
            else
            {
                buffer[offset] = (byte)((random.Next(1, 15) << 4) | (length - 1));
                offset += 1;
            }

            random.NextBytes(buffer.Slice(offset, length));
            offset += length;
        }

        int words = (offset - start - 4 + 3) / 4;
        buffer.Slice(offset, (start + 4 + (words * 4)) - offset).Clear();
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(start + 2)..], (ushort)words);
        return start + 4 + (words * 4);
    }

    private static void WriteRtcpHeader(Span<byte> packet, int count, int packetType, int length)
    {
        packet[0] = (byte)(0x80 | count);
        packet[1] = (byte)packetType;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)((length / 4) - 1));
    }
}
