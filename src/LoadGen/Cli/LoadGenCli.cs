using System.CommandLine;
using System.CommandLine.Help;

namespace Gateway.LoadGen.Cli;

/// <summary>The <c>gateway-loadgen</c> command line: <c>run</c>, <c>--help</c>, <c>--version</c>.</summary>
internal static class LoadGenCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("gateway-loadgen: end-to-end load and quality runs against a Gateway node (real SRTP, Opus, optional SFrame E2EE).")
        {
            RunCommand.Create(),
        };

        // `gateway-loadgen` alone shows what it can do rather than an error.
        root.SetAction(parseResult => new HelpAction().Invoke(parseResult));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; <paramref name="output"/> and <paramref name="error"/> default to the console.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var invocation = new InvocationConfiguration();
        if (output is not null)
        {
            invocation.Output = output;
        }

        if (error is not null)
        {
            invocation.Error = error;
        }

        return CreateRootCommand().Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
