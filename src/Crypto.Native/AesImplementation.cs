namespace Gateway.Crypto.Native;

/// <summary>
/// An AES / AES-GCM implementation. Values 0..5 equal the native <c>gw_aes_impl</c> enumeration of
/// gateway_native.h; <see cref="Managed"/> is the fallback on System.Security.Cryptography.
/// </summary>
public enum AesImplementation
{
    /// <summary>The best implementation this machine runs (see <see cref="CryptoBackend.Default"/>).</summary>
    Auto = 0,

    /// <summary>Native plain C11: any CPU; table-based AES, so not hardened against cache-timing attacks.</summary>
    Portable = 1,

    /// <summary>Native x86-64 AES-NI + PCLMULQDQ on 128-bit registers.</summary>
    AesNi = 2,

    /// <summary>Native x86-64 VAES + VPCLMULQDQ on 256-bit AVX2 registers.</summary>
    Vaes256 = 3,

    /// <summary>Native x86-64 VAES + VPCLMULQDQ on 512-bit AVX-512 registers.</summary>
    Vaes512 = 4,

    /// <summary>Native ARM64 AES + PMULL crypto extensions.</summary>
    ArmV8 = 5,

    /// <summary>System.Security.Cryptography.AesGcm (and Aes for AES-CTR): the fallback when no native one runs.</summary>
    Managed = 100,
}
