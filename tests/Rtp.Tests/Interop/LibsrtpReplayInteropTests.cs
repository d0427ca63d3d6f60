using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// Each side refuses the other's packets delivered twice (RFC 3711 §3.3.2): Replayed / ReplayFail inside
/// the 128-packet replay window, TooOld / ReplayOld behind it, for SRTP and SRTCP.
/// </summary>
public sealed class LibsrtpReplayInteropTests
{
    public static TheoryData<SrtpProfile> Profiles => LibsrtpInterop.Profiles();

    /// <summary>
    /// 200 packets libsrtp protected, delivered once each to ours; then the last 100 again (inside the
    /// 128-packet window: Replayed) and the first 50 again (behind it: TooOld).
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_LibsrtpPacketDeliveredTwice_IsRefusedTheSecondTime(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt);
        using (theirs)
        using (ours)
        {
            List<byte[]> wire = ProtectRtpSequence(random, 200, (buffer, length) =>
            {
                Assert.True(theirs.ProtectRtp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok);
                return protectedLength;
            });
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            SrtpResult Deliver(byte[] packet)
            {
                packet.CopyTo(buffer, 0);
                return ours.UnprotectRtp(buffer, packet.Length, out _);
            }

            AssertSecondDeliveryRefused(wire, Deliver, SrtpResult.Ok, SrtpResult.Replayed, SrtpResult.TooOld, $"{profile}, packet", InteropSeed.Describe(seed));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void LibsrtpUnprotectRtp_OurPacketDeliveredTwice_IsRefusedTheSecondTime(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt);
        using (ours)
        using (theirs)
        {
            List<byte[]> wire = ProtectRtpSequence(random, 200, (buffer, length) =>
            {
                Assert.Equal(SrtpResult.Ok, ours.ProtectRtp(buffer, length, out int protectedLength));
                return protectedLength;
            });
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            LibsrtpStatus Deliver(byte[] packet)
            {
                packet.CopyTo(buffer, 0);
                return theirs.UnprotectRtp(buffer, packet.Length, out _);
            }

            AssertSecondDeliveryRefused(wire, Deliver, LibsrtpStatus.Ok, LibsrtpStatus.ReplayFail, LibsrtpStatus.ReplayOld, $"{profile}, packet", InteropSeed.Describe(seed));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtcp_LibsrtpPacketDeliveredTwice_IsRefusedTheSecondTime(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt);
        using (theirs)
        using (ours)
        {
            List<byte[]> wire = ProtectRtcpSequence(random, 200, (buffer, length) =>
            {
                Assert.True(theirs.ProtectRtcp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok);
                return protectedLength;
            });
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            SrtpResult Deliver(byte[] packet)
            {
                packet.CopyTo(buffer, 0);
                return ours.UnprotectRtcp(buffer, packet.Length, out _);
            }

            AssertSecondDeliveryRefused(wire, Deliver, SrtpResult.Ok, SrtpResult.Replayed, SrtpResult.TooOld, $"{profile}, SRTCP packet", InteropSeed.Describe(seed));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void LibsrtpUnprotectRtcp_OurPacketDeliveredTwice_IsRefusedTheSecondTime(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt);
        using (ours)
        using (theirs)
        {
            List<byte[]> wire = ProtectRtcpSequence(random, 200, (buffer, length) =>
            {
                Assert.Equal(SrtpResult.Ok, ours.ProtectRtcp(buffer, length, out int protectedLength));
                return protectedLength;
            });
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            LibsrtpStatus Deliver(byte[] packet)
            {
                packet.CopyTo(buffer, 0);
                return theirs.UnprotectRtcp(buffer, packet.Length, out _);
            }

            AssertSecondDeliveryRefused(wire, Deliver, LibsrtpStatus.Ok, LibsrtpStatus.ReplayFail, LibsrtpStatus.ReplayOld, $"{profile}, SRTCP packet", InteropSeed.Describe(seed));
        }
    }

    /// <summary>
    /// Delivers all of <paramref name="wire"/> once (each accepted), packets 100.. again (refused as replays
    /// inside the window), then packets 0..49 again (refused as behind the window).
    /// </summary>
    private static void AssertSecondDeliveryRefused<TStatus>(List<byte[]> wire, Func<byte[], TStatus> deliver,
        TStatus ok, TStatus replayed, TStatus tooOld, string what, string seed)
        where TStatus : struct, Enum
    {
        for (int i = 0; i < wire.Count; i++)
        {
            TStatus status = deliver(wire[i]);
            Assert.True(status.Equals(ok), $"{what} {i} first delivery: {status}, {seed}");
        }

        for (int i = 100; i < wire.Count; i++)
        {
            TStatus status = deliver(wire[i]);
            Assert.True(status.Equals(replayed), $"{what} {i} delivered again: {status}, {seed}");
        }

        for (int i = 0; i < 50; i++)
        {
            TStatus status = deliver(wire[i]);
            Assert.True(status.Equals(tooOld), $"{what} {i} delivered again, behind the window: {status}, {seed}");
        }
    }

    /// <summary>Consecutive RTP packets of one SSRC, protected by <paramref name="protect"/>.</summary>
    private static List<byte[]> ProtectRtpSequence(Random random, int count, Func<byte[], int, int> protect)
    {
        var packets = new List<byte[]>(count);
        byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
        ushort sequence = (ushort)random.Next(0, 65536);
        for (int i = 0; i < count; i++)
        {
            int length = SrtpInteropPackets.WriteRtp(buffer, random, (ushort)(sequence + i), (uint)(i * 960), 0x0BAD5EED, random.Next(0, 301));
            packets.Add(buffer.AsSpan(0, protect(buffer, length)).ToArray());
        }

        return packets;
    }

    /// <summary>Consecutive RTCP compound packets of one sender, protected by <paramref name="protect"/>.</summary>
    private static List<byte[]> ProtectRtcpSequence(Random random, int count, Func<byte[], int, int> protect)
    {
        var packets = new List<byte[]>(count);
        byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
        for (int i = 0; i < count; i++)
        {
            int length = SrtpInteropPackets.WriteCompoundRtcp(buffer, random, 0x0BAD5EED);
            packets.Add(buffer.AsSpan(0, protect(buffer, length)).ToArray());
        }

        return packets;
    }
}
