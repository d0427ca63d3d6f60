namespace Gateway.Rtp.Rtcp;

/// <summary>Walks the packets of a <see cref="RtcpCompoundPacket"/>; stops at the end or at the first invalid packet.</summary>
public ref struct RtcpCompoundEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;
    private RtcpPacket _current;
    private RtcpParseResult _result;

    internal RtcpCompoundEnumerator(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The packet the enumerator is on.</summary>
    public readonly RtcpPacket Current => _current;

    /// <summary>
    /// <see cref="RtcpParseResult.Ok"/> while the packets read so far are valid (and after a clean end);
    /// otherwise why the walk stopped.
    /// </summary>
    public readonly RtcpParseResult Result => _result;

    /// <summary>Moves to the next packet; false at the end of the datagram or at an invalid packet.</summary>
    public bool MoveNext()
    {
        if (_result != RtcpParseResult.Ok || _offset >= _data.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = _data.Slice(_offset);
        RtcpParseResult result = RtcpPacket.TryParse(rest, out RtcpPacket packet);
        if (result == RtcpParseResult.Ok && packet.HasPadding && packet.Length != rest.Length)
        {
            result = RtcpParseResult.BadPadding; // RFC 3550 §6.4.1: padding only on the last packet
        }

        if (result != RtcpParseResult.Ok)
        {
            _result = result;
            _offset = _data.Length;
            _current = default;
            return false;
        }

        _current = packet;
        _offset += packet.Length;
        return true;
    }
}
