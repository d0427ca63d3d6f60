using Gateway.Rtp.Rtcp;

namespace Gateway.Rtp.Tests.Rtcp;

/// <summary>Expanding NACK entries to sequence numbers and compacting them back.</summary>
public sealed class NackListTests
{
    [Fact]
    public void TryCompact_ConsecutiveLosses_FitOneEntryPer17()
    {
        ushort[] lost = [.. Enumerable.Range(10, 34).Select(i => (ushort)i)];
        Span<NackItem> items = stackalloc NackItem[4];
        Assert.True(NackList.TryCompact(lost, items, out int count));
        Assert.Equal(2, count);
        Assert.Equal(new NackItem(10, 0xFFFF), items[0]);
        Assert.Equal(new NackItem(27, 0xFFFF), items[1]);
    }

    [Fact]
    public void TryCompact_AcrossTheWrap_KeepsOneEntry()
    {
        Span<NackItem> items = stackalloc NackItem[2];
        Assert.True(NackList.TryCompact([65534, 65535, 0, 3], items, out int count));
        Assert.Equal(1, count);
        Assert.Equal(new NackItem(65534, 0b10011), items[0]);
        Assert.True(items[0].Contains(0));
        Assert.True(items[0].Contains(3));
        Assert.False(items[0].Contains(2));
        Assert.Equal(4, items[0].LostCount);
    }

    [Fact]
    public void TryCompact_GapsAndDuplicates()
    {
        Span<NackItem> items = stackalloc NackItem[3];
        Assert.True(NackList.TryCompact([5, 5, 21, 22, 500], items, out int count));
        Assert.Equal(3, count);
        Assert.Equal(new NackItem(5, 0x8000), items[0]); // 21 = 5 + 16
        Assert.Equal(new NackItem(22, 0), items[1]);
        Assert.Equal(new NackItem(500, 0), items[2]);
        Assert.False(NackList.TryCompact([5, 100, 200, 300], items, out count));
        Assert.Equal(0, count);
    }

    [Fact]
    public void TryExpand_DestinationTooSmall_IsFalse()
    {
        Span<ushort> lost = stackalloc ushort[16];
        Assert.False(NackList.TryExpand([new NackItem(1, 0xFFFF)], lost, out int count));
        Assert.Equal(0, count);
        Assert.True(NackList.TryExpand([new NackItem(1, 0x7FFF)], lost, out count));
        Assert.Equal(16, count);
    }

    [Fact]
    public void RandomSets_ExpandOfCompact_IsTheSameSet()
    {
        int seed = Packets.ParserFuzzSeed.Get(4585);
        var random = new Random(seed);
        var items = new NackItem[400];
        var expanded = new ushort[400 * 17];
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            ushort start = (ushort)random.Next(65536);
            var set = new SortedSet<int>();
            int span = random.Next(1, 300);
            int losses = random.Next(1, 100);
            for (int i = 0; i < losses; i++)
            {
                set.Add(random.Next(span));
            }

            ushort[] lost = [.. set.Select(offset => (ushort)(start + offset))];
            if (random.Next(4) == 0)
            {
                random.Shuffle(lost); // any order still covers exactly the set
            }

            Assert.True(NackList.TryCompact(lost, items, out int itemCount));
            Assert.True(NackList.TryExpand(items.AsSpan(0, itemCount), expanded, out int count));
            string context = Packets.ParserFuzzSeed.Describe(seed);
            Assert.True(
                lost.Order().SequenceEqual(expanded.AsSpan(0, count).ToArray().Order()),
                context);

            // Round trip through the wire as well.
            byte[] bytes = RtcpTestPackets.Build((Span<byte> d, out int n) => GenericNack.TryWrite(d, 1, 2, items.AsSpan(0, itemCount), out n));
            RtcpPacket.TryParse(bytes, out RtcpPacket packet);
            Assert.Equal(RtcpParseResult.Ok, GenericNack.TryParse(packet, out GenericNack nack));
            Assert.True(nack.TryGetLostSequenceNumbers(expanded, out int wireCount));
            Assert.Equal(count, wireCount);
        }
    }
}
