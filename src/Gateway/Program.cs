using Gateway.Cli;

// The CLI decides what to run: `gateway run` starts a node, `gateway info` describes this machine.
return await GatewayCli.InvokeAsync(args).ConfigureAwait(false);
