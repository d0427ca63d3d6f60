/*
 * cpu_features.c — what the CPU offers AND the OS enables (XSAVE state for AVX / AVX-512), read once.
 */
#include <stdatomic.h>

#include "aes_internal.h"

#if defined(GW_HAVE_X86_64)
#include <cpuid.h>

static uint64_t read_xcr0(void)
{
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

static uint64_t detect(void)
{
    uint32_t eax, ebx, ecx, edx;
    uint64_t f = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    if (ecx & (1u << 25)) f |= GW_CPU_X86_AESNI;
    if (ecx & (1u << 1)) f |= GW_CPU_X86_PCLMULQDQ;
    if (ecx & (1u << 9)) f |= GW_CPU_X86_SSSE3;
    if (ecx & (1u << 19)) f |= GW_CPU_X86_SSE41;

    const int osxsave = (ecx & (1u << 27)) != 0;
    const uint64_t xcr0 = osxsave ? read_xcr0() : 0;
    const int os_ymm = (xcr0 & 0x6) == 0x6;       /* XMM and YMM state */
    const int os_zmm = os_ymm && (xcr0 & 0xe0) == 0xe0; /* opmask, ZMM_Hi256, Hi16_ZMM */
    if (os_ymm && (ecx & (1u << 28))) f |= GW_CPU_X86_AVX;

    if (__get_cpuid_max(0, 0) >= 7) {
        __cpuid_count(7, 0, eax, ebx, ecx, edx);
        if (os_ymm && (ebx & (1u << 5))) f |= GW_CPU_X86_AVX2;
        if (os_ymm && (ecx & (1u << 9))) f |= GW_CPU_X86_VAES;
        if (os_ymm && (ecx & (1u << 10))) f |= GW_CPU_X86_VPCLMULQDQ;
        if (os_zmm && (ebx & (1u << 16))) f |= GW_CPU_X86_AVX512F;
        if (os_zmm && (ebx & (1u << 30))) f |= GW_CPU_X86_AVX512BW;
        if (os_zmm && (ebx & (1u << 31))) f |= GW_CPU_X86_AVX512VL;
    }
    return f;
}
#elif defined(GW_HAVE_ARM64)
#include <sys/auxv.h>

#ifndef HWCAP_AES
#define HWCAP_AES (1ul << 3)
#endif
#ifndef HWCAP_PMULL
#define HWCAP_PMULL (1ul << 4)
#endif

static uint64_t detect(void)
{
    unsigned long hw = getauxval(AT_HWCAP);
    uint64_t f = 0;
    if (hw & HWCAP_AES) f |= GW_CPU_ARM_AES;
    if (hw & HWCAP_PMULL) f |= GW_CPU_ARM_PMULL;
    return f;
}
#else
static uint64_t detect(void)
{
    return 0;
}
#endif

/* Bit 63 marks "detected"; detection is idempotent, so racing first callers store the same value. */
#define GW_CPU_DETECTED (1ull << 63)
static _Atomic uint64_t cached_features;

GW_API uint64_t gw_cpu_features(void)
{
    uint64_t f = atomic_load_explicit(&cached_features, memory_order_relaxed);
    if (!(f & GW_CPU_DETECTED)) {
        f = detect() | GW_CPU_DETECTED;
        atomic_store_explicit(&cached_features, f, memory_order_relaxed);
    }
    return f & ~GW_CPU_DETECTED;
}
