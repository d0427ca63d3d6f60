using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Tests.Packets;

/// <summary>The named accessors: RFC 6464 audio level, abs-send-time, transport-wide sequence number, mid, rid, AV1 dependency descriptor.</summary>
public sealed class NamedExtensionTests
{
    [Theory]
    [InlineData(0x00, false, 0)]
    [InlineData(0x7F, false, 127)]
    [InlineData(0x80, true, 0)]
    [InlineData(0xAA, true, 42)] // RFC 6464 §3: V in the top bit, -dBov in the low 7
    public void AudioLevel_ReadsTheVoiceFlagAndLevel(byte wire, bool voice, int level)
    {
        Assert.True(AudioLevel.TryRead([wire], out AudioLevel read));
        Assert.Equal(voice, read.VoiceActivity);
        Assert.Equal(level, read.Level);
        Assert.Equal(wire, read.ToByte());
    }

    [Fact]
    public void AudioLevel_WrongLengthOrRange_IsRejected()
    {
        Assert.False(AudioLevel.TryRead([], out _));
        Assert.False(AudioLevel.TryRead([1, 2], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioLevel(true, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioLevel(true, -1));
    }

    [Fact]
    public void AbsSendTime_IsTheMiddle24BitsOfNtp()
    {
        // 1.5 s: NTP 0x00000001_80000000; 6.18 fixed point 1.5 × 2^18 = 0x060000.
        Assert.Equal(0x060000u, AbsSendTime.FromNtpTimestamp(0x0000000180000000));
        Assert.Equal(1_500_000, AbsSendTime.ToMicroseconds(0x060000));
        Assert.Equal(0x060000u, AbsSendTime.FromMicroseconds(1_500_000));

        // Only 6 bits of seconds: 65.5 s wraps to 1.5 s.
        Assert.Equal(0x060000u, AbsSendTime.FromMicroseconds(65_500_000));
        Assert.Equal(0x060000u, AbsSendTime.FromNtpTimestamp(0x0000004180000000));
    }

    [Fact]
    public void AbsSendTime_ReadWrite_RoundTrips()
    {
        Span<byte> value = stackalloc byte[3];
        Assert.True(AbsSendTime.TryWrite(value, 0xFEDCBA));
        Assert.Equal([0xFE, 0xDC, 0xBA], value.ToArray());
        Assert.True(AbsSendTime.TryRead(value, out uint read));
        Assert.Equal(0xFEDCBAu, read);
        Assert.False(AbsSendTime.TryRead(value.Slice(1), out _));
        Assert.False(AbsSendTime.TryWrite(value.Slice(1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AbsSendTime.FromMicroseconds(-1));
    }

    [Fact]
    public void TransportSequenceNumber_IsBigEndian16Bits()
    {
        Assert.True(TransportSequenceNumber.TryRead([0x12, 0x34], out ushort sequence));
        Assert.Equal(0x1234, sequence);
        Assert.False(TransportSequenceNumber.TryRead([0x12], out _));
        Assert.False(TransportSequenceNumber.TryRead([0x12, 0x34, 0x56], out _));
    }

    [Fact]
    public void MidAndRid_AreReturnedAsBytes()
    {
        byte[] buffer = new byte[100];
        var writer = new RtpPacketWriter(buffer);
        writer.TryWriteHeader(96, false, 1, 1, 1);
        writer.TryAddExtension(4, "video"u8);
        writer.TryAddExtension(10, "hi"u8);
        writer.TryAddExtension(11, "lo"u8);
        writer.TryFinish(0, out int length);

        RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket rtp);
        Assert.True(rtp.Extensions.TryGetMid(4, out ReadOnlySpan<byte> mid));
        Assert.Equal("video"u8.ToArray(), mid.ToArray());
        Assert.True(rtp.Extensions.TryGetRid(10, out ReadOnlySpan<byte> rid));
        Assert.Equal("hi"u8.ToArray(), rid.ToArray());
        Assert.True(rtp.Extensions.TryGetRid(11, out ReadOnlySpan<byte> repaired));
        Assert.Equal("lo"u8.ToArray(), repaired.ToArray());
        Assert.False(rtp.Extensions.TryGetMid(5, out _));
    }

    [Fact]
    public void Mid_EmptyTwoByteValue_IsNotAMid()
    {
        RtpPacket.TryParse(RtpTestPackets.Rfc8285TwoByteExample(), out RtpPacket rtp);
        Assert.False(rtp.Extensions.TryGetMid(1, out ReadOnlySpan<byte> mid));
        Assert.True(mid.IsEmpty);
    }

    [Fact]
    public void DependencyDescriptor_ReadsTheMandatoryFields()
    {
        RtpPacket.TryParse(RtpTestPackets.TwoByteVideo(), out RtpPacket rtp);
        Assert.True(rtp.Extensions.TryGetDependencyDescriptor(20, out DependencyDescriptor descriptor));
        Assert.True(descriptor.StartOfFrame);
        Assert.True(descriptor.EndOfFrame);
        Assert.Equal(5, descriptor.TemplateId);
        Assert.Equal(0x1234, descriptor.FrameNumber);
    }

    [Theory]
    [InlineData("3F0001", false, false, 63, 1)]
    [InlineData("80FFFF", true, false, 0, 0xFFFF)]
    [InlineData("41000000AABB", false, true, 1, 0)] // extended fields follow; only the mandatory ones are read
    public void DependencyDescriptor_ReadsBits(string hex, bool start, bool end, int template, int frame)
    {
        Assert.True(DependencyDescriptor.TryRead(Convert.FromHexString(hex), out DependencyDescriptor descriptor));
        Assert.Equal(new DependencyDescriptor(start, end, template, (ushort)frame), descriptor);
    }

    [Fact]
    public void DependencyDescriptor_ShorterThanThreeBytes_IsRejected()
    {
        Assert.False(DependencyDescriptor.TryRead([0x80, 0x01], out _));
        RtpPacket.TryParse(RtpTestPackets.Audio(), out RtpPacket rtp);
        Assert.False(rtp.Extensions.TryGetDependencyDescriptor(RtpTestPackets.TransportSequenceId, out _));
    }

    [Fact]
    public void NamedAccessors_OnTheAudioPacket_ReadWhatTheWriterWrote()
    {
        RtpPacket.TryParse(RtpTestPackets.Audio(sequence: 100), out RtpPacket rtp);
        RtpHeaderExtensions extensions = rtp.Extensions;
        Assert.True(extensions.TryGetAudioLevel(RtpTestPackets.AudioLevelId, out AudioLevel level));
        Assert.Equal(new AudioLevel(true, 30), level);
        Assert.True(extensions.TryGetAbsSendTime(RtpTestPackets.AbsSendTimeId, out uint sendTime));
        Assert.Equal(0x123456u, sendTime);
        Assert.True(extensions.TryGetTransportSequenceNumber(RtpTestPackets.TransportSequenceId, out ushort sequence));
        Assert.Equal(107, sequence);
        Assert.True(extensions.TryGetMid(RtpTestPackets.MidId, out ReadOnlySpan<byte> mid));
        Assert.Equal("0"u8.ToArray(), mid.ToArray());

        // A named accessor on an element of another size is false, not a misread.
        Assert.False(extensions.TryGetAudioLevel(RtpTestPackets.AbsSendTimeId, out _));
        Assert.False(extensions.TryGetAbsSendTime(RtpTestPackets.TransportSequenceId, out _));
        Assert.False(extensions.TryGetTransportSequenceNumber(RtpTestPackets.AudioLevelId, out _));
    }
}
