using System.CommandLine;
using System.Text.Json;
using Gateway.RelayBench.Load;

namespace Gateway.RelayBench.Cli;

/// <summary><c>loadgen</c>: the load generator process the driver starts (one plan in, one result out).</summary>
internal static class LoadgenCommand
{
    public static Command Create()
    {
        var plan = new Option<FileInfo>("--plan")
        {
            Description = "The plan JSON the driver wrote: relay address and pid, participants with ports, SSRCs, keys and rates.",
            Required = true,
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the result JSON (it is also printed on stdout).",
        };
        var command = new Command("loadgen", "Run the load generator for one plan: publish, receive, decrypt, measure.")
        {
            plan,
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            FileInfo planFile = parseResult.GetValue(plan)!;
            LoadPlan? loaded;
            using (FileStream stream = planFile.OpenRead())
            {
                loaded = await JsonSerializer.DeserializeAsync<LoadPlan>(stream, BenchJson.Options, cancellationToken).ConfigureAwait(false);
            }

            if (loaded is null || loaded.Participants.Count == 0)
            {
                await Console.Error.WriteLineAsync("loadgen: the plan has no participants.").ConfigureAwait(false);
                return 1;
            }

            LoadResult result;
            using (var generator = new LoadGenerator(loaded))
            {
                result = generator.Run(Console.Error);
            }

            string json = JsonSerializer.Serialize(result, BenchJson.Options);
            if (parseResult.GetValue(output) is FileInfo outFile)
            {
                await File.WriteAllTextAsync(outFile.FullName, json, cancellationToken).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
