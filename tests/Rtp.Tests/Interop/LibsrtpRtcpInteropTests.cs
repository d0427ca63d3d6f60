using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// SRTCP interop with libsrtp2: compound packets (SR with random report blocks, SDES with a random
/// CNAME, sometimes an APP packet with random data) from two senders, libsrtp protecting and ours
/// unprotecting and the other way round, for every profile and AES implementation.
/// </summary>
public sealed class LibsrtpRtcpInteropTests
{
    private static readonly uint[] Senders = [0x5EED0001, 0x5EED0002];

    public static TheoryData<SrtpProfile> Profiles => LibsrtpInterop.Profiles();

    public static TheoryData<SrtpProfile, AesImplementation> ProfilesAndImplementations => LibsrtpInterop.ProfilesAndImplementations();

    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void UnprotectRtcp_CompoundPacketsLibsrtpProtected_GivesEachPacketBackByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (LibsrtpSession theirs, SrtpSession ours) = LibsrtpInterop.TheyProtect(profile, key, salt, implementation);
        using (theirs)
        using (ours)
        {
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < LibsrtpInterop.PacketCount; i++)
            {
                int length = SrtpInteropPackets.WriteCompoundRtcp(plain, random, Senders[random.Next(0, Senders.Length)]);
                string what = $"{profile} on {implementation}, compound packet {i} ({length} bytes), {InteropSeed.Describe(seed)}";
                plain.AsSpan(0, length).CopyTo(buffer);
                Assert.True(theirs.ProtectRtcp(buffer, length, out int protectedLength) == LibsrtpStatus.Ok, $"libsrtp protect: {what}");
                Assert.True((buffer[LibsrtpInterop.RtcpIndexOffset(profile, length)] & 0x80) != 0, $"libsrtp sent E=0: {what}");

                SrtpResult result = ours.UnprotectRtcp(buffer, protectedLength, out int payloadEnd);
                Assert.True(result == SrtpResult.Ok, $"ours unprotecting libsrtp's SRTCP packet: {result}; {what}");
                Assert.True(payloadEnd == length, $"ours: payloadEnd {payloadEnd}, expected {length}; {what}");
                string? difference = LibsrtpInterop.Difference(plain.AsSpan(0, length), buffer.AsSpan(0, payloadEnd));
                Assert.True(difference is null, $"ours unprotecting libsrtp's SRTCP packet: plaintext {difference}; {what}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProfilesAndImplementations))]
    public void ProtectRtcp_LibsrtpUnprotects_EachCompoundPacketByteForByte(SrtpProfile profile, AesImplementation implementation)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        (SrtpSession ours, LibsrtpSession theirs) = LibsrtpInterop.WeProtect(profile, key, salt, implementation);
        using (ours)
        using (theirs)
        {
            byte[] plain = new byte[SrtpInteropPackets.BufferSize];
            byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
            for (int i = 0; i < LibsrtpInterop.PacketCount; i++)
            {
                int length = SrtpInteropPackets.WriteCompoundRtcp(plain, random, Senders[random.Next(0, Senders.Length)]);
                string what = $"{profile} on {implementation}, compound packet {i} ({length} bytes), {InteropSeed.Describe(seed)}";
                plain.AsSpan(0, length).CopyTo(buffer);
                SrtpResult result = ours.ProtectRtcp(buffer, length, out int protectedLength);
                Assert.True(result == SrtpResult.Ok, $"ours protect: {result}; {what}");
                Assert.True(protectedLength == length + profile.RtcpOverhead(), $"ours: protected length {protectedLength}; {what}");

                LibsrtpStatus status = theirs.UnprotectRtcp(buffer, protectedLength, out int plainLength);
                Assert.True(status == LibsrtpStatus.Ok, $"libsrtp unprotecting our SRTCP packet: {status}; {what}");
                string? difference = LibsrtpInterop.Difference(plain.AsSpan(0, length), buffer.AsSpan(0, plainLength));
                Assert.True(difference is null, $"libsrtp unprotecting our SRTCP packet: plaintext {difference}; {what}");
            }
        }
    }

    /// <summary>
    /// SRTCP is deterministic for a key, SSRC and SRTCP index. libsrtp's first index is 1 and ours 0
    /// (both allowed: RFC 3711 §3.4 only asks that it count up), so ours sends one packet first; from
    /// then on the same compound packet must give the same bytes, E flag and index word included.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void ProtectRtcp_SamePacketAsLibsrtp_GivesTheSameBytes(SrtpProfile profile)
    {
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = LibsrtpInterop.Keys(profile, random);
        using LibsrtpSession theirs = LibsrtpSession.Create(LibsrtpInterop.ToLibsrtp(profile), key, salt, LibsrtpDirection.Outbound);
        using SrtpSession ours = SrtpSession.Create(profile, key, salt);
        const uint Sender = 0x5EED0003;
        byte[] plain = new byte[SrtpInteropPackets.BufferSize];
        byte[] fromLibsrtp = new byte[SrtpInteropPackets.BufferSize];
        byte[] fromOurs = new byte[SrtpInteropPackets.BufferSize];
        int first = SrtpInteropPackets.WriteCompoundRtcp(fromOurs, random, Sender);
        Assert.Equal(SrtpResult.Ok, ours.ProtectRtcp(fromOurs, first, out _));
        for (int i = 0; i < LibsrtpInterop.PacketCount; i++)
        {
            int length = SrtpInteropPackets.WriteCompoundRtcp(plain, random, Sender);
            string what = $"{profile}, compound packet {i} ({length} bytes), SRTCP index {i + 1}, {InteropSeed.Describe(seed)}";
            plain.AsSpan(0, length).CopyTo(fromLibsrtp);
            plain.AsSpan(0, length).CopyTo(fromOurs);
            Assert.True(theirs.ProtectRtcp(fromLibsrtp, length, out int theirLength) == LibsrtpStatus.Ok, $"libsrtp protect: {what}");
            SrtpResult result = ours.ProtectRtcp(fromOurs, length, out int ourLength);
            Assert.True(result == SrtpResult.Ok, $"ours protect: {result}; {what}");
            string? difference = LibsrtpInterop.Difference(fromLibsrtp.AsSpan(0, theirLength), fromOurs.AsSpan(0, ourLength));
            Assert.True(difference is null, $"our SRTCP packet {difference} from libsrtp's; {what}");
        }
    }
}
