namespace Gateway.Codecs.Opus;

/// <summary>How an <see cref="OpusAudioEncoder"/> is set up. Defaults: mono, 32 kb/s, complexity 10, <see cref="OpusApplicationMode.Audio"/>.</summary>
public sealed record OpusEncoderSettings
{
    /// <summary>1 (mono) or 2 (stereo, interleaved PCM).</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Target bitrate in bits per second (6000..510000).</summary>
    public int Bitrate { get; init; } = 32_000;

    /// <summary>Encoder complexity 0..10 (10 is best quality, most CPU).</summary>
    public int Complexity { get; init; } = 10;

    /// <summary>The application hint.</summary>
    public OpusApplicationMode Application { get; init; } = OpusApplicationMode.Audio;

    /// <summary>Whether to put in-band FEC (a low-rate copy of the previous frame) into SILK/hybrid packets.</summary>
    public bool InbandFec { get; init; }

    /// <summary>The expected loss percentage 0..100; FEC is only spent when this is above zero.</summary>
    public int ExpectedLossPercent { get; init; }

    /// <summary>
    /// Constant bitrate: every packet the same size. Off (variable bitrate) by default; encrypted voice wants it
    /// on, because packet sizes under variable bitrate reveal what is said even when the payload is hidden (RFC 6562).
    /// </summary>
    public bool ConstantBitrate { get; init; }
}
