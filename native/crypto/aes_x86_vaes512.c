/*
 * aes_x86_vaes512.c — AES-GCM and AES-CTR on x86-64 with VAES + VPCLMULQDQ on 512-bit AVX-512
 * registers: four AES blocks per instruction, sixteen blocks per loop iteration.
 *
 * This file is compiled with -mavx512f -mavx512bw -mavx512vl -mvaes -mvpclmulqdq (CMakeLists.txt)
 * and only ever called after run-time dispatch has seen all of those features (aes_ctx.c).
 * It is self-contained: its own key expansion, its own GHASH helpers; it only reads the shared
 * context layout and the GHASH frame described in aes_internal.h.
 *
 * Layout of one iteration (SP 800-38D §7.1, GCM-AE steps 3-5):
 *   - counters: the counter block is kept byte-reversed, so the 32-bit counter of inc32 (§6.2) is
 *     dword 0 of each 128-bit lane and _mm512_add_epi32 is exactly "inc32, wrap mod 2^32";
 *     one pshufb per four blocks turns them back into AES input;
 *   - GHASH (§6.4) of 16 blocks: block j of the 16 is multiplied by H^(16-j) = hpow[j] and the
 *     256-bit products are summed unreduced (Karatsuba LO / MK / HI), then ONE reduction.
 *     X_1..X_n hashed from Y gives Y*H^n ^ X_1*H^n ^ ... ^ X_n*H: the running value Y is
 *     multiplied by H^16 on its own, so that only clmul + reduce lie between one group and the
 *     next (see va_prod_reduce_acc);
 *   - seal hashes the previous 16 ciphertext blocks while the AES rounds of the current 16 run
 *     (the ciphertext of this iteration is not known yet); open hashes its own input blocks.
 * The last 0..256 bytes (and every packet of up to 256 bytes) go through one tail path that uses
 * AVX-512BW byte-masked loads and stores: no scratch copies, no bytes touched outside the buffers.
 * In the tail the AAD remainder, the data blocks and the length block share one reduction when
 * they number 16 blocks or fewer, by multiplying each group by the powers loaded from
 * hpow[16 - n + offset]; the zero entries after H^1 make lanes past the end vanish. There the
 * running value is XORed into the first block and the length block rides in the free lane after
 * the data when there is one, so neither costs a multiplication.
 *
 * Measured on the AMD Zen 5 this was tuned on (see the GHASH section): VAESENC zmm issues twice
 * per cycle, VPCLMULQDQ (any width) once every two, so GHASH multiplications, not AES rounds,
 * bound the main loop (about 44 cycles per 256 bytes for AES-128).
 *
 * Constant time: no table lookups, and branches depend only on lengths and on whether the low
 * 64 bits of an AES-CTR counter wrap within the call (the caller's public counter layout).
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "aes_internal.h"

#define VA_INLINE static inline __attribute__((always_inline))
/*
 * Loops over rounds and registers must be unrolled completely, or the round keys and blocks
 * become stack arrays indexed at run time. GCC and clang spell the request differently.
 */
#define VA_PRAGMA(x) _Pragma(#x)
#if defined(__clang__)
#define VA_UNROLL(n) VA_PRAGMA(unroll)
/* For a loop whose bound is a constant only where inlined: clang's pragma is an order, GCC's a hint. */
#define VA_UNROLL_HINT(n)
#else
#define VA_UNROLL(n) VA_PRAGMA(GCC unroll n)
#define VA_UNROLL_HINT(n) VA_PRAGMA(GCC unroll n)
#endif
#define VA_BLOCKS_PER_ITER 16
#define VA_BYTES_PER_ITER 256

/* Round keys broadcast to all four lanes; index 0..rounds. */
typedef struct va_keys {
    __m512i k[GW_AES_MAX_ROUNDS + 1];
} va_keys;

/* An unreduced sum of carry-less products, four lanes wide (see aes_internal.h). */
typedef struct va_prod {
    __m512i lo, mk, hi;
} va_prod;

/* ---------------------------------------------------------------------------------------------
 * Key expansion (FIPS-197 §5.2) with AESKEYGENASSIST. The round keys are stored in FIPS-197 byte
 * order, which is also the order AESENC expects.
 */
VA_INLINE __m128i va_key_mix(__m128i k, __m128i assist)
{
    /* w[i] = w[i-Nk] ^ temp, cascaded across the four words of the previous round key. */
    k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
    k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
    k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
    return _mm_xor_si128(k, assist);
}

#define VA_K128(prev, rcon) va_key_mix((prev), _mm_shuffle_epi32(_mm_aeskeygenassist_si128((prev), (rcon)), 0xff))
/* AES-256 even words: RotWord+SubWord+Rcon of the last word; odd: SubWord only (FIPS-197 §5.2). */
#define VA_K256A(prev2, prev1, rcon) \
    va_key_mix((prev2), _mm_shuffle_epi32(_mm_aeskeygenassist_si128((prev1), (rcon)), 0xff))
#define VA_K256B(prev2, prev1) va_key_mix((prev2), _mm_shuffle_epi32(_mm_aeskeygenassist_si128((prev1), 0), 0xaa))

