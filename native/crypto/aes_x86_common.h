/*
 * aes_x86_common.h — static inline pieces the x86-64 AES-NI and VAES-256 files share: the
 * AESKEYGENASSIST key schedule, single-block AES, and the 128-bit GHASH multiply-accumulate and
 * reduction in the frame derived at the top of aes_internal.h.
 *
 * Only `static inline` functions live here: each including file is compiled with its own -m flags
 * (see native/CMakeLists.txt), so every helper is compiled for exactly the ISA of its caller and no
 * code reaches a CPU that the dispatcher did not check. Nothing here branches on or indexes memory
 * by key or data, so all of it runs in constant time.
 */
#ifndef GATEWAY_AES_X86_COMMON_H
#define GATEWAY_AES_X86_COMMON_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "aes_internal.h"

#define GW_X86_INLINE static inline __attribute__((always_inline))

/* ---- key schedule (FIPS-197 §5.2) -------------------------------------------------------------- */

/*
 * One AES key-expansion step: w[i..i+3] from the previous four words w[i-Nk..] (in prev) and the
 * SubWord/RotWord/Rcon word that AESKEYGENASSIST put in the lane chosen by the shuffle. The three
 * shift-and-XOR steps form the running XOR w[i] = w[i-Nk] ^ w[i-1] across the four words.
 */
GW_X86_INLINE __m128i gw_x86_expand_step(__m128i prev, __m128i assist_lane)
{
    prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
    prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
    prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
    return _mm_xor_si128(prev, assist_lane);
}

/* AES-128: lane 3 of AESKEYGENASSIST is RotWord(SubWord(w3)) ^ Rcon. */
#define GW_X86_EXP128(k, rcon) \
    gw_x86_expand_step((k), _mm_shuffle_epi32(_mm_aeskeygenassist_si128((k), (rcon)), 0xff))
/* AES-256, even round keys: as AES-128, from the previous odd key. */
#define GW_X86_EXP256A(k_even, k_odd, rcon) \
    gw_x86_expand_step((k_even), _mm_shuffle_epi32(_mm_aeskeygenassist_si128((k_odd), (rcon)), 0xff))
/* AES-256, odd round keys: lane 2 is SubWord(w3) without rotation or Rcon (FIPS-197 §5.2, Nk > 6). */
#define GW_X86_EXP256B(k_odd, k_even) \
    gw_x86_expand_step((k_odd), _mm_shuffle_epi32(_mm_aeskeygenassist_si128((k_even), 0x00), 0xaa))

/*
 * Expand a 16- or 32-byte key into rounds + 1 round keys in FIPS-197 byte order. The Rcon values
 * must be immediates, hence the unrolled sequence. Any other key_len leaves the keys untouched
 * (the caller validated it; aes_internal.h allows only 16 and 32 for these implementations).
 */
GW_X86_INLINE void gw_x86_expand_key(uint8_t *round_keys, const uint8_t *key, int key_len)
{
    __m128i *rk = (__m128i *)(void *)round_keys;
    if (key_len == 16) {
        __m128i k = _mm_loadu_si128((const __m128i *)(const void *)key);
        _mm_storeu_si128(rk + 0, k);
        k = GW_X86_EXP128(k, 0x01); _mm_storeu_si128(rk + 1, k);
        k = GW_X86_EXP128(k, 0x02); _mm_storeu_si128(rk + 2, k);
        k = GW_X86_EXP128(k, 0x04); _mm_storeu_si128(rk + 3, k);
        k = GW_X86_EXP128(k, 0x08); _mm_storeu_si128(rk + 4, k);
        k = GW_X86_EXP128(k, 0x10); _mm_storeu_si128(rk + 5, k);
        k = GW_X86_EXP128(k, 0x20); _mm_storeu_si128(rk + 6, k);
        k = GW_X86_EXP128(k, 0x40); _mm_storeu_si128(rk + 7, k);
        k = GW_X86_EXP128(k, 0x80); _mm_storeu_si128(rk + 8, k);
        k = GW_X86_EXP128(k, 0x1b); _mm_storeu_si128(rk + 9, k);
        k = GW_X86_EXP128(k, 0x36); _mm_storeu_si128(rk + 10, k);
    } else if (key_len == 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)key);
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(key + 16));
        _mm_storeu_si128(rk + 0, a);
        _mm_storeu_si128(rk + 1, b);
        a = GW_X86_EXP256A(a, b, 0x01); _mm_storeu_si128(rk + 2, a);
        b = GW_X86_EXP256B(b, a);       _mm_storeu_si128(rk + 3, b);
        a = GW_X86_EXP256A(a, b, 0x02); _mm_storeu_si128(rk + 4, a);
        b = GW_X86_EXP256B(b, a);       _mm_storeu_si128(rk + 5, b);
        a = GW_X86_EXP256A(a, b, 0x04); _mm_storeu_si128(rk + 6, a);
        b = GW_X86_EXP256B(b, a);       _mm_storeu_si128(rk + 7, b);
        a = GW_X86_EXP256A(a, b, 0x08); _mm_storeu_si128(rk + 8, a);
        b = GW_X86_EXP256B(b, a);       _mm_storeu_si128(rk + 9, b);
        a = GW_X86_EXP256A(a, b, 0x10); _mm_storeu_si128(rk + 10, a);
        b = GW_X86_EXP256B(b, a);       _mm_storeu_si128(rk + 11, b);
        a = GW_X86_EXP256A(a, b, 0x20); _mm_storeu_si128(rk + 12, a);
        b = GW_X86_EXP256B(b, a);       _mm_storeu_si128(rk + 13, b);
        a = GW_X86_EXP256A(a, b, 0x40); _mm_storeu_si128(rk + 14, a);
    }
}

