/*
 * reference_gcm.c — the naive oracle of reference_gcm.h. Slow on purpose: clarity over speed.
 */
#include "reference_gcm.h"

#include <string.h>

typedef struct block128 {
    uint64_t hi; /* octets 0..7, big-endian: bit 0 of the block (x^0) is the top bit of hi */
    uint64_t lo; /* octets 8..15 */
} block128;

static block128 load_block(const uint8_t b[16])
{
    block128 x = { 0, 0 };
    for (int i = 0; i < 8; i++) {
        x.hi = x.hi << 8 | b[i];
        x.lo = x.lo << 8 | b[8 + i];
    }
    return x;
}

static void store_block(uint8_t b[16], block128 x)
{
    for (int i = 7; i >= 0; i--) {
        b[i] = (uint8_t)x.hi;
        b[8 + i] = (uint8_t)x.lo;
        x.hi >>= 8;
        x.lo >>= 8;
    }
}

/* SP 800-38D §6.3 Algorithm 1: Z = X * Y in GF(2^128) with R = 11100001 || 0^120. */
static block128 gf_mul(block128 x, block128 y)
{
    block128 z = { 0, 0 };
    block128 v = y;
    for (int i = 0; i < 128; i++) {
        uint64_t word = i < 64 ? x.hi : x.lo;
        int bit = (int)((word >> (63 - (i & 63))) & 1);
        if (bit) {
            z.hi ^= v.hi;
            z.lo ^= v.lo;
        }
        int lsb = (int)(v.lo & 1);
        v.lo = (v.lo >> 1) | (v.hi << 63);
        v.hi >>= 1;
        if (lsb) {
            v.hi ^= 0xE100000000000000ull;
        }
    }
    return z;
}

/* GHASH over data zero-padded to a whole number of blocks (§6.4, §7.1 step 5). */
static block128 ghash_padded(block128 y, block128 h, const uint8_t *data, size_t len)
{
    for (size_t off = 0; off < len; off += 16) {
        uint8_t block[16] = { 0 };
        size_t n = len - off < 16 ? len - off : 16;
        memcpy(block, data + off, n);
        block128 x = load_block(block);
        y.hi ^= x.hi;
        y.lo ^= x.lo;
        y = gf_mul(y, h);
    }
    return y;
}

/* GCTR (§6.5) with the given increment width: 32 bits for GCM (inc32), 128 for AES-CM. */
static int gctr(const gw_aes_ctx *ctx, const uint8_t icb[16], int inc_bits, const uint8_t *in, uint8_t *out,
                size_t len)
{
    uint8_t cb[16], ks[16];
    memcpy(cb, icb, 16);
    for (size_t off = 0; off < len; off += 16) {
        if (gw_aes_encrypt_block(ctx, cb, ks) != GW_OK) {
            return -1;
        }
        size_t n = len - off < 16 ? len - off : 16;
        for (size_t i = 0; i < n; i++) {
            out[off + i] = (uint8_t)((in != NULL ? in[off + i] : 0) ^ ks[i]);
        }
        for (int i = 15; i >= 16 - inc_bits / 8; i--) {
            if (++cb[i] != 0) {
                break;
            }
        }
    }
    return 0;
}

int gw_ref_gcm_seal(const gw_aes_ctx *ctx, const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16])
{
    static const uint8_t zero[16];
    uint8_t hb[16], j0[16], icb[16], s[16], ek[16];
    if (gw_aes_encrypt_block(ctx, zero, hb) != GW_OK) { /* §7.1 step 1: H = CIPH_K(0^128) */
        return -1;
    }
    block128 h = load_block(hb);
    memcpy(j0, iv, 12); /* step 2: J0 = IV || 0^31 || 1 for a 96-bit IV */
    j0[12] = 0;
    j0[13] = 0;
    j0[14] = 0;
    j0[15] = 1;
    memcpy(icb, j0, 16);
    icb[15] = 2; /* step 3: GCTR from inc32(J0) */
    if (gctr(ctx, icb, 32, in, out, len) != 0) {
        return -1;
    }
    block128 y = { 0, 0 };
    y = ghash_padded(y, h, aad, aad_len);
    y = ghash_padded(y, h, out, len);
    uint8_t lengths[16];
    block128 lb = { (uint64_t)aad_len * 8, (uint64_t)len * 8 };
    store_block(lengths, lb);
    y = ghash_padded(y, h, lengths, 16);
    store_block(s, y);
    if (gw_aes_encrypt_block(ctx, j0, ek) != GW_OK) { /* step 6: T = MSB_t(GCTR(J0, S)) */
        return -1;
    }
    for (int i = 0; i < 16; i++) {
        tag[i] = (uint8_t)(s[i] ^ ek[i]);
    }
    return 0;
}

int gw_ref_ctr(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len)
{
    return gctr(ctx, counter, 128, in, out, len);
}
