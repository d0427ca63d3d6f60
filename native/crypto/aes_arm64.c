/*
 * aes_arm64.c — AES-GCM (NIST SP 800-38D) and AES-CTR with the ARMv8 Cryptography Extensions
 * (AESE/AESMC and PMULL/PMULL2 on 128-bit NEON registers). Compiled with -march=armv8-a+crypto for
 * this file only; the dispatcher runs it only when AT_HWCAP reports both AES and PMULL.
 *
 * AES: AESE is AddRoundKey + SubBytes + ShiftRows and AESMC is MixColumns, so round r of FIPS-197
 * §5.1 is "AESE with key r-1, AESMC", and the last round is AESE with key Nr-1 then an XOR with key
 * Nr. AESE/AESMC pairs are written back to back: cores fuse them.
 *
 * GHASH: the rev128 frame of aes_internal.h. REV64 + EXT #8 reverses the 16 bytes of a block, which
 * makes it a little-endian 128-bit integer with lane 0 the low 64 bits, exactly the layout of
 * gw_u128 {lo, hi} in ctx->hpow, so the key powers load with one LD1. PMULL multiplies lanes 0,
 * PMULL2 lanes 1; the cross terms use the block with its halves swapped.
 *
 * Shape of a GCM pass (8 blocks per step, so 8 independent AESE chains hide their latency):
 *   seal: the CTR rounds of blocks i..i+7 are interleaved with the GHASH of the 8 ciphertext blocks
 *         written by the previous step (GHASH lags one step behind encryption);
 *   open: the GHASH of the 8 input ciphertext blocks is interleaved with their own decryption.
 * A group of k blocks X1..Xk is hashed as (acc ^ X1)*H^k ^ X2*H^(k-1) ^ ... ^ Xk*H with the powers
 * ctx->hpow[16-k..15], summing the schoolbook pieces and reducing once (aggregated reduction). The
 * final group (tail blocks, the zero-padded partial block and the length block) is one such group.
 *
 * Constant time: no table lookups indexed by key or data, no branches on them; lengths are public.
 */
#include <arm_neon.h>
#include <string.h>

#include "aes_internal.h"

#if defined(__ARM_BIG_ENDIAN)
#error "aes_arm64.c assumes little-endian lanes (the gw_u128 layout of ctx->hpow)"
#endif

#define GW_ARM_INLINE static inline __attribute__((always_inline))

/*
 * GCC's first (pre-register-allocation) scheduling pass hoists every round-key, key-power and data
 * load of an 8-block GCM step to its top, which needs more than the 32 vector registers and spills
 * some 30 values per 128 bytes to the stack; without it the GCM loops run without spills (checked in
 * the generated code, GCC 12). The out-of-order cores that run this code reorder on their own, and
 * the post-allocation scheduling pass still runs. native/CMakeLists.txt compiles this file with
 * -fno-schedule-insns for that reason.
 */

/* ---- AES ---------------------------------------------------------------------------------------- */

/*
 * Round keys are loaded from ctx->round_keys (kp) where a round uses them. In the GCM loops the loads
 * stay there (one load per 8 AESE): 8 AES states, the GHASH operands and 15 round keys do not all
 * fit in 32 vector registers. In the CTR loop they do, and the compiler hoists the loads out of it.
 */
GW_ARM_INLINE uint8x16_t round_key(const uint8_t *kp, int r)
{
    return vld1q_u8(kp + 16 * r);
}

GW_ARM_INLINE uint8x16_t aes_block(uint8x16_t b, const uint8_t *kp, const int rounds)
{
#pragma GCC unroll 16
    for (int r = 0; r < rounds - 1; r++) {
        b = vaesmcq_u8(vaeseq_u8(b, round_key(kp, r)));
    }
    return veorq_u8(vaeseq_u8(b, round_key(kp, rounds - 1)), round_key(kp, rounds));
}

