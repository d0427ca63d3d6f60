using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Rtp.Tests.Interop;

/// <summary>
/// The libsrtp2 binding itself works (libsrtp against libsrtp), so an interop failure with our SRTP
/// points at our side and not at the binding.
/// </summary>
public sealed class LibsrtpSessionTests
{
    [Theory]
    [InlineData(nameof(LibsrtpProfile.AesGcm128))]
    [InlineData(nameof(LibsrtpProfile.AesGcm256))]
    [InlineData(nameof(LibsrtpProfile.AesCm128HmacSha1_80))]
    [InlineData(nameof(LibsrtpProfile.AesCm128HmacSha1_32))]
    public void ProtectRtp_ThenUnprotectRtp_GivesThePacketBack(string profileName)
    {
        LibsrtpProfile profile = Enum.Parse<LibsrtpProfile>(profileName);
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = Keys(profile, random);
        using LibsrtpSession sender = LibsrtpSession.Create(profile, key, salt, LibsrtpDirection.Outbound);
        using LibsrtpSession receiver = LibsrtpSession.Create(profile, key, salt, LibsrtpDirection.Inbound);
        byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
        byte[] original = new byte[SrtpInteropPackets.BufferSize];
        for (int i = 0; i < 100; i++)
        {
            int length = SrtpInteropPackets.WriteRtp(original, random, (ushort)(65500 + i), 1234, 0x11223344, random.Next(0, 1201));
            original.AsSpan(0, length).CopyTo(buffer);
            Assert.Equal(LibsrtpStatus.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
            Assert.Equal(length + TagLength(profile, rtcp: false), protectedLength);
            Assert.Equal(LibsrtpStatus.Ok, receiver.UnprotectRtp(buffer, protectedLength, out int plainLength));
            Assert.True(original.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, plainLength)), $"packet {i}, {InteropSeed.Describe(seed)}");
        }
    }

    [Theory]
    [InlineData(nameof(LibsrtpProfile.AesGcm128))]
    [InlineData(nameof(LibsrtpProfile.AesGcm256))]
    [InlineData(nameof(LibsrtpProfile.AesCm128HmacSha1_80))]
    [InlineData(nameof(LibsrtpProfile.AesCm128HmacSha1_32))]
    public void ProtectRtcp_ThenUnprotectRtcp_GivesThePacketBack(string profileName)
    {
        LibsrtpProfile profile = Enum.Parse<LibsrtpProfile>(profileName);
        int seed = InteropSeed.Next();
        var random = new Random(seed);
        (byte[] key, byte[] salt) = Keys(profile, random);
        using LibsrtpSession sender = LibsrtpSession.Create(profile, key, salt, LibsrtpDirection.Outbound);
        using LibsrtpSession receiver = LibsrtpSession.Create(profile, key, salt, LibsrtpDirection.Inbound);
        byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
        byte[] original = new byte[SrtpInteropPackets.BufferSize];
        for (int i = 0; i < 50; i++)
        {
            int length = SrtpInteropPackets.WriteCompoundRtcp(original, random, 0x55667788);
            original.AsSpan(0, length).CopyTo(buffer);
            Assert.Equal(LibsrtpStatus.Ok, sender.ProtectRtcp(buffer, length, out int protectedLength));
            Assert.Equal(length + 4 + TagLength(profile, rtcp: true), protectedLength);
            Assert.Equal(LibsrtpStatus.Ok, receiver.UnprotectRtcp(buffer, protectedLength, out int plainLength));
            Assert.True(original.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, plainLength)), $"packet {i}, {InteropSeed.Describe(seed)}");
        }
    }

    [Theory]
    [InlineData(nameof(LibsrtpProfile.AesGcm128))]
    [InlineData(nameof(LibsrtpProfile.AesGcm256))]
    [InlineData(nameof(LibsrtpProfile.AesCm128HmacSha1_80))]
    [InlineData(nameof(LibsrtpProfile.AesCm128HmacSha1_32))]
    public void UnprotectRtp_TamperedOrReplayed_IsRejected(string profileName)
    {
        LibsrtpProfile profile = Enum.Parse<LibsrtpProfile>(profileName);
        var random = new Random(7);
        (byte[] key, byte[] salt) = Keys(profile, random);
        using LibsrtpSession sender = LibsrtpSession.Create(profile, key, salt, LibsrtpDirection.Outbound);
        using LibsrtpSession receiver = LibsrtpSession.Create(profile, key, salt, LibsrtpDirection.Inbound);
        byte[] buffer = new byte[SrtpInteropPackets.BufferSize];
        int length = SrtpInteropPackets.WriteRtp(buffer, random, 1, 1, 1, 100);
        Assert.Equal(LibsrtpStatus.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
        byte[] packet = buffer.AsSpan(0, protectedLength).ToArray();

        packet.CopyTo(buffer, 0);
        buffer[protectedLength - 1] ^= 1;
        Assert.Equal(LibsrtpStatus.AuthFail, receiver.UnprotectRtp(buffer, protectedLength, out _));

        packet.CopyTo(buffer, 0);
        Assert.Equal(LibsrtpStatus.Ok, receiver.UnprotectRtp(buffer, protectedLength, out _));
        packet.CopyTo(buffer, 0);
        Assert.Equal(LibsrtpStatus.ReplayFail, receiver.UnprotectRtp(buffer, protectedLength, out _));
    }

    [Fact]
    public void Create_WrongKeyOrSaltLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => LibsrtpSession.Create(LibsrtpProfile.AesGcm128, new byte[16], new byte[14], LibsrtpDirection.Inbound));
        Assert.Throws<ArgumentException>(() => LibsrtpSession.Create(LibsrtpProfile.AesGcm256, new byte[16], new byte[12], LibsrtpDirection.Inbound));
        Assert.Throws<ArgumentException>(() => LibsrtpSession.Create(LibsrtpProfile.AesCm128HmacSha1_80, new byte[16], new byte[12], LibsrtpDirection.Inbound));
    }

    [Fact]
    public void ProtectRtp_WithoutRoomForTheTrailer_Throws()
    {
        using LibsrtpSession sender = LibsrtpSession.Create(LibsrtpProfile.AesGcm128, new byte[16], new byte[12], LibsrtpDirection.Outbound);
        byte[] buffer = new byte[100 + 143];
        Assert.Throws<ArgumentException>(() => sender.ProtectRtp(buffer, 100, out _));
    }

    internal static (byte[] Key, byte[] Salt) Keys(LibsrtpProfile profile, Random random)
    {
        byte[] key = new byte[LibsrtpSession.MasterKeyLength(profile)];
        byte[] salt = new byte[LibsrtpSession.MasterSaltLength(profile)];
        random.NextBytes(key);
        random.NextBytes(salt);
        return (key, salt);
    }

    internal static int TagLength(LibsrtpProfile profile, bool rtcp) => profile switch
    {
        LibsrtpProfile.AesCm128HmacSha1_32 when !rtcp => 4,
        LibsrtpProfile.AesCm128HmacSha1_80 or LibsrtpProfile.AesCm128HmacSha1_32 => 10,
        _ => 16,
    };
}
