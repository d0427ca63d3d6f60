using System.Runtime.InteropServices;
using Gateway.Benchmarks.Shared;
using Gateway.Crypto.Native;
using Gateway.Crypto.Native.Net;

namespace Gateway.RelayBench.Reporting;

/// <summary>What the report says about the machine (the same facts as benchmarks/Gateway.Benchmarks' reports, without BenchmarkDotNet).</summary>
internal static class MachineFacts
{
    public static IEnumerable<string> Lines()
    {
        yield return $"CPU: {CpuModel.Name()} ({Environment.ProcessorCount} logical cores visible)";
        yield return $"AES-GCM path (libgateway_native, both relays): {CryptoBackend.Describe(CryptoBackend.Default)}";
        yield return $"Native batch UDP I/O available: {UdpBatchSocket.IsSupported}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), OS: {RuntimeInformation.OSDescription}";
        yield return $"Socket buffers: net.core.rmem_default {Sysctl("net/core/rmem_default")}, rmem_max {Sysctl("net/core/rmem_max")}, wmem_default {Sysctl("net/core/wmem_default")}";
    }

    private static string Sysctl(string path)
    {
        try
        {
            return File.ReadAllText("/proc/sys/" + path).Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
