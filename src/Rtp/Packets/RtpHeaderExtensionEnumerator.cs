namespace Gateway.Rtp.Packets;

/// <summary>
/// Walks the RFC 8285 elements of a header extension without allocating (a <c>foreach</c> over
/// <see cref="RtpHeaderExtensions"/>). Padding is skipped; a one-byte id 15 ends the walk (§4.2).
/// An element that runs past the extension data also ends it, and sets <see cref="IsMalformed"/>.
/// </summary>
public ref struct RtpHeaderExtensionEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _twoByte;
    private int _offset;
    private int _id;
    private int _valueOffset;
    private int _valueLength;
    private bool _malformed;

    internal RtpHeaderExtensionEnumerator(ReadOnlySpan<byte> data, bool twoByte)
    {
        _data = data;
        _twoByte = twoByte;
    }

    /// <summary>The element the enumerator is on.</summary>
    public readonly RtpHeaderExtension Current => new(_id, _data.Slice(_valueOffset, _valueLength));

    /// <summary>True once the walk stopped at an element that does not fit in the extension data.</summary>
    public readonly bool IsMalformed => _malformed;

    /// <summary>Moves to the next element; false at the end or at a malformed element.</summary>
    public bool MoveNext()
    {
        ElementRead read = RtpExtensionElements.ReadNext(_data, _twoByte, ref _offset, out _id, out _valueOffset, out _valueLength);
        _malformed |= read == ElementRead.Malformed;
        return read == ElementRead.Element;
    }
}
