using System.CommandLine;
using System.Globalization;
using Gateway.Auth;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway token create</c>: mints an access token with this node's API secret (the same
/// configuration sources as run) and prints it alone on stdout, so that <c>$(gateway token create ...)</c> works.
/// </summary>
internal static class TokenCommand
{
    private const string DefaultGrants = AccessTokenGrantNames.Publish + "," + AccessTokenGrantNames.Subscribe;

    public static Command Create(IReadOnlyList<string> configurationArguments)
    {
        var command = new Command("token", "Access tokens for the control API.")
        {
            CreateCreate(configurationArguments),
        };
        return command;
    }

    private static Command CreateCreate(IReadOnlyList<string> configurationArguments)
    {
        var room = new Option<string>("--room")
        {
            Description = $"The room id the token is for; '{AccessTokenNames.AnyRoom}' for every room (with --grant admin: a backend that creates rooms).",
            HelpName = "room",
            Required = true,
        };
        var identity = new Option<string>("--identity")
        {
            Description = "The participant's identity (the token's sub claim).",
            HelpName = "identity",
            Required = true,
        };
        var ttl = new Option<string>("--ttl")
        {
            Description = "How long the token is valid: a number with s, m, h or d (30m, 1h, 7d), at most 31d. [default: 1h]",
            HelpName = "duration",
        };
        var grant = new Option<string>("--grant")
        {
            Description = $"Comma-separated grants: {AccessTokenGrantNames.Publish}, {AccessTokenGrantNames.Subscribe}, {AccessTokenGrantNames.Admin}. [default: {DefaultGrants}]",
            HelpName = "grants",
        };
        var dataDirectory = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "The node's data directory, where the node keeps its api-secret file. Config key Node:DataDirectory. [default: ./data]",
            HelpName = "dir",
        };
        var configFile = ConfigFileOption.Create();

        var command = new Command("create",
            "Mint an access token with the node's API secret (Auth:ApiSecret, or <data-dir>/api-secret written by the node's first start) "
            + "and print it on stdout. Exit codes: 0 printed, 1 usage error, 78 no secret or invalid configuration.")
        {
            room,
            identity,
            ttl,
            grant,
            dataDirectory,
            configFile,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;

            var roomId = parseResult.GetValue(room)?.Trim();
            var subject = parseResult.GetValue(identity)?.Trim();
            if (string.IsNullOrEmpty(roomId) || string.IsNullOrEmpty(subject))
            {
                await error.WriteLineAsync("error: --room and --identity must not be empty.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var ttlText = parseResult.GetValue(ttl) ?? "1h";
            if (!TryParseDuration(ttlText, out var lifetime) || lifetime <= TimeSpan.Zero || lifetime > AccessTokenIssuer.MaximumLifetime)
            {
                await error.WriteLineAsync($"error: --ttl '{ttlText}' is not a duration from 1s to 31d (for example 30m, 1h, 7d).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var grantText = parseResult.GetValue(grant) ?? DefaultGrants;
            if (!AccessTokenGrantNames.TryParseList(grantText, out var grants, out var unknown))
            {
                await error.WriteLineAsync(
                    $"error: --grant has '{unknown}': expected {AccessTokenGrantNames.Publish}, {AccessTokenGrantNames.Subscribe} or {AccessTokenGrantNames.Admin}.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var launch = new GatewayLaunchOptions
            {
                DataDirectory = parseResult.GetValue(dataDirectory)?.FullName,
                ConfigFile = parseResult.GetValue(configFile)?.FullName,
                ConfigurationArguments = configurationArguments,
            };
            using var configuration = new ConfigurationManager();
            if (!GatewayConfiguration.TryLoad(configuration, launch, out var message))
            {
                await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            var directory = configuration[ConfigKeys.DataDirectory];
            if (string.IsNullOrWhiteSpace(directory))
            {
                await error.WriteLineAsync($"error: {ConfigKeys.DataDirectory} is empty: pass --data-dir.").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            // Never create a secret here: a token signed with a secret no node knows would be useless.
            if (!ApiSecretStore.TryLoad(configuration, Path.GetFullPath(directory), create: false, out var secret, out _, out message))
            {
                await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            var token = new AccessTokenIssuer(secret).Issue(subject, roomId, grants, lifetime);
            await output.WriteLineAsync(token).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"90s", "30m", "1h", "7d", or a bare number of seconds.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        var unit = char.ToUpperInvariant(text[^1]);
        var scale = unit switch
        {
            'S' => 1.0,
            'M' => 60.0,
            'H' => 3600.0,
            'D' => 86400.0,
            _ => 0.0,
        };
        var number = scale == 0.0 ? text : text[..^1];
        if (scale == 0.0)
        {
            scale = 1.0;
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value <= 0 || value > 1e7)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }
}
