/*
 * aes_ctx.c — key contexts, run-time dispatch and the public single-packet AES-GCM / AES-CTR calls.
 */
#include <stdlib.h>
#include <string.h>

#include "aes_internal.h"

#if !defined(GW_HAVE_X86_64)
const gw_aes_vtable *const gw_aes_aesni_vtable = NULL;
const gw_aes_vtable *const gw_aes_vaes256_vtable = NULL;
const gw_aes_vtable *const gw_aes_vaes512_vtable = NULL;
#endif
#if !defined(GW_HAVE_ARM64)
const gw_aes_vtable *const gw_aes_armv8_vtable = NULL;
#endif

static const gw_aes_vtable *vtable_for(int32_t impl)
{
    switch (impl) {
    case GW_AES_IMPL_PORTABLE: return &gw_aes_portable_vtable;
    case GW_AES_IMPL_AESNI: return gw_aes_aesni_vtable;
    case GW_AES_IMPL_VAES256: return gw_aes_vaes256_vtable;
    case GW_AES_IMPL_VAES512: return gw_aes_vaes512_vtable;
    case GW_AES_IMPL_ARMV8: return gw_aes_armv8_vtable;
    default: return NULL;
    }
}

/* CPU features each implementation needs, on top of its code being in this build. */
static uint64_t required_features(int32_t impl)
{
    const uint64_t aesni = GW_CPU_X86_AESNI | GW_CPU_X86_PCLMULQDQ | GW_CPU_X86_SSSE3 | GW_CPU_X86_SSE41;
    const uint64_t vaes256 = aesni | GW_CPU_X86_AVX | GW_CPU_X86_AVX2 | GW_CPU_X86_VAES | GW_CPU_X86_VPCLMULQDQ;
    switch (impl) {
    case GW_AES_IMPL_AESNI: return aesni;
    case GW_AES_IMPL_VAES256: return vaes256;
    case GW_AES_IMPL_VAES512: return vaes256 | GW_CPU_X86_AVX512F | GW_CPU_X86_AVX512BW | GW_CPU_X86_AVX512VL;
    case GW_AES_IMPL_ARMV8: return GW_CPU_ARM_AES | GW_CPU_ARM_PMULL;
    default: return 0;
    }
}

GW_API int32_t gw_abi_version(void)
{
    return GW_ABI_VERSION;
}

GW_API int32_t gw_aes_impl_supported(int32_t impl)
{
    if (impl <= GW_AES_IMPL_AUTO || impl >= GW_AES_IMPL_COUNT || vtable_for(impl) == NULL) {
        return 0;
    }
    const uint64_t need = required_features(impl);
    return (gw_cpu_features() & need) == need ? 1 : 0;
}

GW_API int32_t gw_aes_impl_best(void)
{
    static const int32_t preference[] = {GW_AES_IMPL_VAES512, GW_AES_IMPL_VAES256, GW_AES_IMPL_AESNI, GW_AES_IMPL_ARMV8};
    for (size_t i = 0; i < sizeof preference / sizeof preference[0]; i++) {
        if (gw_aes_impl_supported(preference[i])) {
            return preference[i];
        }
    }
    return GW_AES_IMPL_PORTABLE;
}

GW_API const char *gw_aes_impl_name(int32_t impl)
{
    switch (impl) {
    case GW_AES_IMPL_AUTO: return "auto";
    case GW_AES_IMPL_PORTABLE: return "portable";
    case GW_AES_IMPL_AESNI: return "aesni";
    case GW_AES_IMPL_VAES256: return "vaes256";
    case GW_AES_IMPL_VAES512: return "vaes512";
    case GW_AES_IMPL_ARMV8: return "armv8";
    default: return "unknown";
    }
}

void gw_gcm_init_powers(gw_aes_ctx *ctx, const uint8_t h[16])
{
    const gw_u128 h1 = gw_ghash_load(h);
    const gw_u128 hs1 = gw_ghash_preshift(h1);
    gw_u128 power = h1; /* rev128(H^k), k = 1.. */
    for (int k = 1; k <= GW_HPOW_COUNT; k++) {
        ctx->hpow[GW_HPOW_COUNT - k] = gw_ghash_preshift(power);
        power = gw_ghash_mul(power, hs1);
    }
    for (int i = GW_HPOW_COUNT; i < GW_HPOW_COUNT + GW_HPOW_PAD; i++) {
        ctx->hpow[i].lo = 0;
        ctx->hpow[i].hi = 0;
    }
    gw_secure_zero(&power, sizeof power);
}

