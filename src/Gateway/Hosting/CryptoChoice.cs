using Gateway.Crypto.Native;

namespace Gateway.Hosting;

/// <summary>The AES-GCM implementation this node runs, as decided once at start-up.</summary>
internal sealed record CryptoChoice
{
    /// <summary>The configured word ("auto", "managed", ...).</summary>
    public required string Setting { get; init; }

    /// <summary>What Crypto.Native resolved the setting to (never Auto).</summary>
    public required AesImplementation Implementation { get; init; }

    /// <summary>Short name, the value of the metric label ("vaes512", "managed").</summary>
    public required string Name { get; init; }

    /// <summary>A sentence for the start-up log ("native vaes512 (VAES + VPCLMULQDQ, AVX-512)").</summary>
    public required string Description { get; init; }

    /// <summary>Every implementation this machine can run, native ones and the managed fallback.</summary>
    public required IReadOnlyList<AesImplementation> Supported { get; init; }

    /// <summary>Why the native library did not load, or null when it did.</summary>
    public string? NativeLoadError { get; init; }

    public bool IsNative => Implementation != AesImplementation.Managed;

    /// <summary>True when the node runs the managed fallback only because the native library is missing.</summary>
    public bool FellBack => NativeLoadError is not null
        && !(CryptoSettingNames.TryParse(Setting, out var asked) && asked == AesImplementation.Managed);

    public string SupportedNames => string.Join(", ", Supported.Select(CryptoBackend.Name));
}
