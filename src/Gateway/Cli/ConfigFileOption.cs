using System.CommandLine;

namespace Gateway.Cli;

/// <summary>--config, shared by <c>run</c> and <c>info</c>.</summary>
internal static class ConfigFileOption
{
    public static Option<FileInfo> Create() => new("--config")
    {
        Description = "A JSON file (appsettings.json layout) layered over the built-in defaults.",
        HelpName = "file",
    };
}
