namespace Gateway.RelayBench.Load;

/// <summary>What the load generator process does: written as JSON by the driver, read by <c>loadgen --plan</c>.</summary>
internal sealed class LoadPlan
{
    /// <summary>The relay's media address, "ip:port".</summary>
    public string Relay { get; set; } = "";

    /// <summary>The relay's process id, whose CPU time the load generator samples around the measured window.</summary>
    public int RelayPid { get; set; }

    public double WarmupSeconds { get; set; } = 1;

    public double DurationSeconds { get; set; } = 10;

    /// <summary>How long to keep receiving after the last measured send.</summary>
    public int DrainMilliseconds { get; set; } = 500;

    /// <summary>Busy-poll the sockets instead of sleeping when idle (lowest latency, one core busy).</summary>
    public bool Spin { get; set; }

    /// <summary>How long to sleep when a loop found nothing to send or receive, µs.</summary>
    public int IdleMicroseconds { get; set; } = 100;

    /// <summary>Send each publisher's burst of equal-size packets as one UDP GSO call (as a video frame's fragments go).</summary>
    public bool SendGso { get; set; } = true;

    public List<ParticipantPlan> Participants { get; set; } = [];
}
