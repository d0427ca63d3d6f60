namespace Gateway.Hosting;

/// <summary>
/// Process exit codes (sysexits.h values where one fits), so a supervisor can tell a bad
/// configuration, which restarting will not fix (systemd: RestartPreventExitStatus=78), from a busy port.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Stopped normally (including after SIGTERM or Ctrl+C).</summary>
    public const int Success = 0;

    /// <summary>A usage error on the command line, or an unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>EX_UNAVAILABLE: the control API could not listen (port in use, address not local).</summary>
    public const int ListenFailed = 69;

    /// <summary>EX_CONFIG: a configuration value is invalid or cannot be honoured on this machine.</summary>
    public const int ConfigurationError = 78;
}
