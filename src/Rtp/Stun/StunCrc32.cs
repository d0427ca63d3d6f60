namespace Gateway.Rtp.Stun;

/// <summary>
/// CRC-32 as FINGERPRINT needs it (RFC 8489 §14.7: "the one defined in ITU V.42", the CRC of IEEE 802.3,
/// zlib and PNG): polynomial 0x04C11DB7 processed bit-reflected (0xEDB88320), initial value and final
/// XOR 0xFFFFFFFF. Check value: CRC-32("123456789") = 0xCBF43926.
/// </summary>
/// <remarks>
/// One 256-entry table, one byte per step. STUN messages are around a hundred bytes and Binding requests
/// arrive a few times a second per peer, so slicing-by-8 would not pay for its 8 KiB of tables.
/// (System.IO.Hashing has this, but is a dependency we do not take; BitOperations.Crc32C is the
/// Castagnoli polynomial, a different CRC.)
/// </remarks>
internal static class StunCrc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;

    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
