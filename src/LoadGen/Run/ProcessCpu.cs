using System.Diagnostics;
using System.Globalization;

namespace Gateway.LoadGen.Run;

/// <summary>
/// CPU time consumed by a process (user + system): this process through <see cref="Process"/>, another one (the
/// gateway under test, by its pid) from Linux's <c>/proc/&lt;pid&gt;/stat</c>. A load run reads both before and after
/// its media phase, so a reader can tell which side of a saturated run ran out of CPU.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of <c>/proc/*/stat</c> times (USER_HZ): 100 on every Linux architecture .NET runs on.</summary>
    private const double UserHz = 100;

    /// <summary>This process's CPU seconds so far.</summary>
    public static double Own()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The CPU seconds so far of process <paramref name="pid"/>; null when it cannot be read (not Linux, no such process).</summary>
    public static double? Of(int pid)
    {
        try
        {
            return ParseStat(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// utime + stime (fields 14 and 15, proc(5)) of a <c>/proc/&lt;pid&gt;/stat</c> line, in seconds; null when malformed.
    /// The command name (field 2) is in parentheses and may itself hold spaces and parentheses, so fields are counted
    /// from the last ')'.
    /// </summary>
    internal static double? ParseStat(string stat)
    {
        int end = stat.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        // After ") " come field 3 (state), 4, … : utime is the 12th of them, stime the 13th.
        string[] fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out long system))
        {
            return null;
        }

        return (user + system) / UserHz;
    }
}
