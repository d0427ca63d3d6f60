using System.Globalization;
using System.Text;
using Gateway.Benchmarks.Infrastructure;

namespace Gateway.Benchmarks.Reporting;

/// <summary>The "Machine" and "Command" sections every results file starts with, so reports cannot drift apart.</summary>
internal static class ReportHeader
{
    /// <summary>Appends the machine facts (plus <paramref name="extraMachineLines"/>), the exact command and the job line.</summary>
    public static void Append(StringBuilder md, BenchOptions options, IEnumerable<string> extraMachineLines, string jobDetails)
    {
        md.AppendLine("## Machine");
        md.AppendLine();
        foreach (string line in MachineInfo.Lines().Concat(extraMachineLines))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        md.AppendLine();
        md.AppendLine("## Command");
        md.AppendLine();
        md.AppendLine("From the repository root:");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(BenchCommandLine.Format(options.OriginalArgs));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Job: {BenchConfig.JobDescription(options.Quick)}.{jobDetails}");
    }
}
