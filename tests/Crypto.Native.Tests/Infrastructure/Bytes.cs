namespace Gateway.Crypto.Native.Tests.Infrastructure;

/// <summary>Byte comparisons whose failure message says where they differ and in what context.</summary>
public static class Bytes
{
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string context)
    {
        if (expected.SequenceEqual(actual))
        {
            return;
        }

        int first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first])
        {
            first++;
        }

        Assert.Fail($"{context}: {actual.Length} bytes differ from the {expected.Length} expected, first at offset {first}.{Environment.NewLine}"
            + $"expected {Hex(expected)}{Environment.NewLine}actual   {Hex(actual)}");
    }

    public static void AllZero(ReadOnlySpan<byte> actual, string context)
    {
        int nonZero = actual.IndexOfAnyExcept((byte)0);
        if (nonZero >= 0)
        {
            Assert.Fail($"{context}: byte {nonZero} of {actual.Length} is 0x{actual[nonZero]:x2}, expected all zeros.");
        }
    }

    public static byte[] Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= 96 ? Convert.ToHexStringLower(bytes) : Convert.ToHexStringLower(bytes[..96]) + "...";
}
