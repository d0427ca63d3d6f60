namespace Gateway.LoadGen.Report;

/// <summary>The outcome of one load run, as the JSON report has it.</summary>
internal sealed record LoadReport
{
    public required string Gateway { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required int Meetings { get; init; }

    public required int ParticipantsPerMeeting { get; init; }

    public required bool E2ee { get; init; }

    public required int OpusBitrate { get; init; }

    public required int VideoBitrate { get; init; }

    public required int Fps { get; init; }

    /// <summary>How senders made their Opus: <c>live</c> (encoded as sent) or <c>preencoded</c> (loops replayed).</summary>
    public required string Encode { get; init; }

    /// <summary>Distinct pre-encoded sources (0 when live).</summary>
    public int Sources { get; init; }

    /// <summary>Seconds of each pre-encoded loop (0 when live).</summary>
    public double LoopSeconds { get; init; }

    public required LoadTotals Totals { get; init; }

    /// <summary>Both processes' CPU time over the media phase.</summary>
    public required CpuUsage Cpu { get; init; }

    public required QualitySummary Quality { get; init; }

    public required IReadOnlyList<StreamReport> Streams { get; init; }

    public required IReadOnlyList<TimeSample> Timeline { get; init; }

    /// <summary>True when the quality check passed and nothing failed to decrypt.</summary>
    public required bool Pass { get; init; }

    /// <summary>Why it did not pass (empty when it did).</summary>
    public required IReadOnlyList<string> Failures { get; init; }
}
