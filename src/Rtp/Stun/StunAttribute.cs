using System.Diagnostics.CodeAnalysis;

namespace Gateway.Rtp.Stun;

/// <summary>
/// One attribute of a parsed STUN message: its type and its value, without the padding (RFC 8489 §14):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Value (variable)                ....
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Length counts the value before padding; the value is padded to a multiple of 4 bytes, and the
/// padding "MUST be ignored by the receiver".
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "\"STUN attribute\" is RFC 8489's term; this is not a .NET attribute.")]
public readonly ref struct StunAttribute
{
    internal StunAttribute(StunAttributeType type, ReadOnlySpan<byte> value)
    {
        Type = type;
        Value = value;
    }

    /// <summary>The attribute type (any 16-bit value; see <see cref="StunAttributeType"/> for the known ones).</summary>
    public StunAttributeType Type { get; }

    /// <summary>The value, without padding; a slice of the message buffer.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>True for types 0x0000–0x7FFF, which a receiver must understand (RFC 8489 §14).</summary>
    public bool IsComprehensionRequired => (int)Type < 0x8000;
}
