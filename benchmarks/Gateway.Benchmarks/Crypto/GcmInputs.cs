namespace Gateway.Benchmarks.Crypto;

/// <summary>
/// What every AES-GCM case encrypts: an SRTP-like packet. The AAD is a 12-byte RTP header without
/// CSRCs (RFC 3550 §5.1), the nonce the 12-byte IV of RFC 7714 §8.1; keys are fixed test bytes.
/// </summary>
internal static class GcmInputs
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int AadSize = 12;

    /// <summary>The C loops run this many operations per benchmark invocation (OperationsPerInvoke).</summary>
    public const int LoopCount = 64;

    /// <summary>Fixed, public test key material: benchmarks never see a real key.</summary>
    public static byte[] Key(int length)
    {
        var key = new byte[length];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(0x40 + (i * 7));
        }

        return key;
    }

    /// <summary>A plausible RTP header: V=2, PT 111 (Opus), sequence, timestamp and SSRC that vary with <paramref name="index"/>.</summary>
    public static void FillRtpHeader(Span<byte> header, int index)
    {
        header[0] = 0x80;
        header[1] = 111;
        header[2] = (byte)(index >> 8);
        header[3] = (byte)index;
        for (int i = 4; i < header.Length; i++)
        {
            header[i] = (byte)(index + (i * 29));
        }
    }

    /// <summary>A distinct nonce per <paramref name="index"/> (SSRC and packet index XORed into the salt in SRTP).</summary>
    public static void FillNonce(Span<byte> nonce, int index)
    {
        for (int i = 0; i < nonce.Length; i++)
        {
            nonce[i] = (byte)(0xA0 + i + (index * 13));
        }
    }

    public static void FillPayload(Span<byte> payload, int seed)
    {
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)((i * 31) + seed);
        }
    }
}
