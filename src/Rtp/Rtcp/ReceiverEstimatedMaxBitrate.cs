using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// REMB (draft-alvestrand-rmcat-remb-03 §2.2): an application layer feedback message (PSFB, FMT 15) with
/// the receiver's estimate of the total bitrate it can take for the listed SSRCs.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P| FMT=15  |   PT=206      |             length            |
/// |                  SSRC of packet sender                        |
/// |                  SSRC of media source (0)                     |
/// |  Unique identifier 'R' 'E' 'M' 'B'                            |
/// |  Num SSRC     | BR Exp    |  BR Mantissa                      |
/// |   SSRC feedback (Num SSRC of them) ...                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The bitrate is mantissa (18 bits) × 2^exp (6 bits) bits per second.
/// </remarks>
public readonly ref struct ReceiverEstimatedMaxBitrate
{
    private const int MantissaBits = 18;
    private const uint MaxMantissa = (1u << MantissaBits) - 1;
    // Header, the two SSRCs, "REMB", and Num SSRC + BR Exp + BR Mantissa.
    private const int FixedLength = 20;

    private readonly ReadOnlySpan<byte> _body;

    private ReceiverEstimatedMaxBitrate(ReadOnlySpan<byte> body) => _body = body;

    /// <summary>The SSRC of the packet sender.</summary>
    public uint SenderSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The 6-bit exponent.</summary>
    public int Exponent => _body[13] >> 2;

    /// <summary>The 18-bit mantissa.</summary>
    public uint Mantissa => ((uint)(_body[13] & 0x03) << 16) | BinaryPrimitives.ReadUInt16BigEndian(_body.Slice(14));

    /// <summary>The estimate in bits per second, mantissa × 2^exponent, saturated at <see cref="ulong.MaxValue"/>.</summary>
    public ulong Bitrate
    {
        get
        {
            ulong mantissa = Mantissa;
            int exponent = Exponent;
            return mantissa > (ulong.MaxValue >> exponent) ? ulong.MaxValue : mantissa << exponent;
        }
    }

    /// <summary>The number of SSRCs the estimate applies to.</summary>
    public int SsrcCount => _body[12];

    /// <summary>SSRC number <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="SsrcCount"/>.</exception>
    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(16 + (index * 4)));
    }

    /// <summary>
    /// Reads a REMB: <see cref="RtcpParseResult.WrongType"/> for another PT or FMT or a unique identifier other than
    /// "REMB", <see cref="RtcpParseResult.TooShort"/> without the fixed fields, <see cref="RtcpParseResult.BadCount"/>
    /// when Num SSRC entries do not fit.
    /// </summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out ReceiverEstimatedMaxBitrate remb)
    {
        remb = default;
        RtcpParseResult result = RtcpWriting.CheckFeedback(packet, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.ApplicationLayerFeedback);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = packet.Body;
        if (body.Length < 12 || !body.Slice(8, 4).SequenceEqual("REMB"u8))
        {
            return RtcpParseResult.WrongType;
        }

        if (body.Length < FixedLength - RtcpPacket.HeaderLength)
        {
            return RtcpParseResult.TooShort;
        }

        if (body.Length < 16 + (body[12] * 4))
        {
            return RtcpParseResult.BadCount;
        }

        remb = new ReceiverEstimatedMaxBitrate(body);
        return RtcpParseResult.Ok;
    }

    /// <summary>
    /// Writes a REMB for <paramref name="bitrate"/> bits per second. The bitrate is rounded down to what
    /// 18 bits of mantissa hold: the smallest exponent that fits, so the error is below one part in 2^17.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 255 SSRCs.</exception>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ulong bitrate, ReadOnlySpan<uint> ssrcs, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ssrcs.Length, 255, nameof(ssrcs));
        int length = FixedLength + (ssrcs.Length * 4);
        bytesWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        int exponent = 0;
        while ((bitrate >> exponent) > MaxMantissa)
        {
            exponent++;
        }

        uint mantissa = (uint)(bitrate >> exponent);
        RtcpWriting.WriteFeedbackHeader(destination, RtcpFeedbackFormat.ApplicationLayerFeedback, RtcpPacketType.PayloadFeedback, length, senderSsrc, 0);
        "REMB"u8.CopyTo(destination.Slice(12));
        destination[16] = (byte)ssrcs.Length;
        destination[17] = (byte)((exponent << 2) | (int)(mantissa >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(18), (ushort)mantissa);
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(20 + (i * 4)), ssrcs[i]);
        }

        bytesWritten = length;
        return true;
    }
}
