using BenchmarkDotNet.Attributes;
using Gateway.Rtp.Rtcp;

namespace Gateway.Benchmarks.Packets;

/// <summary>
/// Reading RTCP per datagram (after SRTCP unprotect): a compound SR + SDES, walked packet by packet with
/// every field read (sender info, the report block, each SDES chunk and item); and a transport-wide
/// congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01) decoded into a
/// caller's array of packet statuses.
/// </summary>
[MemoryDiagnoser]
public class RtcpParseBenchmarks
{
    /// <summary>Packets the TWCC feedback reports: a 20 ms video burst, some lost, small and large deltas.</summary>
    public const int FeedbackPackets = 40;

    private byte[] _compound = null!;
    private byte[] _feedback = null!;
    private TransportPacketStatus[] _statuses = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] buffer = new byte[1500];
        ReportBlock block = new(0x0BAD_CAFE, 12, 345, 0x0001_2345, 678, 0x1234_5678, 0x0000_8000);
        if (!SenderReport.TryWrite(buffer, 0x1234_5678, 0xE8A1_2B3C_4D5E_6F70, 960 * 1000, 1000, 160_000, [block], out int sr)
            || !SourceDescription.TryWriteCanonicalName(buffer.AsSpan(sr), 0x1234_5678, "user-7f3a9c2e@gateway"u8, out int sdes))
        {
            throw new InvalidOperationException("could not write the SR + SDES compound");
        }

        _compound = buffer[..(sr + sdes)];

        var packets = new TransportPacketStatus[FeedbackPackets];
        for (int i = 0; i < packets.Length; i++)
        {
            ushort sequence = (ushort)(1000 + i);
            packets[i] = i % 9 == 4 ? TransportPacketStatus.Lost(sequence)
                : new TransportPacketStatus(sequence, true, i % 7 == 0 ? 300 : 4 + (i % 5));
        }

        if (!TransportFeedback.TryWrite(buffer, 0x1234_5678, 0x0BAD_CAFE, 123_456, 17, packets, out int feedback))
        {
            throw new InvalidOperationException("could not write the transport-wide feedback");
        }

        _feedback = buffer[..feedback];
        _statuses = new TransportPacketStatus[FeedbackPackets];
        if (SenderReportAndSdes() <= 0 || TransportWideFeedback() != FeedbackPackets)
        {
            throw new InvalidOperationException("the RTCP packets did not parse as written");
        }
    }

    /// <summary>Walk the compound packet and read every field of the SR and of the SDES chunk and item.</summary>
    [Benchmark]
    public int SenderReportAndSdes()
    {
        uint sum = 0;
        RtcpCompoundEnumerator packets = new RtcpCompoundPacket(_compound).GetEnumerator();
        while (packets.MoveNext())
        {
            RtcpPacket packet = packets.Current;
            switch (packet.PacketType)
            {
                case RtcpPacketType.SenderReport:
                    if (SenderReport.TryParse(packet, out SenderReport report) != RtcpParseResult.Ok)
                    {
                        return -1;
                    }

                    sum += report.Ssrc ^ (uint)report.NtpTimestamp ^ report.RtpTimestamp ^ report.PacketCount ^ report.OctetCount;
                    ReportBlockList blocks = report.ReportBlocks;
                    for (int i = 0; i < blocks.Count; i++)
                    {
                        ReportBlock b = blocks[i];
                        sum += b.Ssrc ^ b.FractionLost ^ (uint)b.CumulativeLost ^ b.HighestSequenceNumber ^ b.Jitter ^ b.LastSenderReport ^ b.DelaySinceLastSenderReport;
                    }

                    break;
                case RtcpPacketType.SourceDescription:
                    if (SourceDescription.TryParse(packet, out SourceDescription description) != RtcpParseResult.Ok)
                    {
                        return -1;
                    }

                    foreach (SdesChunk chunk in description)
                    {
                        sum += chunk.Ssrc;
                        foreach (SdesItem item in chunk.Items)
                        {
                            sum += (uint)item.Type + (uint)item.Value.Length;
                        }
                    }

                    break;
                default:
                    return -1;
            }
        }

        return packets.Result == RtcpParseResult.Ok ? (int)(sum & 0x7FFF_FFFF) | 1 : -1;
    }

    /// <summary>Parse the feedback packet and decode all its statuses into a reused array.</summary>
    [Benchmark]
    public int TransportWideFeedback()
    {
        if (RtcpPacket.TryParse(_feedback, out RtcpPacket packet) != RtcpParseResult.Ok
            || TransportFeedback.TryParse(packet, out TransportFeedback feedback) != RtcpParseResult.Ok
            || feedback.TryGetPackets(_statuses, out int count) != RtcpParseResult.Ok)
        {
            return -1;
        }

        return count;
    }
}
