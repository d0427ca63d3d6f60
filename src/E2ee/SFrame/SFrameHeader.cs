using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gateway.E2ee.SFrame;

/// <summary>
/// The SFrame header of RFC 9605 §4.3: a config byte, then the KID and the CTR when they do not fit in it.
/// <code>
///    0 1 2 3 4 5 6 7
///   +-+-+-+-+-+-+-+-+---------------------------+---------------------------+
///   |X|  K  |Y|  C  |   KID... (length K+1 if X) |   CTR... (length C+1 if Y) |
///   +-+-+-+-+-+-+-+-+---------------------------+---------------------------+
/// </code>
/// X = 0: K is the KID itself (0-7). X = 1: the KID follows in K + 1 bytes, big-endian. Y and C do the
/// same for the CTR, whose bytes come after the KID's. Writing uses the shortest form; reading accepts any
/// well-formed one (the header is authenticated as sent, so a longer form cannot be used to forge).
/// </summary>
[SkipLocalsInit]
public static class SFrameHeader
{
    /// <summary>The longest header: config byte, 8-byte KID, 8-byte CTR.</summary>
    public const int MaxLength = 17;

    /// <summary>The number of bytes <see cref="TryWrite"/> writes for this KID and CTR (1 to 17).</summary>
    public static int EncodedLength(ulong keyId, ulong counter) => 1 + ValueLength(keyId) + ValueLength(counter);

    /// <summary>Writes the shortest header for <paramref name="keyId"/> and <paramref name="counter"/>; false (nothing written) when it does not fit.</summary>
    public static bool TryWrite(Span<byte> destination, ulong keyId, ulong counter, out int written)
    {
        written = EncodedLength(keyId, counter);
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        Write(destination, keyId, counter, overwriteBeyond: false);
        return true;
    }

    /// <summary>
    /// The header of a frame being protected into <paramref name="destination"/> (which must hold it):
    /// where there is room, up to 8 bytes past the header may be overwritten with zeros, because the
    /// ciphertext is written there next. Returns the header length.
    /// </summary>
    internal static int WriteFrameHeader(Span<byte> destination, ulong keyId, ulong counter) =>
        Write(destination, keyId, counter, overwriteBeyond: true);

    private static int Write(Span<byte> destination, ulong keyId, ulong counter, bool overwriteBeyond)
    {
        int kidLength = ValueLength(keyId);
        int ctrLength = ValueLength(counter);
        int config = (kidLength == 0 ? (int)keyId << 4 : 0x80 | ((kidLength - 1) << 4))
            | (ctrLength == 0 ? (int)counter : 0x08 | (ctrLength - 1));
        destination[0] = (byte)config;
        if (overwriteBeyond && destination.Length >= 1 + kidLength + 8)
        {
            // Whole 8-byte stores: each value left-aligned, the zeros after it overwritten by what comes next.
            WriteWide(destination[1..], keyId, kidLength);
            WriteWide(destination[(1 + kidLength)..], counter, ctrLength);
        }
        else
        {
            WriteValue(destination.Slice(1, kidLength), keyId);
            WriteValue(destination.Slice(1 + kidLength, ctrLength), counter);
        }

        return 1 + kidLength + ctrLength;
    }

    /// <summary>
    /// Reads the header at the start of <paramref name="source"/>: its KID, CTR and length in bytes.
    /// False (all outputs 0) when <paramref name="source"/> is empty or ends inside the header.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong keyId, out ulong counter, out int length)
    {
        keyId = 0;
        counter = 0;
        length = 0;
        if (source.IsEmpty)
        {
            return false;
        }

        int config = source[0];
        int kidLength = (config & 0x80) != 0 ? ((config >> 4) & 0x07) + 1 : 0;
        int ctrLength = (config & 0x08) != 0 ? (config & 0x07) + 1 : 0;
        int total = 1 + kidLength + ctrLength;
        if (source.Length < total)
        {
            return false;
        }

        if (source.Length >= 1 + kidLength + 8)
        {
            // Whole 8-byte loads, shifted down to the field's length (a frame has its tag after the header).
            keyId = kidLength == 0 ? (ulong)((config >> 4) & 0x07) : ReadWide(source[1..], kidLength);
            counter = ctrLength == 0 ? (ulong)(config & 0x07) : ReadWide(source[(1 + kidLength)..], ctrLength);
        }
        else
        {
            keyId = kidLength == 0 ? (ulong)((config >> 4) & 0x07) : ReadValue(source.Slice(1, kidLength));
            counter = ctrLength == 0 ? (ulong)(config & 0x07) : ReadValue(source.Slice(1 + kidLength, ctrLength));
        }
        length = total;
        return true;
    }

    // Bytes after the config byte: 0 when the value fits in its 3 bits, else the fewest bytes that hold it.
    private static int ValueLength(ulong value) => value < 8 ? 0 : (64 - BitOperations.LeadingZeroCount(value) + 7) >> 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteWide(Span<byte> destination, ulong value, int length)
    {
        if (length != 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, value << (64 - (8 * length)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadWide(ReadOnlySpan<byte> source, int length) =>
        BinaryPrimitives.ReadUInt64BigEndian(source) >> (64 - (8 * length));

    private static void WriteValue(Span<byte> destination, ulong value)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        Span<byte> full = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(full, value);
        full[(8 - destination.Length)..].CopyTo(destination);
    }

    private static ulong ReadValue(ReadOnlySpan<byte> source)
    {
        ulong value = 0;
        foreach (byte b in source)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
