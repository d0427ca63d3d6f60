using BenchmarkDotNet.Reports;

namespace Gateway.Benchmarks.Reporting;

/// <summary>Copies BenchmarkDotNet's own GitHub-markdown and CSV exports of a run's summaries into a results folder.</summary>
internal static class BdnExports
{
    /// <summary>Replaces the exports in <paramref name="directory"/> with those of <paramref name="summaries"/> whose suite <paramref name="include"/> accepts.</summary>
    public static void Copy(IReadOnlyList<Summary> summaries, string directory, Func<string, bool> include)
    {
        Directory.CreateDirectory(directory);
        foreach (string old in Directory.EnumerateFiles(directory).Where(IsExport))
        {
            File.Delete(old);
        }

        foreach (Summary summary in summaries)
        {
            // One run's files only: each summary's exports start with its benchmark type's full name.
            string[] types = [.. summary.BenchmarksCases
                .Where(c => include(c.Descriptor.Type.Name))
                .Select(c => c.Descriptor.Type.FullName ?? c.Descriptor.Type.Name)
                .Distinct()];
            if (types.Length == 0 || !Directory.Exists(summary.ResultsDirectoryPath))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(summary.ResultsDirectoryPath).Where(IsExport))
            {
                if (types.Any(t => Path.GetFileName(file).StartsWith(t + "-", StringComparison.Ordinal)))
                {
                    File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
                }
            }
        }

        static bool IsExport(string file) =>
            file.EndsWith("-report-github.md", StringComparison.Ordinal) || file.EndsWith("-report.csv", StringComparison.Ordinal);
    }
}
