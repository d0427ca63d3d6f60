namespace Gateway.Tests.Cli;

/// <summary>What one in-process `gateway ...` invocation printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);