/* One middle round (AddRoundKey with key r, SubBytes, ShiftRows, MixColumns) on n blocks. */
GW_ARM_INLINE void aes_round_n(uint8x16_t *b, const int n, uint8x16_t k)
{
#pragma GCC unroll 8
    for (int i = 0; i < n; i++) {
        b[i] = vaesmcq_u8(vaeseq_u8(b[i], k));
    }
}

GW_ARM_INLINE void aes_last_n(uint8x16_t *b, const int n, uint8x16_t k, uint8x16_t klast)
{
#pragma GCC unroll 8
    for (int i = 0; i < n; i++) {
        b[i] = veorq_u8(vaeseq_u8(b[i], k), klast);
    }
}

GW_ARM_INLINE void aes_n(uint8x16_t *b, const int n, const uint8_t *kp, const int rounds)
{
#pragma GCC unroll 16
    for (int r = 0; r < rounds - 1; r++) {
        aes_round_n(b, n, round_key(kp, r));
    }
    aes_last_n(b, n, round_key(kp, rounds - 1), round_key(kp, rounds));
}

/*
 * Encrypts the counter blocks b[0..nb) (nb = 1..8, a tail's block count) into ks, with the fewest
 * AES lanes that cover them: a 1-block tail costs one AES, not eight.
 */
GW_ARM_INLINE void tail_keystream(uint8_t ks[128], uint8x16_t b[8], size_t nb, const uint8_t *kp, const int rounds)
{
    if (nb == 1) {
        aes_n(b, 1, kp, rounds);
        vst1q_u8(ks, b[0]);
    } else if (nb <= 4) {
        aes_n(b, 4, kp, rounds);
#pragma GCC unroll 4
        for (int i = 0; i < 4; i++) {
            vst1q_u8(ks + 16 * i, b[i]);
        }
    } else {
        aes_n(b, 8, kp, rounds);
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++) {
            vst1q_u8(ks + 16 * i, b[i]);
        }
    }
}

/*
 * SubWord (FIPS-197 §5.2) with the AES instruction instead of an S-box table: the word repeated in
 * all four columns makes ShiftRows a no-op, and AESE with a zero round key is then SubBytes alone.
 */
static uint32_t sub_word(uint32_t w)
{
    uint8x16_t v = vaeseq_u8(vreinterpretq_u8_u32(vdupq_n_u32(w)), vdupq_n_u8(0));
    return vgetq_lane_u32(vreinterpretq_u32_u8(v), 0);
}

/*
 * FIPS-197 §5.2 KeyExpansion for Nk = 4 (AES-128) and Nk = 8 (AES-256). A word is held with its
 * first byte in the low bits (a little-endian load), so RotWord is a right rotation by 8 and Rcon
 * XORs into the low byte.
 */
static void armv8_expand_key(gw_aes_ctx *ctx, const uint8_t *key, int key_len)
{
    static const uint8_t rcon[10] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36};
    const int nk = key_len / 4;
    const int total = 4 * (ctx->rounds + 1);
    uint32_t w[4 * (GW_AES_MAX_ROUNDS + 1)];

    memcpy(w, key, (size_t)key_len);
    for (int i = nk; i < total; i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {
            t = sub_word((t >> 8) | (t << 24)) ^ rcon[i / nk - 1];
        } else if (nk > 6 && i % nk == 4) {
            t = sub_word(t);
        }
        w[i] = w[i - nk] ^ t;
    }
    memcpy(ctx->round_keys, w, (size_t)total * 4);
    gw_secure_zero(w, sizeof w);
}

static void armv8_encrypt_block(const gw_aes_ctx *ctx, const uint8_t in[16], uint8_t out[16])
{
    if (ctx->rounds == 14) {
        vst1q_u8(out, aes_block(vld1q_u8(in), ctx->round_keys, 14));
    } else {
        vst1q_u8(out, aes_block(vld1q_u8(in), ctx->round_keys, 10));
    }
}

/* ---- GHASH in the rev128 frame (aes_internal.h) ------------------------------------------------- */

