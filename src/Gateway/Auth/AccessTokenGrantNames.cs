using System.Diagnostics.CodeAnalysis;

namespace Gateway.Auth;

/// <summary>The words of the <c>grants</c> claim and of <c>--grant</c>.</summary>
internal static class AccessTokenGrantNames
{
    public const string Publish = "publish";
    public const string Subscribe = "subscribe";
    public const string Admin = "admin";

    public static IReadOnlyList<string> Names(AccessTokenGrants grants)
    {
        var names = new List<string>(3);
        if (grants.HasFlag(AccessTokenGrants.Publish))
        {
            names.Add(Publish);
        }

        if (grants.HasFlag(AccessTokenGrants.Subscribe))
        {
            names.Add(Subscribe);
        }

        if (grants.HasFlag(AccessTokenGrants.Admin))
        {
            names.Add(Admin);
        }

        return names;
    }

    public static bool TryParse(string word, out AccessTokenGrants grant)
    {
        grant = word.Trim().ToUpperInvariant() switch
        {
            "PUBLISH" => AccessTokenGrants.Publish,
            "SUBSCRIBE" => AccessTokenGrants.Subscribe,
            "ADMIN" => AccessTokenGrants.Admin,
            _ => AccessTokenGrants.None,
        };
        return grant != AccessTokenGrants.None;
    }

    /// <summary>Parses "publish,subscribe" (comma-separated, case-insensitive).</summary>
    public static bool TryParseList(string text, out AccessTokenGrants grants, [NotNullWhen(false)] out string? unknown)
    {
        grants = AccessTokenGrants.None;
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(word, out var grant))
            {
                unknown = word;
                return false;
            }

            grants |= grant;
        }

        unknown = null;
        return true;
    }
}
