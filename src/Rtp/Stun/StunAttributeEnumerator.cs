using System.Buffers.Binary;

namespace Gateway.Rtp.Stun;

/// <summary>
/// Walks the attributes of a parsed <see cref="StunMessage"/> in order, without allocating. Attributes
/// that RFC 8489 says to ignore — anything after MESSAGE-INTEGRITY except MESSAGE-INTEGRITY-SHA256 and
/// FINGERPRINT, anything after MESSAGE-INTEGRITY-SHA256 except FINGERPRINT (§14.5, §14.6) — are skipped.
/// </summary>
public ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private int _offset;
    private StunIntegrityPhase _phase;
    private StunAttribute _current;

    /// <summary>Starts before the first attribute of <paramref name="message"/>, already validated by the parser.</summary>
    internal StunAttributeEnumerator(ReadOnlySpan<byte> message)
    {
        _message = message;
        _offset = StunMessage.HeaderLength;
        _phase = StunIntegrityPhase.Open;
        _current = default;
    }

    /// <summary>The attribute the enumerator is on.</summary>
    public readonly StunAttribute Current => _current;

    /// <summary>Lets <c>foreach</c> use this enumerator directly.</summary>
    public readonly StunAttributeEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next attribute the receiver should look at; false at the end.</summary>
    public bool MoveNext()
    {
        // The parser checked every header and length, so nothing here can run past the message.
        while (_offset < _message.Length)
        {
            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(_message[_offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(_message[(_offset + 2)..]);
            ReadOnlySpan<byte> value = _message.Slice(_offset + 4, length);
            _offset += 4 + StunMessage.Pad(length);
            if (StunMessage.Admit(type, ref _phase))
            {
                _current = new StunAttribute(type, value);
                return true;
            }
        }

        _current = default;
        return false;
    }
}
