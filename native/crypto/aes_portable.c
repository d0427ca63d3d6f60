/*
 * aes_portable.c — the plain C11 implementation, for CPUs without AES instructions, and the shared
 * pieces every implementation uses once per key (key schedule, GHASH key powers).
 *
 * AES (FIPS-197) uses T-tables generated at load time: fast enough for a fallback, but table lookups
 * are not hardened against cache-timing observers — the SIMD paths are the ones for production.
 * GHASH (SP 800-38D §6.4) is constant time: the 64x64 carry-less multiply is done with integer
 * multiplies on bit-interleaved operands, in the same byte-reversed, pre-shifted frame as the SIMD
 * paths (see aes_internal.h), so all implementations share one key-power table.
 */
#include <string.h>

#include "aes_internal.h"

static uint8_t aes_sbox[256];
static uint32_t aes_te[4][256];

static uint8_t rotl8(uint8_t x, int s)
{
    return (uint8_t)((x << s) | (x >> (8 - s)));
}

static uint8_t xtime(uint8_t x)
{
    return (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1b : 0x00));
}

/* The S-box from its definition (multiplicative inverse in GF(2^8), then the affine map), walking
 * the field with generator 3 so that p * q == 1 at every step. Runs once, when the library loads. */
__attribute__((constructor)) static void aes_tables_init(void)
{
    uint8_t p = 1, q = 1;
    do {
        p = (uint8_t)(p ^ xtime(p));          /* p *= 3 */
        q ^= (uint8_t)(q << 1);               /* q /= 3 */
        q ^= (uint8_t)(q << 2);
        q ^= (uint8_t)(q << 4);
        if (q & 0x80) {
            q ^= 0x09;
        }
        uint8_t x = (uint8_t)(q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4));
        aes_sbox[p] = (uint8_t)(x ^ 0x63);
    } while (p != 1);
    aes_sbox[0] = 0x63;

    for (int i = 0; i < 256; i++) {
        uint32_t s = aes_sbox[i], s2 = xtime((uint8_t)s), s3 = s2 ^ s;
        uint32_t t = (s2 << 24) | (s << 16) | (s << 8) | s3; /* MixColumns column (2,1,1,3) * s */
        aes_te[0][i] = t;
        aes_te[1][i] = (t >> 8) | (t << 24);
        aes_te[2][i] = (t >> 16) | (t << 16);
        aes_te[3][i] = (t >> 24) | (t << 8);
    }
}

static uint32_t load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint64_t load_be64(const uint8_t *p)
{
    return ((uint64_t)load_be32(p) << 32) | load_be32(p + 4);
}

static void store_be64(uint8_t *p, uint64_t v)
{
    store_be32(p, (uint32_t)(v >> 32));
    store_be32(p + 4, (uint32_t)v);
}

static uint32_t sub_word(uint32_t w)
{
    return ((uint32_t)aes_sbox[w >> 24] << 24) | ((uint32_t)aes_sbox[(w >> 16) & 0xff] << 16) |
           ((uint32_t)aes_sbox[(w >> 8) & 0xff] << 8) | aes_sbox[w & 0xff];
}

/* FIPS-197 §5.2 KeyExpansion for Nk = 4 (AES-128) and Nk = 8 (AES-256). */
void gw_aes_expand_key_portable(uint8_t *round_keys, const uint8_t *key, int key_len)
{
    const int nk = key_len / 4;
    const int total = 4 * (nk + 7); /* 4 * (Nr + 1) with Nr = Nk + 6 */
    uint32_t w[4 * (GW_AES_MAX_ROUNDS + 1)];
    uint32_t rcon = 0x01;
    for (int i = 0; i < nk; i++) {
        w[i] = load_be32(key + 4 * i);
    }
    for (int i = nk; i < total; i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {
            t = sub_word((t << 8) | (t >> 24)) ^ (rcon << 24);
            rcon = xtime((uint8_t)rcon);
        } else if (nk > 6 && i % nk == 4) {
            t = sub_word(t);
        }
        w[i] = w[i - nk] ^ t;
    }
    for (int i = 0; i < total; i++) {
        store_be32(round_keys + 4 * i, w[i]);
    }
    gw_secure_zero(w, sizeof w);
}

static void portable_expand_key(gw_aes_ctx *ctx, const uint8_t *key, int key_len)
{
    gw_aes_expand_key_portable(ctx->round_keys, key, key_len);
}

