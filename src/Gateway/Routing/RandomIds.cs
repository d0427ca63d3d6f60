using System.Security.Cryptography;

namespace Gateway.Routing;

/// <summary>Random identifiers and credentials for the control plane (cryptographic randomness: ids are unguessable).</summary>
internal static class RandomIds
{
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A participant id: 12 URL-safe characters (72 bits).</summary>
    public static string ParticipantId() => RandomNumberGenerator.GetString(UrlSafe, 12);

    /// <summary>An ICE ufrag: 8 ice-chars (RFC 8839 §5.4 allows 4 to 256).</summary>
    public static string IceUfrag() => RandomNumberGenerator.GetString(Alphanumeric, 8);

    /// <summary>An ICE password: 24 ice-chars (RFC 8839 §5.4 asks for at least 22: 128 bits).</summary>
    public static string IcePassword() => RandomNumberGenerator.GetString(Alphanumeric, 24);

    /// <summary>A random non-zero 32-bit value (an SSRC for the gateway's own RTCP).</summary>
    public static uint Ssrc()
    {
        Span<byte> bytes = stackalloc byte[4];
        uint value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BitConverter.ToUInt32(bytes);
        }
        while (value == 0);
        return value;
    }
}
