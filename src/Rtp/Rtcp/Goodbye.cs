using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>A BYE packet (RFC 3550 §6.6): the sources leaving and an optional reason. Parse with <see cref="TryParse"/>, build with <see cref="TryWrite"/>.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    SC   |   PT=BYE=203  |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           SSRC/CSRC (SC of them)              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     length    |               reason for leaving ... (opt)    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct Goodbye
{
    private readonly ReadOnlySpan<byte> _ssrcs;

    private Goodbye(ReadOnlySpan<byte> ssrcs, ReadOnlySpan<byte> reason)
    {
        _ssrcs = ssrcs;
        Reason = reason;
    }

    /// <summary>The number of sources (SC).</summary>
    public int SsrcCount => _ssrcs.Length / 4;

    /// <summary>The reason for leaving (UTF-8), empty when absent.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>Source number <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="SsrcCount"/>.</exception>
    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_ssrcs.Slice(index * 4));
    }

    /// <summary>Reads a BYE: <see cref="RtcpParseResult.BadCount"/> when SC sources do not fit, <see cref="RtcpParseResult.BadItem"/> when the reason runs past the end.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out Goodbye goodbye)
    {
        goodbye = default;
        if (packet.PacketType != RtcpPacketType.Goodbye)
        {
            return RtcpParseResult.WrongType;
        }

        ReadOnlySpan<byte> body = packet.Body;
        int ssrcLength = packet.Count * 4;
        if (body.Length < ssrcLength)
        {
            return RtcpParseResult.BadCount;
        }

        ReadOnlySpan<byte> reason = default;
        if (body.Length > ssrcLength)
        {
            int reasonLength = body[ssrcLength];
            if (ssrcLength + 1 + reasonLength > body.Length)
            {
                return RtcpParseResult.BadItem;
            }

            reason = body.Slice(ssrcLength + 1, reasonLength);
        }

        goodbye = new Goodbye(body.Slice(0, ssrcLength), reason);
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes a BYE for up to 31 sources with an optional reason (zero-padded to 32 bits).</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 31 sources or a reason over 255 bytes.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<uint> ssrcs, ReadOnlySpan<byte> reason, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ssrcs.Length, 31, nameof(ssrcs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, 255, nameof(reason));
        int reasonStart = RtcpPacket.HeaderLength + (ssrcs.Length * 4);
        int length = reason.IsEmpty ? reasonStart : RtcpWriting.RoundUpToWord(reasonStart + 1 + reason.Length);
        bytesWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        RtcpWriting.WriteHeader(destination, ssrcs.Length, RtcpPacketType.Goodbye, length);
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4 + (i * 4)), ssrcs[i]);
        }

        if (!reason.IsEmpty)
        {
            destination[reasonStart] = (byte)reason.Length;
            reason.CopyTo(destination.Slice(reasonStart + 1));
            destination.Slice(reasonStart + 1 + reason.Length, length - reasonStart - 1 - reason.Length).Clear();
        }

        bytesWritten = length;
        return true;
    }
}