static void va_expand_key(gw_aes_ctx *ctx, const uint8_t *key, int key_len)
{
    __m128i rk[GW_AES_MAX_ROUNDS + 1];
    int n;
    if (key_len == 16) {
        rk[0] = _mm_loadu_si128((const __m128i *)(const void *)key);
        rk[1] = VA_K128(rk[0], 0x01);
        rk[2] = VA_K128(rk[1], 0x02);
        rk[3] = VA_K128(rk[2], 0x04);
        rk[4] = VA_K128(rk[3], 0x08);
        rk[5] = VA_K128(rk[4], 0x10);
        rk[6] = VA_K128(rk[5], 0x20);
        rk[7] = VA_K128(rk[6], 0x40);
        rk[8] = VA_K128(rk[7], 0x80);
        rk[9] = VA_K128(rk[8], 0x1b);
        rk[10] = VA_K128(rk[9], 0x36);
        n = 11;
    } else {
        rk[0] = _mm_loadu_si128((const __m128i *)(const void *)key);
        rk[1] = _mm_loadu_si128((const __m128i *)(const void *)(key + 16));
        rk[2] = VA_K256A(rk[0], rk[1], 0x01);
        rk[3] = VA_K256B(rk[1], rk[2]);
        rk[4] = VA_K256A(rk[2], rk[3], 0x02);
        rk[5] = VA_K256B(rk[3], rk[4]);
        rk[6] = VA_K256A(rk[4], rk[5], 0x04);
        rk[7] = VA_K256B(rk[5], rk[6]);
        rk[8] = VA_K256A(rk[6], rk[7], 0x08);
        rk[9] = VA_K256B(rk[7], rk[8]);
        rk[10] = VA_K256A(rk[8], rk[9], 0x10);
        rk[11] = VA_K256B(rk[9], rk[10]);
        rk[12] = VA_K256A(rk[10], rk[11], 0x20);
        rk[13] = VA_K256B(rk[11], rk[12]);
        rk[14] = VA_K256A(rk[12], rk[13], 0x40);
        n = 15;
    }
    for (int i = 0; i < n; i++) {
        _mm_storeu_si128((__m128i *)(void *)(ctx->round_keys + 16 * i), rk[i]);
    }
    /* The stack copy held key material. */
    gw_secure_zero(rk, sizeof(rk));
}

/* ---------------------------------------------------------------------------------------------
 * Small helpers.
 */
VA_INLINE __m128i va_bswap128_mask(void)
{
    return _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
}

VA_INLINE __m512i va_bswap_mask(void)
{
    return _mm512_broadcast_i32x4(va_bswap128_mask());
}

/* Lane j of 4: dword 0 = base + j (the counter increment of lane j, byte-reversed frame). */
VA_INLINE __m512i va_lane_inc(int base)
{
    return _mm512_set_epi32(0, 0, 0, base + 3, 0, 0, 0, base + 2, 0, 0, 0, base + 1, 0, 0, 0, base);
}

/* Same amount n in dword 0 (as a 64-bit add: qword 0) of every lane. */
VA_INLINE __m512i va_all_inc(int n)
{
    return _mm512_set_epi32(0, 0, 0, n, 0, 0, 0, n, 0, 0, 0, n, 0, 0, 0, n);
}

VA_INLINE void va_keys_load(va_keys *ks, const gw_aes_ctx *ctx, const int rounds)
{
VA_UNROLL(15)
    for (int i = 0; i <= rounds; i++) {
        ks->k[i] = _mm512_broadcast_i32x4(_mm_load_si128((const __m128i *)(const void *)(ctx->round_keys + 16 * i)));
    }
}

/* Byte mask of chunk c (64 bytes) within the last r bytes. */
VA_INLINE __mmask64 va_chunk_mask(size_t r, int c)
{
    size_t start = (size_t)c * 64;
    if (r <= start) {
        return 0;
    }
    size_t n = r - start;
    return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}

/*
 * A 4-byte load kept separate from its neighbours. IVs and counters are built by the caller just
 * before the call; a load that covers several of those stores cannot be forwarded from them and
 * waits for them to retire, serialising back-to-back packets (measured: 160-byte CTR 6 -> 18 ns).
 * 4-byte loads forward from 4-, 8- and 16-byte stores. The empty asm stops the compiler from
 * merging consecutive loads back into one wide load.
 */
VA_INLINE uint32_t va_load32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    __asm__("" : "+r"(v));
    return v;
}

/* A 16-byte block read as four separate 4-byte loads (see va_load32). */
VA_INLINE __m128i va_load128_by32(const uint8_t *p)
{
    return _mm_set_epi32((int)va_load32(p + 12), (int)va_load32(p + 8), (int)va_load32(p + 4), (int)va_load32(p));
}

VA_INLINE __m512i va_loadu(const uint8_t *p)
{
    return _mm512_loadu_si512((const void *)p);
}

VA_INLINE void va_storeu(uint8_t *p, __m512i v)
{
    _mm512_storeu_si512((void *)p, v);
}

/* AES of one 128-bit block with the lane-0 copies of the broadcast round keys. */
VA_INLINE __m128i va_aes_xmm(const va_keys *ks, const int rounds, __m128i b)
{
    b = _mm_xor_si128(b, _mm512_castsi512_si128(ks->k[0]));
VA_UNROLL(14)
    for (int i = 1; i < rounds; i++) {
        b = _mm_aesenc_si128(b, _mm512_castsi512_si128(ks->k[i]));
    }
    return _mm_aesenclast_si128(b, _mm512_castsi512_si128(ks->k[rounds]));
}