/* ---- single blocks ------------------------------------------------------------------------------ */

GW_X86_INLINE void gw_x86_load_round_keys(__m128i rk[GW_AES_MAX_ROUNDS + 1], const gw_aes_ctx *ctx, int rounds)
{
    for (int i = 0; i <= rounds; i++) {
        rk[i] = _mm_load_si128((const __m128i *)(const void *)(ctx->round_keys + 16 * i));
    }
}

GW_X86_INLINE __m128i gw_x86_aes_block(__m128i b, const __m128i *rk, int rounds)
{
    b = _mm_xor_si128(b, rk[0]);
#pragma GCC unroll 16
    for (int r = 1; r < rounds; r++) {
        b = _mm_aesenc_si128(b, rk[r]);
    }
    return _mm_aesenclast_si128(b, rk[rounds]);
}

/* ---- unaligned scalar access ------------------------------------------------------------------- */

GW_X86_INLINE uint64_t gw_x86_ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

GW_X86_INLINE uint32_t gw_x86_ld32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

GW_X86_INLINE void gw_x86_st64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

GW_X86_INLINE void gw_x86_st32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

/* ---- GHASH in the rev128 frame (aes_internal.h) ------------------------------------------------- */

/* pshufb mask that reverses the 16 bytes: block bytes <-> rev128 integer, and counter blocks <->
 * an integer whose low dword / low qword is the big-endian 32-bit / 64-bit counter. */
GW_X86_INLINE __m128i gw_x86_bswap_mask(void)
{
    return _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

GW_X86_INLINE __m128i gw_x86_hpow(const gw_aes_ctx *ctx, size_t i)
{
    return _mm_load_si128((const __m128i *)(const void *)&ctx->hpow[i]);
}

/*
 * The pieces of a group's products, summed over the group. lo and hi are the schoolbook LO = a0*b0
 * and HI = a1*b1 of aes_internal.h; mid is the Karatsuba product (a0^a1)*(b0^b1), from which
 * MI = a0*b1 ^ a1*b0 = mid ^ LO ^ HI is recovered once per group (the identity is linear, so it
 * holds for the sums). Three carry-less multiplies per block instead of four: PCLMULQDQ is the
 * bottleneck of GCM here (on Zen 5 it issues once every two cycles, AESENC twice per cycle).
 */
typedef struct gw_x86_ghash_sum {
    __m128i lo, mid, hi;
} gw_x86_ghash_sum;

GW_X86_INLINE void gw_x86_ghash_sum_zero(gw_x86_ghash_sum *s)
{
    s->lo = _mm_setzero_si128();
    s->mid = _mm_setzero_si128();
    s->hi = _mm_setzero_si128();
}

/* h ^ swap64(h): both halves hold h.lo64 ^ h.hi64, the Karatsuba operand of a key power. */
GW_X86_INLINE __m128i gw_x86_kara_fold(__m128i h)
{
    return _mm_xor_si128(h, _mm_shuffle_epi32(h, 0x4e));
}

/*
 * s += x * h, hk = gw_x86_kara_fold(h). The empty asm keeps the sums in registers and in program
 * order: without it GCC reassociates the XOR chains of a whole group into a tree, keeps every
 * product live at once and spills the AES states the group runs next to.
 */
GW_X86_INLINE void gw_x86_ghash_mul_add(gw_x86_ghash_sum *s, __m128i x, __m128i h, __m128i hk)
{
    const __m128i m = _mm_clmulepi64_si128(gw_x86_kara_fold(x), hk, 0x00);
    s->lo = _mm_xor_si128(s->lo, _mm_clmulepi64_si128(x, h, 0x00));
    s->mid = _mm_xor_si128(s->mid, m);
    s->hi = _mm_xor_si128(s->hi, _mm_clmulepi64_si128(x, h, 0x11));
    __asm__("" : "+x"(s->lo), "+x"(s->mid), "+x"(s->hi));
}

/*
 * The two folding steps of aes_internal.h on the summed pieces (one reduction per group):
 *   MI ^= swap64(LO) ^ clmul(LO.lo64, C);  HI ^= swap64(MI) ^ clmul(MI.lo64, C);  result HI,
 * with C = 0xC200000000000000, the image of x^128 = x^7 + x^2 + x + 1 in this reflected frame.
 */
GW_X86_INLINE __m128i gw_x86_ghash_reduce(__m128i lo, __m128i mi, __m128i hi)
{
    const __m128i c = _mm_set_epi64x(0, (long long)0xC200000000000000ull);
    mi = _mm_xor_si128(mi, _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4e), _mm_clmulepi64_si128(lo, c, 0x00)));
    hi = _mm_xor_si128(hi, _mm_xor_si128(_mm_shuffle_epi32(mi, 0x4e), _mm_clmulepi64_si128(mi, c, 0x00)));
    return hi;
}

