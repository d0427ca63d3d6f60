using System.CommandLine;
using System.CommandLine.Help;
using Gateway.RelayBench.Cli;

// `run` drives the whole benchmark; `loadgen` is the load generator process it starts.
var root = new RootCommand("Gateway end-to-end relay benchmark: the gateway (native and managed transports) against a minimal C relay, on loopback.")
{
    RunCommand.Create(args),
    LoadgenCommand.Create(),
};

// Alone, it shows what it can do rather than an error.
root.SetAction(parseResult => new HelpAction().Invoke(parseResult));
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
