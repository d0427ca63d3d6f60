namespace Gateway.Rtp.Tests.Stun;

/// <summary>Hex as the RFCs print it, byte comparisons that say where they differ, and a reference CRC-32.</summary>
internal static class StunBytes
{
    /// <summary>Bytes from hex digits; spaces and line breaks are ignored.</summary>
    public static byte[] FromHex(string hex)
    {
        var digits = new System.Text.StringBuilder(hex.Length);
        foreach (char c in hex)
        {
            if (!char.IsWhiteSpace(c))
            {
                digits.Append(c);
            }
        }

        return Convert.FromHexString(digits.ToString());
    }

    public static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= 160 ? Convert.ToHexStringLower(bytes) : Convert.ToHexStringLower(bytes[..160]) + "...";

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

    /// <summary>
    /// CRC-32 computed one bit at a time straight from the definition (reflected 0x04C11DB7, init and final
    /// XOR all ones): an oracle independent of the table the code under test builds.
    /// </summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
            }
        }

        return ~crc;
    }
}
