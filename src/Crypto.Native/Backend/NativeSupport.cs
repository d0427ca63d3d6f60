using System.Collections.ObjectModel;
using System.Security.Cryptography;

namespace Gateway.Crypto.Native;

/// <summary>
/// What this process can run: whether libgateway_native loaded (and has our ABI), which native
/// implementations the CPU runs, and whether the managed fallback works. Probed once; tests build
/// their own instances to check the choices <see cref="CryptoBackend"/> makes from them.
/// </summary>
internal sealed class NativeSupport
{
    private static readonly Lazy<NativeSupport> s_current = new(Probe);

    private readonly AesImplementation[] _supported;

    internal NativeSupport(bool available, string? loadError, IEnumerable<AesImplementation> native, AesImplementation bestNative, bool managedSupported)
    {
        Available = available;
        LoadError = available ? null : loadError ?? "the native library is not available";
        var supported = new List<AesImplementation>(native.Where(i => i is not (AesImplementation.Auto or AesImplementation.Managed)).Distinct().Order());
        if (!available)
        {
            supported.Clear();
        }

        BestNative = available && supported.Contains(bestNative) ? bestNative
            : supported.Count > 0 ? supported[^1]
            : null;
        if (managedSupported)
        {
            supported.Add(AesImplementation.Managed);
        }

        _supported = [.. supported];
        Supported = new ReadOnlyCollection<AesImplementation>(_supported);
    }

    /// <summary>The probe of this process (the native library is loaded on first use).</summary>
    internal static NativeSupport Current => s_current.Value;

    internal bool Available { get; }

    /// <summary>Why the native library is unavailable; null when it is available.</summary>
    internal string? LoadError { get; }

    /// <summary>Native implementations the CPU runs in enum order, then Managed when it works.</summary>
    internal IReadOnlyList<AesImplementation> Supported { get; }

    /// <summary>The fastest native implementation (gw_aes_impl_best), or null without the library.</summary>
    internal AesImplementation? BestNative { get; }

    internal bool ManagedSupported => Array.IndexOf(_supported, AesImplementation.Managed) >= 0;

    internal bool IsSupported(AesImplementation implementation) =>
        implementation != AesImplementation.Auto && Array.IndexOf(_supported, implementation) >= 0;

    /// <summary>A process where libgateway_native did not load (or was refused).</summary>
    internal static NativeSupport Unavailable(string error, bool managedSupported = true) =>
        new(available: false, error, [], AesImplementation.Portable, managedSupported);

    private static NativeSupport Probe()
    {
        bool managed = AesGcm.IsSupported;
        if (!NativeLibraryResolver.TryLoad(out _, out string? error))
        {
            return Unavailable(error ?? "libgateway_native.so did not load", managed);
        }

        string where = NativeLibraryResolver.LoadedPath ?? Interop.Libraries.GatewayNative;
        try
        {
            return FromLibrary(where, Interop.Aes.AbiVersion, Interop.Aes.ImplementationSupported, Interop.Aes.BestImplementation, managed);
        }
        catch (EntryPointNotFoundException ex)
        {
            return Unavailable($"{where} lacks an export this assembly needs ({ex.Message}): not a libgateway_native of this source tree", managed);
        }
    }

    /// <summary>
    /// What a loaded library offers, asked through its exports. The ABI version is checked first and
    /// nothing else is called when it differs: exports of another shape could corrupt memory.
    /// </summary>
    internal static NativeSupport FromLibrary(string where, Func<int> abiVersion, Func<int, int> implementationSupported, Func<int> bestImplementation, bool managedSupported)
    {
        int abi = abiVersion();
        if (abi != Interop.Libraries.AbiVersion)
        {
            return Unavailable($"{where} has ABI version {abi} but this assembly needs {Interop.Libraries.AbiVersion}: rebuild native/ from this source tree", managedSupported);
        }

        var native = new List<AesImplementation>(5);
        for (var i = AesImplementation.Portable; i <= AesImplementation.ArmV8; i++)
        {
            if (implementationSupported((int)i) == 1)
            {
                native.Add(i);
            }
        }

        return new NativeSupport(available: true, null, native, (AesImplementation)bestImplementation(), managedSupported);
    }
}
