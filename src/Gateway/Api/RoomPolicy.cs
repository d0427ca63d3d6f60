using System.Diagnostics.CodeAnalysis;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>The words of the e2ee field and the bounds of a room's options.</summary>
internal static class RoomPolicy
{
    public const int MaxIdLength = 64;
    public const int MaxParticipantsLimit = 10_000;
    public const int MaxPacketsPerSecondLimit = 1_000_000;

    public static string Name(E2eePolicy policy) => policy switch
    {
        E2eePolicy.Required => "required",
        E2eePolicy.Off => "off",
        _ => "optional",
    };

    public static bool TryParse(string? word, out E2eePolicy policy)
    {
        (bool ok, policy) = word switch
        {
            null or "optional" => (true, E2eePolicy.Optional),
            "required" => (true, E2eePolicy.Required),
            "off" => (true, E2eePolicy.Off),
            _ => (false, E2eePolicy.Optional),
        };
        return ok;
    }

    /// <summary>1–64 characters of [A-Za-z0-9._-]: safe in paths, logs and metric labels.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }
}
