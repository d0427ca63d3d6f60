using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Tests.Srtp;

/// <summary>Programming errors throw; bad packets, full tables and short buffers are values.</summary>
public sealed class SrtpSessionValidationTests
{
    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void Create_WrongKeyOrSaltLength_Throws(SrtpProfile profile)
    {
        byte[] key = new byte[profile.MasterKeyLength()];
        byte[] salt = new byte[profile.MasterSaltLength()];
        Assert.Throws<ArgumentException>("masterKey", () => SrtpSession.Create(profile, new byte[key.Length + 1], salt));
        Assert.Throws<ArgumentException>("masterKey", () => SrtpSession.Create(profile, key.AsSpan(1), salt));
        Assert.Throws<ArgumentException>("masterSalt", () => SrtpSession.Create(profile, key, new byte[salt.Length ^ 2]));
        SrtpSession.Create(profile, key, salt).Dispose();
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(32, 64)]
    [InlineData(100, 64)]
    [InlineData(2048, 64)]
    [InlineData(128, 0)]
    [InlineData(128, 5000)]
    public void Create_OptionsOutOfRange_Throws(int window, int maxStreams)
    {
        var options = new SrtpOptions { ReplayWindow = window, MaxStreams = maxStreams };
        Assert.Throws<ArgumentOutOfRangeException>("options", () => SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12], options));
    }

    [Fact]
    public void Create_UndefinedProfile_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SrtpSession.Create((SrtpProfile)9, new byte[16], new byte[12]));
    }

    [Fact]
    public void UnprotectRtp_OnAnOutboundSession_Throws()
    {
        using SrtpSession session = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12]);
        byte[] buffer = new byte[SrtpTestData.BufferSize];
        int length = SrtpTestData.WriteRtp(buffer, new Random(1), 1, 1, 10);
        Assert.Equal(SrtpResult.Ok, session.ProtectRtp(buffer, length, out int protectedLength));
        Assert.Throws<InvalidOperationException>(() => session.UnprotectRtp(buffer, protectedLength, out _));
        Assert.Throws<InvalidOperationException>(() => session.UnprotectRtcp(buffer, protectedLength, out _));
    }

    [Fact]
    public void ProtectRtcp_OnAnInboundSession_Throws()
    {
        using SrtpSession session = SrtpSession.Create(SrtpProfile.AesCm128HmacSha1_80, new byte[16], new byte[14]);
        byte[] buffer = new byte[100];
        Assert.Equal(SrtpResult.TooShort, session.UnprotectRtcp(buffer, 3, out _));
        Assert.Throws<InvalidOperationException>(() => session.ProtectRtcp(buffer, 20, out _));
    }

    [Fact]
    public void ProtectRtp_LengthBeyondTheBuffer_Throws()
    {
        using SrtpSession session = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12]);
        Assert.Throws<ArgumentOutOfRangeException>("length", () => session.ProtectRtp(new byte[10], 11, out _));
        Assert.Throws<ArgumentOutOfRangeException>("length", () => session.ProtectRtp(new byte[10], -1, out _));
    }

    [Fact]
    public void ProtectRtp_AfterDispose_Throws()
    {
        SrtpSession session = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12]);
        session.Dispose();
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.ProtectRtp(new byte[100], 20, out _));
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void Protect_NoRoomForTheTrailer_IsBufferTooSmallAndChangesNothing(SrtpProfile profile)
    {
        using SrtpSession session = SrtpSession.Create(profile, new byte[profile.MasterKeyLength()], new byte[profile.MasterSaltLength()]);
        byte[] buffer = new byte[100 + profile.RtpTagLength() - 1];
        int length = SrtpTestData.WriteRtp(buffer, new Random(1), 1, 1, 100 - 12);
        byte[] before = (byte[])buffer.Clone();
        Assert.Equal(SrtpResult.BufferTooSmall, session.ProtectRtp(buffer, length, out int protectedLength));
        Assert.Equal(0, protectedLength);
        Assert.Equal(before, buffer);
        Assert.Equal(0, session.RtpStreamCount);

        buffer = new byte[100 + profile.RtcpOverhead() - 1];
        length = SrtpTestData.WriteRtcp(buffer, new Random(1), 1, 3); // 4 + 24 + 72 = 100 bytes
        Assert.Equal(100, length);
        Assert.Equal(SrtpResult.BufferTooSmall, session.ProtectRtcp(buffer, length, out _));
        Assert.Equal(0, session.RtcpStreamCount);
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void ProtectAndUnprotect_ShortOrNotVersion2_AreTooShortOrMalformed(SrtpProfile profile)
    {
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(1));
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            Assert.Equal(SrtpResult.TooShort, sender.ProtectRtp(buffer, 11, out _));
            buffer[0] = 0x40; // version 1
            Assert.Equal(SrtpResult.Malformed, sender.ProtectRtp(buffer, 40, out _));
            Assert.Equal(SrtpResult.Malformed, sender.ProtectRtcp(buffer, 40, out _));
            buffer[0] = 0x8F; // 15 CSRCs: 72 header bytes
            Assert.Equal(SrtpResult.TooShort, sender.ProtectRtp(buffer, 71, out _));
            buffer[0] = 0x90; // extension header past the end
            Assert.Equal(SrtpResult.TooShort, sender.ProtectRtp(buffer, 14, out _));
            Assert.Equal(SrtpResult.TooShort, sender.ProtectRtcp(buffer, 7, out _));

            buffer[0] = 0x80;
            Assert.Equal(SrtpResult.TooShort, receiver.UnprotectRtp(buffer, 12 + profile.RtpTagLength() - 1, out _));
            Assert.Equal(SrtpResult.TooShort, receiver.UnprotectRtcp(buffer, 8 + profile.RtcpOverhead() - 1, out _));
            buffer[0] = 0xC0; // version 3
            Assert.Equal(SrtpResult.Malformed, receiver.UnprotectRtp(buffer, 100, out _));
            Assert.Equal(SrtpResult.Malformed, receiver.UnprotectRtcp(buffer, 100, out _));
            Assert.Equal(0, receiver.RtpStreamCount + receiver.RtcpStreamCount + sender.RtpStreamCount + sender.RtcpStreamCount);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void Unprotect_MoreSsrcsThanMaxStreams_IsUnknownSsrc(SrtpProfile profile)
    {
        var options = new SrtpOptions { MaxStreams = 3 };
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(1), new SrtpOptions { MaxStreams = 4 });
        using (sender)
        using (receiver)
        {
            (byte[] key, byte[] salt) = SrtpTestData.Keys(profile, new Random(1));
            using SrtpSession limited = SrtpSession.Create(profile, key, salt, options);
            byte[] buffer = new byte[SrtpTestData.BufferSize];
            for (uint ssrc = 1; ssrc <= 4; ssrc++)
            {
                int length = SrtpTestData.WriteRtp(buffer, new Random(1), 1, ssrc, 30);
                Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                Assert.Equal(ssrc <= 3 ? SrtpResult.Ok : SrtpResult.UnknownSsrc, limited.UnprotectRtp(buffer, protectedLength, out _));
            }

            int extra = SrtpTestData.WriteRtp(buffer, new Random(1), 1, 5, 30);
            Assert.Equal(SrtpResult.UnknownSsrc, sender.ProtectRtp(buffer, extra, out _)); // outbound is bounded too
            Assert.Equal(3, limited.RtpStreamCount);
            Assert.True(limited.RemoveStream(2));
            Assert.False(limited.RemoveStream(2));
            Assert.Equal(2, limited.RtpStreamCount);
        }
    }

    [Theory]
    [MemberData(nameof(SrtpTestData.Profiles), MemberType = typeof(SrtpTestData))]
    public void Unprotect_UnknownSsrcsNotAllowed_AcceptsOnlyAddedStreams(SrtpProfile profile)
    {
        var options = new SrtpOptions { AllowUnknownSsrc = false };
        (SrtpSession sender, SrtpSession receiver) = SrtpTestData.Pair(profile, new Random(2), options);
        using (sender)
        using (receiver)
        {
            Assert.True(sender.TryAddStream(7));
            Assert.True(sender.TryAddStream(8));
            Assert.False(sender.TryAddStream(8));
            Assert.True(receiver.TryAddStream(7));
            Assert.False(receiver.TryGetRtpState(7, out _, out _)); // added, no packet yet
            byte[] buffer = new byte[SrtpTestData.BufferSize];

            int length = SrtpTestData.WriteRtp(buffer, new Random(1), 40000, 8, 30);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
            Assert.Equal(SrtpResult.UnknownSsrc, receiver.UnprotectRtp(buffer, protectedLength, out _));

            length = SrtpTestData.WriteRtp(buffer, new Random(1), 40000, 7, 30);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, length, out protectedLength));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer, protectedLength, out _));
            Assert.True(receiver.TryGetRtpState(7, out _, out ushort highest));
            Assert.Equal((ushort)40000, highest);

            length = SrtpTestData.WriteRtcp(buffer, new Random(1), 7);
            Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(buffer, length, out protectedLength));
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(buffer, protectedLength, out _));
            length = SrtpTestData.WriteRtcp(buffer, new Random(1), 9);
            Assert.Equal(SrtpResult.UnknownSsrc, sender.ProtectRtcp(buffer, length, out _));
        }
    }
}
