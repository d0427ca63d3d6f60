using Gateway.Cli;

namespace Gateway.Tests.Cli;

/// <summary>Runs the real command line in this process, capturing its output.</summary>
public static class Cli
{
    /// <summary>Runs a command that ends on its own (help, info, a start-up failure).</summary>
    public static Task<CliResult> RunAsync(string[] args) => InvokeAsync(args, TestContext.Current.CancellationToken);

    /// <summary>Runs a command until <paramref name="stop"/> is cancelled, as SIGTERM would stop it.</summary>
    public static Task<CliResult> RunUntilAsync(CancellationToken stop, params string[] args) => InvokeAsync(args, stop);

    private static async Task<CliResult> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GatewayCli.InvokeAsync(args, output, error, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
