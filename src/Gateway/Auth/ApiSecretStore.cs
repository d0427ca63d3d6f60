using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Gateway.Auth;

/// <summary>
/// Finds the API secret: config <c>Auth:ApiSecret</c> (base64url) wins; otherwise the file
/// <c>&lt;data-dir&gt;/api-secret</c>, which a node creates on its first start (mode 0600) and reuses
/// afterwards. Failures are messages for the operator; the secret itself is never part of one.
/// </summary>
internal static class ApiSecretStore
{
    public const string ConfigKey = "Auth:ApiSecret";
    public const string FileName = "api-secret";

    /// <summary>The hint logged and printed wherever a secret is missing or new.</summary>
    public const string MintHint = "mint a token with: gateway token create --room R --identity I";

    /// <summary>
    /// Loads the secret; when neither config nor file has one and <paramref name="create"/> is true,
    /// generates 32 random bytes into the file (<paramref name="generated"/> then is true).
    /// </summary>
    public static bool TryLoad(
        IConfiguration configuration,
        string dataDirectory,
        bool create,
        [NotNullWhen(true)] out ApiSecret? secret,
        out bool generated,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        secret = null;
        generated = false;

        var configured = configuration[ConfigKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!TryDecode(configured.Trim(), $"config {ConfigKey}", out secret))
            {
                error = $"{ConfigKey} is not a base64url string of at least {ApiSecret.MinimumBytes} bytes "
                    + $"(make one with: head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=').";
                return false;
            }

            error = null;
            return true;
        }

        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            if (File.Exists(path))
            {
                return TryReadFile(path, out secret, out error);
            }

            if (!create)
            {
                error = $"no API secret yet: {path} does not exist and {ConfigKey} is not set: start the node once or set {ConfigKey}.";
                return false;
            }

            secret = Generate(path);
            generated = true;
            error = null;
            return true;
        }
        catch (IOException) when (create && File.Exists(path))
        {
            // Another process created the file between the check and CreateNew: use its secret.
            return TryReadFile(path, out secret, out error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot {(create ? "create or read" : "read")} the API secret file {path}: {ex.Message}";
            return false;
        }
    }

    private static ApiSecret Generate(string path)
    {
        Span<byte> key = stackalloc byte[ApiSecret.MinimumBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            // CreateNew with mode 0600 at open(2): the file is never readable by others, not even briefly.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Base64Url.EncodeToString(key));
                writer.Write('\n');
            }

            return new ApiSecret(key, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static bool TryReadFile(string path, [NotNullWhen(true)] out ApiSecret? secret, [NotNullWhen(false)] out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            secret = null;
            error = $"cannot read the API secret file {path}: {ex.Message}";
            return false;
        }

        if (!TryDecode(text, path, out secret))
        {
            error = $"the API secret file {path} does not hold a base64url secret of at least {ApiSecret.MinimumBytes} bytes: "
                + $"remove it to have a new one generated (every token minted with the old one stops working).";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryDecode(string text, string source, [NotNullWhen(true)] out ApiSecret? secret)
    {
        secret = null;
        // TryDecodeFromChars throws on characters outside the alphabet (its "Try" is about the
        // destination's size): check the text first.
        if (text.Length > 1024 || !Base64Url.IsValid(text, out var length) || length < ApiSecret.MinimumBytes)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[768];
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, buffer, out var written) || written < ApiSecret.MinimumBytes)
            {
                return false;
            }

            secret = new ApiSecret(buffer[..written], source);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
