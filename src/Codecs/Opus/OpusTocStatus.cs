namespace Gateway.Codecs.Opus;

/// <summary>Why <see cref="OpusToc.TryParse"/> refused a packet (RFC 6716 §3.4 requirements R1..R7).</summary>
public enum OpusTocStatus
{
    /// <summary>A well-formed packet.</summary>
    Ok,

    /// <summary>No bytes at all [R1].</summary>
    Empty,

    /// <summary>The packet ends inside a frame length, the frame count byte or the padding length [R4, R5, R7].</summary>
    Truncated,

    /// <summary>A frame would exceed 1275 bytes, code-1 frames cannot be equal, or the lengths overrun the packet [R2, R3, R4, R6, R7].</summary>
    InvalidFrameLength,

    /// <summary>A code-3 packet declares zero frames or more than 120 ms of audio [R5].</summary>
    InvalidFrameCount,
}
