using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1):
/// RTPFB with FMT 15, reporting for a range of transport-wide sequence numbers which packets arrived and when.
/// Parse with <see cref="TryParse"/> then <see cref="TryGetPackets"/> into a caller's span; build with
/// <see cref="TryWrite"/>.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  FMT=15 |    PT=205     |           length              |
/// |                     SSRC of packet sender                     |
/// |                      SSRC of media source                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      base sequence number     |      packet status count      |
/// |                 reference time                | fb pkt. count |
/// |          packet chunk         |         packet chunk          |
/// .                              ...                              .
/// |         packet chunk          |  recv delta   |  recv delta   |
/// .                              ...                              .
/// |           recv delta          |  recv delta   | zero padding  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The reference time is a signed 24-bit count of 64 ms; each received packet has a receive delta in
/// 250 µs ticks from the previous received packet (the first from the reference time). Chrome ends the
/// packet with RTCP padding (P set, 1 to 3 bytes); this builder pads with zeros and leaves P clear, as the
/// draft's figure shows; both parse.
/// </remarks>
public readonly ref struct TransportFeedback
{
    /// <summary>The length of one reference time unit in microseconds (64 ms).</summary>
    public const int ReferenceTimeUnitMicroseconds = 64_000;

    private const int FixedBodyLength = 16;

    private readonly ReadOnlySpan<byte> _body;

    private TransportFeedback(ReadOnlySpan<byte> body) => _body = body;

    /// <summary>The SSRC of the packet sender.</summary>
    public uint SenderSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The SSRC of the media source (often 0 or the first media SSRC: the feedback is per transport).</summary>
    public uint MediaSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(4));

    /// <summary>The transport-wide sequence number of the first packet reported.</summary>
    public ushort BaseSequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_body.Slice(8));

    /// <summary>How many consecutive sequence numbers, from the base, the packet reports on.</summary>
    public int PacketStatusCount => BinaryPrimitives.ReadUInt16BigEndian(_body.Slice(10));

    /// <summary>The reference time: a signed 24-bit multiple of 64 ms.</summary>
    public int ReferenceTime => (int)(BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(12)) & 0xFFFFFF00) >> 8;

    /// <summary>The reference time in microseconds.</summary>
    public long ReferenceTimeMicroseconds => (long)ReferenceTime * ReferenceTimeUnitMicroseconds;

    /// <summary>The feedback packet count: incremented per feedback packet sent, to detect lost feedback.</summary>
    public int FeedbackPacketCount => _body[15];

    /// <summary>Reads the fixed fields: <see cref="RtcpParseResult.WrongType"/> for another PT or FMT, <see cref="RtcpParseResult.TooShort"/> without them. <see cref="TryGetPackets"/> checks the rest.</summary>
    public static RtcpParseResult TryParse(RtcpPacket packet, out TransportFeedback feedback)
    {
        feedback = default;
        RtcpParseResult result = RtcpWriting.CheckFeedback(packet, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.TransportWideCongestionControl);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        if (packet.Body.Length < FixedBodyLength)
        {
            return RtcpParseResult.TooShort;
        }

        feedback = new TransportFeedback(packet.Body);
        return RtcpParseResult.Ok;
    }

    /// <summary>
    /// Decodes one status per reported sequence number into <paramref name="destination"/>:
    /// <see cref="RtcpParseResult.DestinationTooSmall"/> when it holds fewer than <see cref="PacketStatusCount"/>,
    /// <see cref="RtcpParseResult.BadFeedback"/> when the chunks or deltas run out or a reserved symbol is used.
    /// </summary>
    public RtcpParseResult TryGetPackets(Span<TransportPacketStatus> destination, out int count)
    {
        count = 0;
        int statuses = PacketStatusCount;
        if (destination.Length < statuses)
        {
            return RtcpParseResult.DestinationTooSmall;
        }

        int offset = FixedBodyLength;
        if (!TransportFeedbackSymbols.TryDecodeChunks(_body, ref offset, destination, statuses, BaseSequenceNumber))
        {
            return RtcpParseResult.BadFeedback;
        }

        for (int i = 0; i < statuses; i++)
        {
            TransportPacketStatus status = destination[i];
            int symbol = status.DeltaTicks;
            int delta;
            if (symbol == TransportFeedbackSymbols.SmallDelta)
            {
                if (offset + 1 > _body.Length)
                {
                    return RtcpParseResult.BadFeedback;
                }

                delta = _body[offset];
                offset++;
            }
            else if (symbol == TransportFeedbackSymbols.LargeDelta)
            {
                if (offset + 2 > _body.Length)
                {
                    return RtcpParseResult.BadFeedback;
                }

                delta = BinaryPrimitives.ReadInt16BigEndian(_body.Slice(offset));
                offset += 2;
            }
            else
            {
                continue; // not received: no delta
            }

            destination[i] = status with { DeltaTicks = delta };
        }

        count = statuses;
        return RtcpParseResult.Ok;
    }

    /// <summary>
    /// Writes transport-wide feedback for <paramref name="packets"/>: one status per consecutive sequence
    /// number from the first (lost ones included, as <see cref="TransportPacketStatus.Lost"/>). The
    /// reference time is written modulo 2^24. False when <paramref name="destination"/> is too small.
    /// </summary>
    /// <exception cref="ArgumentException">The sequence numbers are not consecutive, there are more than 65535, or a received packet's delta fits in neither delta size.</exception>
    public static bool TryWrite(
        Span<byte> destination,
        uint senderSsrc,
        uint mediaSsrc,
        int referenceTime,
        byte feedbackPacketCount,
        ReadOnlySpan<TransportPacketStatus> packets,
        out int bytesWritten)
    {
        bytesWritten = 0;
        int deltaBytes = MeasureDeltas(packets);
        int chunkCount = TransportFeedbackSymbols.EncodeChunks(packets, default);
        int unpadded = RtcpPacket.HeaderLength + FixedBodyLength + (chunkCount * 2) + deltaBytes;
        int length = RtcpWriting.RoundUpToWord(unpadded);
        if (destination.Length < length || length > 4 * 65536)
        {
            return false;
        }

        ushort baseSequence = packets.IsEmpty ? (ushort)0 : packets[0].SequenceNumber;
        RtcpWriting.WriteFeedbackHeader(destination, RtcpFeedbackFormat.TransportWideCongestionControl, RtcpPacketType.TransportFeedback, length, senderSsrc, mediaSsrc);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(12), baseSequence);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(14), (ushort)packets.Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), ((uint)referenceTime << 8) | feedbackPacketCount);
        int offset = 20;
        TransportFeedbackSymbols.EncodeChunks(packets, destination.Slice(offset, chunkCount * 2));
        offset += chunkCount * 2;
        foreach (TransportPacketStatus packet in packets)
        {
            int symbol = TransportFeedbackSymbols.SymbolOf(packet);
            if (symbol == TransportFeedbackSymbols.SmallDelta)
            {
                destination[offset++] = (byte)packet.DeltaTicks;
            }
            else if (symbol == TransportFeedbackSymbols.LargeDelta)
            {
                BinaryPrimitives.WriteInt16BigEndian(destination.Slice(offset), (short)packet.DeltaTicks);
                offset += 2;
            }
        }

        destination.Slice(offset, length - offset).Clear();
        bytesWritten = length;
        return true;
    }

    private static int MeasureDeltas(ReadOnlySpan<TransportPacketStatus> packets)
    {
        if (packets.Length > ushort.MaxValue)
        {
            throw new ArgumentException("Transport-wide feedback reports at most 65535 packets.", nameof(packets));
        }

        int bytes = 0;
        for (int i = 0; i < packets.Length; i++)
        {
            if (packets[i].SequenceNumber != (ushort)(packets[0].SequenceNumber + i))
            {
                throw new ArgumentException("The statuses must have consecutive sequence numbers (lost packets included).", nameof(packets));
            }

            int symbol = TransportFeedbackSymbols.SymbolOf(packets[i]);
            if (symbol < 0)
            {
                throw new ArgumentException("A receive delta is outside -32768..32767 ticks; start a new feedback packet.", nameof(packets));
            }

            bytes += symbol;
        }

        return bytes;
    }
}
