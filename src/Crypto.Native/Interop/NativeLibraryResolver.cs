using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gateway.Crypto.Native;

/// <summary>
/// Finds libgateway_native.so for every [LibraryImport] of this assembly: first
/// runtimes/linux-{x64|arm64}/native/ next to the assembly (where the build copies it), then the
/// runtime's default probing (application directory, LD_LIBRARY_PATH, system paths). The load is
/// attempted once; its outcome (the handle, or why it failed) is kept for <see cref="NativeSupport"/>.
/// </summary>
internal static class NativeLibraryResolver
{
    private const string FileName = "lib" + Interop.Libraries.GatewayNative + ".so";

    private static readonly Lock s_gate = new();
    private static bool s_attempted;
    private static nint s_handle;
    private static string? s_path;
    private static string? s_error;

    /// <summary>The file that was loaded, or null.</summary>
    internal static string? LoadedPath => s_path;

    // The resolver must be in place before the first P/Invoke of this assembly is bound, from any of
    // its types (AES now, batch UDP I/O later); a module initializer is the one hook that precedes them all.
#pragma warning disable CA2255 // ModuleInitializer in a library: it only registers the resolver and loads nothing.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    /// <summary>Loads the library once; false with a sentence saying where it looked and why it failed.</summary>
    internal static bool TryLoad(out nint handle, out string? error)
    {
        lock (s_gate)
        {
            if (!s_attempted)
            {
                s_handle = Load(out s_path, out s_error);
                s_attempted = true;
            }

            handle = s_handle;
            error = s_error;
            return handle != 0;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Interop.Libraries.GatewayNative && TryLoad(out nint handle, out _) ? handle : 0;

    private static nint Load(out string? path, out string? error)
    {
        var tried = new List<string>(3);
        var failures = new List<string>(1);
        foreach (string candidate in Candidates())
        {
            if (tried.Contains(candidate))
            {
                continue;
            }

            tried.Add(candidate);
            if (!File.Exists(candidate))
            {
                continue;
            }

            try
            {
                nint loaded = NativeLibrary.Load(candidate);
                path = candidate;
                error = null;
                return loaded;
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                // The file is there but does not load (wrong architecture, missing dependency): say so.
                failures.Add($"{candidate}: {ex.Message}");
            }
        }

        if (NativeLibrary.TryLoad(Interop.Libraries.GatewayNative, typeof(NativeLibraryResolver).Assembly, null, out nint handle))
        {
            path = Interop.Libraries.GatewayNative + " (default probing)";
            error = null;
            return handle;
        }

        path = null;
        error = failures.Count > 0
            ? $"{FileName} did not load: {string.Join("; ", failures)}"
            : $"{FileName} was not found in {string.Join(", ", tried)} nor by the default library search";
        return 0;
    }

    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Assembly.Location is empty in a single-file app; AppContext.BaseDirectory is tried too.")]
    private static IEnumerable<string> Candidates()
    {
        string? rid = RuntimeIdentifier();
        if (rid is null)
        {
            yield break;
        }

        foreach (string? root in new[] { Path.GetDirectoryName(typeof(NativeLibraryResolver).Assembly.Location), AppContext.BaseDirectory })
        {
            if (!string.IsNullOrEmpty(root))
            {
                yield return Path.Combine(root, "runtimes", rid, "native", FileName);
            }
        }
    }

    /// <summary>The runtimes/ folder the build fills; null where none is built (then only default probing).</summary>
    private static string? RuntimeIdentifier()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            _ => null,
        };
    }
}
