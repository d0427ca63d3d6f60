namespace Gateway.Rtp.Rtcp;

/// <summary>The report blocks of an SR or RR, read on demand.</summary>
public readonly ref struct ReportBlockList
{
    private readonly ReadOnlySpan<byte> _blocks;

    internal ReportBlockList(ReadOnlySpan<byte> blocks) => _blocks = blocks;

    /// <summary>The number of blocks (RC).</summary>
    public int Count => _blocks.Length / ReportBlock.Length;

    /// <summary>Block number <paramref name="index"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public ReportBlock this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ReportBlock.Read(_blocks.Slice(index * ReportBlock.Length));
        }
    }
}
