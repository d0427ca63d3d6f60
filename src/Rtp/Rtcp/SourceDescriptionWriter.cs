using System.Buffers.Binary;

namespace Gateway.Rtp.Rtcp;

/// <summary>
/// Builds an SDES packet (RFC 3550 §6.5) into a caller's buffer: chunks (up to 31), each with items; every
/// chunk ends with a null byte and zero padding to a 32-bit boundary. Each step returns false, writing
/// nothing that would be kept, when the buffer is too small.
/// </summary>
public ref struct SourceDescriptionWriter
{
    private const int MaxChunks = 31;

    private readonly Span<byte> _destination;
    private int _length;
    private int _chunks;
    private bool _inChunk;

    /// <summary>A writer over <paramref name="destination"/>.</summary>
    public SourceDescriptionWriter(Span<byte> destination)
    {
        _destination = destination;
        _length = RtcpPacket.HeaderLength;
    }

    /// <summary>Starts a chunk for <paramref name="ssrc"/>, ending the previous one.</summary>
    /// <exception cref="InvalidOperationException">The packet already has 31 chunks.</exception>
    public bool TryAddChunk(uint ssrc)
    {
        if (_chunks == MaxChunks)
        {
            throw new InvalidOperationException("An SDES packet holds at most 31 chunks (SC is 5 bits).");
        }

        int start = _inChunk ? RtcpWriting.RoundUpToWord(_length + 1) : _length;

        // Room for the SSRC and this chunk's terminator and padding.
        if (_destination.Length < start + 8)
        {
            return false;
        }

        CloseChunk();
        BinaryPrimitives.WriteUInt32BigEndian(_destination.Slice(_length), ssrc);
        _length += 4;
        _chunks++;
        _inChunk = true;
        return true;
    }

    /// <summary>Adds an item to the current chunk.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is END or <paramref name="value"/> is longer than 255 bytes.</exception>
    /// <exception cref="InvalidOperationException">No chunk was started.</exception>
    public bool TryAddItem(SdesItemType type, scoped ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan((int)type, 1, nameof(type));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)type, 255, nameof(type));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, 255, nameof(value));
        if (!_inChunk)
        {
            throw new InvalidOperationException("Start a chunk with TryAddChunk before adding items.");
        }

        int end = _length + 2 + value.Length;
        if (_destination.Length < RtcpWriting.RoundUpToWord(end + 1))
        {
            return false;
        }

        _destination[_length] = (byte)type;
        _destination[_length + 1] = (byte)value.Length;
        value.CopyTo(_destination.Slice(_length + 2));
        _length = end;
        return true;
    }

    /// <summary>Ends the last chunk, writes the header and returns the packet length.</summary>
    public bool TryFinish(out int bytesWritten)
    {
        CloseChunk();
        if (_destination.Length < _length)
        {
            bytesWritten = 0;
            return false;
        }

        RtcpWriting.WriteHeader(_destination, _chunks, RtcpPacketType.SourceDescription, _length);
        bytesWritten = _length;
        return true;
    }

    private void CloseChunk()
    {
        if (_inChunk)
        {
            // RFC 3550 §6.5: "terminated by one or more null octets", then padded to a 32-bit boundary.
            int end = RtcpWriting.RoundUpToWord(_length + 1);
            _destination.Slice(_length, end - _length).Clear();
            _length = end;
            _inChunk = false;
        }
    }
}
