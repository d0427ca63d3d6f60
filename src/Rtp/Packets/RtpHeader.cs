using System.Buffers.Binary;

namespace Gateway.Rtp.Packets;

/// <summary>
/// The length of an RTP header: what SRTP (RFC 3711 §3.1) needs to find where the encrypted payload
/// starts, without building a full <see cref="RtpPacket"/> view.
/// </summary>
/// <remarks>
/// RFC 3550 §5.1 and §5.3.1:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers (CC of them)|
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |  defined by profile (if X)    |           length              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 header extension (length 32-bit words)        |
/// </code>
/// The header length is 12 + 4·CC, plus 4 + 4·length when X is set. Padding (P) is not part of the
/// header: it sits at the end of the (encrypted) payload, so SRTP does not look at it.
/// </remarks>
public static class RtpHeader
{
    /// <summary>Bytes of the fixed header (RFC 3550 §5.1).</summary>
    public const int FixedLength = 12;

    /// <summary>The RTP version this code understands (RFC 3550 §5.1: "V ... is two (2)").</summary>
    public const int Version = 2;

    /// <summary>
    /// The length of the header of <paramref name="packet"/>: fixed part, CSRC list and header extension.
    /// False (and 0) when the version is not 2 or the packet is shorter than the header it declares.
    /// A header that fills the whole packet (an empty payload) is valid.
    /// </summary>
    public static bool TryGetLength(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < FixedLength || (packet[0] >> 6) != Version)
        {
            return false;
        }

        int length = FixedLength + ((packet[0] & 0x0F) * 4);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(length + 2)) * 4);
        }

        if (length > packet.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }
}
