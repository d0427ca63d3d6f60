namespace Gateway.Auth;

/// <summary>Access-token log lines. None of them carries the secret or a token, only where the secret lives.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Generated a new API secret in {Path} (mode 0600); " + ApiSecretStore.MintHint)]
    public static partial void SecretGenerated(ILogger logger, string path);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Access tokens are checked with the API secret from {Source}")]
    public static partial void SecretLoaded(ILogger logger, string source);
}
