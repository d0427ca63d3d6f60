namespace Gateway.Rtp.Rtcp;

/// <summary>
/// The feedback for one transport-wide sequence number: received or not, and for a received packet its
/// receive delta in 250 µs ticks from the previous received packet (the first from the reference time).
/// </summary>
/// <param name="SequenceNumber">The transport-wide sequence number.</param>
/// <param name="Received">Whether the packet arrived.</param>
/// <param name="DeltaTicks">
/// For a received packet, the receive delta in 250 µs ticks: 0..255 is sent as a small (1-byte) delta,
/// -32768..32767 otherwise as a large (2-byte) one. 0 for a packet not received.
/// </param>
public readonly record struct TransportPacketStatus(ushort SequenceNumber, bool Received, int DeltaTicks)
{
    /// <summary>The length of one delta tick in microseconds.</summary>
    public const int TickMicroseconds = 250;

    /// <summary>The receive delta in microseconds.</summary>
    public long DeltaMicroseconds => (long)DeltaTicks * TickMicroseconds;

    /// <summary>A packet that did not arrive.</summary>
    public static TransportPacketStatus Lost(ushort sequenceNumber) => new(sequenceNumber, false, 0);
}
