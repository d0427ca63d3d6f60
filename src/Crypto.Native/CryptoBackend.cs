namespace Gateway.Crypto.Native;

/// <summary>
/// Which AES implementation this process runs: what the CPU and the native library offer, the
/// default <see cref="AesContext.Create"/> uses, and names for logs and metrics. The library logs
/// nothing itself; the host reports the choice (<see cref="Describe"/>).
/// </summary>
public static class CryptoBackend
{
    /// <summary>The environment variable read when nothing was configured before the first use.</summary>
    internal const string EnvironmentVariable = "GATEWAY_CRYPTO";

    private static readonly string[] s_settingWords = ["auto", "native", "managed", "portable", "aesni", "vaes256", "vaes512", "armv8"];

    private static readonly Lock s_gate = new();

    // Auto until resolved; the resolved value is never Auto and never changes afterwards.
    private static volatile AesImplementation s_default;

    /// <summary>
    /// The implementation <see cref="AesContext.Create"/> uses for <see cref="AesImplementation.Auto"/>,
    /// resolved once, on first use: the first <see cref="Configure"/> call made before then, else the
    /// <c>GATEWAY_CRYPTO</c> environment variable (<c>auto|native|managed|portable|aesni|vaes256|vaes512|armv8</c>,
    /// case-insensitive; <c>native</c> is the best native implementation and never falls back), else the
    /// best native implementation, else <see cref="AesImplementation.Managed"/> when the native library
    /// cannot be loaded. Never <see cref="AesImplementation.Auto"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">GATEWAY_CRYPTO names no implementation or one this machine cannot run.</exception>
    public static AesImplementation Default
    {
        get
        {
            AesImplementation resolved = s_default;
            return resolved != AesImplementation.Auto ? resolved : ResolveDefault();
        }
    }

    /// <summary>True when libgateway_native loaded and reports the ABI version this assembly was built for.</summary>
    public static bool NativeAvailable => NativeSupport.Current.Available;

    /// <summary>Why the native library is unavailable (where it was looked for, what failed); null when it is available.</summary>
    public static string? NativeLoadError => NativeSupport.Current.LoadError;

    /// <summary>Every native implementation this CPU runs (in enum order), then <see cref="AesImplementation.Managed"/>.</summary>
    public static IReadOnlyList<AesImplementation> SupportedImplementations => NativeSupport.Current.Supported;

    /// <summary>
    /// Chooses the default implementation (the host calls it at start-up with <c>Crypto:Implementation</c>).
    /// The first call made before <see cref="Default"/> is resolved decides it, ahead of GATEWAY_CRYPTO;
    /// later calls check their argument but change nothing, so compare <see cref="Default"/> afterwards.
    /// <see cref="AesImplementation.Auto"/> means the best implementation this machine runs.
    /// </summary>
    /// <exception cref="ArgumentException">This machine cannot run <paramref name="preferred"/>; the message names those it can.</exception>
    public static void Configure(AesImplementation preferred)
    {
        AesImplementation resolved = Resolve(preferred, NativeSupport.Current, nameof(preferred));
        lock (s_gate)
        {
            if (s_default == AesImplementation.Auto)
            {
                s_default = resolved;
            }
        }
    }

    /// <summary>The short name: "auto", "portable", "aesni", "vaes256", "vaes512", "armv8" or "managed" (metric labels, settings).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="implementation"/> is not a defined value.</exception>
    public static string Name(AesImplementation implementation) => implementation switch
    {
        AesImplementation.Auto => "auto",
        AesImplementation.Portable => "portable",
        AesImplementation.AesNi => "aesni",
        AesImplementation.Vaes256 => "vaes256",
        AesImplementation.Vaes512 => "vaes512",
        AesImplementation.ArmV8 => "armv8",
        AesImplementation.Managed => "managed",
        _ => throw Undefined(implementation),
    };

    /// <summary>A sentence for the start-up log, e.g. "native vaes512 (VAES + VPCLMULQDQ, AVX-512)".</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="implementation"/> is not a defined value.</exception>
    public static string Describe(AesImplementation implementation) => implementation switch
    {
        AesImplementation.Auto => "auto (the best implementation this machine runs)",
        AesImplementation.Portable => "native portable (plain C, table-based AES: not hardened against cache-timing attacks)",
        AesImplementation.AesNi => "native aesni (AES-NI + PCLMULQDQ, 128-bit)",
        AesImplementation.Vaes256 => "native vaes256 (VAES + VPCLMULQDQ, AVX2)",
        AesImplementation.Vaes512 => "native vaes512 (VAES + VPCLMULQDQ, AVX-512)",
        AesImplementation.ArmV8 => "native armv8 (ARMv8 AES + PMULL)",
        AesImplementation.Managed => "managed (System.Security.Cryptography.AesGcm on the platform's OpenSSL)",
        _ => throw Undefined(implementation),
    };

