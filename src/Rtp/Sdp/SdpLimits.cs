namespace Gateway.Rtp.Sdp;

/// <summary>
/// Bounds on what <see cref="SdpParser"/> reads, so that a hostile description costs a bounded amount of
/// memory and time. The defaults are far above any real offer and far below anything that hurts.
/// </summary>
public sealed record SdpLimits
{
    /// <summary>The defaults: 64 KiB, 1000 lines, 16 media sections, 256 attributes and 64 a=ssrc lines per section.</summary>
    public static SdpLimits Default { get; } = new();

    /// <summary>Most bytes (UTF-8) of the whole description.</summary>
    public int MaxBytes { get; init; } = 64 * 1024;

    /// <summary>Most lines.</summary>
    public int MaxLines { get; init; } = 1000;

    /// <summary>Most m= sections.</summary>
    public int MaxMediaSections { get; init; } = 16;

    /// <summary>Most a= lines at session level and in each media section.</summary>
    public int MaxAttributesPerSection { get; init; } = 256;

    /// <summary>Most a=ssrc and a=ssrc-group lines in each media section.</summary>
    public int MaxSsrcLinesPerSection { get; init; } = 64;
}