GW_API int32_t gw_aes_ctx_create(const uint8_t *key, int32_t key_len, int32_t impl, gw_aes_ctx **out_ctx)
{
    if (out_ctx == NULL) {
        return GW_ERR_ARGUMENT;
    }
    *out_ctx = NULL;
    if (key == NULL || (key_len != 16 && key_len != 32)) {
        return GW_ERR_ARGUMENT;
    }
    if (impl == GW_AES_IMPL_AUTO) {
        impl = gw_aes_impl_best();
    }
    if (impl < GW_AES_IMPL_PORTABLE || impl >= GW_AES_IMPL_COUNT) {
        return GW_ERR_ARGUMENT;
    }
    if (!gw_aes_impl_supported(impl)) {
        return GW_ERR_UNSUPPORTED;
    }

    gw_aes_ctx *ctx = NULL;
    if (posix_memalign((void **)&ctx, 64, sizeof *ctx) != 0 || ctx == NULL) {
        return GW_ERR_NO_MEMORY;
    }
    memset(ctx, 0, sizeof *ctx);
    ctx->rounds = key_len == 16 ? 10 : 14;
    ctx->impl = impl;
    ctx->vt = vtable_for(impl);
    if (ctx->vt->expand_key != NULL) {
        ctx->vt->expand_key(ctx, key, key_len);
    } else {
        gw_aes_expand_key_portable(ctx->round_keys, key, key_len);
    }

    uint8_t h[16] = {0};
    ctx->vt->encrypt_block(ctx, h, h); /* H = E(K, 0^128), SP 800-38D §6.4 */
    gw_gcm_init_powers(ctx, h);
    gw_secure_zero(h, sizeof h);

    *out_ctx = ctx;
    return GW_OK;
}

GW_API void gw_aes_ctx_free(gw_aes_ctx *ctx)
{
    if (ctx != NULL) {
        gw_secure_zero(ctx, sizeof *ctx);
        free(ctx);
    }
}

GW_API int32_t gw_aes_ctx_impl(const gw_aes_ctx *ctx)
{
    return ctx == NULL ? GW_ERR_ARGUMENT : ctx->impl;
}

static int gcm_args_valid(const gw_aes_ctx *ctx, const uint8_t *nonce, const uint8_t *aad, int32_t aad_len,
                          const uint8_t *in, const uint8_t *out, int32_t len, const uint8_t *tag)
{
    return ctx != NULL && nonce != NULL && tag != NULL && aad_len >= 0 && len >= 0 &&
           (aad_len == 0 || aad != NULL) && (len == 0 || (in != NULL && out != NULL));
}

/* Constant-time 16-byte comparison: 0 when equal. */
static uint32_t tag_diff(const uint8_t *a, const uint8_t *b)
{
    uint32_t d = 0;
    for (int i = 0; i < 16; i++) {
        d |= (uint32_t)(a[i] ^ b[i]);
    }
    return d;
}

GW_API int32_t gw_aes_gcm_seal(const gw_aes_ctx *ctx, const uint8_t *nonce12, const uint8_t *aad, int32_t aad_len,
                               const uint8_t *in, uint8_t *out, int32_t len, uint8_t *tag16)
{
    if (!gcm_args_valid(ctx, nonce12, aad, aad_len, in, out, len, tag16)) {
        return GW_ERR_ARGUMENT;
    }
    ctx->vt->gcm(ctx, nonce12, aad, (size_t)aad_len, in, out, (size_t)len, 1, tag16);
    return GW_OK;
}

GW_API int32_t gw_aes_gcm_open(const gw_aes_ctx *ctx, const uint8_t *nonce12, const uint8_t *aad, int32_t aad_len,
                               const uint8_t *in, uint8_t *out, int32_t len, const uint8_t *tag16)
{
    if (!gcm_args_valid(ctx, nonce12, aad, aad_len, in, out, len, tag16)) {
        return GW_ERR_ARGUMENT;
    }
    uint8_t expected[16];
    ctx->vt->gcm(ctx, nonce12, aad, (size_t)aad_len, in, out, (size_t)len, 0, expected);
    const uint32_t diff = tag_diff(expected, tag16);
    gw_secure_zero(expected, sizeof expected);
    if (diff != 0) {
        /* Release nothing of a forgery: the caller's buffer holds zeros, not candidate plaintext. */
        gw_secure_zero(out, (size_t)len);
        return GW_ERR_AUTH;
    }
    return GW_OK;
}

GW_API int32_t gw_aes_ctr_xor(const gw_aes_ctx *ctx, const uint8_t *counter16, const uint8_t *in, uint8_t *out, int32_t len)
{
    if (ctx == NULL || counter16 == NULL || len < 0 || (len > 0 && out == NULL)) {
        return GW_ERR_ARGUMENT;
    }
    if (len > 0) {
        if (in == NULL) {
            /* Bare keystream (SRTP key derivation, RFC 3711 §4.3.3): XOR into zeros, so no
             * implementation needs a keystream-only variant. */
            memset(out, 0, (size_t)len);
            in = out;
        }
        ctx->vt->ctr(ctx, counter16, in, out, (size_t)len);
    }
    return GW_OK;
}

GW_API int32_t gw_aes_encrypt_block(const gw_aes_ctx *ctx, const uint8_t *in16, uint8_t *out16)
{
    if (ctx == NULL || in16 == NULL || out16 == NULL) {
        return GW_ERR_ARGUMENT;
    }
    ctx->vt->encrypt_block(ctx, in16, out16);
    return GW_OK;
}
