using System.CommandLine;
using System.CommandLine.Invocation;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// --version prints the gateway's own version. The parser's default reads the entry assembly,
/// which is not the gateway when the CLI runs inside another process (tests, tools).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Version);
        return ExitCodes.Success;
    }
}
