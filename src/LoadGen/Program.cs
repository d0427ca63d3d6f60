using Gateway.LoadGen.Cli;

namespace Gateway.LoadGen;

/// <summary>The <c>gateway-loadgen</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line (see <c>gateway-loadgen --help</c>).</summary>
    public static Task<int> Main(string[] args) => LoadGenCli.InvokeAsync(args);
}
