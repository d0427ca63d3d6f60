using System.Globalization;
using System.Runtime.InteropServices;

namespace Gateway.RelayBench.Load;

/// <summary>
/// Another process's CPU time: user + system of all its threads (dead ones too) from /proc/&lt;pid&gt;/stat, in
/// clock ticks (10 ms); and the nanosecond run time of its live threads from /proc/&lt;pid&gt;/task/*/schedstat.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ScClkTck = 2;

    private static readonly long TicksPerSecond = ClockTicks();

    /// <summary>utime + stime in seconds, or NaN when the process is gone.</summary>
    public static double Seconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return double.NaN;
        }

        // The command name is in parentheses and may hold spaces: count fields after the last ')'.
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / (double)TicksPerSecond;
    }

    /// <summary>The summed run time of the process's live threads in seconds (ns resolution), or NaN when unavailable.</summary>
    public static double ThreadRunSeconds(int pid)
    {
        try
        {
            long total = 0;
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    string text = File.ReadAllText(Path.Combine(task, "schedstat"));
                    total += long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }

            return total / 1e9;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    private static long ClockTicks()
    {
        long ticks = SysConf(ScClkTck);
        return ticks > 0 ? ticks : 100;
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
