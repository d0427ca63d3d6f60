using System.Runtime.CompilerServices;

namespace Gateway.Transport;

/// <summary>
/// One worker's counters: plain fields written only by the worker's thread (no interlocked operations on the
/// hot path) and read by the metrics scrape, which sums all workers. Latency is a histogram of
/// receive-to-send times in fixed buckets.
/// </summary>
public sealed class MediaCounters
{
    /// <summary>Upper bounds, in microseconds, of the forward latency buckets (the last bucket is open).</summary>
    public static readonly double[] LatencyBucketMicroseconds = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 100_000];

    private static readonly int ReasonCount = Enum.GetValues<MediaDropReason>().Length;
    private static readonly long[] LatencyBucketTicks = ToTicks(LatencyBucketMicroseconds);

    private readonly long[] _drops = new long[ReasonCount];
    private readonly long[] _latency = new long[LatencyBucketMicroseconds.Length + 1];

    private long _packetsIn;
    private long _bytesIn;
    private long _packetsOut;
    private long _bytesOut;
    private long _forwarded;
    private long _latencyTicksSum;
    private long _queueDepth;

    /// <summary>Datagrams (and framed packets) received.</summary>
    public long PacketsIn => Volatile.Read(ref _packetsIn);

    /// <summary>Bytes received.</summary>
    public long BytesIn => Volatile.Read(ref _bytesIn);

    /// <summary>Packets sent.</summary>
    public long PacketsOut => Volatile.Read(ref _packetsOut);

    /// <summary>Bytes sent.</summary>
    public long BytesOut => Volatile.Read(ref _bytesOut);

    /// <summary>Packets forwarded from one participant to another (one per subscriber).</summary>
    public long Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Sum of forward latencies, in Stopwatch ticks.</summary>
    public long LatencyTicksSum => Volatile.Read(ref _latencyTicksSum);

    /// <summary>Packets waiting in this worker's hand-off rings (sampled by the worker).</summary>
    public long QueueDepth => Volatile.Read(ref _queueDepth);

    /// <summary>Counts received packets and bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Received(int packets, long bytes)
    {
        _packetsIn += packets;
        _bytesIn += bytes;
    }

    /// <summary>Counts sent packets and bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Sent(int packets, long bytes)
    {
        _packetsOut += packets;
        _bytesOut += bytes;
    }

    /// <summary>Counts one packet forwarded to one subscriber.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountForwarded() => _forwarded++;

    /// <summary>Sets the sampled hand-off queue depth.</summary>
    public void SetQueueDepth(long depth) => _queueDepth = depth;

    /// <summary>Counts a dropped packet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Drop(MediaDropReason reason) => _drops[(int)reason]++;

    /// <summary>Drops counted for <paramref name="reason"/>.</summary>
    public long Drops(MediaDropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    /// <summary>Records one forward latency in Stopwatch ticks.</summary>
    public void RecordLatency(long ticks)
    {
        _latencyTicksSum += ticks;
        long[] bounds = LatencyBucketTicks;
        int i = 0;
        while (i < bounds.Length && ticks > bounds[i])
        {
            i++;
        }

        _latency[i]++;
    }

    /// <summary>The count in latency bucket <paramref name="index"/> (0..bucket count; the last is open).</summary>
    public long LatencyBucket(int index) => Volatile.Read(ref _latency[index]);

    private static long[] ToTicks(double[] microseconds)
    {
        var ticks = new long[microseconds.Length];
        for (int i = 0; i < ticks.Length; i++)
        {
            ticks[i] = (long)(microseconds[i] * System.Diagnostics.Stopwatch.Frequency / 1_000_000.0);
        }

        return ticks;
    }
}
