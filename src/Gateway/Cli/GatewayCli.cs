using System.CommandLine;
using System.CommandLine.Help;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>The <c>gateway</c> command line: <c>run</c>, <c>info</c>, <c>--help</c>, <c>--version</c>.</summary>
internal static class GatewayCli
{
    /// <summary>The command tree; <paramref name="configurationArguments"/> are the --Section:Key=value pairs taken out of the command line.</summary>
    public static RootCommand CreateRootCommand(IReadOnlyList<string> configurationArguments)
    {
        var root = new RootCommand("Gateway: an edge media relay (SFU) for end-to-end encrypted meetings.")
        {
            RunCommand.Create(configurationArguments),
            InfoCommand.Create(configurationArguments),
            TokenCommand.Create(configurationArguments),
        };

        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        // `gateway` alone shows what it can do rather than an error.
        root.SetAction(parseResult => new HelpAction().Invoke(parseResult));
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. <paramref name="output"/> and <paramref name="error"/>
    /// default to the console; <paramref name="cancellationToken"/> stops a running node as SIGTERM does.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);

        var knownOptions = OptionNames(CreateRootCommand([]));
        if (!ConfigurationArguments.TrySplit(args, knownOptions, out var commandLine, out var configurationArguments, out var message))
        {
            await (error ?? Console.Error).WriteLineAsync($"error: {message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var invocation = new InvocationConfiguration
        {
            // The host owns SIGTERM and Ctrl+C (drain, then a bounded stop); the parser must not race it.
            ProcessTerminationTimeout = null,
        };
        if (output is not null)
        {
            invocation.Output = output;
        }

        if (error is not null)
        {
            invocation.Error = error;
        }

        var root = CreateRootCommand(configurationArguments);
        return await root.Parse(commandLine).InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static HashSet<string> OptionNames(Command command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(command, names);
        return names;

        static void Collect(Command command, HashSet<string> names)
        {
            foreach (var option in command.Options)
            {
                names.Add(option.Name);
                names.UnionWith(option.Aliases);
            }

            foreach (var subcommand in command.Subcommands)
            {
                Collect(subcommand, names);
            }
        }
    }
}
