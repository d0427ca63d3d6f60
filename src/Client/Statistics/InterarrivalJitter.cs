namespace Gateway.Client.Statistics;

/// <summary>
/// RFC 3550 §6.4.1 interarrival jitter: the mean deviation of the difference D between packets' spacing at the
/// receiver and their RTP timestamp spacing, smoothed with gain 1/16 (the A.8 estimator), in RTP clock units.
/// </summary>
internal struct InterarrivalJitter
{
    private double _jitter;
    private double _lastTransit;
    private bool _started;

    /// <summary>The current estimate in RTP timestamp units.</summary>
    public readonly double Units => _jitter;

    /// <summary>Takes one packet: its arrival time and RTP timestamp, both in RTP clock units.</summary>
    public void Update(double arrivalUnits, uint rtpTimestamp)
    {
        double transit = arrivalUnits - rtpTimestamp;
        if (_started)
        {
            double d = transit - _lastTransit;

            // Timestamps wrap at 2^32: a difference near ±2^32 is a wrap, not jitter.
            if (d > 2147483648.0)
            {
                d -= 4294967296.0;
            }
            else if (d < -2147483648.0)
            {
                d += 4294967296.0;
            }

            _jitter += (Math.Abs(d) - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _started = true;
    }
}
