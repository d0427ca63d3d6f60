namespace Gateway.Codecs.Jitter;

/// <summary>
/// One play-out slot from <see cref="AudioJitterBuffer.Pull"/>. The spans point into the buffer's
/// own storage and stay valid until the next <see cref="AudioJitterBuffer.Insert"/> or
/// <see cref="AudioJitterBuffer.Pull"/>.
/// </summary>
public readonly ref struct JitterFrame
{
    internal JitterFrame(JitterPullStatus status, ushort sequenceNumber, uint timestamp, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> nextPayload)
    {
        Status = status;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Payload = payload;
        NextPayload = nextPayload;
    }

    /// <summary>What to do with this slot.</summary>
    public JitterPullStatus Status { get; }

    /// <summary>The RTP sequence number of the slot (for <see cref="JitterPullStatus.Frame"/> and <see cref="JitterPullStatus.Lost"/>).</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The RTP timestamp of the packet, or for a lost one the timestamp it should have had (previous + 960).</summary>
    public uint Timestamp { get; }

    /// <summary>The packet to decode (<see cref="JitterPullStatus.Frame"/> only).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>For <see cref="JitterPullStatus.Lost"/>: the following packet when it is already here, the source of in-band FEC; empty otherwise.</summary>
    public ReadOnlySpan<byte> NextPayload { get; }
}
