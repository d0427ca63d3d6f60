using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gateway.E2ee.Messages;

/// <summary>
/// Writes the canonical encoding of protocol version 1: a version byte, a type byte, then fields in a
/// fixed order, each as a 2-byte big-endian length followed by that many bytes. Integers are fields of
/// exactly their width, big-endian; text is UTF-8. One encoding per value, so signatures cover exactly
/// what parsers read.
/// <code>
///   | version: 1 | type: 1 | len: 2 | field 1 | len: 2 | field 2 | ... |
/// </code>
/// </summary>
internal sealed class CanonicalWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public CanonicalWriter(KeyMessageType type)
    {
        Span<byte> header = _buffer.GetSpan(2);
        header[0] = ProtocolConstants.Version;
        header[1] = (byte)type;
        _buffer.Advance(2);
    }

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void WriteField(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A field is at most 65535 bytes.", nameof(value));
        }

        Span<byte> span = _buffer.GetSpan(2 + value.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value.Length);
        value.CopyTo(span[2..]);
        _buffer.Advance(2 + value.Length);
    }

    public void WriteText(string value) => WriteField(Encoding.UTF8.GetBytes(value));

    public void WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        WriteField(bytes);
    }

    public void WriteUInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        WriteField(bytes);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
