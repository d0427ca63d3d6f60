using Gateway.Routing;

namespace Gateway.Tests.Routing;

public sealed class RetransmissionCacheTests
{
    [Fact]
    public void Store_KeepsEveryLengthUpToTheSlotSize_ByteForByte()
    {
        using var cache = new RetransmissionCache(64);
        var random = new Random(3);
        for (int length = 1; length <= RetransmissionCache.SlotSize; length += length < 100 ? 1 : 29)
        {
            byte[] packet = new byte[length];
            random.NextBytes(packet);
            ushort sequence = (ushort)(length * 7);
            cache.Store(packet, sequence, epoch: 2, arrivalTicks: 1_000);

            Assert.True(cache.TryGet(sequence, 2, oldestTicks: 1_000, out ReadOnlySpan<byte> cached), $"length {length}");
            Assert.True(cached.SequenceEqual(packet), $"length {length}");
        }
    }

    [Fact]
    public void TryGet_MissesAnotherEpoch_AnOlderPacket_AnOverwrittenSlot_AndAnEmptyOne()
    {
        using var cache = new RetransmissionCache(16);
        byte[] first = Packet(100, 0x11);
        cache.Store(first, sequence: 5, epoch: 1, arrivalTicks: 500);

        Assert.False(cache.TryGet(5, epoch: 2, oldestTicks: 0, out _));
        Assert.False(cache.TryGet(5, epoch: 1, oldestTicks: 501, out _));
        Assert.False(cache.TryGet(6, epoch: 1, oldestTicks: 0, out _));
        Assert.True(cache.TryGet(5, epoch: 1, oldestTicks: 500, out ReadOnlySpan<byte> hit));
        Assert.True(hit.SequenceEqual(first));

        // 21 shares 5's slot in a ring of 16: the newer packet wins and the older sequence number no longer matches.
        byte[] second = Packet(60, 0x22);
        cache.Store(second, sequence: 21, epoch: 1, arrivalTicks: 600);
        Assert.False(cache.TryGet(5, epoch: 1, oldestTicks: 0, out _));
        Assert.True(cache.TryGet(21, epoch: 1, oldestTicks: 0, out hit));
        Assert.True(hit.SequenceEqual(second));
    }

    [Fact]
    public void Store_SkipsPacketsLargerThanASlot_AndClearAndDisposeForgetEverything()
    {
        var cache = new RetransmissionCache(8);
        cache.Store(Packet(RetransmissionCache.SlotSize + 1, 0x33), sequence: 1, epoch: 0, arrivalTicks: 1);
        Assert.False(cache.TryGet(1, 0, 0, out _));

        cache.Store(Packet(200, 0x44), sequence: 2, epoch: 0, arrivalTicks: 1);
        cache.Clear();
        Assert.False(cache.TryGet(2, 0, 0, out _));

        cache.Store(Packet(200, 0x55), sequence: 3, epoch: 0, arrivalTicks: 1);
        cache.Dispose();
        Assert.False(cache.TryGet(3, 0, 0, out _));
        cache.Store(Packet(200, 0x66), sequence: 3, epoch: 0, arrivalTicks: 1);
        Assert.False(cache.TryGet(3, 0, 0, out _));
    }

    [Fact]
    public void Store_AllocatesNothing()
    {
        using var cache = new RetransmissionCache(512);
        byte[] packet = Packet(1_100, 0x77);
        for (int i = 0; i < 1_000; i++)
        {
            cache.Store(packet, (ushort)i, 0, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            cache.Store(packet, (ushort)i, 0, i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Constructor_WantsAPowerOfTwo() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionCache(100));

    private static byte[] Packet(int length, byte fill)
    {
        byte[] packet = new byte[length];
        Array.Fill(packet, fill);
        packet[0] = 0x80;
        return packet;
    }
}
