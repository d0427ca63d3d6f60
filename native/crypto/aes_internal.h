/*
 * aes_internal.h — what the implementations share: the context layout, the GHASH number frame and
 * the table of functions each implementation (portable, aesni, vaes256, vaes512, armv8) provides.
 *
 * GHASH frame (every implementation uses the same one, so the key-power table is computed once):
 *   A 16-byte GCM block b[0..15] is held as a 128-bit little-endian integer with its bytes reversed
 *   (x86: pshufb with a reversing mask; ARM: rev64 + ext). Bit 127 of that integer is the
 *   coefficient of x^0 (the first bit of the block), bit 0 that of x^127 — "rev128".
 *   A carry-less product of two rev128 values is rev256(a*b) >> 1, so the key powers are stored
 *   pre-shifted: hs = (rev128(H^k) << 1) mod P, where an overflowing bit 128 (x^0) is replaced by
 *   x^128 + x^7 + x^2 + x = bits {0, 121, 126, 127}, i.e. XOR 0xC2000000_00000000_00000000_00000001.
 *   Then clmul(rev128(X), hs) = rev256(X*H^k): 256 bits whose low 128 (degrees 255..128) fold back:
 *     step 1: t = clmul(lo64(L), 0xC200000000000000); L.hi64 ^= t.lo64; Hh.lo64 ^= t.hi64 ^ lo64(L)
 *     step 2: t = clmul(L.hi64 (as updated), 0xC2..);  Hh.lo64 ^= t.lo64; Hh.hi64 ^= t.hi64 ^ L.hi64
 *   where L is the low 128 bits and Hh the high 128 bits of the product; the result is Hh (rev128).
 *   With schoolbook pieces LO = a0*b0, MI = a0*b1 ^ a1*b0, HI = a1*b1 (or MI from Karatsuba) the same two
 *   steps read: MI ^= swap64(LO) ^ clmul(LO.lo64, C); HI ^= swap64(MI) ^ clmul(MI.lo64, C); result HI.
 *   Sums of many products (aggregated reduction) are reduced once.
 */
#ifndef GATEWAY_AES_INTERNAL_H
#define GATEWAY_AES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gateway_native.h"

#define GW_AES_MAX_ROUNDS 14
/* Key powers H^16 .. H^1 in the pre-shifted frame, followed by GW_HPOW_PAD zero entries so that a
 * vector tail can load 4 consecutive powers starting at any index 0..15 and see zeros past H^1. */
#define GW_HPOW_COUNT 16
#define GW_HPOW_PAD 3

typedef struct gw_u128 {
    uint64_t lo; /* bits 0..63 of the little-endian 128-bit integer */
    uint64_t hi; /* bits 64..127 */
} gw_u128;

typedef struct gw_aes_vtable gw_aes_vtable;

struct gw_aes_ctx {
    /* Encryption round keys in FIPS-197 byte order, rounds + 1 of them. */
    _Alignas(64) uint8_t round_keys[(GW_AES_MAX_ROUNDS + 1) * 16];
    /* hpow[i] = H^(16 - i) (pre-shifted frame) for i in 0..15; hpow[16..18] = 0. */
    _Alignas(64) gw_u128 hpow[GW_HPOW_COUNT + GW_HPOW_PAD];
    int32_t rounds;   /* 10 or 14 */
    int32_t impl;     /* enum gw_aes_impl, never AUTO */
    const gw_aes_vtable *vt;
};

/*
 * What one implementation provides. Lengths are validated by the caller (non-negative, pointers
 * non-null where len > 0). Every function must handle len == 0 and any length, including partial
 * final blocks, and in == out.
 */
struct gw_aes_vtable {
    /* Expand key into ctx->round_keys (ctx->rounds is already set). NULL: the portable expansion. */
    void (*expand_key)(gw_aes_ctx *ctx, const uint8_t *key, int key_len);
    void (*encrypt_block)(const gw_aes_ctx *ctx, const uint8_t in[16], uint8_t out[16]);
    /*
     * One GCM pass: CTR-encrypt (encrypt != 0: GHASH the output) or decrypt (GHASH the input)
     * in -> out starting at counter J0 + 1 = nonce || 00000002, GHASH the AAD first, then the
     * data, then the length block, and write the full tag E(K, J0) ^ GHASH into tag_out.
     */
    void (*gcm)(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16]);
    /* AES-CTR, 128-bit big-endian counter increment; len > 0 and in non-NULL (gw_aes_ctr_xor resolves NULL). */
    void (*ctr)(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len);
};

/* Implementations; a vtable pointer is NULL when the build cannot make that implementation. */
extern const gw_aes_vtable gw_aes_portable_vtable;
extern const gw_aes_vtable *const gw_aes_aesni_vtable;
extern const gw_aes_vtable *const gw_aes_vaes256_vtable;
extern const gw_aes_vtable *const gw_aes_vaes512_vtable;
extern const gw_aes_vtable *const gw_aes_armv8_vtable;

/* Portable pieces every implementation may call (aes_portable.c). */
void gw_aes_expand_key_portable(uint8_t *round_keys, const uint8_t *key, int key_len);
gw_u128 gw_ghash_load(const uint8_t block[16]);          /* bytes -> rev128 */
void gw_ghash_store(uint8_t block[16], gw_u128 x);       /* rev128 -> bytes */
gw_u128 gw_ghash_mul(gw_u128 x, gw_u128 hs);             /* rev128(X) * hs -> rev128(X*H) */
gw_u128 gw_ghash_preshift(gw_u128 x);                    /* rev128(Y) -> (rev128(Y) << 1) mod P */

/* Fills ctx->hpow from H = E(K, 0^128) (aes_ctx.c, uses the portable GHASH). */
void gw_gcm_init_powers(gw_aes_ctx *ctx, const uint8_t h[16]);

/* Zeroing the compiler may not remove: the empty asm takes the pointer and clobbers memory, so the
 * stores are observable. Inline (unlike explicit_bzero) because open zeroes its 16-byte expected tag
 * on every call, where a library call costs a third of a small packet's time. */
static inline void gw_secure_zero(void *p, size_t n)
{
    if (p != NULL && n > 0) {
        __builtin_memset(p, 0, n);
        __asm__ __volatile__("" : : "r"(p) : "memory");
    }
}

#endif /* GATEWAY_AES_INTERNAL_H */