/* Block bytes <-> rev128 integer (the map is its own inverse). */
GW_ARM_INLINE uint64x2_t rev128(uint8x16_t b)
{
    const uint8x16_t r = vrev64q_u8(b);
    return vreinterpretq_u64_u8(vextq_u8(r, r, 8));
}

GW_ARM_INLINE uint8x16_t unrev128(uint64x2_t x)
{
    const uint8x16_t r = vrev64q_u8(vreinterpretq_u8_u64(x));
    return vextq_u8(r, r, 8);
}

GW_ARM_INLINE uint64x2_t hpow(const gw_u128 *hp, size_t i)
{
    return vld1q_u64(&hp[i].lo);
}

/* Carry-less products of lanes 0 (PMULL) and of lanes 1 (PMULL2). */
GW_ARM_INLINE uint64x2_t clmul_lo(uint64x2_t a, uint64x2_t b)
{
    return vreinterpretq_u64_p128(vmull_p64((poly64_t)vgetq_lane_u64(a, 0), (poly64_t)vgetq_lane_u64(b, 0)));
}

GW_ARM_INLINE uint64x2_t clmul_hi(uint64x2_t a, uint64x2_t b)
{
    return vreinterpretq_u64_p128(vmull_high_p64(vreinterpretq_p64_u64(a), vreinterpretq_p64_u64(b)));
}

/* Schoolbook pieces of a group's products, summed: LO = x0*h0, MI = x0*h1 ^ x1*h0, HI = x1*h1. */
typedef struct ghash_sum {
    uint64x2_t lo, mi, hi;
} ghash_sum;

GW_ARM_INLINE void ghash_sum_zero(ghash_sum *s)
{
    s->lo = vdupq_n_u64(0);
    s->mi = vdupq_n_u64(0);
    s->hi = vdupq_n_u64(0);
}

GW_ARM_INLINE void ghash_mul_add(ghash_sum *s, uint64x2_t x, uint64x2_t h)
{
    uint64x2_t xs = vextq_u64(x, x, 1); /* {x1, x0} */
    /* Opaque, so that GCC uses xs for both cross terms instead of adding a DUP of x's lane 1. */
    __asm__("" : "+w"(xs));
    s->lo = veorq_u64(s->lo, clmul_lo(x, h));
    s->mi = veorq_u64(s->mi, clmul_lo(xs, h)); /* x1*h0 */
    s->mi = veorq_u64(s->mi, clmul_hi(xs, h)); /* x0*h1 */
    s->hi = veorq_u64(s->hi, clmul_hi(x, h));
    /* Keeps the sums accumulating in program order: without it GCC reassociates a group's XOR
     * chains into a tree, holds every product of the group live at once and spills. */
    __asm__("" : "+w"(s->lo), "+w"(s->mi), "+w"(s->hi));
}

/*
 * The two folding steps of aes_internal.h on the summed pieces (one reduction per group):
 *   MI ^= swap64(LO) ^ clmul(LO.lo64, C);  HI ^= swap64(MI) ^ clmul(MI.lo64, C);  result HI,
 * with C = 0xC200000000000000, the image of x^128 = x^7 + x^2 + x + 1 in this reflected frame.
 */
GW_ARM_INLINE uint64x2_t ghash_reduce(const ghash_sum *s)
{
    const uint64x2_t c = vsetq_lane_u64(0xC200000000000000ull, vdupq_n_u64(0), 0);
    const uint64x2_t mi = veorq_u64(s->mi, veorq_u64(vextq_u64(s->lo, s->lo, 1), clmul_lo(s->lo, c)));
    return veorq_u64(s->hi, veorq_u64(vextq_u64(mi, mi, 1), clmul_lo(mi, c)));
}

/* Block j of the group at g (acc XORed into the first one) times H^(8 - j): one step of ghash8. */
GW_ARM_INLINE void ghash8_step(ghash_sum *s, const gw_u128 *hp, uint64x2_t acc, const uint8_t *g, int j)
{
    uint64x2_t x = rev128(vld1q_u8(g + 16 * j));
    if (j == 0) {
        x = veorq_u64(x, acc);
    }
    ghash_mul_add(s, x, hpow(hp, 8 + (size_t)j));
}

