namespace Gateway.Auth;

/// <summary>
/// The operator's API secret: the HS256 key every access token is signed with. Holds the bytes only;
/// <see cref="ToString"/> never shows them, so a stray log call cannot leak the key.
/// </summary>
internal sealed class ApiSecret
{
    /// <summary>RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output (256 bits).</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _key;

    public ApiSecret(ReadOnlySpan<byte> key, string source)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"an API secret needs at least {MinimumBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
        Source = source;
    }

    /// <summary>Where the secret came from ("config Auth:ApiSecret" or the file path): safe to log.</summary>
    public string Source { get; }

    /// <summary>A copy of the key bytes, for the token handler's signing key.</summary>
    public byte[] KeyBytes() => (byte[])_key.Clone();

    public override string ToString() => $"API secret from {Source}";
}
