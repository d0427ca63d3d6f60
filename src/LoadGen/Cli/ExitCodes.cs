namespace Gateway.LoadGen.Cli;

/// <summary>The process exit codes of <c>gateway-loadgen</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The run passed (or help was shown).</summary>
    public const int Success = 0;

    /// <summary>Bad options or configuration (no token, unreadable secret).</summary>
    public const int UsageError = 1;

    /// <summary>The run completed but failed its checks (quality, decrypt failures).</summary>
    public const int Failed = 2;

    /// <summary>The gateway could not be reached or refused the run.</summary>
    public const int GatewayError = 3;
}
