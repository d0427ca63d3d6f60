using Gateway.Crypto.Native;

namespace Gateway.Hosting;

/// <summary>
/// The words Crypto:Implementation (and --crypto, GATEWAY_CRYPTO) accept, the same ones
/// Crypto.Native reads from GATEWAY_CRYPTO. "native" means the fastest native implementation and
/// refuses to fall back to the managed one.
/// </summary>
internal static class CryptoSettingNames
{
    public const string Auto = "auto";
    public const string Native = "native";

    /// <summary>Every accepted word, in the order help text lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Auto, Native, "managed", "portable", "aesni", "vaes256", "vaes512", "armv8"];

    /// <summary>"auto|native|managed|...": for messages.</summary>
    public static string Joined { get; } = string.Join('|', All);

    /// <summary>Maps a word other than "native" to the implementation it names (case-insensitive).</summary>
    public static bool TryParse(string value, out AesImplementation implementation)
    {
        implementation = value.Trim().ToUpperInvariant() switch
        {
            "AUTO" => AesImplementation.Auto,
            "MANAGED" => AesImplementation.Managed,
            "PORTABLE" => AesImplementation.Portable,
            "AESNI" => AesImplementation.AesNi,
            "VAES256" => AesImplementation.Vaes256,
            "VAES512" => AesImplementation.Vaes512,
            "ARMV8" => AesImplementation.ArmV8,
            _ => (AesImplementation)(-1),
        };
        return Enum.IsDefined(implementation);
    }

    public static bool IsNative(string value) => string.Equals(value.Trim(), Native, StringComparison.OrdinalIgnoreCase);
}
