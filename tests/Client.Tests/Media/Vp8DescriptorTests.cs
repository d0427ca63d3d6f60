using Gateway.Client.Media.Video;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Client.Tests.Media;

public sealed class Vp8DescriptorTests
{
    [Theory]
    [InlineData(new byte[] { 0x10, 0xAA }, 1, true)]
    [InlineData(new byte[] { 0x00, 0xAA }, 1, false)]
    [InlineData(new byte[] { 0x11, 0xAA }, 1, false)]
    [InlineData(new byte[] { 0x90, 0x80, 0x05, 0xAA }, 3, true)]
    [InlineData(new byte[] { 0x90, 0x80, 0x85, 0x06, 0xAA }, 4, true)]
    [InlineData(new byte[] { 0x90, 0xF0, 0x85, 0x06, 0x07, 0x08, 0xAA }, 6, true)]
    [InlineData(new byte[] { 0x80, 0x40, 0x01 }, 3, false)]
    public void Read_RfC7741Layouts_FindTheFrameDataAndTheStart(byte[] payload, int length, bool start)
    {
        Assert.True(Vp8Descriptor.TryRead(payload, out int read, out bool isStart));
        Assert.Equal(length, read);
        Assert.Equal(start, isStart);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0x90, 0x80 })]
    [InlineData(new byte[] { 0x90, 0x80, 0x85 })]
    [InlineData(new byte[] { 0x90, 0xF0, 0x85, 0x06, 0x07 })]
    public void Read_TruncatedDescriptors_AreRefused(byte[] payload) => Assert.False(Vp8Descriptor.TryRead(payload, out _, out _));

    [Fact]
    public void Read_RandomBytes_NeverThrowsOrOverruns()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        for (int i = 0; i < 20000; i++)
        {
            byte[] payload = Bytes.Random(random, random.Next(0, 8));
            if (Vp8Descriptor.TryRead(payload, out int length, out _))
            {
                Assert.InRange(length, 1, payload.Length);
            }
        }
    }
}
