namespace Gateway.LoadGen.Run;

/// <summary>What one load run does (the options of <c>gateway-loadgen run</c>).</summary>
internal sealed record LoadOptions
{
    public required Uri Gateway { get; init; }

    public int Meetings { get; init; } = 1;

    public int Participants { get; init; } = 3;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public bool E2ee { get; init; }

    public int OpusBitrate { get; init; } = 48000;

    /// <summary>Synthetic video bitrate per participant in bits per second; 0: audio only.</summary>
    public int VideoBitrate { get; init; }

    public int Fps { get; init; } = 30;

    public TimeSpan KeyframeInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Seconds of each received stream kept for the SNR check (from its start).</summary>
    public double QualitySeconds { get; init; } = 5;

    public double SnrThresholdDb { get; init; } = 20;

    /// <summary>Prefix of the room ids: rooms are &lt;prefix&gt;-1 … &lt;prefix&gt;-M.</summary>
    public string RoomPrefix { get; init; } = "loadgen-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How long to keep receiving after the last frame was sent.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>How often the live view and the plot's time series sample the counters.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
