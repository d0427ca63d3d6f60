using System.Text.Json;

namespace Gateway.RelayBench.Cli;

/// <summary>The JSON settings of the plan, the load generator's result and the report's JSON file.</summary>
internal static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
