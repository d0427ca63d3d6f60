namespace Gateway.Rtp.Rtcp;

/// <summary>Converts between lost sequence numbers and generic NACK entries (RFC 4585 §6.2.1), without allocating.</summary>
public static class NackList
{
    /// <summary>
    /// Packs <paramref name="lost"/> into as few entries as a single pass can: each entry takes a sequence
    /// number and every following one within 16 after it. Give the numbers in increasing order (with 16-bit
    /// wrap-around) for the fewest entries; any order yields entries that cover exactly the given numbers.
    /// False when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryCompact(ReadOnlySpan<ushort> lost, Span<NackItem> destination, out int itemCount)
    {
        itemCount = 0;
        int i = 0;
        while (i < lost.Length)
        {
            if (itemCount == destination.Length)
            {
                itemCount = 0;
                return false;
            }

            ushort packetId = lost[i];
            int mask = 0;
            i++;
            while (i < lost.Length)
            {
                int distance = (ushort)(lost[i] - packetId);
                if (distance > 16)
                {
                    break;
                }

                if (distance > 0)
                {
                    mask |= 1 << (distance - 1);
                }

                i++;
            }

            destination[itemCount++] = new NackItem(packetId, (ushort)mask);
        }

        return true;
    }

    /// <summary>
    /// Writes every sequence number the entries report lost, in entry order, each entry's PID first and then
    /// its bitmask from low to high bit. False when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryExpand(ReadOnlySpan<NackItem> items, Span<ushort> destination, out int count)
    {
        count = 0;
        foreach (NackItem item in items)
        {
            if (!TryExpandOne(item, destination, ref count))
            {
                count = 0;
                return false;
            }
        }

        return true;
    }

    internal static bool TryExpandOne(NackItem item, Span<ushort> destination, ref int count)
    {
        if (destination.Length - count < item.LostCount)
        {
            return false;
        }

        destination[count++] = item.PacketId;
        for (int bit = 0; bit < 16; bit++)
        {
            if ((item.LostBitmask & (1 << bit)) != 0)
            {
                destination[count++] = (ushort)(item.PacketId + bit + 1);
            }
        }

        return true;
    }
}
