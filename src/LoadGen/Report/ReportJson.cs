using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.LoadGen.Report;

/// <summary>Writes and reads <see cref="LoadReport"/> as camelCase JSON (source-generated, no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class ReportJson : JsonSerializerContext
{
    public static async Task WriteAsync(LoadReport report, string path, CancellationToken cancellationToken)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Default.LoadReport, cancellationToken).ConfigureAwait(false);
    }

    public static LoadReport? Read(string json) => JsonSerializer.Deserialize(json, Default.LoadReport);
}
