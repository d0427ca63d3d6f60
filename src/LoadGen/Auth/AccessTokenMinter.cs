using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gateway.LoadGen.Auth;

/// <summary>
/// Mints gateway access tokens the way <c>gateway token create</c> does (src/Gateway/Auth/AccessTokenIssuer): a JWS
/// compact token, HS256 over the node's API secret, with sub (identity), room, grants (publish, subscribe, admin),
/// iss and aud "gateway", iat, nbf and exp. The load generator does not link the server, so it writes the few
/// bytes of JWT itself.
/// </summary>
internal sealed class AccessTokenMinter : IDisposable
{
    /// <summary>Every room (with the admin grant: create rooms).</summary>
    public const string AnyRoom = "*";

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

    private readonly byte[] _secret;

    public AccessTokenMinter(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 32)
        {
            throw new ArgumentException("an API secret has at least 32 bytes.", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    /// <summary>A token for <paramref name="identity"/> in <paramref name="room"/> with <paramref name="grants"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Mint(string identity, string room, IReadOnlyList<string> grants, TimeSpan lifetime)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var payload = new MemoryStream();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("sub", identity);
            json.WriteString("room", room);
            json.WriteStartArray("grants");
            foreach (string grant in grants)
            {
                json.WriteStringValue(grant);
            }

            json.WriteEndArray();
            json.WriteString("iss", "gateway");
            json.WriteString("aud", "gateway");
            json.WriteNumber("iat", now);
            json.WriteNumber("nbf", now);
            json.WriteNumber("exp", now + (long)lifetime.TotalSeconds);
            json.WriteEndObject();
        }

        string signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload.ToArray());
        byte[] signature = HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);
}
