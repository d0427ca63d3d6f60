namespace Gateway.Crypto.Native.Replay;

/// <summary>What a <see cref="ReplayWindow"/> makes of an index.</summary>
public enum ReplayCheck
{
    /// <summary>Not seen: ahead of the highest, or inside the window and not yet accepted.</summary>
    Fresh = 0,

    /// <summary>Inside the window and already accepted.</summary>
    Replayed,

    /// <summary>Behind the window: too old to tell.</summary>
    TooOld,
}
