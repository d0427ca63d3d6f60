using Gateway.Rtp.Demux;
using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>
/// The relay's per-packet RTP work allocates nothing: classify, parse, walk the extensions, read the named ones,
/// rewrite SSRC / sequence / timestamp / transport-wide sequence number in place, and add then remove an element,
/// on 100,000 packets, measured with GC.GetAllocatedBytesForCurrentThread.
/// </summary>
public sealed class RtpAllocationTests
{
    private const int Packets = 100_000;

    [Fact]
    public void ParseEnumerateAndRewrite_AllocateNothing()
    {
        byte[][] sources = [RtpTestPackets.Audio(), RtpTestPackets.TwoByteVideo(), RtpTestPackets.Everything(), RtpTestPackets.Rfc8285OneByteExample()];
        byte[][] buffers = [.. sources.Select(s => new byte[s.Length + 64])];

        long Loop(int count)
        {
            long checksum = 0;
            for (int i = 0; i < count; i++)
            {
                int which = i & 3;
                byte[] buffer = buffers[which];
                byte[] source = sources[which];
                source.CopyTo(buffer, 0);
                Span<byte> packet = buffer.AsSpan(0, source.Length);
                if (PacketClassifier.Classify(packet) != MultiplexedPacketKind.Rtp
                    || !RtpHeader.TryGetLength(packet, out int headerLength)
                    || MutableRtpPacket.TryParse(packet, out MutableRtpPacket rtp) != RtpParseResult.Ok)
                {
                    throw new InvalidOperationException("parse failed");
                }

                foreach (RtpHeaderExtension element in rtp.Extensions)
                {
                    checksum += element.Id + element.Value.Length;
                }

                if (rtp.Extensions.TryGetAudioLevel(RtpTestPackets.AudioLevelId, out AudioLevel level))
                {
                    checksum += level.Level;
                }

                if (rtp.Extensions.TryGetTransportSequenceNumber(RtpTestPackets.TransportSequenceId, out ushort transport))
                {
                    rtp.TrySetTransportSequenceNumber(RtpTestPackets.TransportSequenceId, (ushort)(transport + 1));
                }

                rtp.SetSsrc((uint)i);
                rtp.SetSequenceNumber((ushort)i);
                rtp.SetTimestamp((uint)(i * 960));
                rtp.SetMarker((i & 1) == 0);
                checksum += rtp.AsReadOnly().Payload.Length + headerLength;

                if (RtpHeaderExtensionEditor.TrySet(buffer, source.Length, 12, [1, 2, 3], out int grown) == RtpExtensionEditResult.Ok)
                {
                    RtpHeaderExtensionEditor.TryRemove(buffer, grown, 12, out int shrunk);
                    checksum += shrunk;
                }
            }

            return checksum;
        }

        Loop(2_000); // JIT and tiering out of the way
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = Loop(Packets);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEqual(0, checksum);
        Assert.Equal(0, allocated);
    }
}
