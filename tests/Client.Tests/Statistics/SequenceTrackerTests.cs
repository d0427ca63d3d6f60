using Gateway.Client.Statistics;

namespace Gateway.Client.Tests.Statistics;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void Accept_AcrossTheWrap_CountsNoLoss()
    {
        var tracker = new SequenceTracker();
        for (int i = 0; i < 100; i++)
        {
            Assert.True(tracker.Accept((ushort)(65500 + i)) >= 0);
        }

        Assert.Equal(100, tracker.Received);
        Assert.Equal(0, tracker.Lost);
        Assert.Equal(65536 + 65599, tracker.Highest);
    }

    [Fact]
    public void Accept_GapsDuplicatesAndReordering_AreCountedApart()
    {
        var tracker = new SequenceTracker();
        foreach (ushort sequence in new ushort[] { 10, 12, 11, 11, 15, 10, 9 })
        {
            tracker.Accept(sequence);
        }

        // 9..15 expected (7), received 9,10,11,12,15 (5): 13 and 14 lost; 11 and 10 again are duplicates.
        Assert.Equal(5, tracker.Received);
        Assert.Equal(2, tracker.Duplicates);
        Assert.Equal(2, tracker.Lost);
    }

    [Fact]
    public void Accept_ReorderedBeforeAFirstPacketNearZero_IsNotADuplicate()
    {
        var tracker = new SequenceTracker();
        long first = tracker.Accept(2);
        long before = tracker.Accept(65535);

        Assert.True(before >= 0);
        Assert.Equal(first - 3, before);
        Assert.Equal(2, tracker.Received);
        Assert.Equal(0, tracker.Duplicates);
        Assert.Equal(2, tracker.Lost);
    }

    [Fact]
    public void Accept_FarBehindTheWindow_IsNotCountedAsNew()
    {
        var tracker = new SequenceTracker();
        tracker.Accept(5000);
        tracker.Accept(7000);

        Assert.Equal(-1, tracker.Accept(5500));
        Assert.Equal(2, tracker.Received);
    }
}
