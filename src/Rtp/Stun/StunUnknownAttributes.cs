using System.Buffers.Binary;

namespace Gateway.Rtp.Stun;

/// <summary>
/// A view of an UNKNOWN-ATTRIBUTES value (RFC 8489 §14.13): the 16-bit types of the comprehension-required
/// attributes a server did not understand, in network order.
/// </summary>
public readonly ref struct StunUnknownAttributes
{
    private readonly ReadOnlySpan<byte> _value;

    private StunUnknownAttributes(ReadOnlySpan<byte> value) => _value = value;

    /// <summary>How many attribute types are listed.</summary>
    public int Count => _value.Length / 2;

    /// <summary>The <paramref name="index"/>-th listed type.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public StunAttributeType this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(_value[(index * 2)..]);
        }
    }

    /// <summary>Decodes an UNKNOWN-ATTRIBUTES value; false when its length is odd.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out StunUnknownAttributes unknown)
    {
        unknown = default;
        if ((value.Length & 1) != 0)
        {
            return false;
        }

        unknown = new StunUnknownAttributes(value);
        return true;
    }
}
