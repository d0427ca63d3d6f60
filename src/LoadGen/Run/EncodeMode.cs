namespace Gateway.LoadGen.Run;

/// <summary>How senders produce their Opus frames (<c>--encode</c>).</summary>
internal enum EncodeMode
{
    /// <summary>Pre-encoded when live encoding would not fit the CPU (more than <see cref="LoadOptions.LiveEncodeLimit"/> participants), else live.</summary>
    Auto,

    /// <summary>Every participant's source is Opus-encoded as it is sent (about 0.3 ms of CPU per 20 ms frame with Concentus).</summary>
    Live,

    /// <summary>A few sources, each encoded once up front for a loop, replayed by every participant with fresh RTP and real SFrame and SRTP.</summary>
    PreEncoded,
}
