namespace Gateway.Codecs.Jitter;

/// <summary>What <see cref="AudioJitterBuffer.Insert"/> did with a packet.</summary>
public enum JitterInsertStatus
{
    /// <summary>Stored for play-out (in order or reordered within the buffer).</summary>
    Buffered,

    /// <summary>The same sequence number is buffered or was played already; dropped and counted.</summary>
    Duplicate,

    /// <summary>Arrived after its play-out slot had passed (it was reported lost); dropped and counted.</summary>
    Late,

    /// <summary>Empty or larger than a slot; dropped and counted.</summary>
    InvalidPayload,
}
