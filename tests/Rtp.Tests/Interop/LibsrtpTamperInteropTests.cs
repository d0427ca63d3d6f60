using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// Each side rejects the other's altered packets: one flipped bit anywhere in an SRTP or SRTCP packet
/// (header, payload, E flag and index, tag) fails, and the untouched packet is still accepted afterwards
/// (a rejected packet moves no ROC and no replay list, RFC 3711 §3.3).
/// </summary>
public sealed class LibsrtpTamperInteropTests
{
    private const int TamperedPackets = 100;

    public static TheoryData<SrtpProfile> Profiles => LibsrtpInterop.Profiles();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_LibsrtpPacketWithOneBitFlipped_IsRejectedAndTheOriginalAccepted(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt);
        using (theirs)
        using (ours)
        {
            var streams = new InteropRtpStreams(random, count: 2);
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < TamperedPackets; i++)
            {
                int length = streams.Write(plain, random.Next(0, 1201));
                plain.AsSpan(0, length).CopyTo(buffer);
                Assert.True(theirs.ProtectRtp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok);
                byte[] wire = buffer.AsSpan(0, protectedLength).ToArray();
                int bit = RtpBitToFlip(i, random, LibsrtpInterop.RtpHeaderLength(plain), length, protectedLength);
                string what = $"{profile}, packet {i} ({LibsrtpInterop.DescribeRtp(plain, length)}), bit {bit} (byte {bit / 8}) flipped, {InteropSeed.Describe(seed)}";

                AssertFlipRejectedAndOriginalAccepted(wire, buffer, bit, plain.AsSpan(0, length),
                    (byte[] b, int l, out int end) => ours.UnprotectRtp(b, l, out end), SrtpResult.Ok,
                    "ours accepted libsrtp's altered packet", "ours refused libsrtp's packet after its altered copy", what);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void LibsrtpUnprotectRtp_OurPacketWithOneBitFlipped_IsRejectedAndTheOriginalAccepted(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt);
        using (ours)
        using (theirs)
        {
            var streams = new InteropRtpStreams(random, count: 2);
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < TamperedPackets; i++)
            {
                int length = streams.Write(plain, random.Next(0, 1201));
                plain.AsSpan(0, length).CopyTo(buffer);
                Assert.Equal(SrtpResult.Ok, ours.ProtectRtp(buffer, length, out int protectedLength));
                byte[] wire = buffer.AsSpan(0, protectedLength).ToArray();
                int bit = RtpBitToFlip(i, random, LibsrtpInterop.RtpHeaderLength(plain), length, protectedLength);
                string what = $"{profile}, packet {i} ({LibsrtpInterop.DescribeRtp(plain, length)}), bit {bit} (byte {bit / 8}) flipped, {InteropSeed.Describe(seed)}";

                AssertFlipRejectedAndOriginalAccepted(wire, buffer, bit, plain.AsSpan(0, length),
                    (byte[] b, int l, out int end) => theirs.UnprotectRtp(b, l, out end), LibsrtpStatus.Ok,
                    "libsrtp accepted our altered packet", "libsrtp refused our packet after its altered copy", what);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtcp_LibsrtpPacketWithOneBitFlipped_IsRejectedAndTheOriginalAccepted(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt);
        using (theirs)
        using (ours)
        {
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < TamperedPackets; i++)
            {
                int length = SrtpInteropPackets.WriteCompoundRtcp(plain, random, 0x7A3B0001);
                plain.AsSpan(0, length).CopyTo(buffer);
                Assert.True(theirs.ProtectRtcp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok);
                byte[] wire = buffer.AsSpan(0, protectedLength).ToArray();
                int bit = RtcpBitToFlip(i, random, profile, length, protectedLength);
                string what = $"{profile}, compound packet {i} ({length} bytes), bit {bit} (byte {bit / 8}) flipped, {InteropSeed.Describe(seed)}";

                AssertFlipRejectedAndOriginalAccepted(wire, buffer, bit, plain.AsSpan(0, length),
                    (byte[] b, int l, out int end) => ours.UnprotectRtcp(b, l, out end), SrtpResult.Ok,
                    "ours accepted libsrtp's altered SRTCP packet", "ours refused libsrtp's SRTCP packet after its altered copy", what);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void LibsrtpUnprotectRtcp_OurPacketWithOneBitFlipped_IsRejectedAndTheOriginalAccepted(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt);
        using (ours)
        using (theirs)
        {
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < TamperedPackets; i++)
            {
                int length = SrtpInteropPackets.WriteCompoundRtcp(plain, random, 0x7A3B0002);
                plain.AsSpan(0, length).CopyTo(buffer);
                Assert.Equal(SrtpResult.Ok, ours.ProtectRtcp(buffer, length, out int protectedLength));
                byte[] wire = buffer.AsSpan(0, protectedLength).ToArray();
                int bit = RtcpBitToFlip(i, random, profile, length, protectedLength);
                string what = $"{profile}, compound packet {i} ({length} bytes), bit {bit} (byte {bit / 8}) flipped, {InteropSeed.Describe(seed)}";

                AssertFlipRejectedAndOriginalAccepted(wire, buffer, bit, plain.AsSpan(0, length),
                    (byte[] b, int l, out int end) => theirs.UnprotectRtcp(b, l, out end), LibsrtpStatus.Ok,
                    "libsrtp accepted our altered SRTCP packet", "libsrtp refused our SRTCP packet after its altered copy", what);
            }
        }
    }

    private delegate TStatus Unprotect<TStatus>(byte[] buffer, int length, out int plainEnd);

    /// <summary>
    /// Unprotects <paramref name="wire"/> with <paramref name="bit"/> flipped (must fail), then the original
    /// (must succeed and give back <paramref name="plain"/>): one altered packet harms nothing after it.
    /// </summary>
    private static void AssertFlipRejectedAndOriginalAccepted<TStatus>(byte[] wire, byte[] buffer, int bit, ReadOnlySpan<byte> plain,
        Unprotect<TStatus> unprotect, TStatus ok, string acceptedAltered, string refusedOriginal, string what)
        where TStatus : struct, Enum
    {
        wire.CopyTo(buffer, 0);
        buffer[bit / 8] ^= (byte)(0x80 >> (bit % 8));
        TStatus status = unprotect(buffer, wire.Length, out _);
        Assert.True(!status.Equals(ok), $"{acceptedAltered}: {what}");

        wire.CopyTo(buffer, 0);
        status = unprotect(buffer, wire.Length, out int plainEnd);
        Assert.True(status.Equals(ok), $"{refusedOriginal}: {status}; {what}");
        Assert.True(plain.SequenceEqual(buffer.AsSpan(0, plainEnd)), $"plaintext differs: {what}");
    }

    /// <summary>
    /// The bit to flip in packet <paramref name="i"/>: in turn one in the RTP header, the payload (when
    /// there is one), the tag, and anywhere, so every region is covered whatever the seed.
    /// </summary>
    private static int RtpBitToFlip(int i, Random random, int headerLength, int plainLength, int protectedLength)
    {
        (int from, int to) = (i % 4) switch
        {
            0 => (0, headerLength),
            1 when plainLength > headerLength => (headerLength, plainLength),
            2 => (plainLength, protectedLength),
            _ => (0, protectedLength),
        };
        return random.Next(from * 8, to * 8);
    }

    /// <summary>
    /// As <see cref="RtpBitToFlip"/> for SRTCP: the first 8 bytes (never encrypted), the encrypted part,
    /// the E flag and index word, the tag, and anywhere.
    /// </summary>
    private static int RtcpBitToFlip(int i, Random random, SrtpProfile profile, int plainLength, int protectedLength)
    {
        int indexOffset = LibsrtpInterop.RtcpIndexOffset(profile, plainLength);
        int tagOffset = profile.IsAead() ? plainLength : plainLength + SrtpSession.RtcpIndexLength;
        (int from, int to) = (i % 5) switch
        {
            0 => (0, SrtpSession.RtcpHeaderLength),
            1 => (SrtpSession.RtcpHeaderLength, plainLength),
            2 => (indexOffset, indexOffset + SrtpSession.RtcpIndexLength),
            3 => (tagOffset, tagOffset + profile.RtcpTagLength()),
            _ => (0, protectedLength),
        };
        return random.Next(from * 8, to * 8);
    }
}
