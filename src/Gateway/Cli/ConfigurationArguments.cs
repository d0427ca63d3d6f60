using System.Diagnostics.CodeAnalysis;

namespace Gateway.Cli;

/// <summary>
/// Takes the ASP.NET-style configuration arguments (--Section:Key=value or --Section:Key value) out
/// of the command line before the parser sees it, so the parser stays strict: a mistyped option
/// (--crypo) is still an error with a suggestion, and help shows only real options.
/// </summary>
internal static class ConfigurationArguments
{
    public static bool TrySplit(
        IReadOnlyList<string> args,
        IReadOnlySet<string> knownOptions,
        [NotNullWhen(true)] out string[]? commandLine,
        [NotNullWhen(true)] out IReadOnlyList<string>? configuration,
        [NotNullWhen(false)] out string? error)
    {
        var parserTokens = new List<string>(args.Count);
        var configurationTokens = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                // Everything after "--" is the parser's (and so an error for commands without arguments).
                parserTokens.AddRange(args.Skip(i));
                break;
            }

            if (!IsConfigurationKey(token, knownOptions, out var hasValue))
            {
                parserTokens.Add(token);
                continue;
            }

            configurationTokens.Add(token);
            if (!hasValue)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                {
                    commandLine = null;
                    configuration = null;
                    error = $"'{token}' needs a value: {token}=value.";
                    return false;
                }

                configurationTokens.Add(args[++i]);
            }
        }

        commandLine = [.. parserTokens];
        configuration = configurationTokens;
        error = null;
        return true;
    }

    // --Section:Key[=value], where "--Section" is not an option: the parser itself reads "--crypto:managed"
    // as "--crypto managed".
    private static bool IsConfigurationKey(string token, IReadOnlySet<string> knownOptions, out bool hasValue)
    {
        hasValue = false;
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token : token[..equals];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 2 || colon == name.Length - 1 || knownOptions.Contains(name[..colon]))
        {
            return false;
        }

        hasValue = equals >= 0;
        return true;
    }
}
