using Gateway.Client.Statistics;
using Gateway.Crypto.Native.Tests.Infrastructure;

namespace Gateway.Client.Tests.Statistics;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(50)]
    [InlineData(95)]
    [InlineData(99)]
    public void Percentile_IsWithinBucketPrecisionOfTheExactRankValue(double percentile)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        var histogram = new LatencyHistogram();
        long[] samples = new long[20000];
        for (int i = 0; i < samples.Length; i++)
        {
            // Log-uniform from 10 µs to 2 s, like real latency tails.
            samples[i] = (long)Math.Exp(random.NextDouble() * Math.Log(200000)) * 10;
            histogram.Record(samples[i]);
        }

        Array.Sort(samples);
        long exact = samples[(int)Math.Ceiling(percentile / 100 * samples.Length) - 1];
        double measured = histogram.PercentileMilliseconds(percentile) * 1000;

        Assert.True(Math.Abs(measured - exact) <= (exact * 0.02) + 1, $"{measured} µs vs {exact} µs, {TestSeed.Describe(seed)}");
        Assert.Equal(samples.Length, histogram.Count);
        Assert.Equal(samples[^1] / 1000.0, histogram.MaxMilliseconds);
    }

    [Fact]
    public void BucketBounds_TileTheRangeWithoutGaps()
    {
        long previousHigh = 0;
        for (int i = 0; i < 1600; i++)
        {
            (long low, long high) = LatencyHistogram.Bounds(i);
            Assert.Equal(previousHigh, low);
            Assert.Equal(i, LatencyHistogram.Index(low));
            Assert.Equal(i, LatencyHistogram.Index(high - 1));
            previousHigh = high;
        }
    }

    [Fact]
    public void Add_MergesCountsAndMax_AndEmptyGivesZero()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        Assert.Equal(0, a.PercentileMilliseconds(99));
        a.Record(1000);
        b.Record(3000);
        b.Record(-5);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(3.0, a.MaxMilliseconds);
        Assert.Equal(0.0005, a.PercentileMilliseconds(1));
    }
}