/* The reduced GHASH value of a group's summed pieces. */
GW_X86_INLINE __m128i gw_x86_ghash_finish(const gw_x86_ghash_sum *s)
{
    const __m128i mi = _mm_xor_si128(s->mid, _mm_xor_si128(s->lo, s->hi));
    return gw_x86_ghash_reduce(s->lo, mi, s->hi);
}

/*
 * The GCM length block [len(A)]64 || [len(C)]64 (SP 800-38D §7.1 step 5), in bits, already in the
 * rev128 frame: reversing the 16 bytes turns the two big-endian halves into native integers, the
 * AAD length in the high qword and the ciphertext length in the low one.
 */
GW_X86_INLINE __m128i gw_x86_length_block(size_t aad_len, size_t len)
{
    return _mm_set_epi64x((long long)((uint64_t)aad_len * 8u), (long long)((uint64_t)len * 8u));
}

/*
 * J0 = IV || 0^31 || 1 for a 96-bit IV (SP 800-38D §7.1 step 2), built from two scalar loads (a
 * byte-wise copy into a stack block would stall the 16-byte load that follows it).
 */
GW_X86_INLINE __m128i gw_x86_j0(const uint8_t nonce[12])
{
    const uint64_t lo = gw_x86_ld64(nonce);
    const uint64_t hi = (uint64_t)gw_x86_ld32(nonce + 8) | (1ull << 56);
    return _mm_set_epi64x((long long)hi, (long long)lo);
}

/*
 * 16 0xff bytes then 16 zero bytes: loading 16 bytes at offset 16 - n gives a mask that keeps the
 * first n bytes of a block. Indexed by the (public) length only.
 */
static const uint8_t gw_x86_partial_mask[32] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

GW_X86_INLINE __m128i gw_x86_keep_mask(size_t n)
{
    return _mm_loadu_si128((const __m128i *)(const void *)(gw_x86_partial_mask + 16 - n));
}

/*
 * Bytes in[0..n) (0 < n < 16) as a zero-padded block, never touching in[n..]. Two overlapping
 * scalar loads instead of a variable-length copy through a stack buffer: that copy costs a
 * rep-movs start-up plus a failed store-to-load forward, tens of cycles on every packet.
 * Branches depend on the (public) length only.
 */
GW_X86_INLINE __m128i gw_x86_load_partial(const uint8_t *in, size_t n)
{
    uint64_t lo, hi = 0;
    if (n >= 8) {
        lo = gw_x86_ld64(in);
        if (n > 8) {
            hi = gw_x86_ld64(in + n - 8) >> (8 * (16 - n));
        }
    } else if (n >= 4) {
        lo = (uint64_t)gw_x86_ld32(in) | ((uint64_t)gw_x86_ld32(in + n - 4) << (8 * (n - 4)));
    } else {
        lo = (uint64_t)in[0] | ((uint64_t)in[n / 2] << (8 * (n / 2))) | ((uint64_t)in[n - 1] << (8 * (n - 1)));
    }
    return _mm_set_epi64x((long long)hi, (long long)lo);
}

/* The first n bytes of v (0 < n < 16) to out[0..n), never touching out[n..]. */
GW_X86_INLINE void gw_x86_store_partial(uint8_t *out, __m128i v, size_t n)
{
    const uint64_t lo = (uint64_t)_mm_cvtsi128_si64(v);
    const uint64_t hi = (uint64_t)_mm_extract_epi64(v, 1);
    if (n >= 8) {
        gw_x86_st64(out, lo);
        if (n > 8) {
            gw_x86_st64(out + n - 8, (lo >> (8 * (n - 8))) | (hi << (8 * (16 - n))));
        }
    } else if (n >= 4) {
        gw_x86_st32(out, (uint32_t)lo);
        gw_x86_st32(out + n - 4, (uint32_t)(lo >> (8 * (n - 4))));
    } else {
        out[0] = (uint8_t)lo;
        out[n / 2] = (uint8_t)(lo >> (8 * (n / 2)));
        out[n - 1] = (uint8_t)(lo >> (8 * (n - 1)));
    }
}

/* Big-endian 64-bit halves of a CTR counter block (RFC 3711 §4.1.1: the whole block increments). */
GW_X86_INLINE uint64_t gw_x86_load_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

#endif /* GATEWAY_AES_X86_COMMON_H */