    /// <summary>
    /// Parses a GATEWAY_CRYPTO value (trimmed, case-insensitive). Empty or null means not set: Auto.
    /// "native" gives Auto with <paramref name="nativeOnly"/> set: the best native implementation, no fallback.
    /// </summary>
    internal static bool TryParseSetting(string? value, out AesImplementation implementation, out bool nativeOnly)
    {
        nativeOnly = false;
        implementation = AesImplementation.Auto;
        string word = value?.Trim() ?? string.Empty;
        if (word.Length == 0 || word.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (word.Equals("native", StringComparison.OrdinalIgnoreCase))
        {
            nativeOnly = true;
            return true;
        }

        foreach (AesImplementation candidate in (ReadOnlySpan<AesImplementation>)[
                     AesImplementation.Managed, AesImplementation.Portable, AesImplementation.AesNi,
                     AesImplementation.Vaes256, AesImplementation.Vaes512, AesImplementation.ArmV8])
        {
            if (word.Equals(Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                implementation = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a GATEWAY_CRYPTO value resolves to with <paramref name="support"/>; throws
    /// <see cref="InvalidOperationException"/> with a sentence for the operator when it cannot be honoured.
    /// </summary>
    internal static AesImplementation ResolveSetting(string? value, NativeSupport support)
    {
        if (!TryParseSetting(value, out AesImplementation preferred, out bool nativeOnly))
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is '{value}': expected one of {string.Join('|', s_settingWords)}.");
        }

        if (nativeOnly)
        {
            return support.BestNative ?? throw new InvalidOperationException(
                $"{EnvironmentVariable} is '{value}' but the native library is not available: {support.LoadError}");
        }

        if (preferred != AesImplementation.Auto && !support.IsSupported(preferred))
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is '{value}': {Unsupported(preferred, support)}");
        }

        return Resolve(preferred, support, nameof(value));
    }

    /// <summary>
    /// <paramref name="preferred"/> itself when <paramref name="support"/> runs it; Auto: the best native
    /// implementation, else Managed. Throws <see cref="ArgumentException"/> naming the supported values otherwise.
    /// </summary>
    internal static AesImplementation Resolve(AesImplementation preferred, NativeSupport support, string paramName)
    {
        if (!Enum.IsDefined(preferred))
        {
            throw new ArgumentOutOfRangeException(paramName, preferred, $"{(int)preferred} is not an AES implementation; supported here: {SupportedNames(support)}.");
        }

        if (preferred == AesImplementation.Auto)
        {
            if (support.BestNative is { } best)
            {
                return best;
            }

            if (support.ManagedSupported)
            {
                return AesImplementation.Managed;
            }

            throw new ArgumentException($"No AES-GCM implementation runs on this machine: {support.LoadError}, and System.Security.Cryptography.AesGcm is not supported.", paramName);
        }

        if (!support.IsSupported(preferred))
        {
            throw new ArgumentException(Unsupported(preferred, support), paramName);
        }

        return preferred;
    }

    private static AesImplementation ResolveDefault()
    {
        lock (s_gate)
        {
            if (s_default == AesImplementation.Auto)
            {
                s_default = ResolveSetting(Environment.GetEnvironmentVariable(EnvironmentVariable), NativeSupport.Current);
            }

            return s_default;
        }
    }

    private static string Unsupported(AesImplementation implementation, NativeSupport support)
    {
        string why = implementation == AesImplementation.Managed ? "System.Security.Cryptography.AesGcm is not supported here"
            : !support.Available ? $"the native library is not available ({support.LoadError})"
            : "this CPU (or this build of the native library) cannot run it";
        return $"AES implementation '{Name(implementation)}' is not available: {why}. Supported here: {SupportedNames(support)}.";
    }

    private static string SupportedNames(NativeSupport support) =>
        support.Supported.Count == 0 ? "none" : string.Join(", ", support.Supported.Select(Name));

    private static ArgumentOutOfRangeException Undefined(AesImplementation implementation) =>
        new(nameof(implementation), implementation, $"{(int)implementation} is not an AES implementation.");
}