/* AES of nc (compile-time 1..4) registers of four blocks each, in place. */
VA_INLINE void va_aes_n(const va_keys *ks, const int rounds, const int nc, __m512i *b)
{
VA_UNROLL(4)
    for (int c = 0; c < nc; c++) {
        b[c] = _mm512_xor_si512(b[c], ks->k[0]);
    }
VA_UNROLL(14)
    for (int i = 1; i < rounds; i++) {
VA_UNROLL(4)
        for (int c = 0; c < nc; c++) {
            b[c] = _mm512_aesenc_epi128(b[c], ks->k[i]);
        }
    }
VA_UNROLL(4)
    for (int c = 0; c < nc; c++) {
        b[c] = _mm512_aesenclast_epi128(b[c], ks->k[rounds]);
    }
}

/* ---------------------------------------------------------------------------------------------
 * GHASH pieces (frame and reduction: aes_internal.h).
 *
 * VPCLMULQDQ issues once every two cycles on the cores this runs on, whatever the width, while
 * VAESENC issues twice per cycle: the multiplications set the pace. So products use Karatsuba
 * (three multiplications per block, not four): with x = x1:x0 and h = h1:h0,
 *   LO = x0*h0, HI = x1*h1, MK = (x0^x1)*(h0^h1), and the schoolbook MI = MK ^ LO ^ HI,
 * which is linear, so MK, LO and HI are summed over all blocks of a group and MI formed once.
 * (h0^h1) comes from va_kfold of the loaded powers.
 */
VA_INLINE void va_prod_zero(va_prod *p)
{
    p->lo = _mm512_setzero_si512();
    p->mk = _mm512_setzero_si512();
    p->hi = _mm512_setzero_si512();
}

/* Both 64-bit halves of each lane become lo64 ^ hi64 (the Karatsuba middle operand). */
VA_INLINE __m512i va_kfold(__m512i v)
{
    return _mm512_xor_si512(v, _mm512_shuffle_epi32(v, (_MM_PERM_ENUM)0x4e));
}

VA_INLINE __m128i va_kfold1(__m128i v)
{
    return _mm_xor_si128(v, _mm_shuffle_epi32(v, 0x4e));
}

/* p += x * h lane by lane (x in the rev128 frame, h a pre-shifted power, hk = va_kfold(h)). */
VA_INLINE void va_prod_add(va_prod *p, __m512i x, __m512i h, __m512i hk)
{
    p->lo = _mm512_xor_si512(p->lo, _mm512_clmulepi64_epi128(x, h, 0x00));
    p->hi = _mm512_xor_si512(p->hi, _mm512_clmulepi64_epi128(x, h, 0x11));
    p->mk = _mm512_xor_si512(p->mk, _mm512_clmulepi64_epi128(va_kfold(x), hk, 0x00));
}

VA_INLINE void va_prod_set(va_prod *p, __m512i x, __m512i h, __m512i hk)
{
    p->lo = _mm512_clmulepi64_epi128(x, h, 0x00);
    p->hi = _mm512_clmulepi64_epi128(x, h, 0x11);
    p->mk = _mm512_clmulepi64_epi128(va_kfold(x), hk, 0x00);
}

