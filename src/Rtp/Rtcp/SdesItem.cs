namespace Gateway.Rtp.Rtcp;

/// <summary>One SDES item: its type and value bytes (UTF-8 text for the standard types), a view.</summary>
public readonly ref struct SdesItem
{
    internal SdesItem(SdesItemType type, ReadOnlySpan<byte> value)
    {
        Type = type;
        Value = value;
    }

    /// <summary>The item type (values above 8 are possible: unknown types are passed through).</summary>
    public SdesItemType Type { get; }

    /// <summary>The value, 0..255 bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
