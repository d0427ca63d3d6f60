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

    public required LoadTotals Totals { get; init; }

    public required QualitySummary Quality { get; init; }

    public required IReadOnlyList<StreamReport> Streams { get; init; }

    public required IReadOnlyList<TimeSample> Timeline { get; init; }

    /// <summary>True when the quality check passed and nothing failed to decrypt.</summary>
    public required bool Pass { get; init; }

    /// <summary>Why it did not pass (empty when it did).</summary>
    public required IReadOnlyList<string> Failures { get; init; }
}
