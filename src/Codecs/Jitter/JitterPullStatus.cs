namespace Gateway.Codecs.Jitter;

/// <summary>What <see cref="AudioJitterBuffer.Pull"/> hands back for one 20 ms play-out slot.</summary>
public enum JitterPullStatus
{
    /// <summary>Nothing to play yet: the buffer is filling to its prefetch depth. Play silence.</summary>
    Buffering,

    /// <summary>The next packet, in order: decode <see cref="JitterFrame.Payload"/>.</summary>
    Frame,

    /// <summary>
    /// The next packet is missing while later ones are here, so it is declared lost: conceal (Opus PLC),
    /// or recover it by FEC from <see cref="JitterFrame.NextPayload"/> when that is not empty.
    /// </summary>
    Lost,

    /// <summary>
    /// The buffer ran dry: nothing at or after the next sequence number. Conceal; the slot is not
    /// given up, so the packet still plays if it arrives by the next pull.
    /// </summary>
    Underrun,
}
