using System.Text;

namespace Gateway.Benchmarks.Reporting;

/// <summary>The command of a run as typed from the repository root, for the reports.</summary>
internal static class BenchCommandLine
{
    /// <summary>The dotnet run line with <paramref name="args"/> quoted for a POSIX shell.</summary>
    public static string Format(IReadOnlyList<string> args)
    {
        var line = new StringBuilder("dotnet run -c Release --project benchmarks/Gateway.Benchmarks");
        if (args.Count > 0)
        {
            line.Append(" --");
            foreach (string arg in args)
            {
                line.Append(' ').Append(Quote(arg));
            }
        }

        return line.ToString();
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',')
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
