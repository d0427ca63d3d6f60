using Gateway.Codecs.Vp8;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Codecs.Tests.Vp8;

/// <summary>
/// The VP8 payload descriptor (RFC 7741 §4.2): the example packets of §4.6 written out bit by bit from
/// the RFC's drawings, a hand-built descriptor with every field, and write/parse round trips.
/// </summary>
public sealed class Vp8PayloadDescriptorTests
{
    [Fact]
    public void Rfc7741_KeyFrameInASinglePacket_PictureId17()
    {
        // §4.6.1: |1|0|0|1|0|000| X=1 S=1 PID=0; |1|0|0|0|0000| I=1; |0|0010001| PictureID 17; then |Size0|H|VER|P=0|.
        byte[] payload = [0x90, 0x80, 0x11, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a];
        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse(payload, out Vp8PayloadDescriptor descriptor, out int length));
        Assert.Equal(3, length);
        Assert.True(descriptor.StartOfPartition);
        Assert.Equal(0, descriptor.PartitionIndex);
        Assert.True(descriptor.HasPictureId);
        Assert.False(descriptor.PictureIdIs15Bit);
        Assert.Equal(17, descriptor.PictureId);
        Assert.False(descriptor.NonReference);
        Assert.False(descriptor.HasTl0PicIdx || descriptor.HasTemporalLayer || descriptor.HasKeyIndex);

        Assert.Equal(Vp8PacketStatus.Ok, Vp8PacketInfo.TryRead(payload, out Vp8PacketInfo info));
        Assert.True(info.IsStartOfFrame);
        Assert.True(info.IsKeyframe);

