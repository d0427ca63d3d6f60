namespace Gateway.Rtp.Rtcp;

/// <summary>One SDES chunk: an SSRC or CSRC and its items.</summary>
public readonly ref struct SdesChunk
{
    private readonly ReadOnlySpan<byte> _items;

    internal SdesChunk(uint ssrc, ReadOnlySpan<byte> items)
    {
        Ssrc = ssrc;
        _items = items;
    }

    /// <summary>The source the items describe.</summary>
    public uint Ssrc { get; }

    /// <summary>The items, in order (a <c>foreach</c> source).</summary>
    public SdesItemEnumerator Items => new(_items);

    /// <summary>The value of the first item of <paramref name="type"/>, e.g. the CNAME.</summary>
    public bool TryGetItem(SdesItemType type, out ReadOnlySpan<byte> value)
    {
        foreach (SdesItem item in Items)
        {
            if (item.Type == type)
            {
                value = item.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