/* One group of 8 blocks at g with H^8..H^1 and one reduction. */
GW_ARM_INLINE uint64x2_t ghash8(const gw_aes_ctx *ctx, uint64x2_t acc, const uint8_t *g)
{
    ghash_sum s;
    ghash_sum_zero(&s);
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++) {
        ghash8_step(&s, ctx->hpow, acc, g, j);
    }
    return ghash_reduce(&s);
}

/*
 * A final group: nf whole blocks at full, then nextra blocks already in the rev128 frame (the
 * zero-padded partial block, the length block), nf + nextra <= 16, one reduction.
 */
static uint64x2_t ghash_group(const gw_aes_ctx *ctx, uint64x2_t acc, const uint8_t *full, size_t nf,
                              const uint64x2_t *extra, size_t nextra)
{
    size_t h = GW_HPOW_COUNT - (nf + nextra);
    uint64x2_t first = acc; /* XORed into the group's first block only */
    ghash_sum s;

    if (nf + nextra == 0) {
        return acc;
    }
    ghash_sum_zero(&s);
    for (size_t j = 0; j < nf; j++) {
        ghash_mul_add(&s, veorq_u64(rev128(vld1q_u8(full + 16 * j)), first), hpow(ctx->hpow, h++));
        first = vdupq_n_u64(0);
    }
    for (size_t j = 0; j < nextra; j++) {
        ghash_mul_add(&s, veorq_u64(extra[j], first), hpow(ctx->hpow, h++));
        first = vdupq_n_u64(0);
    }
    return ghash_reduce(&s);
}

/* ---- partial blocks ----------------------------------------------------------------------------- */

/*
 * 16 0xff bytes then 16 zero bytes: loading 16 bytes at offset 16 - n gives a mask that keeps the
 * first n bytes of a block. Indexed by the (public) length only.
 */
static const uint8_t partial_mask[32] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Bytes in[0..n) into a zero-padded block (n < 16), through a stack buffer: never reads past in + n. */
GW_ARM_INLINE uint8x16_t load_partial(const uint8_t *in, size_t n)
{
    uint8_t b[16] = {0};
    memcpy(b, in, n);
    return vld1q_u8(b);
}

GW_ARM_INLINE void store_partial(uint8_t *out, uint8x16_t v, size_t n)
{
    uint8_t b[16];
    vst1q_u8(b, v);
    memcpy(out, b, n);
}

/* ---- GCM ---------------------------------------------------------------------------------------- */

/*
 * GCM counter blocks are nonce || [c]32 (SP 800-38D §6.2 inc32). The counter is held as four native
 * 32-bit words (REV32 of the block): adding to word 3 is inc32, wrapping mod 2^32 as required, and
 * REV32 turns it back into a block. The nonce words go through REV32 twice, unchanged.
 */
GW_ARM_INLINE uint32x4_t gcm_counter_next(uint8x16_t *b, uint32x4_t ctr)
{
    *b = vrev32q_u8(vreinterpretq_u8_u32(ctr));
    return vaddq_u32(ctr, vsetq_lane_u32(1, vdupq_n_u32(0), 3));
}

GW_ARM_INLINE uint32x4_t gcm_counters(uint8x16_t *b, const int n, uint32x4_t ctr)
{
#pragma GCC unroll 8
    for (int i = 0; i < n; i++) {
        ctr = gcm_counter_next(&b[i], ctr);
    }
    return ctr;
}

/* out[0..16n) = in[0..16n) ^ b[0..n). */
GW_ARM_INLINE void xor_store_n(uint8_t *out, const uint8_t *in, const uint8x16_t *b, const int n)
{
#pragma GCC unroll 8
    for (int i = 0; i < n; i++) {
        vst1q_u8(out + 16 * i, veorq_u8(vld1q_u8(in + 16 * i), b[i]));
    }
}