VA_INLINE __m128i va_fold4(__m512i x)
{
    __m256i y = _mm256_xor_si256(_mm512_castsi512_si256(x), _mm512_extracti64x4_epi64(x, 1));
    return _mm_xor_si128(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
}

/*
 * The same sum with the three upper lanes extracted in parallel: shorter latency (one extract and
 * two xors deep instead of two of each) for the tail, where the hash is on the packet's critical
 * path, but one more extract per vector, which the main loops cannot spare (extracts share the
 * AES execution ports).
 */
VA_INLINE __m128i va_fold4_fast(__m512i x)
{
    __m128i l1 = _mm512_extracti32x4_epi32(x, 1);
    __m128i l2 = _mm512_extracti32x4_epi32(x, 2);
    __m128i l3 = _mm512_extracti32x4_epi32(x, 3);
    return _mm_xor_si128(_mm_ternarylogic_epi64(_mm512_castsi512_si128(x), l1, l2, 0x96), l3);
}

/*
 * The two folding steps of aes_internal.h with C = 0xC2000000_00000000 (x^128 = x^7 + x^2 + x + 1
 * in the reflected, pre-shifted frame):
 *   MI ^= swap64(LO) ^ clmul(LO.lo64, C);  HI ^= swap64(MI) ^ clmul(MI.lo64, C);  result HI.
 */
VA_INLINE __m128i va_reduce(__m128i lo, __m128i mi, __m128i hi)
{
    const __m128i poly = _mm_set_epi64x(0, (long long)0xC200000000000000ull);
    __m128i t = _mm_clmulepi64_si128(lo, poly, 0x00);
    mi = _mm_ternarylogic_epi64(mi, _mm_shuffle_epi32(lo, 0x4e), t, 0x96);
    t = _mm_clmulepi64_si128(mi, poly, 0x00);
    return _mm_ternarylogic_epi64(hi, _mm_shuffle_epi32(mi, 0x4e), t, 0x96);
}

/* Sum the four lanes of p, plus the xmm product (xlo, xmk, xhi), and reduce once (tail groups). */
VA_INLINE __m128i va_prod_reduce_x(const va_prod *p, __m128i xlo, __m128i xmk, __m128i xhi)
{
    __m128i lo = _mm_xor_si128(va_fold4_fast(p->lo), xlo);
    __m128i hi = _mm_xor_si128(va_fold4_fast(p->hi), xhi);
    __m128i mi = _mm_ternarylogic_epi64(_mm_xor_si128(va_fold4_fast(p->mk), xmk), lo, hi, 0x96);
    return va_reduce(lo, mi, hi);
}

VA_INLINE __m128i va_prod_reduce(const va_prod *p)
{
    return va_prod_reduce_x(p, _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128());
}

/*
 * Reduce p plus acc * h (h = H^16 and hk = va_kfold(h) in lane 0). Between two 16-block groups
 * of the main loops this is the only dependency, so acc is multiplied on its own in xmm: the
 * four lanes of p are folded while acc is still being computed, and the chain is clmul, xor,
 * reduce (about 21 cycles) instead of also running through the lane fold (about 50).
 */
VA_INLINE __m128i va_prod_reduce_acc(const va_prod *p, __m128i acc, __m128i h, __m128i hk)
{
    __m128i lo = va_fold4(p->lo);
    __m128i hi = va_fold4(p->hi);
    __m128i mk = va_fold4(p->mk);
    __m128i alo = _mm_clmulepi64_si128(acc, h, 0x00);
    __m128i ahi = _mm_clmulepi64_si128(acc, h, 0x11);
    __m128i amk = _mm_clmulepi64_si128(va_kfold1(acc), hk, 0x00);
    lo = _mm_xor_si128(lo, alo);
    hi = _mm_xor_si128(hi, ahi);
    __m128i mi = _mm_ternarylogic_epi64(_mm_xor_si128(mk, amk), lo, hi, 0x96);
    return va_reduce(lo, mi, hi);
}

/* Four consecutive powers hpow[i..i+3] (i in 0..15; entries past H^1 are zero). */
VA_INLINE __m512i va_hpow4(const uint8_t *hp, size_t i)
{
    return va_loadu(hp + 16 * i);
}

VA_INLINE __m128i va_hpow1(const uint8_t *hp, size_t i)
{
    return _mm_load_si128((const __m128i *)(const void *)(hp + 16 * i));
}

/* The 16 powers H^16..H^1 and their Karatsuba halves, loaded once per call for the main loops. */
typedef struct va_pow16 {
    __m512i h[4], hk[4];
} va_pow16;

VA_INLINE void va_pow16_load(va_pow16 *w, const uint8_t *hp)
{
VA_UNROLL(4)
    for (int c = 0; c < 4; c++) {
        w->h[c] = va_hpow4(hp, 4 * (size_t)c);
        w->hk[c] = va_kfold(w->h[c]);
    }
}

/* 16 full blocks in byte order (c[0] = first four) hashed from acc: acc*H^16 ^ X_1*H^16 ^ ... ^ X_16*H. */
VA_INLINE __m128i va_ghash16(const va_pow16 *w, __m512i bswap, __m128i acc, const __m512i *c)
{
    va_prod p;
    va_prod_set(&p, _mm512_shuffle_epi8(c[1], bswap), w->h[1], w->hk[1]);
    va_prod_add(&p, _mm512_shuffle_epi8(c[2], bswap), w->h[2], w->hk[2]);
    va_prod_add(&p, _mm512_shuffle_epi8(c[3], bswap), w->h[3], w->hk[3]);
    __m512i x0 = _mm512_xor_si512(_mm512_shuffle_epi8(c[0], bswap), _mm512_zextsi128_si512(acc));
    va_prod_add(&p, x0, w->h[0], w->hk[0]);
    return va_prod_reduce(&p);
}

/*
 * One group of at most 16 blocks ending the hash or flushed before the next group, one reduction:
 *   acc (if have_acc), then mem_bytes of memory (zero padded: §7.1 step 5's 0^v),
 *   then the k (= up to 4*nc) blocks held in t[0..nc) (byte order, already zero padded),
 *   then, if have_len, the single block len_blk (rev128 frame).
 * With n blocks in the group, block j (1-based) is multiplied by H^(n+1-j) = hpow[16 - n + j - 1];
 * every chunk loads its four powers from where its first block's power is, so a block placed in
 * the lane right after the last one (the length block) meets H^1 there, and zeros beyond.
 */
VA_INLINE __m128i va_ghash_group(const uint8_t *hp, __m512i bswap, __m128i acc, int have_acc,
                                 const uint8_t *mem, size_t mem_bytes, const __m512i *t, const int nc, size_t k,
                                 int have_len, __m128i len_blk)
{
    size_t m = (mem_bytes + 15) / 16;
    size_t n = m + k + (have_len ? 1 : 0);
    size_t p0 = GW_HPOW_COUNT - n;
    /* Where the length block goes: the free lane after the data, after the AAD, or on its own. */
    int len_in_t = have_len && nc > 0 && (k % 4) != 0;
    int len_in_mem = have_len && !len_in_t && k == 0 && (m % 4) != 0;
    int len_alone = have_len && !len_in_t && !len_in_mem;
    int acc_pending = have_acc;
    va_prod p;
    va_prod_zero(&p);
    for (size_t c = 0; 4 * c < m; c++) {
        __m512i x = _mm512_shuffle_epi8(
            _mm512_maskz_loadu_epi8(va_chunk_mask(mem_bytes, (int)c), mem + 64 * c), bswap);
        if (acc_pending) {
            x = _mm512_xor_si512(x, _mm512_zextsi128_si512(acc));
            acc_pending = 0;
        }
        if (len_in_mem && 4 * (c + 1) >= m) {
            x = _mm512_mask_broadcast_i32x4(x, (__mmask16)(0xFu << (4 * (m % 4))), len_blk);
        }
        __m512i h = va_hpow4(hp, p0 + 4 * c);
        va_prod_add(&p, x, h, va_kfold(h));
    }
VA_UNROLL_HINT(4)
    for (int c = 0; c < nc; c++) {
        __m512i x = _mm512_shuffle_epi8(t[c], bswap);
        if (c == 0 && acc_pending) {
            x = _mm512_xor_si512(x, _mm512_zextsi128_si512(acc));
            acc_pending = 0;
        }
        if (c == nc - 1 && len_in_t) {
            x = _mm512_mask_broadcast_i32x4(x, (__mmask16)(0xFu << (4 * (k % 4))), len_blk);
        }
        __m512i h = va_hpow4(hp, p0 + m + 4 * (size_t)c);
        va_prod_add(&p, x, h, va_kfold(h));
    }
    /* Left over: the running value before an empty group, the length block without a free lane. */
    __m128i xlo = _mm_setzero_si128();
    __m128i xmk = _mm_setzero_si128();
    __m128i xhi = _mm_setzero_si128();
    if (acc_pending) {
        __m128i x = len_alone && n == 1 ? _mm_xor_si128(acc, len_blk) : acc;
        __m128i h = va_hpow1(hp, p0);
        xlo = _mm_clmulepi64_si128(x, h, 0x00);
        xhi = _mm_clmulepi64_si128(x, h, 0x11);
        xmk = _mm_clmulepi64_si128(va_kfold1(x), va_kfold1(h), 0x00);
        if (n == 1) {
            len_alone = 0;
        }
    }
    if (len_alone) {
        __m128i h = va_hpow1(hp, GW_HPOW_COUNT - 1);
        xlo = _mm_xor_si128(xlo, _mm_clmulepi64_si128(len_blk, h, 0x00));
        xhi = _mm_xor_si128(xhi, _mm_clmulepi64_si128(len_blk, h, 0x11));
        xmk = _mm_xor_si128(xmk, _mm_clmulepi64_si128(va_kfold1(len_blk), va_kfold1(h), 0x00));
    }
    return va_prod_reduce_x(&p, xlo, xmk, xhi);
}

/* ---------------------------------------------------------------------------------------------
 * GCM.
 */

/* Everything the tail needs besides the data. */
typedef struct va_gcm_state {
    const uint8_t *hp;
    __m512i bswap;
    __m512i ctr;       /* byte-reversed counters of the next four blocks */
    __m128i j0;        /* J0 in byte order */
    __m128i acc;       /* running GHASH value (rev128), meaningful when have_acc */
    int have_acc;
    const uint8_t *aad; /* AAD not hashed yet (tail-only path), 0..256 bytes */
    size_t aad_rem;
    __m128i len_blk;   /* [len(A)]64 || [len(C)]64 in the rev128 frame */
} va_gcm_state;

/*
 * The end of the hash when AAD remainder, data tail and length block are more than 16 blocks
 * (long AAD, or a tail of 241..256 bytes): flushed in two or three groups. Rare, so out of line
 * and with the chunk count nc (0..4) a run-time value.
 */
static __attribute__((noinline)) __m128i va_ghash_tail_split(const va_gcm_state *st, const __m512i *t, int nc,
                                                             size_t k)
{
    __m128i acc = st->acc;
    int have_acc = st->have_acc;
    if (st->aad_rem > 0) {
        acc = va_ghash_group(st->hp, st->bswap, acc, have_acc, st->aad, st->aad_rem, t, 0, 0, 0, st->len_blk);
        have_acc = 1;
    }
    if (k + 1 <= VA_BLOCKS_PER_ITER) {
        return va_ghash_group(st->hp, st->bswap, acc, have_acc, NULL, 0, t, nc, k, 1, st->len_blk);
    }
    acc = va_ghash_group(st->hp, st->bswap, acc, have_acc, NULL, 0, t, nc, k, 0, st->len_blk);
    return va_ghash_group(st->hp, st->bswap, acc, 1, NULL, 0, t, 0, 0, 1, st->len_blk);
}

/*
 * The last r bytes (0..256; nc = ceil(r / 64), a compile-time constant), the hash of any deferred
 * ciphertext d[0..4) (seal after the main loop), the length block and the tag (§7.1 steps 5-6).
 */
VA_INLINE void va_gcm_tail(const va_keys *ks, const int rounds, const int nc, va_gcm_state *st,
                           const uint8_t *in, uint8_t *out, size_t r, int encrypt, int have_def,
                           const __m512i *d, uint8_t tag_out[16])
{
    __m512i b[4];
    __m512i t[4];
    const __m512i bswap = st->bswap;
VA_UNROLL(4)
    for (int c = 0; c < nc; c++) {
        b[c] = _mm512_shuffle_epi8(_mm512_add_epi32(st->ctr, va_all_inc(4 * c)), bswap);
    }
    __m128i ej0 = va_aes_xmm(ks, rounds, st->j0);
    if (nc > 0) {
        va_aes_n(ks, rounds, nc, b);
    }
    if (have_def) {
        va_pow16 w;
        va_pow16_load(&w, st->hp);
        st->acc = va_ghash16(&w, bswap, st->acc, d);
        st->have_acc = 1;
    }
VA_UNROLL(4)
    for (int c = 0; c < nc; c++) {
        __mmask64 m = va_chunk_mask(r, c);
        __m512i x = _mm512_maskz_loadu_epi8(m, in + 64 * c);
        __m512i y = _mm512_xor_si512(b[c], x);
        _mm512_mask_storeu_epi8(out + 64 * c, m, y);
        /* GHASH sees the ciphertext zero padded (§7.1 step 5): mask the keystream tail away. */
        t[c] = encrypt ? _mm512_maskz_mov_epi8(m, y) : x;
    }
VA_UNROLL(4)
    for (int c = nc; c < 4; c++) {
        t[c] = _mm512_setzero_si512(); /* only va_ghash_tail_split sees these, and reads t[0..nc) */
    }

    size_t k = (r + 15) / 16;
    size_t ma = (st->aad_rem + 15) / 16;
    __m128i g;
    if (ma + k + 1 <= VA_BLOCKS_PER_ITER) {
        g = va_ghash_group(st->hp, bswap, st->acc, st->have_acc, st->aad, st->aad_rem, t, nc, k, 1, st->len_blk);
    } else {
        g = va_ghash_tail_split(st, t, nc, k);
    }
    /* T = MSB_128(GCTR(J0, S)) (§7.1 step 6). */
    __m128i tag = _mm_xor_si128(_mm_shuffle_epi8(g, va_bswap128_mask()), ej0);
    _mm_storeu_si128((__m128i *)(void *)tag_out, tag);
}

VA_INLINE void va_gcm_tail_any(const va_keys *ks, const int rounds, va_gcm_state *st, const uint8_t *in,
                               uint8_t *out, size_t r, int encrypt, int have_def, const __m512i *d,
                               uint8_t tag_out[16])
{
    switch ((r + 63) / 64) {
    case 0:
        va_gcm_tail(ks, rounds, 0, st, in, out, r, encrypt, have_def, d, tag_out);
        break;
    case 1:
        va_gcm_tail(ks, rounds, 1, st, in, out, r, encrypt, have_def, d, tag_out);
        break;
    case 2:
        va_gcm_tail(ks, rounds, 2, st, in, out, r, encrypt, have_def, d, tag_out);
        break;
    case 3:
        va_gcm_tail(ks, rounds, 3, st, in, out, r, encrypt, have_def, d, tag_out);
        break;
    default:
        va_gcm_tail(ks, rounds, 4, st, in, out, r, encrypt, have_def, d, tag_out);
        break;
    }
}

/* Four counter registers for the next 16 blocks, advancing ctr. */
VA_INLINE void va_next_counters(__m512i *ctr, __m512i bswap, __m512i *b)
{
    b[0] = _mm512_shuffle_epi8(*ctr, bswap);
    b[1] = _mm512_shuffle_epi8(_mm512_add_epi32(*ctr, va_all_inc(4)), bswap);
    b[2] = _mm512_shuffle_epi8(_mm512_add_epi32(*ctr, va_all_inc(8)), bswap);
    b[3] = _mm512_shuffle_epi8(_mm512_add_epi32(*ctr, va_all_inc(12)), bswap);
    *ctr = _mm512_add_epi32(*ctr, va_all_inc(16));
}

/*
 * The AES rounds of the four counter registers b (16 blocks) with the GHASH products of the 16
 * blocks g (byte order) issued between the first rounds, so that both kinds of execution units
 * have work from the start; p receives the unreduced sum.
 */
VA_INLINE void va_aes16_ghash16(const va_keys *ks, const int rounds, __m512i *b, const __m512i *g, __m512i bswap,
                                const va_pow16 *w, va_prod *p)
{
VA_UNROLL(4)
    for (int c = 0; c < 4; c++) {
        b[c] = _mm512_xor_si512(b[c], ks->k[0]);
    }
VA_UNROLL(14)
    for (int j = 1; j < rounds; j++) {
VA_UNROLL(4)
        for (int c = 0; c < 4; c++) {
            b[c] = _mm512_aesenc_epi128(b[c], ks->k[j]);
        }
        /* j = 1..4 take g[1], g[2], g[3], g[0]: with GCC 12 this order measured 3% faster than 0..3. */
        if (j == 1) {
            va_prod_set(p, _mm512_shuffle_epi8(g[1], bswap), w->h[1], w->hk[1]);
        } else if (j <= 4) {
            va_prod_add(p, _mm512_shuffle_epi8(g[j & 3], bswap), w->h[j & 3], w->hk[j & 3]);
        }
    }
VA_UNROLL(4)
    for (int c = 0; c < 4; c++) {
        b[c] = _mm512_aesenclast_epi128(b[c], ks->k[rounds]);
    }
}

VA_INLINE void va_gcm_impl(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                           const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16],
                           const int rounds)
{
    va_keys ks;
    va_keys_load(&ks, ctx, rounds);
    va_gcm_state st;
    st.hp = (const uint8_t *)ctx->hpow;
    st.bswap = va_bswap_mask();
    /* J0 = IV || 0^31 || 1 for a 96-bit IV (§7.1 step 2); the IV read in 4-byte loads (va_load32). */
    st.j0 = _mm_set_epi32(0x01000000, (int)va_load32(nonce + 8), (int)va_load32(nonce + 4), (int)va_load32(nonce));
    /* Data starts at inc32(J0) (§7.1 step 3): lanes J0+1 .. J0+4. */
    st.ctr = _mm512_add_epi32(_mm512_broadcast_i32x4(_mm_shuffle_epi8(st.j0, va_bswap128_mask())), va_lane_inc(1));
    st.acc = _mm_setzero_si128();
    st.have_acc = 0;
    st.len_blk = _mm_set_epi64x((long long)((uint64_t)aad_len * 8), (long long)((uint64_t)len * 8));

    /* Whole 16-block groups of a long AAD. */
    const uint8_t *hp = st.hp;
    const __m512i bswap = st.bswap;
    while (aad_len > VA_BYTES_PER_ITER) {
        va_pow16 w;
        va_pow16_load(&w, hp);
        __m512i a[4] = {va_loadu(aad), va_loadu(aad + 64), va_loadu(aad + 128), va_loadu(aad + 192)};
        st.acc = va_ghash16(&w, bswap, st.acc, a);
        st.have_acc = 1;
        aad += VA_BYTES_PER_ITER;
        aad_len -= VA_BYTES_PER_ITER;
    }
    st.aad = aad;
    st.aad_rem = aad_len;

    if (len <= VA_BYTES_PER_ITER) {
        /* Packets up to 256 bytes: AAD, data and length block hashed together in the tail. */
        va_gcm_tail_any(&ks, rounds, &st, in, out, len, encrypt, 0, NULL, tag_out);
        return;
    }

    /* The AAD remainder (1..256 bytes) before the data. */
    if (st.aad_rem > 0) {
        st.acc = va_ghash_group(hp, bswap, st.acc, st.have_acc, st.aad, st.aad_rem, NULL, 0, 0, 0, st.len_blk);
        st.have_acc = 1;
        st.aad_rem = 0;
    }
    /* Main loop over 256-byte groups; the tail keeps 1..256 bytes. */
    size_t nmain = (len - 1) / VA_BYTES_PER_ITER;
    __m128i acc = st.acc;
    __m512i ctr = st.ctr;
    __m512i b[4];
    __m512i d[4];
    va_pow16 w;
    va_pow16_load(&w, hp);
    const __m128i h16 = va_hpow1(hp, 0);
    const __m128i hk16 = va_kfold1(h16);
    if (encrypt) {
        va_next_counters(&ctr, bswap, b);
        va_aes_n(&ks, rounds, 4, b);
VA_UNROLL(4)
        for (int c = 0; c < 4; c++) {
            d[c] = _mm512_xor_si512(b[c], va_loadu(in + 64 * c));
            va_storeu(out + 64 * c, d[c]);
        }
        for (size_t i = 1; i < nmain; i++) {
            in += VA_BYTES_PER_ITER;
            out += VA_BYTES_PER_ITER;
            /* Hash the previous 16 ciphertext blocks while these 16 are encrypted. */
            va_prod p;
            va_next_counters(&ctr, bswap, b);
            va_aes16_ghash16(&ks, rounds, b, d, bswap, &w, &p);
            acc = va_prod_reduce_acc(&p, acc, h16, hk16);
VA_UNROLL(4)
            for (int c = 0; c < 4; c++) {
                d[c] = _mm512_xor_si512(b[c], va_loadu(in + 64 * c));
                va_storeu(out + 64 * c, d[c]);
            }
        }
    } else {
        for (size_t i = 0; i < nmain; i++) {
            /* Open hashes the ciphertext it is given while decrypting it. */
            __m512i x[4];
VA_UNROLL(4)
            for (int c = 0; c < 4; c++) {
                x[c] = va_loadu(in + 64 * c);
            }
            va_prod p;
            va_next_counters(&ctr, bswap, b);
            va_aes16_ghash16(&ks, rounds, b, x, bswap, &w, &p);
VA_UNROLL(4)
            for (int c = 0; c < 4; c++) {
                va_storeu(out + 64 * c, _mm512_xor_si512(b[c], x[c]));
            }
            acc = va_prod_reduce_acc(&p, acc, h16, hk16);
            in += VA_BYTES_PER_ITER;
            out += VA_BYTES_PER_ITER;
        }
    }
    st.acc = acc;
    st.have_acc = 1;
    st.ctr = ctr;
    /*
     * Inlined at both sites although that copies the five tail shapes twice more: moving them out
     * of line cost 10-15% at 300-1200 bytes (keys and state then go through memory).
     */
    if (encrypt) {
        /* The seal loop leaves in/out at its last group, whose ciphertext d is still to be hashed. */
        va_gcm_tail_any(&ks, rounds, &st, in + VA_BYTES_PER_ITER, out + VA_BYTES_PER_ITER,
                        len - nmain * VA_BYTES_PER_ITER, 1, 1, d, tag_out);
    } else {
        va_gcm_tail_any(&ks, rounds, &st, in, out, len - nmain * VA_BYTES_PER_ITER, 0, 0, NULL, tag_out);
    }
}

