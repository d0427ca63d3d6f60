using System.Runtime.InteropServices;
using Gateway.Benchmarks.Shared;
using BenchmarkDotNet.Reports;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Crypto.Native;

namespace Gateway.Benchmarks.Reporting;

/// <summary>What the report says about the machine: read at report time from the OS, the runtime and the native library.</summary>
internal static class MachineInfo
{
    private static readonly (ulong Bit, string Name)[] FeatureNames =
    [
        (1ul << 0, "AES-NI"), (1ul << 1, "PCLMULQDQ"), (1ul << 2, "SSSE3"), (1ul << 3, "SSE4.1"),
        (1ul << 4, "AVX"), (1ul << 5, "AVX2"), (1ul << 6, "VAES"), (1ul << 7, "VPCLMULQDQ"),
        (1ul << 8, "AVX-512F"), (1ul << 9, "AVX-512BW"), (1ul << 10, "AVX-512VL"),
        (1ul << 32, "ARM AES"), (1ul << 33, "ARM PMULL"),
    ];

    public static IEnumerable<string> Lines()
    {
        yield return $"CPU: {CpuModel.Name()} ({Environment.ProcessorCount} logical cores visible)";
        yield return $"CPU features the native library detected (gw_cpu_features): {Features()}";
        yield return $"Native implementations this CPU runs: {string.Join(", ", CryptoBackend.SupportedImplementations.Select(CryptoBackend.Name))}";
        AesImplementation best = BenchNative.BestImplementation();
        yield return $"Best native path: {CryptoBackend.Describe(best)}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), OS: {RuntimeInformation.OSDescription}";
        yield return $"OpenSSL (EVP peer, libgateway_native_bench): {Safe(BenchNative.OpenSslVersion)}";
        yield return $"BenchmarkDotNet {typeof(Summary).Assembly.GetName().Version}";
    }

    private static string Features()
    {
        ulong bits = Safe(BenchNative.CpuFeatures, 0ul);
        string names = string.Join(", ", FeatureNames.Where(f => (bits & f.Bit) != 0).Select(f => f.Name));
        return names.Length == 0 ? "none" : names;
    }

    private static string Safe(Func<string> read) => Safe(read, "unknown");

    private static T Safe<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (DllNotFoundException)
        {
            return fallback;
        }
        catch (EntryPointNotFoundException)
        {
            return fallback;
        }
    }
}
