namespace Gateway.RelayBench.Load;

/// <summary>What one load generator run measured (written as JSON to stdout's last line and to --out).</summary>
internal sealed class LoadResult
{
    /// <summary>The measured window's length, seconds (wall clock).</summary>
    public double WindowSeconds { get; set; }

    /// <summary>Packets the publishers sent in the window.</summary>
    public long Sent { get; set; }

    /// <summary>Sent × the number of other participants in the sender's meeting.</summary>
    public long Expected { get; set; }

    /// <summary>Packets sent in the window that subscribers received and decrypted (by the send time stamped in them).</summary>
    public long Received { get; set; }

    public double Loss { get; set; }

    /// <summary>Packets whose SRTP authentication failed at a subscriber.</summary>
    public long DecryptFailures { get; set; }

    /// <summary>Packets that arrived with a packet number not above the last one from the same publisher (duplicated or reordered).</summary>
    public long OutOfOrder { get; set; }

    /// <summary>RTCP or otherwise non-media packets the subscribers got (not counted as forwarded).</summary>
    public long OtherPackets { get; set; }

    /// <summary>Publisher sends the socket refused (buffer full); the packets were retried later.</summary>
    public long SendBlocked { get; set; }

    public double ForwardedPerSecond { get; set; }

    /// <summary>
    /// The relay's CPU over the window plus the drain: <see cref="RelayCpuSecondsSchedstat"/> when it agrees with
    /// <see cref="RelayCpuSecondsTicks"/> within a tick's error (no thread ended meanwhile), else the ticks.
    /// </summary>
    public double RelayCpuSeconds { get; set; }

    /// <summary>user + system from /proc/pid/stat (10 ms resolution; includes threads that ended).</summary>
    public double RelayCpuSecondsTicks { get; set; }

    /// <summary>Summed run time of the live threads from /proc/pid/task/*/schedstat (ns resolution).</summary>
    public double RelayCpuSecondsSchedstat { get; set; }

    public double LoadgenCpuSeconds { get; set; }

    public double LatencyP50Microseconds { get; set; }

    public double LatencyP99Microseconds { get; set; }

    public double LatencyMaxMicroseconds { get; set; }

    /// <summary>The lowest share any one subscriber received of what it should have.</summary>
    public double WorstSubscriberDelivery { get; set; }
}