static void va_gcm128(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    va_gcm_impl(ctx, nonce, aad, aad_len, in, out, len, encrypt, tag_out, 10);
}

static void va_gcm256(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    va_gcm_impl(ctx, nonce, aad, aad_len, in, out, len, encrypt, tag_out, 14);
}

static void va_gcm(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                   const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    if (ctx->rounds == 10) {
        va_gcm128(ctx, nonce, aad, aad_len, in, out, len, encrypt, tag_out);
    } else {
        va_gcm256(ctx, nonce, aad, aad_len, in, out, len, encrypt, tag_out);
    }
}

/* ---------------------------------------------------------------------------------------------
 * AES-CTR with a 128-bit big-endian counter (RFC 3711 §4.1.1: the whole block increments).
 * Counters are kept byte-reversed, so the block is a little-endian 128-bit integer: qword 0 is
 * its low half. When the low 64 bits do not wrap within the call a plain 64-bit add suffices
 * (carry == 0); otherwise each add carries into qword 1 through a compare mask.
 */
VA_INLINE __m512i va_add128(__m512i v, __m512i inc, const int carry)
{
    __m512i s = _mm512_add_epi64(v, inc);
    if (carry) {
        /* qword 0 wrapped iff the sum is below the addend's base (the increment is < 2^64). */
        __mmask8 w = _mm512_mask_cmplt_epu64_mask((__mmask8)0x55, s, v);
        s = _mm512_mask_add_epi64(s, (__mmask8)(w << 1), s, _mm512_set1_epi64(1));
    }
    return s;
}

