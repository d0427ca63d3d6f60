using System.Diagnostics;

namespace Gateway.Routing;

/// <summary>
/// A packets-per-second limit on Stopwatch ticks: holds up to one second of packets, refills continuously.
/// Units are scaled by <see cref="Stopwatch.Frequency"/> so the arithmetic stays in integers.
/// </summary>
internal struct TokenBucket
{
    private long _rate;
    private long _capacity;
    private long _tokens;
    private long _lastTicks;

    public TokenBucket(int packetsPerSecond, long nowTicks)
    {
        _rate = packetsPerSecond;
        _capacity = packetsPerSecond * Stopwatch.Frequency;
        _tokens = _capacity;
        _lastTicks = nowTicks;
    }

    /// <summary>Takes one packet's token; false when the limit is reached.</summary>
    public bool TryTake(long nowTicks)
    {
        long elapsed = nowTicks - _lastTicks;
        if (elapsed > 0)
        {
            _lastTicks = nowTicks;
            long refill = elapsed >= Stopwatch.Frequency ? _capacity : elapsed * _rate;
            _tokens = Math.Min(_capacity, _tokens + refill);
        }

        if (_tokens < Stopwatch.Frequency)
        {
            return false;
        }

        _tokens -= Stopwatch.Frequency;
        return true;
    }
}
