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

    /// <summary>How senders make their Opus frames: live, pre-encoded, or (auto) pre-encoded above <see cref="LiveEncodeLimit"/> participants.</summary>
    public EncodeMode Encode { get; init; } = EncodeMode.Auto;

    /// <summary>
    /// Distinct pre-encoded sources, assigned to participants round-robin; null: one per participant up to
    /// <see cref="DefaultSources"/>.
    /// </summary>
    public int? Sources { get; init; }

    /// <summary>Seconds of each pre-encoded source's loop.</summary>
    public double LoopSeconds { get; init; } = 4;

    /// <summary>Received audio streams Opus-decoded and SNR-checked (spread over the meetings); the rest are decrypted and counted only.</summary>
    public int DecodeStreams { get; init; } = DefaultDecodeStreams;

    /// <summary>The gateway's process id on this machine, when known: its CPU time over the media phase goes into the report.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>
    /// Participants above which <see cref="EncodeMode.Auto"/> pre-encodes: a live Concentus encode costs about 0.3 ms of
    /// CPU per 20 ms frame, so 20 live encoders already take a third of a core, and the gateway under test may share the machine.
    /// </summary>
    public const int LiveEncodeLimit = 20;

    /// <summary>The most distinct pre-encoded sources by default.</summary>
    public const int DefaultSources = 8;

    /// <summary>The default number of streams decoded and checked.</summary>
    public const int DefaultDecodeStreams = 16;

    /// <summary>Participants over all meetings.</summary>
    public int TotalParticipants => Meetings * Participants;

    /// <summary>Received audio streams over all meetings: each participant hears every other one of its meeting.</summary>
    public int TotalStreams => Meetings * Participants * (Participants - 1);

    /// <summary><see cref="Encode"/> with <see cref="EncodeMode.Auto"/> decided.</summary>
    public EncodeMode EffectiveEncode => Encode != EncodeMode.Auto ? Encode
        : TotalParticipants > LiveEncodeLimit ? EncodeMode.PreEncoded : EncodeMode.Live;

    /// <summary>The distinct pre-encoded sources this run uses.</summary>
    public int EffectiveSources => Math.Min(Sources ?? DefaultSources, TotalParticipants);

    /// <summary>Frames in each pre-encoded loop.</summary>
    public int LoopFrames => Math.Max(1, (int)Math.Round(LoopSeconds * 1000 / Client.Media.RtpFormats.FrameDuration.TotalMilliseconds));

    /// <summary>How often the live view and the plot's time series sample the counters.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
