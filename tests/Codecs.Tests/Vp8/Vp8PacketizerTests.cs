using Gateway.Codecs.Vp8;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Codecs.Tests.Vp8;

/// <summary>Splitting synthetic frames into descriptor + fragment payloads under an MTU, and reading them back.</summary>
public sealed class Vp8PacketizerTests
{
    [Theory]
    [InlineData(3, 1200)]
    [InlineData(1197, 1200)]
    [InlineData(1198, 1200)]
    [InlineData(5000, 1200)]
    [InlineData(30_000, 1200)]
    [InlineData(100, 10)]
    public void Frame_SplitsIntoBalancedFragments_ThatReassembleIntoIt(int frameLength, int mtu)
    {
        byte[] frame = new byte[frameLength];
        new Random(frameLength).NextBytes(frame);
        bool keyframe = frameLength >= Vp8SyntheticFrame.KeyframeHeaderLength;
        Assert.Equal(keyframe ? 10 : 3, Vp8SyntheticFrame.WriteHeader(frame, keyframe, 640, 360));

        var descriptor = new Vp8PayloadDescriptor { HasPictureId = true, PictureIdIs15Bit = true, PictureId = 1234, HasTl0PicIdx = true, Tl0PicIdx = 9 };
        var packetizer = new Vp8Packetizer(frame, descriptor, mtu);
        int expectedPackets = (frameLength + (mtu - descriptor.Length) - 1) / (mtu - descriptor.Length);
        Assert.Equal(expectedPackets, packetizer.PacketCount);

        byte[] payload = new byte[mtu];
        var reassembled = new List<byte>();
        int smallest = int.MaxValue, largest = 0, packets = 0;
        while (packetizer.HasNext)
        {
            Assert.Equal(Vp8DescriptorStatus.Ok, packetizer.TryWriteNext(payload, out int written, out bool isLast));
            Assert.InRange(written, 1, mtu);
            Assert.Equal(Vp8PacketStatus.Ok, Vp8PacketInfo.TryRead(payload.AsSpan(0, written), out Vp8PacketInfo info));
            Assert.Equal(packets == 0, info.IsStartOfFrame);
            Assert.Equal(packets == 0 && keyframe, info.IsKeyframe);
            Assert.Equal(0, info.Descriptor.PartitionIndex);
            Assert.Equal(1234, info.Descriptor.PictureId);
            Assert.Equal(9, info.Descriptor.Tl0PicIdx);
            packets++;
            Assert.Equal(packets == expectedPackets, isLast);
            int fragment = written - info.DescriptorLength;
            smallest = Math.Min(smallest, fragment);
            largest = Math.Max(largest, fragment);
            reassembled.AddRange(payload.AsSpan(info.DescriptorLength, fragment));
        }

        Assert.Equal(expectedPackets, packets);
        Assert.True(largest - smallest <= 1, $"fragments {smallest}..{largest}");
        Bytes.Equal(frame, reassembled.ToArray(), "reassembled frame");
        Assert.Equal(Vp8DescriptorStatus.Truncated, packetizer.TryWriteNext(payload, out _, out _));
    }

    [Fact]
    public void InterframeHeader_IsNotAKeyframe_AndEmptyFrameMakesNoPackets()
    {
        byte[] frame = new byte[50];
        Assert.Equal(3, Vp8SyntheticFrame.WriteHeader(frame, keyframe: false, 0, 0));
        var packetizer = new Vp8Packetizer(frame, default, 1200);
        byte[] payload = new byte[1200];
        Assert.Equal(Vp8DescriptorStatus.Ok, packetizer.TryWriteNext(payload, out int written, out bool isLast));
        Assert.True(isLast);
        Assert.Equal(51, written);
        Assert.Equal(Vp8PacketStatus.Ok, Vp8PacketInfo.TryRead(payload.AsSpan(0, written), out Vp8PacketInfo info));
        Assert.True(info.IsStartOfFrame);
        Assert.False(info.IsKeyframe);

        Assert.Equal(0, new Vp8Packetizer([], default, 1200).PacketCount);
        Assert.Equal(0, Vp8SyntheticFrame.WriteHeader(new byte[9], keyframe: true, 1, 1));
    }

    [Fact]
    public void KeyframeHeader_HasTheStartCodeAndDimensions()
    {
        // RFC 6386 §9.1-9.2: tag (P=0, show_frame=1, size of the rest), 9d 01 2a, 14-bit width and height little-endian.
        byte[] frame = new byte[110];
        Vp8SyntheticFrame.WriteHeader(frame, keyframe: true, 1280, 720);
        int tag = frame[0] | (frame[1] << 8) | (frame[2] << 16);
        Assert.Equal(0, tag & 1);
        Assert.Equal(1, (tag >> 4) & 1);
        Assert.Equal(100, tag >> 5);
        Bytes.Equal([0x9d, 0x01, 0x2a], frame.AsSpan(3, 3), "start code");
        Assert.Equal(1280, frame[6] | (frame[7] << 8));
        Assert.Equal(720, frame[8] | (frame[9] << 8));
    }

    [Fact]
    public void SmallDestination_OrNoRoomForData_AreRefused()
    {
        byte[] frame = new byte[100];
        var packetizer = new Vp8Packetizer(frame, default, 60);
        Assert.Equal(Vp8DescriptorStatus.Truncated, packetizer.TryWriteNext(new byte[10], out int written, out _));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vp8Packetizer(frame, new Vp8PayloadDescriptor { HasPictureId = true }, 3).PacketCount);
        Assert.Equal(0, Vp8Packetizer.CountPackets(100, 3, 3));
    }
}
