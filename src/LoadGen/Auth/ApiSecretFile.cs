using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Gateway.LoadGen.Auth;

/// <summary>
/// Reads a node's API secret: the base64url text of <c>&lt;data-dir&gt;/api-secret</c> (written by the node's first
/// start) or of <c>--api-secret</c>. Errors are messages for the operator; the secret never appears in one.
/// </summary>
internal static class ApiSecretFile
{
    public const string FileName = "api-secret";

    public static bool TryLoad(string dataDirectory, [NotNullWhen(true)] out byte[]? secret, [NotNullWhen(false)] out string? error)
    {
        secret = null;
        string path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the node's API secret {path}: {ex.Message} (start the node once with `bash scripts/run-node.sh`, or pass --token or --api-secret).";
            return false;
        }

        if (!TryDecode(text, out secret))
        {
            error = $"{path} does not hold a base64url API secret of at least 32 bytes.";
            return false;
        }

        error = null;
        return true;
    }

    public static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? secret)
    {
        secret = null;
        text = text.Trim();
        if (text.Length is 0 or > 1024 || !Base64Url.IsValid(text, out int length) || length < 32)
        {
            return false;
        }

        secret = Base64Url.DecodeFromChars(text);
        return secret.Length >= 32;
    }
}
