using System.Runtime.InteropServices;

namespace Gateway.Benchmarks.Shared;

/// <summary>The CPU's model name as /proc/cpuinfo gives it, for the machine section of every benchmark report.</summary>
internal static class CpuModel
{
    public static string Name()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
