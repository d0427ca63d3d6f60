using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// SRTP interop with libsrtp2 (the reference implementation, Debian's libsrtp2-1): packets libsrtp
/// protects, ours unprotects, and the other way round, for every profile and every AES implementation:
/// random payloads of 0 to 1200 bytes, CSRC lists, RFC 8285 header extensions, padding, three SSRCs,
/// and a sequence-number wrap (ROC 0 to 1) with reordering around it. A missing libsrtp2 fails these
/// tests with the install hint; nothing is skipped.
/// </summary>
public sealed class LibsrtpInteropTests
{
    private const int WrapStart = 65500;
    private const int WrapCount = 100;

    public static TheoryData<SrtpProfile> Profiles => LibsrtpInterop.Profiles();

    public static TheoryData<SrtpProfile, AesImplementation> ProfilesAndImplementations => LibsrtpInterop.ProfilesAndImplementations();

    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void UnprotectRtp_PacketsLibsrtpProtected_GivesEachPacketBackByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt, implementation);
        using (theirs)
        using (ours)
        {
            var streams = new InteropRtpStreams(random, count: 3);
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < LibsrtpInterop.PacketCount; i++)
            {
                int length = streams.Write(plain, random.Next(0, 1201));
                string what = $"{profile} on {implementation}, packet {i} ({LibsrtpInterop.DescribeRtp(plain, length)}), {InteropSeed.Describe(seed)}";
                plain.AsSpan(0, length).CopyTo(buffer);
                Assert.True(theirs.ProtectRtp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok, $"libsrtp protect: {what}");

                SrtpResult result = ours.UnprotectRtp(buffer, protectedLength, out int payloadEnd);
                Assert.True(result == SrtpResult.Ok, $"ours unprotecting libsrtp's packet: {result}; {what}");
                Assert.True(payloadEnd == length, $"ours: payloadEnd {payloadEnd}, expected {length}; {what}");
                string? difference = LibsrtpInterop.Difference(plain.AsSpan(0, length), buffer.AsSpan(0, payloadEnd));
                Assert.True(difference is null, $"ours unprotecting libsrtp's packet: plaintext {difference}; {what}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void ProtectRtp_LibsrtpUnprotects_EachPacketByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt, implementation);
        using (ours)
        using (theirs)
        {
            var streams = new InteropRtpStreams(random, count: 3);
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < LibsrtpInterop.PacketCount; i++)
            {
                int length = streams.Write(plain, random.Next(0, 1201));
                string what = $"{profile} on {implementation}, packet {i} ({LibsrtpInterop.DescribeRtp(plain, length)}), {InteropSeed.Describe(seed)}";
                plain.AsSpan(0, length).CopyTo(buffer);
                SrtpResult result = ours.ProtectRtp(buffer, length, out int protectedLength);
                Assert.True(result == SrtpResult.Ok, $"ours protect: {result}; {what}");
                Assert.True(protectedLength == length + profile.RtpTagLength(), $"ours: protected length {protectedLength}; {what}");

                LibsrtpStatus status = theirs.UnprotectRtp(buffer, protectedLength, out int plainLength);
                Assert.True(status == LibsrtpStatus.Ok, $"libsrtp unprotecting our packet: {status}; {what}");
                string? difference = LibsrtpInterop.Difference(plain.AsSpan(0, length), buffer.AsSpan(0, plainLength));
                Assert.True(difference is null, $"libsrtp unprotecting our packet: plaintext {difference}; {what}");
            }
        }
    }

    /// <summary>
    /// SRTP is deterministic for a given key, SSRC and index (RFC 3711 §4.1.1, RFC 7714 §8.1), so the
    /// same packet protected by both must be the same bytes: a difference points at the byte that is wrong.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void ProtectRtp_SamePacketAsLibsrtp_GivesTheSameBytes(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        using LibsrtpSession theirs = LibsrtpSession.Create(LibsrtpInterop.ToLibsrtp(profile), key, salt, LibsrtpDirection.Outbound);
        using SrtpSession ours = SrtpSession.Create(profile, key, salt, null, implementation);
        var streams = new InteropRtpStreams(random, count: 2);
        byte[] plain = new byte[SrtpInteropPackets.BufferSize];
        byte[] fromLibsrtp = new byte[SrtpInteropPackets.BufferSize];
        byte[] fromOurs = new byte[SrtpInteropPackets.BufferSize];
        for (int i = 0; i < LibsrtpInterop.PacketCount; i++)
        {
            int length = streams.Write(plain, random.Next(0, 1201));
            string what = $"{profile} on {implementation}, packet {i} ({LibsrtpInterop.DescribeRtp(plain, length)}), {InteropSeed.Describe(seed)}";
            plain.AsSpan(0, length).CopyTo(fromLibsrtp);
            plain.AsSpan(0, length).CopyTo(fromOurs);
            Assert.True(theirs.ProtectRtp(fromLibsrtp, length, out int theirLength) == LibsrtpStatus.Ok, $"libsrtp protect: {what}");
            SrtpResult result = ours.ProtectRtp(fromOurs, length, out int ourLength);
            Assert.True(result == SrtpResult.Ok, $"ours protect: {result}; {what}");
            string? difference = LibsrtpInterop.Difference(fromLibsrtp.AsSpan(0, theirLength), fromOurs.AsSpan(0, ourLength));
            Assert.True(difference is null, $"our SRTP packet {difference} from libsrtp's; {what}");
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_LibsrtpPacketsAcrossTheSequenceWrap_CountsTheRocToOne(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt);
        using (theirs)
        using (ours)
        {
            const uint Ssrc = 0xCAFE0001;
            List<(byte[] Plain, byte[] Protected)> packets = ProtectAcrossWrap(random, Ssrc, (buffer, length) =>
            {
                Assert.True(theirs.ProtectRtp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok, $"libsrtp protect, {InteropSeed.Describe(seed)}");
                return protectedLength;
            });

            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            foreach ((byte[] plain, byte[] protectedPacket) in packets)
            {
                string what = $"{profile}, {LibsrtpInterop.DescribeRtp(plain, plain.Length)}, {InteropSeed.Describe(seed)}";
                protectedPacket.CopyTo(buffer, 0);
                SrtpResult result = ours.UnprotectRtp(buffer, protectedPacket.Length, out int payloadEnd);
                Assert.True(result == SrtpResult.Ok, $"ours unprotecting libsrtp's packet: {result}; {what}");
                string? difference = LibsrtpInterop.Difference(plain, buffer.AsSpan(0, payloadEnd));
                Assert.True(difference is null, $"ours unprotecting libsrtp's packet: plaintext {difference}; {what}");
            }

            Assert.True(ours.TryGetRtpState(Ssrc, out uint rolloverCounter, out ushort highest));
            Assert.Equal(1u, rolloverCounter);
            Assert.Equal((ushort)((WrapStart + WrapCount - 1) & 0xFFFF), highest);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ProtectRtp_AcrossTheSequenceWrap_LibsrtpUnprotectsWithRocOne(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt);
        using (ours)
        using (theirs)
        {
            const uint Ssrc = 0xCAFE0002;
            List<(byte[] Plain, byte[] Protected)> packets = ProtectAcrossWrap(random, Ssrc, (buffer, length) =>
            {
                SrtpResult result = ours.ProtectRtp(buffer, length, out int protectedLength);
                Assert.True(result == SrtpResult.Ok, $"ours protect: {result}, {InteropSeed.Describe(seed)}");
                return protectedLength;
            });
            Assert.True(ours.TryGetRtpState(Ssrc, out uint rolloverCounter, out _));
            Assert.Equal(1u, rolloverCounter);

            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            foreach ((byte[] plain, byte[] protectedPacket) in packets)
            {
                string what = $"{profile}, {LibsrtpInterop.DescribeRtp(plain, plain.Length)}, {InteropSeed.Describe(seed)}";
                protectedPacket.CopyTo(buffer, 0);
                LibsrtpStatus status = theirs.UnprotectRtp(buffer, protectedPacket.Length, out int plainLength);
                Assert.True(status == LibsrtpStatus.Ok, $"libsrtp unprotecting our packet: {status}; {what}");
                string? difference = LibsrtpInterop.Difference(plain, buffer.AsSpan(0, plainLength));
                Assert.True(difference is null, $"libsrtp unprotecting our packet: plaintext {difference}; {what}");
            }
        }
    }

    /// <summary>
    /// Protects sequence numbers 65500 to 65599 (that is, 65500..65535 with ROC 0, then 0..63 with ROC 1)
    /// in order, and returns them in a delivery order shuffled within groups of eight, so packets of
    /// ROC 1 can arrive before the last ones of ROC 0 (RFC 3711 §3.3.1 index estimation).
    /// </summary>
    private static List<(byte[] Plain, byte[] Protected)> ProtectAcrossWrap(Random random, uint ssrc, Func<byte[], int, int> protect)
    {
        var packets = new List<(byte[] Plain, byte[] Protected)>(WrapCount);
        byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
        for (int i = 0; i < WrapCount; i++)
        {
            int length = SrtpInteropPackets.WriteRtp(buffer, random, (ushort)(WrapStart + i), (uint)(i * 960), ssrc, random.Next(0, 1201));
            byte[] plain = buffer.AsSpan(0, length).ToArray();
            int protectedLength = protect(buffer, length);
            packets.Add((plain, buffer.AsSpan(0, protectedLength).ToArray()));
        }

        // The first packet stays first: it sets the receiver's starting index.
        for (int group = 1; group < WrapCount; group += 8)
        {
            int end = Math.Min(group + 8, WrapCount);
            for (int i = end - 1; i > group; i--)
            {
                int j = random.Next(group, i + 1);
                (packets[i], packets[j]) = (packets[j], packets[i]);
            }
        }

        return packets;
    }
}
