using System.Buffers.Binary;

namespace Gateway.Rtp.Packets;

/// <summary>
/// The transport-wide sequence number header extension
/// (http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01, §2): a 16-bit counter
/// over every packet of the transport, whatever its SSRC, that transport-wide feedback refers to.
/// </summary>
/// <remarks>
/// <code>
///  0                   1
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | transport-wide sequence number|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// A relay rewrites it on every forwarded packet: each outgoing transport has its own counter.
/// </remarks>
public static class TransportSequenceNumber
{
    /// <summary>The size of the element value.</summary>
    public const int Length = 2;

    /// <summary>Reads a 2-byte value; false for any other length.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out ushort sequenceNumber)
    {
        if (value.Length != Length)
        {
            sequenceNumber = 0;
            return false;
        }

        sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(value);
        return true;
    }

    /// <summary>Writes the value into the first 2 bytes of <paramref name="destination"/>; false when it is shorter.</summary>
    public static bool TryWrite(Span<byte> destination, ushort sequenceNumber) =>
        BinaryPrimitives.TryWriteUInt16BigEndian(destination, sequenceNumber);
}
