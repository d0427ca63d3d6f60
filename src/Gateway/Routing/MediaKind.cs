namespace Gateway.Routing;

/// <summary>The kind of a published track.</summary>
public enum MediaKind
{
    /// <summary>Audio (Opus).</summary>
    Audio = 0,

    /// <summary>Video.</summary>
    Video = 1,
}
