using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>Walking, parsing and building RTCP allocates nothing (100,000 compound packets).</summary>
public sealed class RtcpAllocationTests
{
    private const int Packets = 100_000;

    [Fact]
    public void ParseCompoundDecodeFeedbackAndBuild_AllocateNothing()
    {
        byte[] compound = RtcpTestPackets.Compound();
        byte[] chrome = RtcpCaptures.ChromeTwccMixed();
        var statuses = new TransportPacketStatus[100];
        var lost = new ushort[64];
        var nackItems = new NackItem[8];
        byte[] output = new byte[1500];

        long Loop(int count)
        {
            long checksum = 0;
            for (int i = 0; i < count; i++)
            {
                foreach (RtcpPacket packet in new RtcpCompoundPacket((i & 1) == 0 ? compound : chrome))
                {
                    if (ReceiverReport.TryParse(packet, out ReceiverReport rr) == RtcpParseResult.Ok)
                    {
                        checksum += rr.ReportBlocks[0].Jitter;
                    }
                    else if (SourceDescription.TryParse(packet, out SourceDescription sdes) == RtcpParseResult.Ok)
                    {
                        foreach (SdesChunk chunk in sdes)
                        {
                            checksum += chunk.TryGetItem(SdesItemType.CanonicalName, out ReadOnlySpan<byte> cname) ? cname.Length : 0;
                        }
                    }
                    else if (GenericNack.TryParse(packet, out GenericNack nack) == RtcpParseResult.Ok)
                    {
                        nack.TryGetLostSequenceNumbers(lost, out int lostCount);
                        NackList.TryCompact(lost.AsSpan(0, lostCount), nackItems, out int items);
                        GenericNack.TryWrite(output, 1, 2, nackItems.AsSpan(0, items), out int written);
                        checksum += written;
                    }
                    else if (TransportFeedback.TryParse(packet, out TransportFeedback feedback) == RtcpParseResult.Ok)
                    {
                        feedback.TryGetPackets(statuses, out int statusCount);
                        TransportFeedback.TryWrite(output, 1, 2, feedback.ReferenceTime, 0, statuses.AsSpan(0, statusCount), out int written);
                        checksum += written;
                    }
                    else if (ReceiverEstimatedMaxBitrate.TryParse(packet, out ReceiverEstimatedMaxBitrate remb) == RtcpParseResult.Ok)
                    {
                        checksum += (long)(remb.Bitrate & 0xFFFF);
                    }
                }

                SourceDescription.TryWriteCanonicalName(output, 1, "gateway"u8, out int sdesLength);
                PictureLossIndication.TryWrite(output.AsSpan(sdesLength), 1, 2, out int pliLength);
                checksum += sdesLength + pliLength;
            }

            return checksum;
        }

        Loop(2_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = Loop(Packets);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEqual(0, checksum);
        Assert.Equal(0, allocated);
    }
}