static void portable_encrypt_block(const gw_aes_ctx *ctx, const uint8_t in[16], uint8_t out[16])
{
    const uint8_t *rk = ctx->round_keys;
    uint32_t s0 = load_be32(in) ^ load_be32(rk), s1 = load_be32(in + 4) ^ load_be32(rk + 4);
    uint32_t s2 = load_be32(in + 8) ^ load_be32(rk + 8), s3 = load_be32(in + 12) ^ load_be32(rk + 12);
    for (int r = 1; r < ctx->rounds; r++) {
        rk += 16;
        /* SubBytes + ShiftRows + MixColumns as four table lookups per column. */
        uint32_t t0 = aes_te[0][s0 >> 24] ^ aes_te[1][(s1 >> 16) & 0xff] ^ aes_te[2][(s2 >> 8) & 0xff] ^ aes_te[3][s3 & 0xff];
        uint32_t t1 = aes_te[0][s1 >> 24] ^ aes_te[1][(s2 >> 16) & 0xff] ^ aes_te[2][(s3 >> 8) & 0xff] ^ aes_te[3][s0 & 0xff];
        uint32_t t2 = aes_te[0][s2 >> 24] ^ aes_te[1][(s3 >> 16) & 0xff] ^ aes_te[2][(s0 >> 8) & 0xff] ^ aes_te[3][s1 & 0xff];
        uint32_t t3 = aes_te[0][s3 >> 24] ^ aes_te[1][(s0 >> 16) & 0xff] ^ aes_te[2][(s1 >> 8) & 0xff] ^ aes_te[3][s2 & 0xff];
        s0 = t0 ^ load_be32(rk);
        s1 = t1 ^ load_be32(rk + 4);
        s2 = t2 ^ load_be32(rk + 8);
        s3 = t3 ^ load_be32(rk + 12);
    }
    rk += 16;
    /* Last round: no MixColumns. */
    uint32_t o[4] = {s0, s1, s2, s3};
    for (int c = 0; c < 4; c++) {
        uint32_t v = ((uint32_t)aes_sbox[o[c] >> 24] << 24) |
                     ((uint32_t)aes_sbox[(o[(c + 1) & 3] >> 16) & 0xff] << 16) |
                     ((uint32_t)aes_sbox[(o[(c + 2) & 3] >> 8) & 0xff] << 8) |
                     (uint32_t)aes_sbox[o[(c + 3) & 3] & 0xff];
        store_be32(out + 4 * c, v ^ load_be32(rk + 4 * c));
    }
}

/* ---- GHASH ------------------------------------------------------------------------------- */

/* Low 64 bits of the carry-less product, with integer multiplies on operands split into four
 * interleaved bit classes (holes of 3 bits absorb the carries: a class sum reaches 16, the only
 * count that would spill into its own class, only at bit 60 and above, where the spill leaves the
 * 64-bit word). Constant time on CPUs with a constant-time multiplier. */
