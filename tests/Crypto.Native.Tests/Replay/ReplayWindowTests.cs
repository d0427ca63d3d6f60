using Gateway.Crypto.Native.Replay;

namespace Gateway.Crypto.Native.Tests.Replay;

/// <summary>RFC 3711 §3.3.2: the replay list SRTP and SFrame share, for every window size class (SFrame's odd sizes too).</summary>
public sealed class ReplayWindowTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(100)]
    [InlineData(1024)]
    public void Check_DuplicateInsideTheWindow_IsReplayed(int size)
    {
        var window = new ReplayWindow(size);
        window.Accept(5000);
        window.Accept(5001);
        window.Accept(5001 - (ulong)size + 1);

        Assert.Equal(ReplayCheck.Replayed, window.Check(5000));
        Assert.Equal(ReplayCheck.Replayed, window.Check(5001));
        Assert.Equal(ReplayCheck.Replayed, window.Check(5001 - (ulong)size + 1));
        Assert.Equal(ReplayCheck.Fresh, window.Check(4999));
        Assert.Equal(ReplayCheck.Fresh, window.Check(5002));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(100)]
    [InlineData(1024)]
    public void Check_IndexAtTheWindowEdge_IsAcceptedAndOneBeyondIsTooOld(int size)
    {
        var window = new ReplayWindow(size);
        window.Accept(5000);

        Assert.Equal(ReplayCheck.Fresh, window.Check(5000 - (ulong)size + 1));
        Assert.Equal(ReplayCheck.TooOld, window.Check(5000 - (ulong)size));
        Assert.Equal(ReplayCheck.TooOld, window.Check(0));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(100)]
    [InlineData(1024)]
    public void Accept_WindowMovesForward_ForgetsOnlyWhatItLeavesBehind(int size)
    {
        var window = new ReplayWindow(size);
        for (ulong i = 0; i < 3000; i += 2)
        {
            window.Accept(i); // every even index
        }

        ulong highest = 2998;
        for (ulong i = highest - (ulong)size + 1; i <= highest; i++)
        {
            Assert.Equal(i % 2 == 0 ? ReplayCheck.Replayed : ReplayCheck.Fresh, window.Check(i));
        }

        window.Accept(highest + 37); // a jump shorter than the window
        for (ulong i = highest + 38 - (ulong)size; i <= highest + 37; i++)
        {
            ReplayCheck expected = i == highest + 37 || (i <= highest && i % 2 == 0) ? ReplayCheck.Replayed : ReplayCheck.Fresh;
            Assert.Equal(expected, window.Check(i));
        }

        window.Accept(highest + 37 + (ulong)size * 3); // a jump past the whole window
        Assert.Equal(ReplayCheck.Replayed, window.Check(highest + 37 + (ulong)size * 3));
        for (ulong i = highest + 38 + (ulong)size * 2; i < highest + 37 + (ulong)size * 3; i++)
        {
            Assert.Equal(ReplayCheck.Fresh, window.Check(i));
        }
    }

    [Fact]
    public void Constructor_RefusesAnEmptyWindow() => Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayWindow(0));

    [Fact]
    public void Check_EmptyWindow_AcceptsAnything()
    {
        var window = new ReplayWindow(64);
        Assert.Equal(ReplayCheck.Fresh, window.Check(0));
        Assert.Equal(ReplayCheck.Fresh, window.Check(ulong.MaxValue >> 16));
        Assert.False(window.HasIndex);
    }

    [Fact]
    public void Accept_RandomOrder_MatchesASetOfSeenIndices()
    {
        int seed = Infrastructure.TestSeed.Next();
        var random = new Random(seed);
        var window = new ReplayWindow(128);
        var seen = new HashSet<ulong>();
        ulong highest = 0;
        bool any = false;
        for (int i = 0; i < 20000; i++)
        {
            ulong index = (ulong)Math.Max(0, (long)highest + random.Next(-200, 60));
            ReplayCheck expected = !any || index > highest ? ReplayCheck.Fresh
                : highest - index >= 128 ? ReplayCheck.TooOld
                : seen.Contains(index) ? ReplayCheck.Replayed : ReplayCheck.Fresh;
            Assert.True(expected == window.Check(index), $"index {index}, highest {highest}, {Infrastructure.TestSeed.Describe(seed)}");
            if (expected == ReplayCheck.Fresh)
            {
                window.Accept(index);
                seen.Add(index);
                highest = any ? Math.Max(highest, index) : index;
                any = true;
            }
        }
    }
}
