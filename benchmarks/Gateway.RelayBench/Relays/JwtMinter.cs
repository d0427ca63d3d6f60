using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gateway.RelayBench.Relays;

/// <summary>
/// HS256 access tokens exactly as src/Gateway/Auth/AccessTokenIssuer.cs mints them (iss and aud "gateway",
/// sub, room, grants, iat, nbf, exp), with a secret the driver gives the node as Auth:ApiSecret.
/// </summary>
internal sealed class JwtMinter(byte[] secret)
{
    /// <summary>A fresh 32-byte secret and its base64url text (the form Auth:ApiSecret takes).</summary>
    public static (byte[] Secret, string Text) NewSecret()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        return (secret, Base64Url.EncodeToString(secret));
    }

    public string Mint(string identity, string room, IReadOnlyList<string> grants, TimeSpan lifetime)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT" }));
        string payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "gateway",
            ["aud"] = "gateway",
            ["sub"] = identity,
            ["room"] = room,
            ["grants"] = grants,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        }));
        string signingInput = header + "." + payload;
        byte[] signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