static uint64_t bmul64(uint64_t x, uint64_t y)
{
    const uint64_t m0 = 0x1111111111111111ull, m1 = 0x2222222222222222ull;
    const uint64_t m2 = 0x4444444444444444ull, m3 = 0x8888888888888888ull;
    uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
    uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
    uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

static uint64_t rev64(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
    x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
    x = ((x >> 8) & 0x00ff00ff00ff00ffull) | ((x & 0x00ff00ff00ff00ffull) << 8);
    x = ((x >> 16) & 0x0000ffff0000ffffull) | ((x & 0x0000ffff0000ffffull) << 16);
    return (x >> 32) | (x << 32);
}

/* Full 128-bit carry-less product of two 64-bit words: the high half is the bit-reversed low half
 * of the bit-reversed operands, shifted by one. */
static gw_u128 clmul64(uint64_t a, uint64_t b)
{
    gw_u128 r;
    r.lo = bmul64(a, b);
    r.hi = rev64(bmul64(rev64(a), rev64(b))) >> 1;
    return r;
}

gw_u128 gw_ghash_load(const uint8_t block[16])
{
    gw_u128 r;
    r.hi = load_be64(block);
    r.lo = load_be64(block + 8);
    return r;
}

void gw_ghash_store(uint8_t block[16], gw_u128 x)
{
    store_be64(block, x.hi);
    store_be64(block + 8, x.lo);
}

/* Schoolbook product then the two folding steps documented in aes_internal.h. */
gw_u128 gw_ghash_mul(gw_u128 x, gw_u128 hs)
{
    const uint64_t poly = 0xc200000000000000ull;
    gw_u128 lo = clmul64(x.lo, hs.lo);
    gw_u128 hi = clmul64(x.hi, hs.hi);
    gw_u128 m1 = clmul64(x.lo, hs.hi), m2 = clmul64(x.hi, hs.lo);
    gw_u128 mi = {m1.lo ^ m2.lo, m1.hi ^ m2.hi};

    gw_u128 t = clmul64(lo.lo, poly); /* fold bits 0..63 */
    mi.lo ^= lo.hi ^ t.lo;
    mi.hi ^= lo.lo ^ t.hi;
    t = clmul64(mi.lo, poly);         /* fold bits 64..127 */
    hi.lo ^= mi.hi ^ t.lo;
    hi.hi ^= mi.lo ^ t.hi;
    return hi;
}

gw_u128 gw_ghash_preshift(gw_u128 x)
{
    uint64_t carry = 0 - (x.hi >> 63); /* all ones when bit 127 (x^0) shifts out */
    gw_u128 r;
    r.hi = (x.hi << 1) | (x.lo >> 63);
    r.lo = x.lo << 1;
    r.lo ^= carry & 1u;
    r.hi ^= carry & 0xc200000000000000ull;
    return r;
}

/* X = (X ^ block) * H for each 16-byte block of buf, the last one zero padded (§6.4). */
static gw_u128 ghash_update(gw_u128 x, gw_u128 hs, const uint8_t *buf, size_t len)
{
    while (len >= 16) {
        gw_u128 b = gw_ghash_load(buf);
        x.lo ^= b.lo;
        x.hi ^= b.hi;
        x = gw_ghash_mul(x, hs);
        buf += 16;
        len -= 16;
    }
    if (len > 0) {
        uint8_t pad[16] = {0};
        memcpy(pad, buf, len);
        gw_u128 b = gw_ghash_load(pad);
        x.lo ^= b.lo;
        x.hi ^= b.hi;
        x = gw_ghash_mul(x, hs);
    }
    return x;
}

static void inc32(uint8_t counter[16])
{
    store_be32(counter + 12, load_be32(counter + 12) + 1u);
}

static void portable_gcm(const gw_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                         const uint8_t *in, uint8_t *out, size_t len, int encrypt, uint8_t tag_out[16])
{
    const gw_u128 hs = ctx->hpow[GW_HPOW_COUNT - 1];
    gw_u128 x = {0, 0};
    uint8_t counter[16], ks[16];

    x = ghash_update(x, hs, aad, aad_len);

    memcpy(counter, nonce, 12);
    store_be32(counter + 12, 2); /* J0 + 1: the first counter block for data (§7.1 step 5) */
    for (size_t off = 0; off < len; off += 16) {
        size_t n = len - off < 16 ? len - off : 16;
        portable_encrypt_block(ctx, counter, ks);
        inc32(counter);
        if (!encrypt) {
            x = ghash_update(x, hs, in + off, n); /* hash the input before an in-place overwrite */
        }
        for (size_t i = 0; i < n; i++) {
            out[off + i] = (uint8_t)(in[off + i] ^ ks[i]);
        }
        if (encrypt) {
            x = ghash_update(x, hs, out + off, n);
        }
    }

    gw_u128 lengths = {(uint64_t)len * 8u, (uint64_t)aad_len * 8u};
    x.lo ^= lengths.lo;
    x.hi ^= lengths.hi;
    x = gw_ghash_mul(x, hs);

    store_be32(counter + 12, 1); /* J0 */
    portable_encrypt_block(ctx, counter, ks);
    gw_ghash_store(tag_out, x);
    for (int i = 0; i < 16; i++) {
        tag_out[i] ^= ks[i];
    }
    gw_secure_zero(ks, sizeof ks);
}

static void portable_ctr(const gw_aes_ctx *ctx, const uint8_t counter_in[16], const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t counter[16], ks[16];
    memcpy(counter, counter_in, 16);
    for (size_t off = 0; off < len; off += 16) {
        size_t n = len - off < 16 ? len - off : 16;
        portable_encrypt_block(ctx, counter, ks);
        for (int i = 15; i >= 0; i--) { /* 128-bit big-endian increment */
            if (++counter[i] != 0) {
                break;
            }
        }
        for (size_t i = 0; i < n; i++) {
            out[off + i] = (uint8_t)((in ? in[off + i] : 0) ^ ks[i]);
        }
    }
    gw_secure_zero(ks, sizeof ks);
}

const gw_aes_vtable gw_aes_portable_vtable = {
    .expand_key = portable_expand_key,
    .encrypt_block = portable_encrypt_block,
    .gcm = portable_gcm,
    .ctr = portable_ctr,
};
