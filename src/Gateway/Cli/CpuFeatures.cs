using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ArmAes = System.Runtime.Intrinsics.Arm.Aes;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Gateway.Cli;

/// <summary>
/// The CPU features that matter to AES-GCM, as this process sees them (CPU and OS support both; a
/// DOTNET_Enable* switch can hide one). The native library probes on its own; `gateway info` shows
/// both views so that an operator can tell why an implementation is or is not offered.
/// </summary>
internal static class CpuFeatures
{
    // CPUID.(EAX=07H, ECX=0):ECX bit 9 — VAES (Intel SDM vol. 2A, CPUID leaf 07H). .NET has no
    // IsSupported for VAES, so read the bit; AVX must be usable too (the OS saves YMM state).
    private const int CpuidStructuredFeatures = 7;
    private const int VaesBit = 1 << 9;

    public static IReadOnlyList<string> Detect()
    {
        var features = new List<string>(12);
        switch (RuntimeInformation.ProcessArchitecture)
        {
            case Architecture.X64:
                Add(features, "aes", X86Aes.IsSupported);
                Add(features, "pclmulqdq", Pclmulqdq.IsSupported);
                Add(features, "ssse3", Ssse3.IsSupported);
                Add(features, "sse4.1", Sse41.IsSupported);
                Add(features, "avx", Avx.IsSupported);
                Add(features, "avx2", Avx2.IsSupported);
                Add(features, "avx512f", Avx512F.IsSupported);
                Add(features, "avx512bw", Avx512BW.IsSupported);
                Add(features, "avx512vl", Avx512F.VL.IsSupported);
                Add(features, "vaes", Avx.IsSupported && (X86Base.CpuId(CpuidStructuredFeatures, 0).Ecx & VaesBit) != 0);
                Add(features, "vpclmulqdq", Pclmulqdq.V256.IsSupported);
                break;
            case Architecture.Arm64:
                // .NET's Arm.Aes covers AESE/AESD/AESMC and PMULL/PMULL2 (FEAT_AES with FEAT_PMULL).
                Add(features, "aes", ArmAes.IsSupported);
                Add(features, "pmull", ArmAes.IsSupported);
                break;
            default:
                break;
        }

        return features;
    }

    private static void Add(List<string> features, string name, bool present)
    {
        if (present)
        {
            features.Add(name);
        }
    }
}
