namespace Gateway.E2ee.Messages;

/// <summary>Why a key-management message was not parsed. Parsers never throw on bad input; they return one of these.</summary>
public enum MessageParseError
{
    /// <summary>The message parsed.</summary>
    None,

    /// <summary>The message is shorter than its version and type bytes.</summary>
    Empty,

    /// <summary>The version byte is not one this code speaks.</summary>
    UnsupportedVersion,

    /// <summary>The type byte names no message type, or not the one expected.</summary>
    UnknownType,

    /// <summary>The message ends inside a length prefix or a field.</summary>
    Truncated,

    /// <summary>A field is longer than its type allows.</summary>
    FieldTooLong,

    /// <summary>A fixed-size field (integer, key, nonce, signature) has the wrong length.</summary>
    BadFieldLength,

    /// <summary>A text field is empty where it must not be, or is not valid UTF-8.</summary>
    InvalidText,

    /// <summary>Bytes follow the last field.</summary>
    TrailingBytes,

    /// <summary>The whole message is larger than any valid one.</summary>
    MessageTooLarge,

    /// <summary>A roster is empty, too long, not sorted by participant id, or names a participant twice, or its sender indexes are not 0..n-1.</summary>
    InvalidRoster,
}
