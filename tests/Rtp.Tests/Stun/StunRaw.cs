using System.Buffers.Binary;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>
/// Hand-built STUN messages, including ones the writer refuses to make (attributes after
/// MESSAGE-INTEGRITY or FINGERPRINT, wrong sizes), for the parser's tests.
/// </summary>
internal static class StunRaw
{
    public static readonly byte[] TransactionId = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    /// <summary>A header of <paramref name="type"/> and the attributes in order, zero padded; Length set to match.</summary>
    public static byte[] Message(ushort type, params (int Type, byte[] Value)[] attributes)
    {
        var bytes = new List<byte>(Header(type));
        foreach ((int attributeType, byte[] value) in attributes)
        {
            bytes.AddRange(Attribute(attributeType, value));
        }

        byte[] message = [.. bytes];
        SetLength(message, message.Length - 20);
        return message;
    }

    /// <summary>One attribute: type, length, value, zero padding.</summary>
    public static byte[] Attribute(int type, byte[] value)
    {
        var bytes = new byte[4 + ((value.Length + 3) & ~3)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)value.Length);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary><paramref name="message"/> with <paramref name="extra"/> appended and the header's Length moved to cover it.</summary>
    public static byte[] Append(byte[] message, byte[] extra)
    {
        byte[] result = [.. message, .. extra];
        SetLength(result, result.Length - 20);
        return result;
    }

    /// <summary><paramref name="message"/> with a FINGERPRINT appended, computed with the bitwise reference CRC.</summary>
    public static byte[] AppendFingerprint(byte[] message)
    {
        byte[] withAttribute = Append(message, Attribute(0x8028, new byte[4]));
        uint crc = StunBytes.BitwiseCrc32(withAttribute.AsSpan(0, withAttribute.Length - 8)) ^ 0x5354554E;
        BinaryPrimitives.WriteUInt32BigEndian(withAttribute.AsSpan(withAttribute.Length - 4), crc);
        return withAttribute;
    }

    /// <summary>A browser-like check that carries only MESSAGE-INTEGRITY-SHA256 (zeros: nobody here verifies it), then FINGERPRINT.</summary>
    public static byte[] CheckWithOnlyIntegritySha256() =>
        AppendFingerprint(Append(IceRequests.Build(password: null, fingerprint: false), Attribute(0x001C, new byte[32])));

    public static void SetLength(byte[] message, int length) =>
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)length);

    private static byte[] Header(ushort type)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, type);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 0x2112A442);
        TransactionId.CopyTo(header, 8);
        return header;
    }
}
