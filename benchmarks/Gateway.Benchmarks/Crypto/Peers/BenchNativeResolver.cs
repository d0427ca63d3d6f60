using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gateway.Benchmarks.Crypto.Peers;

/// <summary>
/// Finds libgateway_native_bench.so where the Crypto.Native build puts it (runtimes/&lt;rid&gt;/native/
/// next to the assembly). Registered by a module initializer so it also holds in the child processes
/// BenchmarkDotNet starts, which never run our Main.
/// </summary>
internal static class BenchNativeResolver
{
#pragma warning disable CA2255 // A benchmark executable, not a library: the initializer is the only hook in BDN's child process.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(BenchNativeResolver).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != BenchNative.Library)
        {
            return 0;
        }

        string rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string file = $"lib{libraryName}.so";
        foreach (string? root in new[] { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(root))
            {
                continue;
            }

            foreach (string candidate in new[] { Path.Combine(root, "runtimes", rid, "native", file), Path.Combine(root, file) })
            {
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out nint handle))
                {
                    return handle;
                }
            }
        }

        return 0; // default probing, then DllNotFoundException naming the library
    }
}