/*
 * The CTR rounds of 8 blocks and, woven into them, the GHASH of the 8 blocks at g: one block's four
 * PMULLs per AES round (there are at least 9 middle rounds), so the PMULL and AESE pipes both stay
 * busy. Returns the reduced accumulator.
 */
GW_ARM_INLINE uint64x2_t aes8_ghash8(uint8x16_t b[8], const int rounds, const gw_aes_ctx *ctx, uint64x2_t acc,
                                     const uint8_t *g)
{
    const uint8_t *kp = ctx->round_keys;
    const gw_u128 *hp = ctx->hpow;
    ghash_sum s;
    /* Keep the round-key, key-power and block loads inside the loop (see round_key). */
    __asm__("" : "+r"(kp), "+r"(hp), "+r"(g));
    ghash_sum_zero(&s);
#pragma GCC unroll 16
    for (int r = 0; r < rounds - 1; r++) {
        aes_round_n(b, 8, round_key(kp, r));
        if (r < 8) {
            ghash8_step(&s, hp, acc, g, r);
        }
    }
    acc = ghash_reduce(&s);
    aes_last_n(b, 8, round_key(kp, rounds - 1), round_key(kp, rounds));
    return acc;
}

/* GHASH of the AAD, zero padded to a whole block (SP 800-38D §7.1 step 5). */
GW_ARM_INLINE uint64x2_t ghash_aad(const gw_aes_ctx *ctx, const uint8_t *aad, size_t len)
{
    uint64x2_t acc = vdupq_n_u64(0);
    uint64x2_t partial = vdupq_n_u64(0);

    for (; len >= 128; aad += 128, len -= 128) {
        acc = ghash8(ctx, acc, aad);
    }
    const size_t tail = len % 16;
    if (tail != 0) {
        partial = rev128(load_partial(aad + (len - tail), tail));
    }
    return ghash_group(ctx, acc, aad, len / 16, &partial, tail != 0);
}

/* The GCM length block [len(A)]64 || [len(C)]64 in bits (SP 800-38D §7.1 step 5), in the rev128
 * frame: the ciphertext length is the low lane, the AAD length the high one. */
GW_ARM_INLINE uint64x2_t length_block(size_t aad_len, size_t len)
{
    return vsetq_lane_u64((uint64_t)aad_len * 8u, vdupq_n_u64((uint64_t)len * 8u), 1);
}

