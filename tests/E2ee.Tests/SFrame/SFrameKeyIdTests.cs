using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.E2ee.SFrame;

namespace Gateway.E2ee.Tests.SFrame;

public sealed class SFrameKeyIdTests
{
    [Fact]
    public void Compose_PlacesTheFieldsAsRfc9605Section5_2Says()
    {
        Assert.Equal(0x123UL, SFrameKeyId.Compose(1, 2, 3, senderIndexBits: 4, epochBits: 4));
        Assert.Equal(0x123UL, SFrameKeyId.Compose(1, 2, 0x53, senderIndexBits: 4, epochBits: 4)); // epoch mod 16
        Assert.Equal((1UL << 40) | (5UL << 8) | 0xFF, SFrameKeyId.Compose(1, 5, 0x1FF, senderIndexBits: 32, epochBits: 8));
        Assert.Equal(ulong.MaxValue, SFrameKeyId.Compose(0, ulong.MaxValue, 0, senderIndexBits: 64, epochBits: 0));
        Assert.Equal(ulong.MaxValue, SFrameKeyId.Compose(0, 0, ulong.MaxValue, senderIndexBits: 0, epochBits: 64));
        Assert.Equal(42UL, SFrameKeyId.Compose(42, 0, 0, 0, 0));
    }

    [Fact]
    public void Compose_RefusesFieldsThatDoNotFit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Compose(0, 16, 0, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Compose(1UL << 56, 0, 0, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Compose(1, 0, 0, 32, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Compose(0, 0, 0, 40, 25));
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Compose(0, 0, 0, -1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Split(0, 4, 61));
        Assert.Throws<ArgumentOutOfRangeException>(() => SFrameKeyId.Split(0, 4, -1));
    }

    [Fact]
    public void ComposeThenSplit_GivesTheFieldsBack_ForRandomLayouts()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        for (int i = 0; i < 10_000; i++)
        {
            int s = random.Next(0, 65);
            int e = random.Next(0, 65 - s);
            int c = 64 - s - e;
            ulong context = RandomBits(random, c);
            ulong sender = RandomBits(random, s);
            ulong epoch = (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1);
            ulong kid = SFrameKeyId.Compose(context, sender, epoch, s, e);
            (ulong ContextId, ulong SenderIndex, ulong EpochLowBits) parts = SFrameKeyId.Split(kid, s, e);
            ulong epochLow = e == 64 ? epoch : epoch & ((1UL << e) - 1);
            Assert.True((context, sender, epochLow) == parts, $"S={s}, E={e}: ({context}, {sender}, {epochLow}) -> {kid} -> {parts} ({TestSeed.Describe(seed)})");

            // Independently: the integer arithmetic of the RFC's formula, in 128 bits.
            UInt128 expected = ((UInt128)context << (s + e)) + ((UInt128)sender << e) + epochLow;
            Assert.Equal(expected, (UInt128)kid);
        }
    }

    private static ulong RandomBits(Random random, int bits)
    {
        ulong value = ((ulong)(uint)random.Next() << 33) ^ ((ulong)(uint)random.Next() << 2) ^ (ulong)random.Next(4);
        return bits == 64 ? value : value & ((1UL << bits) - 1);
    }
}
