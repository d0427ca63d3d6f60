using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Driver;

/// <summary>One (scenario, rate, mode) run: the load generator's measurement and what follows from it.</summary>
internal sealed class CaseResult
{
    public string Scenario { get; set; } = "";

    public string Mode { get; set; } = "";

    public int Meetings { get; set; }

    public int ParticipantsPerMeeting { get; set; }

    public int PayloadSize { get; set; }

    public double PacketsPerSecondPerPublisher { get; set; }

    public int BurstPackets { get; set; }

    public double OfferedForwardRate { get; set; }

    public LoadResult? Load { get; set; }

    /// <summary>Forwarded packets per CPU-second of the relay process.</summary>
    public double PacketsPerCpuSecond { get; set; }

    /// <summary>
    /// Every run's <see cref="PacketsPerCpuSecond"/>, ascending, when the case ran more than once (--repeat): this
    /// result is the median run; on a shared 2-core machine one run can differ from the next by a third.
    /// </summary>
    public List<double> RunsPacketsPerCpuSecond { get; set; } = [];

    /// <summary>The largest loss of any run of the case (the median run's own is in <see cref="Load"/>).</summary>
    public double WorstLoss { get; set; }

    /// <summary>Relay CPU seconds per million forwarded packets.</summary>
    public double CpuSecondsPerMillion { get; set; }

    /// <summary><see cref="PacketsPerCpuSecond"/> ÷ the ceiling's (GRO/GSO) in the same scenario and rate.</summary>
    public double? RatioToCeiling { get; set; }

    /// <summary><see cref="PacketsPerCpuSecond"/> ÷ the plain C relay's (recvmmsg/sendmmsg only).</summary>
    public double? RatioToPlain { get; set; }

    /// <summary>The relay's own last words (the C relay's stats line, or the tail of the gateway's log on failure).</summary>
    public string? RelayReport { get; set; }

    /// <summary>Why the case has no measurement.</summary>
    public string? Error { get; set; }
}
