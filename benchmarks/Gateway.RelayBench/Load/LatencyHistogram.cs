namespace Gateway.RelayBench.Load;

/// <summary>Forward latencies in 1 µs buckets up to 200 ms (one overflow bucket above): recording allocates nothing.</summary>
internal sealed class LatencyHistogram
{
    /// <summary>The largest latency recorded exactly, µs; above it a sample only counts as "more".</summary>
    public const int RangeMicroseconds = 200_000;

    private const int Buckets = RangeMicroseconds;
    private readonly long[] _counts = new long[Buckets + 1];
    private long _total;
    private double _maxMicroseconds;

    public void Record(double microseconds)
    {
        int bucket = microseconds <= 0 ? 0 : microseconds >= Buckets ? Buckets : (int)microseconds;
        _counts[bucket]++;
        _total++;
        if (microseconds > _maxMicroseconds)
        {
            _maxMicroseconds = microseconds;
        }
    }

    public double MaxMicroseconds => _maxMicroseconds;

    /// <summary>The <paramref name="quantile"/> (0..1) in µs (the bucket's upper edge); 0 when nothing was recorded.</summary>
    public double Quantile(double quantile)
    {
        if (_total == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(quantile * _total));
        long seen = 0;
        for (int i = 0; i <= Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i + 1;
            }
        }

        return _maxMicroseconds;
    }
}
