using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>
/// Seeded property test: every truncation of valid protected packets and random mutations and random bytes
/// fed to UnprotectRtp / UnprotectRtcp (over 200,000 calls). Never an exception, never an out-of-range
/// read (the spans would throw), always a defined value, Ok only for a genuine packet not seen before,
/// and every genuine packet still accepted afterwards (no forgery moved any window).
/// </summary>
public sealed class SrtpFuzzTests
{
    private const int GenuinePackets = 40;
    private const int Mutations = 30_000;

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void Unprotect_TruncatedMutatedAndRandomPackets_FailAsValues(SrtpProfile profile)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, random);
        using (sender)
        using (receiver)
        {
            var rtp = new List<byte[]>();
            var rtcp = new List<byte[]>();
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            for (int i = 0; i < GenuinePackets; i++)
            {
                int length = SrtpTestData.WriteRtp(buffer, random, (ushort)(65520 + i), (uint)(1 + (i % 3)), random.Next(0, 600), random.Next(0, 4), random.Next(-1, 3));
                Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                rtp.Add(buffer.AsSpan(0, protectedLength).ToArray());
                length = SrtpTestData.WriteRtcp(buffer, random, (uint)(1 + (i % 3)), random.Next(0, 6));
                Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out protectedLength));
                rtcp.Add(buffer.AsSpan(0, protectedLength).ToArray());
            }

            int calls = 0;
            byte[] work = new byte[SrtpTestData.BufferSize];

            // Every truncation (a genuine prefix is never the genuine packet).
            foreach ((List<byte[]> packets, bool isRtcp) in new[] { (rtp, false), (rtcp, true) })
            {
                foreach (byte[] packet in packets)
                {
                    for (int length = 0; length < packet.Length; length++)
                    {
                        packet.AsSpan(0, length).CopyTo(work);
                        Expect(Unprotect(receiver, work, length, isRtcp), okAllowed: false, seed, $"truncation to {length}");
                        calls++;
                    }
                }
            }

            // Random mutations: flip 1..4 bytes, or also cut or extend with random bytes.
            for (int m = 0; m < Mutations; m++)
            {
                bool isRtcp = random.Next(2) == 0;
                byte[] packet = (isRtcp ? rtcp : rtp)[random.Next(GenuinePackets)];
                int length = random.Next(4) switch
                {
                    0 => random.Next(packet.Length + 1),
                    1 => Math.Min(work.Length, packet.Length + random.Next(1, 40)),
                    _ => packet.Length,
                };
                packet.AsSpan(0, Math.Min(length, packet.Length)).CopyTo(work);
                random.NextBytes(work.AsSpan(Math.Min(length, packet.Length), length - Math.Min(length, packet.Length)));
                for (int f = random.Next(1, 5); f > 0 && length > 0; f--)
                {
                    work[random.Next(length)] ^= (byte)random.Next(1, 256);
                }

                bool unchanged = length == packet.Length && work.AsSpan(0, length).SequenceEqual(packet);
                Expect(Unprotect(receiver, work, length, isRtcp), okAllowed: unchanged, seed, $"mutation {m}");
                calls++;
            }

            // Random bytes, version 2 half of the time.
            for (int r = 0; r < Mutations; r++)
            {
                int length = random.Next(0, 300);
                random.NextBytes(work.AsSpan(0, length));
                if (length > 0 && random.Next(2) == 0)
                {
                    work[0] = (byte)(0x80 | (work[0] & 0x3F));
                }

                Expect(Unprotect(receiver, work, length, random.Next(2) == 0), okAllowed: false, seed, $"random {r}");
                calls++;
            }

            // Nothing above moved a window: every genuine packet is still accepted, once.
            foreach ((List<byte[]> packets, bool isRtcp) in new[] { (rtp, false), (rtcp, true) })
            {
                foreach (byte[] packet in packets)
                {
                    packet.CopyTo(work, 0);
                    SrtpResult result = Unprotect(receiver, work, packet.Length, isRtcp);
                    Assert.True(result is SrtpResult.Ok or SrtpResult.Replayed, $"{result}, {TestSeed.Describe(seed)}");
                    calls++;
                }
            }

            Assert.True(calls >= 2 * Mutations + 10_000, $"{calls} calls"); // about 75,000 per profile, 300,000 in all
        }
    }

    private static SrtpResult Unprotect(SrtpSession receiver, byte[] buffer, int length, bool rtcp)
    {
        SrtpResult result = rtcp ? receiver.UnprotectRtcp(buffer, length, out int end) : receiver.UnprotectRtp(buffer, length, out end);
        Assert.True(result == SrtpResult.Ok || end == 0); // a failure reports no packet
        Assert.InRange(end, 0, length);
        return result;
    }

    private static void Expect(SrtpResult result, bool okAllowed, int seed, string what)
    {
        if (!Enum.IsDefined(result) || (result == SrtpResult.Ok && !okAllowed))
        {
            Assert.Fail($"{what}: {result}, {TestSeed.Describe(seed)}");
        }
    }
}
