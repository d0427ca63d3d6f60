using System.Buffers.Binary;

namespace Gateway.Rtp.Stun;

/// <summary>Typed accessors for the attributes ICE and STUN Binding use. Each looks at the first occurrence that counts.</summary>
public readonly ref partial struct StunMessage
{
    /// <summary>The most bytes USERNAME may hold (RFC 8489 §14.3: "less than 513 bytes").</summary>
    public const int MaxUsernameLength = 512;

    /// <summary>The value of the first attribute of <paramref name="type"/> that counts; false when there is none.</summary>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        foreach (StunAttribute attribute in Attributes)
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>USERNAME, as UTF-8 bytes; false when absent or longer than <see cref="MaxUsernameLength"/>.</summary>
    public bool TryGetUsername(out ReadOnlySpan<byte> username) =>
        TryGetAttribute(StunAttributeType.Username, out username) && username.Length <= MaxUsernameLength;

    /// <summary>XOR-MAPPED-ADDRESS, decoded (RFC 8489 §14.2); false when absent or malformed.</summary>
    public bool TryGetXorMappedAddress(out StunAddress address)
    {
        address = default;
        return TryGetAttribute(StunAttributeType.XorMappedAddress, out ReadOnlySpan<byte> value)
            && StunAddress.TryDecode(value, TransactionId, xor: true, out address);
    }

    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1); false when absent or malformed.</summary>
    public bool TryGetMappedAddress(out StunAddress address)
    {
        address = default;
        return TryGetAttribute(StunAttributeType.MappedAddress, out ReadOnlySpan<byte> value)
            && StunAddress.TryDecode(value, TransactionId, xor: false, out address);
    }

    /// <summary>PRIORITY (RFC 8445 §16.1, 32 bits); false when absent or not 4 bytes.</summary>
    public bool TryGetPriority(out uint priority)
    {
        priority = 0;
        if (!TryGetAttribute(StunAttributeType.Priority, out ReadOnlySpan<byte> value) || value.Length != 4)
        {
            return false;
        }

        priority = BinaryPrimitives.ReadUInt32BigEndian(value);
        return true;
    }

    /// <summary>USE-CANDIDATE is present (RFC 8445 §16.1; it has no value, any content is ignored).</summary>
    public bool HasUseCandidate => TryGetAttribute(StunAttributeType.UseCandidate, out _);

    /// <summary>ICE-CONTROLLING's 64-bit tie breaker (RFC 8445 §16.1); false when absent or not 8 bytes.</summary>
    public bool TryGetIceControlling(out ulong tieBreaker) => TryGetUInt64(StunAttributeType.IceControlling, out tieBreaker);

    /// <summary>ICE-CONTROLLED's 64-bit tie breaker (RFC 8445 §16.1); false when absent or not 8 bytes.</summary>
    public bool TryGetIceControlled(out ulong tieBreaker) => TryGetUInt64(StunAttributeType.IceControlled, out tieBreaker);

    /// <summary>ERROR-CODE (RFC 8489 §14.8); false when absent or malformed (see <see cref="StunErrorCode.TryDecode"/>).</summary>
    public bool TryGetErrorCode(out StunErrorCode errorCode)
    {
        errorCode = default;
        return TryGetAttribute(StunAttributeType.ErrorCode, out ReadOnlySpan<byte> value)
            && StunErrorCode.TryDecode(value, out errorCode);
    }

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.13); false when absent or of odd length.</summary>
    public bool TryGetUnknownAttributes(out StunUnknownAttributes unknown)
    {
        unknown = default;
        return TryGetAttribute(StunAttributeType.UnknownAttributes, out ReadOnlySpan<byte> value)
            && StunUnknownAttributes.TryDecode(value, out unknown);
    }

    private bool TryGetUInt64(StunAttributeType type, out ulong result)
    {
        result = 0;
        if (!TryGetAttribute(type, out ReadOnlySpan<byte> value) || value.Length != 8)
        {
            return false;
        }

        result = BinaryPrimitives.ReadUInt64BigEndian(value);
        return true;
    }
}
