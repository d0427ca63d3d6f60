using System.Runtime.CompilerServices;
using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// <see cref="SrtpBatch"/> gives what the single calls give, packet for packet and byte for byte, over mixed
/// profiles (AEAD in the native batch, AES-CM one by one), wraps, duplicates, forgeries and new SSRCs.
/// </summary>
public sealed unsafe class SrtpBatchTests
{
    private const int Sessions = 6;
    private const int BatchSize = 32;
    private const int Stride = SrtpTestData.BufferSize;

    [Fact]
    public void ProtectRtpAndUnprotectRtp_Batched_MatchTheSingleCalls()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        var keys = new (SrtpProfile Profile, byte[] Key, byte[] Salt)[Sessions];
        for (int k = 0; k < Sessions; k++)
        {
            SrtpProfile profile = SrtpProfiles.All[k % 4];
            (byte[] key, byte[] salt) = SrtpTestData.Keys(profile, random);
            keys[k] = (profile, key, salt);
        }

        SrtpSession[] Make() => [.. keys.Select(k => SrtpSession.Create(k.Profile, k.Key, k.Salt))];
        SrtpSession[] singleSenders = Make(), batchSenders = Make(), singleReceivers = Make(), batchReceivers = Make();
        try
        {
            // Traffic: two SSRCs per session, sequences from 65500 across the wrap, some sent twice.
            var plain = new List<(int Session, byte[] Packet)>();
            var next = new Dictionary<uint, ushort>();
            byte[] scratch = new byte[Stride];
            for (int i = 0; i < 20 * BatchSize; i++)
            {
                int session = random.Next(Sessions);
                uint ssrc = (uint)(session * 2 + random.Next(2) + 1);
                ushort sequence = next.TryGetValue(ssrc, out ushort s) ? s : (ushort)65500;
                if (random.Next(20) == 0 && sequence != 65500)
                {
                    sequence--; // the same index again: the sender must refuse it
                }
                else
                {
                    next[ssrc] = (ushort)(sequence + 1);
                }

                int length = SrtpTestData.WriteRandomRtp(scratch, random, sequence, ssrc);
                plain.Add((session, scratch.AsSpan(0, length).ToArray()));
            }

            List<(SrtpResult, byte[])> single = [.. plain.Select(p => ProtectSingle(singleSenders[p.Session], p.Packet))];
            List<(SrtpResult, byte[])> batched = ProtectBatched(batchSenders, plain);
            AssertSame(single, batched, "protect", seed);

            // Delivery: the Ok packets, neighbours swapped now and then, some repeated, some forged
            // (never a stream's first packet: see SrtpBatch's remarks), some truncated.
            var delivered = new List<(int Session, byte[] Packet)>();
            var deliveries = new Dictionary<uint, int>();
            for (int i = 0; i < plain.Count; i++)
            {
                if (single[i].Item1 != SrtpResult.Ok)
                {
                    continue;
                }

                byte[] packet = single[i].Item2;
                uint ssrc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8));
                deliveries[ssrc] = deliveries.GetValueOrDefault(ssrc) + 1;
                bool established = deliveries[ssrc] > BatchSize + 1; // its first packet went in an earlier batch
                int choice = random.Next(40);
                if (choice == 0 && established)
                {
                    packet = (byte[])packet.Clone();
                    packet[random.Next(packet.Length)] ^= (byte)(1 + random.Next(255));
                }
                else if (choice == 1 && established)
                {
                    packet = packet.AsSpan(0, random.Next(packet.Length)).ToArray();
                }

                delivered.Add((plain[i].Session, packet));
                if (choice == 2)
                {
                    delivered.Add((plain[i].Session, packet));
                }