VA_INLINE void va_ctr_tail(const va_keys *ks, const int rounds, const int nc, __m512i base, __m512i bswap,
                           const int carry, const uint8_t *in, uint8_t *out, size_t r)
{
    __m512i b[4];
VA_UNROLL(4)
    for (int c = 0; c < nc; c++) {
        b[c] = _mm512_shuffle_epi8(va_add128(base, va_all_inc(4 * c), carry), bswap);
    }
    va_aes_n(ks, rounds, nc, b);
VA_UNROLL(4)
    for (int c = 0; c < nc; c++) {
        __mmask64 m = va_chunk_mask(r, c);
        __m512i x = in ? _mm512_maskz_loadu_epi8(m, in + 64 * c) : _mm512_setzero_si512();
        _mm512_mask_storeu_epi8(out + 64 * c, m, _mm512_xor_si512(b[c], x));
    }
}

/* c0: the counter block byte-reversed (a little-endian 128-bit integer). */
VA_INLINE void va_ctr_impl(const gw_aes_ctx *ctx, __m128i c0, const uint8_t *in, uint8_t *out, size_t len,
                           const int rounds, const int carry)
{
    va_keys ks;
    va_keys_load(&ks, ctx, rounds);
    const __m512i bswap = va_bswap_mask();
    /* base: lanes counter+0 .. counter+3. */
    __m512i base = va_add128(_mm512_broadcast_i32x4(c0), va_lane_inc(0), carry);
    while (len >= VA_BYTES_PER_ITER) {
        __m512i b[4];
VA_UNROLL(4)
        for (int c = 0; c < 4; c++) {
            b[c] = _mm512_shuffle_epi8(va_add128(base, va_all_inc(4 * c), carry), bswap);
        }
        base = va_add128(base, va_all_inc(16), carry);
        va_aes_n(&ks, rounds, 4, b);
VA_UNROLL(4)
        for (int c = 0; c < 4; c++) {
            __m512i x = in ? va_loadu(in + 64 * c) : _mm512_setzero_si512();
            va_storeu(out + 64 * c, _mm512_xor_si512(b[c], x));
        }
        if (in) {
            in += VA_BYTES_PER_ITER;
        }
        out += VA_BYTES_PER_ITER;
        len -= VA_BYTES_PER_ITER;
    }
    switch ((len + 63) / 64) {
    case 0:
        break;
    case 1:
        va_ctr_tail(&ks, rounds, 1, base, bswap, carry, in, out, len);
        break;
    case 2:
        va_ctr_tail(&ks, rounds, 2, base, bswap, carry, in, out, len);
        break;
    case 3:
        va_ctr_tail(&ks, rounds, 3, base, bswap, carry, in, out, len);
        break;
    default:
        va_ctr_tail(&ks, rounds, 4, base, bswap, carry, in, out, len);
        break;
    }
}

