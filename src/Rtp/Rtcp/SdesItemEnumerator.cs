namespace Gateway.Rtp.Rtcp;

/// <summary>Walks the items of an SDES chunk (already validated by <see cref="SourceDescription.TryParse"/>).</summary>
public ref struct SdesItemEnumerator
{
    private readonly ReadOnlySpan<byte> _items;
    private int _offset;
    private SdesItem _current;

    internal SdesItemEnumerator(ReadOnlySpan<byte> items) => _items = items;

    /// <summary>The item the enumerator is on.</summary>
    public readonly SdesItem Current => _current;

    /// <summary>Makes the enumerator usable in <c>foreach</c>.</summary>
    public readonly SdesItemEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next item; false after the last.</summary>
    public bool MoveNext()
    {
        // The items span ends at the END byte and was validated, so every header and value fits.
        if (_offset + 2 > _items.Length)
        {
            return false;
        }

        int length = _items[_offset + 1];
        _current = new SdesItem((SdesItemType)_items[_offset], _items.Slice(_offset + 2, length));
        _offset += 2 + length;
        return true;
    }
}
