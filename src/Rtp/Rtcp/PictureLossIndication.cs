using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>A PLI (RFC 4585 §6.3.1): PSFB with FMT 1 and no FCI; the receiver lost part of a picture and asks for a key frame.</summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  FMT=1  |   PT=206      |          length=2             |
/// |                  SSRC of packet sender                        |
/// |                  SSRC of media source                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct PictureLossIndication
{
    /// <summary>The size of a PLI.</summary>
    public const int Length = 12;

    private PictureLossIndication(uint senderSsrc, uint mediaSsrc)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
    }

    /// <summary>The SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>The SSRC of the media source that should send a key frame.</summary>
    public uint MediaSsrc { get; }

    /// <summary>Reads a PLI: <see cref="RtcpParseResult.WrongType"/> for another PT or FMT.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out PictureLossIndication pli)
    {
        pli = default;
        RtcpParseResult result = RtcpWriting.CheckFeedback(packet, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.PictureLossIndication);
        if (result == RtcpParseResult.Ok)
        {
            pli = new PictureLossIndication(BinaryPrimitives.ReadUInt32BigEndian(packet.Body), BinaryPrimitives.ReadUInt32BigEndian(packet.Body.Slice(4)));
        }

        return result;
    }

    /// <summary>Writes a PLI (12 bytes).</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < Length)
        {
            return false;
        }

        RtcpWriting.WriteFeedbackHeader(destination, RtcpFeedbackFormat.PictureLossIndication, RtcpPacketType.PayloadFeedback, Length, senderSsrc, mediaSsrc);
        bytesWritten = Length;
        return true;
    }
}