static void va_ctr128(const gw_aes_ctx *ctx, __m128i c0, const uint8_t *in, uint8_t *out, size_t len)
{
    va_ctr_impl(ctx, c0, in, out, len, 10, 0);
}

static void va_ctr256(const gw_aes_ctx *ctx, __m128i c0, const uint8_t *in, uint8_t *out, size_t len)
{
    va_ctr_impl(ctx, c0, in, out, len, 14, 0);
}

/* Out of line: the low 64 bits of the counter wrap within this call. */
static __attribute__((noinline)) void va_ctr_carry(const gw_aes_ctx *ctx, __m128i c0, const uint8_t *in,
                                                   uint8_t *out, size_t len)
{
    if (ctx->rounds == 10) {
        va_ctr_impl(ctx, c0, in, out, len, 10, 1);
    } else {
        va_ctr_impl(ctx, c0, in, out, len, 14, 1);
    }
}

static void va_ctr(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len)
{
    __m128i c0 = _mm_shuffle_epi8(va_load128_by32(counter), va_bswap128_mask());
    /* Blocks used: ceil(len / 16); the last one is low + blocks - 1 (low: bytes 8..15, big-endian). */
    uint64_t low = (uint64_t)_mm_cvtsi128_si64(c0);
    uint64_t blocks = (uint64_t)((len + 15) / 16);
    if (blocks > 0 && low > UINT64_MAX - (blocks - 1)) {
        va_ctr_carry(ctx, c0, in, out, len);
    } else if (ctx->rounds == 10) {
        va_ctr128(ctx, c0, in, out, len);
    } else {
        va_ctr256(ctx, c0, in, out, len);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Single block (FIPS-197 §5.1 Cipher).
 */
static void va_encrypt_block(const gw_aes_ctx *ctx, const uint8_t in[16], uint8_t out[16])
{
    const uint8_t *rk = ctx->round_keys;
    __m128i b = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)in),
                              _mm_load_si128((const __m128i *)(const void *)rk));
    for (int i = 1; i < ctx->rounds; i++) {
        b = _mm_aesenc_si128(b, _mm_load_si128((const __m128i *)(const void *)(rk + 16 * i)));
    }
    b = _mm_aesenclast_si128(b, _mm_load_si128((const __m128i *)(const void *)(rk + 16 * ctx->rounds)));
    _mm_storeu_si128((__m128i *)(void *)out, b);
}

static const gw_aes_vtable vaes512_vtable = {
    va_expand_key,
    va_encrypt_block,
    va_gcm,
    va_ctr,
};

const gw_aes_vtable *const gw_aes_vaes512_vtable = &vaes512_vtable;
