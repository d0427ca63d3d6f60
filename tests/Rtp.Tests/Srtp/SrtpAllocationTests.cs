using System.Buffers.Binary;
using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// The per-packet paths allocate nothing: 100,000 protect + unprotect of RTP and of RTCP per profile (the
/// sequence wraps on the way), and batches of 32, measured with GC.GetAllocatedBytesForCurrentThread
/// after a warm-up.
/// </summary>
public sealed unsafe class SrtpAllocationTests
{
    private const int Packets = 100_000;

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void ProtectAndUnprotect_100000RtpAndRtcpPackets_AllocateNothing(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(1));
        using (sender)
        using (receiver)
        {
            var random = new Random(2);
            byte[] rtp = new byte[SrtpTestData.BufferSize];
            int rtpLength = SrtpTestData.WriteRtp(rtp, random, 0, 0xABCDEF01, 160, csrcs: 1, extensionWords: 2);
            byte[] rtcp = new byte[SrtpTestData.BufferSize];
            int rtcpLength = SrtpTestData.WriteRtcp(rtcp, random, 0xABCDEF01);
            byte[] rtpTemplate = rtp.AsSpan(0, rtpLength).ToArray();
            byte[] rtcpTemplate = rtcp.AsSpan(0, rtcpLength).ToArray();
            int sequence = 0;

            int Loop(int packets)
            {
                int failures = 0;
                for (int i = 0; i < packets; i++, sequence++)
                {
                    rtpTemplate.CopyTo(rtp, 0);
                    BinaryPrimitives.WriteUInt16BigEndian(rtp.AsSpan(2), (ushort)sequence);
                    failures += sender.ProtectRtp(rtp, rtpLength, out int protectedLength) == SrtpResult.Ok ? 0 : 1;
                    failures += receiver.UnprotectRtp(rtp, protectedLength, out _) == SrtpResult.Ok ? 0 : 1;

                    rtcpTemplate.CopyTo(rtcp, 0);
                    failures += sender.ProtectRtcp(rtcp, rtcpLength, out protectedLength) == SrtpResult.Ok ? 0 : 1;
                    failures += receiver.UnprotectRtcp(rtcp, protectedLength, out _) == SrtpResult.Ok ? 0 : 1;
                }

                return failures;
            }

            Assert.Equal(0, Loop(1000));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int failures = Loop(Packets);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, failures);
            Assert.True(allocated == 0, $"{Packets} x (RTP + RTCP protect and unprotect) on {profile}/{sender.Implementation} allocated {allocated} bytes.");
            Assert.True(receiver.TryGetRtpState(0xABCDEF01, out uint roc, out _));
            Assert.Equal((uint)((Packets + 1000) / 65536), roc);
        }
    }

    [Fact]
    public void SrtpBatch_ProtectAndUnprotectRuns_AllocateNothing()
    {
        const int batchSize = 32;
        const int stride = 256;
        var sessions = new List<SrtpSession>();
        try
        {
            var random = new Random(3);
            var senders = new SrtpSession[4];
            var receivers = new SrtpSession[4];
            for (int k = 0; k < 4; k++)
            {
                (senders[k], receivers[k]) = SrtpTestData.Pair(SrtpProfiles.All[k], random);
                sessions.Add(senders[k]);
                sessions.Add(receivers[k]);
            }

            byte[] slab = GC.AllocateArray<byte>(batchSize * stride, pinned: true);
            int[] lengths = new int[batchSize];
            using var batch = new SrtpBatch(batchSize);
            int sequence = 0;
            fixed (byte* pinned = slab)
            {
                int Loop(byte* p, int runs)
                {
                    int failures = 0;
                    for (int r = 0; r < runs; r++, sequence++)
                    {
                        batch.Clear();
                        for (int i = 0; i < batchSize; i++)
                        {
                            Span<byte> packet = slab.AsSpan(i * stride, stride);
                            packet[..140].Clear();
                            packet[0] = 0x80;
                            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)sequence);
                            BinaryPrimitives.WriteUInt32BigEndian(packet[8..], (uint)i);
                            batch.AddProtectRtp(senders[i % 4], p + (i * stride), stride, 140);
                        }

                        batch.Run();
                        for (int i = 0; i < batchSize; i++)
                        {
                            failures += batch.Result(i) == SrtpResult.Ok ? 0 : 1;
                            lengths[i] = batch.ResultLength(i);
                        }

                        batch.Clear();
                        for (int i = 0; i < batchSize; i++)
                        {
                            batch.AddUnprotectRtp(receivers[i % 4], p + (i * stride), lengths[i]);
                        }

                        batch.Run();
                        for (int i = 0; i < batchSize; i++)
                        {
                            failures += batch.Result(i) == SrtpResult.Ok ? 0 : 1;
                        }
                    }

                    return failures;
                }

                Assert.Equal(0, Loop(pinned, 100));
                long before = GC.GetAllocatedBytesForCurrentThread();
                int failures = Loop(pinned, 3000);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Equal(0, failures);
                Assert.True(allocated == 0, $"3000 batch runs of {batchSize} (protect + unprotect) on {CryptoBackend.Name(senders[0].Implementation)} allocated {allocated} bytes.");
            }
        }
        finally
        {
            foreach (SrtpSession session in sessions)
            {
                session.Dispose();
            }
        }
    }
}
