using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Gateway.E2ee.Messages;

/// <summary>
/// Reads what <see cref="CanonicalWriter"/> writes, strictly: the first failure is kept in
/// <see cref="Error"/> and every later read fails too, so a parser can read all fields and check once.
/// Never throws on bad input.
/// </summary>
internal ref struct CanonicalReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    private CanonicalReader(ReadOnlySpan<byte> message, MessageParseError error)
    {
        _message = message;
        _position = 2;
        Error = error;
    }

    /// <summary>The first error met, or <see cref="MessageParseError.None"/>.</summary>
    public MessageParseError Error { get; private set; }

    /// <summary>Bytes read so far, header included.</summary>
    public readonly int Position => _position;

    /// <summary>Starts reading a message that must have <paramref name="expectedType"/>.</summary>
    public static CanonicalReader Open(ReadOnlySpan<byte> message, KeyMessageType expectedType)
    {
        MessageParseError error = PeekType(message, out KeyMessageType type);
        if (error == MessageParseError.None && type != expectedType)
        {
            error = MessageParseError.UnknownType;
        }

        return new CanonicalReader(message, error);
    }

    /// <summary>Checks size, version and type byte of a message without reading its fields.</summary>
    public static MessageParseError PeekType(ReadOnlySpan<byte> message, out KeyMessageType type)
    {
        type = default;
        if (message.Length > ProtocolConstants.MaxMessageSize)
        {
            return MessageParseError.MessageTooLarge;
        }

        if (message.Length < 2)
        {
            return MessageParseError.Empty;
        }

        if (message[0] != ProtocolConstants.Version)
        {
            return MessageParseError.UnsupportedVersion;
        }

        type = (KeyMessageType)message[1];
        return Enum.IsDefined(type) ? MessageParseError.None : MessageParseError.UnknownType;
    }

    /// <summary>Reads a field of <paramref name="minLength"/> to <paramref name="maxLength"/> bytes.</summary>
    public bool TryReadField(int minLength, int maxLength, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (Error != MessageParseError.None)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = _message[_position..];
        if (rest.Length < 2)
        {
            return Fail(MessageParseError.Truncated);
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(rest);
        if (rest.Length - 2 < length)
        {
            return Fail(MessageParseError.Truncated);
        }

        if (length > maxLength)
        {
            return Fail(minLength == maxLength ? MessageParseError.BadFieldLength : MessageParseError.FieldTooLong);
        }

        if (length < minLength)
        {
            return Fail(MessageParseError.BadFieldLength);
        }

        value = rest.Slice(2, length);
        _position += 2 + length;
        return true;
    }

    /// <summary>Reads a field of exactly <paramref name="length"/> bytes into a new array.</summary>
    public byte[] ReadFixed(int length) => TryReadField(length, length, out ReadOnlySpan<byte> value) ? value.ToArray() : [];

    /// <summary>Reads non-empty, valid UTF-8 text of at most <see cref="ProtocolConstants.MaxIdLength"/> bytes.</summary>
    public string ReadId()
    {
        if (!TryReadField(0, ProtocolConstants.MaxIdLength, out ReadOnlySpan<byte> value))
        {
            return string.Empty;
        }

        if (value.IsEmpty || !Utf8.IsValid(value))
        {
            Fail(MessageParseError.InvalidText);
            return string.Empty;
        }

        return Encoding.UTF8.GetString(value);
    }

    public ulong ReadUInt64() => TryReadField(8, 8, out ReadOnlySpan<byte> value) ? BinaryPrimitives.ReadUInt64BigEndian(value) : 0;

    public ushort ReadUInt16() => TryReadField(2, 2, out ReadOnlySpan<byte> value) ? BinaryPrimitives.ReadUInt16BigEndian(value) : (ushort)0;

    /// <summary>Fails with <see cref="MessageParseError.TrailingBytes"/> unless every byte was read; returns the final error.</summary>
    public MessageParseError Finish()
    {
        if (Error == MessageParseError.None && _position != _message.Length)
        {
            Error = MessageParseError.TrailingBytes;
        }

        return Error;
    }

    /// <summary>Records <paramref name="error"/> unless an earlier one is recorded; always false.</summary>
    public bool Fail(MessageParseError error)
    {
        if (Error == MessageParseError.None)
        {
            Error = error;
        }

        return false;
    }
}