GW_ARM_INLINE void gcm_body(const gw_aes_ctx *ctx, const int rounds, const uint8_t nonce[12],
                            const uint8_t *aad, size_t aad_len, const uint8_t *in, uint8_t *out,
                            size_t len, int encrypt, uint8_t tag_out[16])
{
    const uint8_t *kp = ctx->round_keys;
    uint8x16_t b[8];
    uint64x2_t extra[2];
    _Alignas(16) uint8_t ks[128];
    const uint8_t *pending = NULL; /* seal: 8 ciphertext blocks written but not yet hashed */
    size_t done = 0;

    /* J0 = IV || 0^31 || 1 for a 96-bit IV (SP 800-38D §7.1 step 2). */
    uint8_t j0_bytes[16];
    memcpy(j0_bytes, nonce, 12);
    j0_bytes[12] = 0;
    j0_bytes[13] = 0;
    j0_bytes[14] = 0;
    j0_bytes[15] = 1;
    const uint8x16_t j0 = vld1q_u8(j0_bytes);
    const uint8x16_t tag_mask = aes_block(j0, kp, rounds);
    /* Data starts at inc32(J0) (SP 800-38D §7.1 step 3). */
    uint32x4_t ctr = vaddq_u32(vreinterpretq_u32_u8(vrev32q_u8(j0)), vsetq_lane_u32(1, vdupq_n_u32(0), 3));
    uint64x2_t acc = ghash_aad(ctx, aad, aad_len);

    if (encrypt) {
        if (len >= 128) {
            ctr = gcm_counters(b, 8, ctr);
            aes_n(b, 8, kp, rounds);
            xor_store_n(out, in, b, 8);
            pending = out;
            done = 128;
            while (len - done >= 128) {
                ctr = gcm_counters(b, 8, ctr);
                acc = aes8_ghash8(b, rounds, ctx, acc, pending);
                xor_store_n(out + done, in + done, b, 8);
                pending = out + done;
                done += 128;
            }
        }
    } else {
        /* All 8 input blocks are loaded (hashed) before the 8 outputs are stored: in == out is fine. */
        while (len - done >= 128) {
            ctr = gcm_counters(b, 8, ctr);
            acc = aes8_ghash8(b, rounds, ctx, acc, in + done);
            xor_store_n(out + done, in + done, b, 8);
            done += 128;
        }
    }

    /* Tail: fewer than 8 blocks, the last one possibly partial. */
    const size_t rem = len - done;
    const size_t nf = rem / 16;
    const size_t part = rem % 16;
    const uint8_t *ti = in + done;
    uint8_t *to = out + done;
    size_t nextra = 0;

    if (rem != 0) {
        gcm_counters(b, 8, ctr);
        if (pending != NULL) {
            /* The tail's keystream with the GHASH of the previous step's 8 ciphertext blocks. */
            acc = aes8_ghash8(b, rounds, ctx, acc, pending);
            pending = NULL;
#pragma GCC unroll 8
            for (int i = 0; i < 8; i++) {
                vst1q_u8(ks + 16 * i, b[i]);
            }
        } else {
            tail_keystream(ks, b, nf + (part != 0), kp, rounds);
        }
    }
    if (encrypt) {
        for (size_t j = 0; j < nf; j++) {
            vst1q_u8(to + 16 * j, veorq_u8(vld1q_u8(ti + 16 * j), vld1q_u8(ks + 16 * j)));
        }
        if (part != 0) {
            const uint8x16_t c = vandq_u8(veorq_u8(load_partial(ti + 16 * nf, part), vld1q_u8(ks + 16 * nf)),
                                          vld1q_u8(partial_mask + 16 - part));
            store_partial(to + 16 * nf, c, part);
            extra[nextra++] = rev128(c);
        }
        extra[nextra++] = length_block(aad_len, len);
        if (pending != NULL) {
            /* len is a multiple of 128: the last 8 ciphertext blocks join the length block. */
            acc = ghash_group(ctx, acc, pending, 8, extra, nextra);
        } else {
            acc = ghash_group(ctx, acc, to, nf, extra, nextra);
        }
    } else {
        uint8x16_t c = vdupq_n_u8(0);
        if (part != 0) {
            c = load_partial(ti + 16 * nf, part);
            extra[nextra++] = rev128(c);
        }
        extra[nextra++] = length_block(aad_len, len);
        /* Hash the ciphertext before writing: in and out may be the same buffer. */
        acc = ghash_group(ctx, acc, ti, nf, extra, nextra);
        for (size_t j = 0; j < nf; j++) {
            vst1q_u8(to + 16 * j, veorq_u8(vld1q_u8(ti + 16 * j), vld1q_u8(ks + 16 * j)));
        }
        if (part != 0) {
            store_partial(to + 16 * nf, veorq_u8(c, vld1q_u8(ks + 16 * nf)), part);
        }
    }
    if (rem != 0) {
        gw_secure_zero(ks, sizeof ks);
    }

    /* T = E(K, J0) ^ S (SP 800-38D §7.1 steps 6-7); S is in the rev128 frame. */
    vst1q_u8(tag_out, veorq_u8(unrev128(acc), tag_mask));
}

static void gcm_aes128(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                       const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    gcm_body(ctx, 10, nonce, aad, aad_len, in, out, len, encrypt, tag_out);
}

static void gcm_aes256(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                       const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    gcm_body(ctx, 14, nonce, aad, aad_len, in, out, len, encrypt, tag_out);
}

static void armv8_gcm(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    if (ctx->rounds == 14) {
        gcm_aes256(ctx, nonce, aad, aad_len, in, out, len, encrypt, tag_out);
    } else {
        gcm_aes128(ctx, nonce, aad, aad_len, in, out, len, encrypt, tag_out);
    }
}

