using System.Buffers.Binary;

namespace Gateway.Rtp.Stun;

/// <summary>
/// A view of an ERROR-CODE value (RFC 8489 §14.8):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Reserved, should be 0         |Class|     Number    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Reason Phrase (variable)                                ..
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The code is Class × 100 + Number, Class 3 to 6 and Number 0 to 99.
/// </summary>
public readonly ref struct StunErrorCode
{
    /// <summary>The most bytes a reason phrase may take when decoding (RFC 8489 §14.8: "763 bytes when decoding").</summary>
    public const int MaxReasonLength = 763;

    private StunErrorCode(int code, ReadOnlySpan<byte> reason)
    {
        Code = code;
        Reason = reason;
    }

    /// <summary>The error code, 300 to 699.</summary>
    public int Code { get; }

    /// <summary>The hundreds digit, 3 to 6.</summary>
    public int Class => Code / 100;

    /// <summary>The code modulo 100.</summary>
    public int Number => Code % 100;

    /// <summary>The UTF-8 reason phrase, for people; programs look at <see cref="Code"/>.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>
    /// Decodes an ERROR-CODE value. False when it is shorter than 4 bytes, the class is outside 3–6,
    /// the number is above 99, or the reason phrase is longer than <see cref="MaxReasonLength"/>.
    /// The reserved bits are ignored.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out StunErrorCode errorCode)
    {
        errorCode = default;
        if (value.Length < 4 || value.Length - 4 > MaxReasonLength)
        {
            return false;
        }

        int errorClass = value[2] & 0x07;
        int number = value[3];
        if (errorClass is < 3 or > 6 || number > 99)
        {
            return false;
        }

        errorCode = new StunErrorCode((errorClass * 100) + number, value[4..]);
        return true;
    }

    /// <summary>Writes the 4-byte head of an ERROR-CODE value for <paramref name="code"/> (300–699).</summary>
    internal static void EncodeHead(Span<byte> value, int code) =>
        BinaryPrimitives.WriteUInt32BigEndian(value, (uint)(((code / 100) << 8) | (code % 100)));
}
