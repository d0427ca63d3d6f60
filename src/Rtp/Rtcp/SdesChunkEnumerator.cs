using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>Walks the chunks of a validated SDES packet.</summary>
public ref struct SdesChunkEnumerator
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly int _count;
    private int _index;
    private int _offset;
    private SdesChunk _current;

    internal SdesChunkEnumerator(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        _count = count;
    }

    /// <summary>The chunk the enumerator is on.</summary>
    public readonly SdesChunk Current => _current;

    /// <summary>Moves to the next chunk; false after the last (SC) chunk.</summary>
    public bool MoveNext()
    {
        if (_index >= _count || !SourceDescription.TryReadChunk(_body, _offset, out int itemsLength, out int next))
        {
            return false;
        }

        _current = new SdesChunk(BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(_offset)), _body.Slice(_offset + 4, itemsLength));
        _offset = next;
        _index++;
        return true;
    }
}