/* ---- CTR ---------------------------------------------------------------------------------------- */

/*
 * CTR counter blocks increment as one 128-bit big-endian integer (RFC 3711 §4.1.1). The counter is
 * held as two native 64-bit words (REV64 of the block: lane 1 is the low half), and a segment never
 * crosses a carry out of the low half (ctr_body splits there), so a 64-bit add to lane 1 is the
 * whole increment.
 */
GW_ARM_INLINE uint64x2_t ctr_counters(uint8x16_t *b, const int n, uint64x2_t ctr)
{
    const uint64x2_t one = vsetq_lane_u64(1, vdupq_n_u64(0), 1);
#pragma GCC unroll 8
    for (int i = 0; i < n; i++) {
        b[i] = vrev64q_u8(vreinterpretq_u8_u64(ctr));
        ctr = vaddq_u64(ctr, one);
    }
    return ctr;
}

GW_ARM_INLINE void ctr_segment(const uint8_t *kp, const int rounds, uint64x2_t ctr, const uint8_t *in,
                               uint8_t *out, size_t len)
{
    uint8x16_t b[8];
    _Alignas(16) uint8_t ks[128];

    for (; len >= 128; in += 128, out += 128, len -= 128) {
        ctr = ctr_counters(b, 8, ctr);
        aes_n(b, 8, kp, rounds);
        xor_store_n(out, in, b, 8);
    }
    if (len == 0) {
        return;
    }
    ctr_counters(b, 8, ctr);
    tail_keystream(ks, b, (len + 15) / 16, kp, rounds);
    size_t j = 0;
    for (; len >= 16; j++, len -= 16) {
        vst1q_u8(out + 16 * j, veorq_u8(vld1q_u8(in + 16 * j), vld1q_u8(ks + 16 * j)));
    }
    if (len != 0) {
        store_partial(out + 16 * j, veorq_u8(load_partial(in + 16 * j, len), vld1q_u8(ks + 16 * j)), len);
    }
    gw_secure_zero(ks, sizeof ks);
}

GW_ARM_INLINE uint64_t load_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

GW_ARM_INLINE uint64x2_t ctr_native(uint64_t hi, uint64_t lo)
{
    return vsetq_lane_u64(lo, vdupq_n_u64(hi), 1);
}

GW_ARM_INLINE void ctr_body(const gw_aes_ctx *ctx, const int rounds, const uint8_t counter[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    const uint8_t *kp = ctx->round_keys;
    uint64_t hi = load_be64(counter);
    uint64_t lo = load_be64(counter + 8);
    const uint64_t blocks = ((uint64_t)len + 15) / 16;

    /* The low half wraps after 2^64 - lo blocks: split there and carry into the high half. */
    if (lo != 0 && blocks > (uint64_t)0 - lo) {
        const size_t first = (size_t)((uint64_t)0 - lo) * 16;
        ctr_segment(kp, rounds, ctr_native(hi, lo), in, out, first);
        in += first;
        out += first;
        len -= first;
        hi += 1;
        lo = 0;
    }
    ctr_segment(kp, rounds, ctr_native(hi, lo), in, out, len);
}

static void ctr_aes128(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len)
{
    ctr_body(ctx, 10, counter, in, out, len);
}

static void ctr_aes256(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len)
{
    ctr_body(ctx, 14, counter, in, out, len);
}

static void armv8_ctr(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len)
{
    if (len == 0) {
        return;
    }
    if (ctx->rounds == 14) {
        ctr_aes256(ctx, counter, in, out, len);
    } else {
        ctr_aes128(ctx, counter, in, out, len);
    }
}

static const gw_aes_vtable armv8_vtable = {
    .expand_key = armv8_expand_key,
    .encrypt_block = armv8_encrypt_block,
    .gcm = armv8_gcm,
    .ctr = armv8_ctr,
};

const gw_aes_vtable *const gw_aes_armv8_vtable = &armv8_vtable;
