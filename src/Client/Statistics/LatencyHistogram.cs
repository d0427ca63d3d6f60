namespace Gateway.Client.Statistics;

/// <summary>
/// Latency samples in microseconds, counted in log-linear buckets (64 per power of two above 64 µs, so within
/// 1.6 % of the true value up to 2^30 µs). Recording is lock-free and allocation-free; readers on other threads see
/// counts that may lag by a sample. Histograms merge by adding counts.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int SubBucketBits = 6;
    private const int MaxExponent = 30;
    private const int BucketCount = SubBuckets + ((MaxExponent - SubBucketBits + 1) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _max;

    /// <summary>Samples recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The mean sample in milliseconds (0 without samples).</summary>
    public double MeanMilliseconds => Count == 0 ? 0 : Volatile.Read(ref _sum) / (double)Count / 1000.0;

    /// <summary>The largest sample in milliseconds.</summary>
    public double MaxMilliseconds => Volatile.Read(ref _max) / 1000.0;

    /// <summary>Records one sample; negative values (clock steps) count as 0, values beyond about 18 minutes as the largest bucket.</summary>
    public void Record(long microseconds)
    {
        long value = Math.Max(0, microseconds);
        Interlocked.Increment(ref _counts[Index(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        long max = Volatile.Read(ref _max);
        while (value > max)
        {
            long seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The <paramref name="percentile"/> (0–100) in milliseconds: the middle of the bucket that holds it; 0 without samples.</summary>
    public double PercentileMilliseconds(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        long total = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        if (total == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                (long low, long high) = Bounds(i);
                return (low + high) / 2.0 / 1000.0;
            }
        }

        return MaxMilliseconds;
    }

    /// <summary>Adds <paramref name="other"/>'s samples to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _counts.Length; i++)
        {
            long count = Volatile.Read(ref other._counts[i]);
            if (count != 0)
            {
                Interlocked.Add(ref _counts[i], count);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Volatile.Read(ref other._sum));
        long otherMax = Volatile.Read(ref other._max);
        if (otherMax > Volatile.Read(ref _max))
        {
            Volatile.Write(ref _max, otherMax);
        }
    }

    internal static int Index(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        int exponent = 63 - (int)long.LeadingZeroCount(value);
        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        int shift = exponent - SubBucketBits;
        int mantissa = (int)(value >> shift) - SubBuckets;
        return SubBuckets + (shift * SubBuckets) + mantissa;
    }

    internal static (long Low, long High) Bounds(int index)
    {
        if (index < SubBuckets)
        {
            return (index, index + 1);
        }

        int shift = (index - SubBuckets) / SubBuckets;
        int mantissa = (index - SubBuckets) % SubBuckets;
        long low = (long)(SubBuckets + mantissa) << shift;
        return (low, low + (1L << shift));
    }
}