        AssertWrites(descriptor, payload.AsSpan(0, 3));
    }

    [Fact]
    public void Rfc7741_NonDiscardableInterframe_NoPictureId()
    {
        // §4.6.2: |0|0|0|1|0|000| X=0 S=1 PID=0, then a payload header with P=1.
        byte[] payload = [0x10, 0x31, 0x02, 0x00, 0xAA];
        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse(payload, out Vp8PayloadDescriptor descriptor, out int length));
        Assert.Equal(1, length);
        Assert.Equal(new Vp8PayloadDescriptor { StartOfPartition = true }, descriptor);
        Assert.Equal(Vp8PacketStatus.Ok, Vp8PacketInfo.TryRead(payload, out Vp8PacketInfo info));
        Assert.True(info.IsStartOfFrame);
        Assert.False(info.IsKeyframe);
        AssertWrites(descriptor, payload.AsSpan(0, 1));
    }

    [Fact]
    public void Rfc7741_PartitionsInSeparatePackets_PictureId4711()
    {
        // §4.6.3: 15-bit PictureID 4711 = 0x1267: |1|0010010| |01100111|. Partition 0 then partition 1 (S=1, PID=1).
        byte[] first = [0x90, 0x80, 0x92, 0x67, 0x00, 0x00, 0x00];
        byte[] second = [0x91, 0x80, 0x92, 0x67, 0x55];
        byte[] continuation = [0x81, 0x80, 0x92, 0x67, 0x55];
        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse(first, out Vp8PayloadDescriptor d0, out int length));
        Assert.Equal(4, length);
        Assert.True(d0.PictureIdIs15Bit);
        Assert.Equal(4711, d0.PictureId);
        Assert.True(Vp8PacketInfo.TryRead(first, out Vp8PacketInfo i0) == Vp8PacketStatus.Ok && i0.IsStartOfFrame && i0.IsKeyframe);

        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse(second, out Vp8PayloadDescriptor d1, out _));
        Assert.Equal(1, d1.PartitionIndex);
        Assert.True(d1.StartOfPartition);
        Assert.True(Vp8PacketInfo.TryRead(second, out Vp8PacketInfo i1) == Vp8PacketStatus.Ok && !i1.IsStartOfFrame && !i1.IsKeyframe);

        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse(continuation, out Vp8PayloadDescriptor d2, out _));
        Assert.False(d2.StartOfPartition);
        Assert.Equal(1, d2.PartitionIndex);

        AssertWrites(d0, first.AsSpan(0, 4));
        AssertWrites(d1, second.AsSpan(0, 4));
        AssertWrites(d2, continuation.AsSpan(0, 4));
    }

    [Fact]
    public void EveryField_AtItsBitPosition()
    {
        // N=1 S=1 PID=0 | I L T K | PictureID 5 (7 bit) | TL0PICIDX 200 | TID=2 Y=1 KEYIDX=7.
        byte[] bytes = [0xB0, 0xF0, 0x05, 0xC8, 0xA7];
        var expected = new Vp8PayloadDescriptor
        {
            NonReference = true, StartOfPartition = true, HasPictureId = true, PictureId = 5,
            HasTl0PicIdx = true, Tl0PicIdx = 200, HasTemporalLayer = true, TemporalLayerId = 2, LayerSync = true,
            HasKeyIndex = true, KeyIndex = 7,
        };
        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse(bytes, out Vp8PayloadDescriptor parsed, out int length));
        Assert.Equal(5, length);
        Assert.Equal(expected, parsed);
        AssertWrites(expected, bytes);

        // K without T: the TID/Y bits are ignored (§4.2), and reserved bits too.
        Assert.Equal(Vp8DescriptorStatus.Ok, Vp8PayloadDescriptor.TryParse([0xC8, 0x1F, 0xE5], out Vp8PayloadDescriptor keyOnly, out _));
        Assert.Equal(new Vp8PayloadDescriptor { HasKeyIndex = true, KeyIndex = 5 }, keyOnly);
    }

    [Fact]
    public void RoundTrip_RandomDescriptors_WriteThenParseGivesThemBack()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        byte[] buffer = new byte[Vp8PayloadDescriptor.MaxLength + 4];
        for (int i = 0; i < 20_000; i++)
        {
            Vp8PayloadDescriptor descriptor = RandomDescriptor(random);
            string context = $"{descriptor}; {TestSeed.Describe(seed)}";
            Assert.True(descriptor.TryWrite(buffer, out int written) == Vp8DescriptorStatus.Ok, context);
            Assert.True(written == descriptor.Length, context);
            Assert.True(Vp8PayloadDescriptor.TryParse(buffer.AsSpan(0, written), out Vp8PayloadDescriptor parsed, out int length) == Vp8DescriptorStatus.Ok, context);
            Assert.True(length == written && parsed == descriptor, $"{parsed} != {context}");

            // Every cut short of the full length is refused as truncated.
            for (int cut = 0; cut < written; cut++)
            {
                Assert.True(Vp8PayloadDescriptor.TryParse(buffer.AsSpan(0, cut), out _, out _) == Vp8DescriptorStatus.Truncated, $"cut {cut}: {context}");
            }
        }
    }

    [Fact]
    public void TryWrite_OutOfRangeFieldsOrShortDestination_AreRefused()
    {
        byte[] buffer = new byte[8];
        Assert.Equal(Vp8DescriptorStatus.InvalidField, new Vp8PayloadDescriptor { PartitionIndex = 8 }.TryWrite(buffer, out _));
        Assert.Equal(Vp8DescriptorStatus.InvalidField, new Vp8PayloadDescriptor { HasPictureId = true, PictureId = 128 }.TryWrite(buffer, out _));
        Assert.Equal(Vp8DescriptorStatus.InvalidField, new Vp8PayloadDescriptor { HasPictureId = true, PictureIdIs15Bit = true, PictureId = 32768 }.TryWrite(buffer, out _));
        Assert.Equal(Vp8DescriptorStatus.InvalidField, new Vp8PayloadDescriptor { HasTemporalLayer = true, TemporalLayerId = 4 }.TryWrite(buffer, out _));
        Assert.Equal(Vp8DescriptorStatus.InvalidField, new Vp8PayloadDescriptor { HasKeyIndex = true, KeyIndex = 32 }.TryWrite(buffer, out _));
        Assert.Equal(Vp8DescriptorStatus.Truncated, new Vp8PayloadDescriptor { HasPictureId = true }.TryWrite(buffer.AsSpan(0, 2), out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void NextPictureId_WrapsAtItsWidth()
    {
        Assert.Equal(0, Vp8PayloadDescriptor.NextPictureId(127, fifteenBit: false));
        Assert.Equal(128, Vp8PayloadDescriptor.NextPictureId(127, fifteenBit: true));
        Assert.Equal(0, Vp8PayloadDescriptor.NextPictureId(32767, fifteenBit: true));
    }

    internal static Vp8PayloadDescriptor RandomDescriptor(Random random)
    {
        bool i = random.Next(2) == 1, wide = random.Next(2) == 1, l = random.Next(2) == 1, t = random.Next(2) == 1, k = random.Next(2) == 1;
        return new Vp8PayloadDescriptor
        {
            NonReference = random.Next(2) == 1,
            StartOfPartition = random.Next(2) == 1,
            PartitionIndex = random.Next(8),
            HasPictureId = i,
            PictureIdIs15Bit = i && wide,
            PictureId = i ? random.Next(wide ? 32768 : 128) : 0,
            HasTl0PicIdx = l,
            Tl0PicIdx = l ? random.Next(256) : 0,
            HasTemporalLayer = t,
            TemporalLayerId = t ? random.Next(4) : 0,
            LayerSync = t && random.Next(2) == 1,
            HasKeyIndex = k,
            KeyIndex = k ? random.Next(32) : 0,
        };
    }

    private static void AssertWrites(Vp8PayloadDescriptor descriptor, ReadOnlySpan<byte> expected)
    {
        byte[] buffer = new byte[Vp8PayloadDescriptor.MaxLength];
        Assert.Equal(Vp8DescriptorStatus.Ok, descriptor.TryWrite(buffer, out int written));
        Bytes.Equal(expected, buffer.AsSpan(0, written), descriptor.ToString());
    }
}
