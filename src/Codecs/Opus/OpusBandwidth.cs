namespace Gateway.Codecs.Opus;

/// <summary>The audio bandwidth a TOC configuration selects (RFC 6716 §2, Table 1).</summary>
public enum OpusBandwidth
{
    /// <summary>4 kHz audio bandwidth (8 kHz effective sample rate).</summary>
    Narrowband,

    /// <summary>6 kHz (12 kHz effective sample rate).</summary>
    Mediumband,

    /// <summary>8 kHz (16 kHz effective sample rate).</summary>
    Wideband,

    /// <summary>12 kHz (24 kHz effective sample rate).</summary>
    SuperWideband,

    /// <summary>20 kHz (48 kHz effective sample rate).</summary>
    Fullband,
}
