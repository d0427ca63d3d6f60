namespace Gateway.Rtp.Rtcp;

/// <summary>
/// One generic NACK FCI entry (RFC 4585 §6.2.1): a lost packet id (PID) and a bitmask of the 16 packets
/// after it (BLP): bit i (least significant first) set means PID + i + 1 is lost too.
/// </summary>
/// <param name="PacketId">PID: a lost sequence number.</param>
/// <param name="LostBitmask">BLP: which of the next 16 sequence numbers are lost.</param>
public readonly record struct NackItem(ushort PacketId, ushort LostBitmask)
{
    /// <summary>The size of an entry.</summary>
    public const int Length = 4;

    /// <summary>How many sequence numbers the entry reports lost (1 to 17).</summary>
    public int LostCount => 1 + System.Numerics.BitOperations.PopCount(LostBitmask);

    /// <summary>True when the entry reports <paramref name="sequenceNumber"/> lost.</summary>
    public bool Contains(ushort sequenceNumber)
    {
        int distance = (ushort)(sequenceNumber - PacketId);
        return distance == 0 || (distance <= 16 && (LostBitmask & (1 << (distance - 1))) != 0);
    }
}
