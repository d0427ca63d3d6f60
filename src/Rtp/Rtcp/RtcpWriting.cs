using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>Helpers the RTCP builders share.</summary>
internal static class RtcpWriting
{
    /// <summary>Writes the common header of a packet of <paramref name="totalLength"/> bytes (a multiple of 4), P clear.</summary>
    internal static void WriteHeader(Span<byte> destination, int count, int packetType, int totalLength)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = (byte)packetType;
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), (ushort)((totalLength / 4) - 1));
    }

    /// <summary>Writes the header and the two SSRCs of a feedback message (RFC 4585 §6.1).</summary>
    internal static void WriteFeedbackHeader(Span<byte> destination, int format, int packetType, int totalLength, uint senderSsrc, uint mediaSsrc)
    {
        WriteHeader(destination, format, packetType, totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), mediaSsrc);
    }

    /// <summary>Checks the packet type and FMT of a feedback message and that it holds both SSRCs.</summary>
    internal static RtcpParseResult CheckFeedback(RtcpPacket packet, int packetType, int format)
    {
        if (packet.PacketType != packetType || packet.Count != format)
        {
            return RtcpParseResult.WrongType;
        }

        return packet.Body.Length < 8 ? RtcpParseResult.TooShort : RtcpParseResult.Ok;
    }

    internal static int RoundUpToWord(int length) => (length + 3) & ~3;
}