                if (choice == 3 && delivered.Count > 2)
                {
                    (delivered[^1], delivered[^2]) = (delivered[^2], delivered[^1]);
                }
            }

            single = [.. delivered.Select(p => UnprotectSingle(singleReceivers[p.Session], p.Packet))];
            batched = UnprotectBatched(batchReceivers, delivered);
            AssertSame(single, batched, "unprotect", seed);
            Assert.Contains(single, r => r.Item1 == SrtpResult.Replayed);
            Assert.Contains(single, r => r.Item1 == SrtpResult.AuthenticationFailed);

            for (int k = 0; k < Sessions; k++)
            {
                Assert.Equal(singleReceivers[k].RtpStreamCount, batchReceivers[k].RtpStreamCount);
                for (uint ssrc = 1; ssrc <= 2 * Sessions; ssrc++)
                {
                    bool a = singleReceivers[k].TryGetRtpState(ssrc, out uint rocA, out ushort highestA);
                    bool b = batchReceivers[k].TryGetRtpState(ssrc, out uint rocB, out ushort highestB);
                    Assert.Equal((a, rocA, highestA), (b, rocB, highestB));
                }
            }
        }
        finally
        {
            foreach (SrtpSession session in singleSenders.Concat(batchSenders).Concat(singleReceivers).Concat(batchReceivers))
            {
                session.Dispose();
            }
        }
    }

    [Fact]
    public void Run_NewSsrcWrappingInsideOneBatch_EstimatesTheLaterPacketsFromTheFirst()
    {
        var random = new Random(8);
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(SrtpProfile.AeadAes128Gcm, random);
        using (sender)
        using (receiver)
        using (var batch = new SrtpBatch(4))
        {
            byte[][] packets = SrtpSessionRolloverTests.Protect(sender, [65534, 65535, 0, 1], 99);
            byte[] slab = GC.AllocateArray<byte>(4 * Stride, pinned: true);
            fixed (byte* p = slab)
            {
                for (int i = 0; i < 4; i++)
                {
                    packets[i].CopyTo(slab, i * Stride);
                    Assert.Equal(i, batch.AddUnprotectRtp(receiver, p + (i * Stride), packets[i].Length));
                }

                batch.Run();
            }

            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(SrtpResult.Ok, batch.Result(i));
                Assert.Equal(packets[i].Length - 16, batch.ResultLength(i));
            }

            Assert.True(receiver.TryGetRtpState(99, out uint roc, out ushort highest));
            Assert.Equal((1u, (ushort)1), (roc, highest));
        }
    }

    [Fact]
    public void Add_FullOrAfterRun_ThrowsAndResultBeforeRunThrows()
    {
        using SrtpSession sender = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12]);
        using var batch = new SrtpBatch(1);
        byte[] slab = GC.AllocateArray<byte>(Stride, pinned: true);
        byte* p = (byte*)Unsafe.AsPointer(ref slab[0]); // on the pinned object heap: it does not move
        int length = SrtpTestData.WriteRtp(slab, new Random(1), 1, 1, 10);
        batch.AddProtectRtp(sender, p, Stride, length);
        Assert.Throws<InvalidOperationException>(() => batch.Result(0));
        Assert.Throws<InvalidOperationException>(() => batch.AddProtectRtp(sender, p, Stride, length));
        batch.Run();
        Assert.Equal(SrtpResult.Ok, batch.Result(0));
        Assert.Equal(length + 16, batch.ResultLength(0));
        Assert.Throws<InvalidOperationException>(() => batch.AddProtectRtp(sender, p, Stride, length));
        Assert.Throws<InvalidOperationException>(batch.Run);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Result(1));
        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.AddProtectRtp(sender, p, 10, 11));
    }

    private static (SrtpResult, byte[]) ProtectSingle(SrtpSession session, byte[] packet)
    {
        byte[] buffer = new byte[Stride];
        packet.CopyTo(buffer, 0);
        SrtpResult result = session.ProtectRtp(buffer, packet.Length, out int length);
        return (result, buffer.AsSpan(0, length).ToArray());
    }

    private static (SrtpResult, byte[]) UnprotectSingle(SrtpSession session, byte[] packet)
    {
        byte[] buffer = (byte[])packet.Clone();
        SrtpResult result = session.UnprotectRtp(buffer, buffer.Length, out int length);
        return (result, buffer.AsSpan(0, length).ToArray());
    }

    private static List<(SrtpResult, byte[])> ProtectBatched(SrtpSession[] sessions, List<(int Session, byte[] Packet)> packets) =>
        RunBatched(packets, (batch, i, p) => batch.AddProtectRtp(sessions[packets[i].Session], p, Stride, packets[i].Packet.Length));

    private static List<(SrtpResult, byte[])> UnprotectBatched(SrtpSession[] sessions, List<(int Session, byte[] Packet)> packets) =>
        RunBatched(packets, (batch, i, p) => batch.AddUnprotectRtp(sessions[packets[i].Session], p, packets[i].Packet.Length));

    private delegate int AddOne(SrtpBatch batch, int index, byte* buffer);

    private static List<(SrtpResult, byte[])> RunBatched(List<(int Session, byte[] Packet)> packets, AddOne add)
    {
        var results = new List<(SrtpResult, byte[])>();
        byte[] slab = GC.AllocateArray<byte>(BatchSize * Stride, pinned: true);
        using var batch = new SrtpBatch(BatchSize);
        fixed (byte* p = slab)
        {
            for (int start = 0; start < packets.Count; start += BatchSize)
            {
                int count = Math.Min(BatchSize, packets.Count - start);
                batch.Clear();
                for (int i = 0; i < count; i++)
                {
                    packets[start + i].Packet.CopyTo(slab, i * Stride);
                    Assert.Equal(i, add(batch, start + i, p + (i * Stride)));
                }

                batch.Run();
                for (int i = 0; i < count; i++)
                {
                    results.Add((batch.Result(i), slab.AsSpan(i * Stride, batch.ResultLength(i)).ToArray()));
                }
            }
        }

        return results;
    }

    private static void AssertSame(List<(SrtpResult, byte[])> single, List<(SrtpResult, byte[])> batched, string what, int seed)
    {
        Assert.Equal(single.Count, batched.Count);
        for (int i = 0; i < single.Count; i++)
        {
            Assert.True(single[i].Item1 == batched[i].Item1, $"{what} packet {i}: single {single[i].Item1}, batch {batched[i].Item1}, {TestSeed.Describe(seed)}");
            Bytes.Equal(single[i].Item2, batched[i].Item2, $"{what} packet {i}, {TestSeed.Describe(seed)}");
        }
    }
}
