/*
 * test_cross_check.c — cross_check: every implementation this CPU runs against the portable one,
 * and the portable one against the naive SP 800-38D oracle (reference_gcm.c), on inputs from a
 * fixed-seed PRNG:
 *   - GCM: every length 0..520 (all tail shapes of 1-32 block strides), 3000 random lengths 0..1500,
 *     120 random lengths up to 9000; AAD 0..300; AES-128 and AES-256; seal and open, out of place
 *     (exact-size heap buffers at odd offsets) and in place.
 *   - CTR: counters just below the 32-bit, 64-bit and 128-bit carries (the whole block increments),
 *     lengths across the carry, in = NULL, in place and out of place.
 *   - the batch API against single calls (test_batch.c).
 * GW_TEST_QUICK=1 divides the random counts by 10 and strides the length sweep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reference_gcm.h"
#include "test_groups.h"
#include "test_harness.h"

#define KEYS_PER_SIZE 3

typedef struct key_pool {
    uint8_t keys[2 * KEYS_PER_SIZE][32];
    int32_t key_len[2 * KEYS_PER_SIZE];
    /* ctx[key][k] for impls[k] (impls[0] is PORTABLE) */
    gw_aes_ctx *ctx[2 * KEYS_PER_SIZE][GW_AES_IMPL_COUNT];
    int32_t impls[GW_AES_IMPL_COUNT];
    int impl_count;
} key_pool;

static int pool_init(key_pool *pool, gw_rng *rng)
{
    memset(pool, 0, sizeof *pool);
    pool->impl_count = gw_test_impls(pool->impls);
    GW_CHECK(pool->impl_count >= 1 && pool->impls[0] == GW_AES_IMPL_PORTABLE, "portable must always be supported");
    if (pool->impl_count < 1 || pool->impls[0] != GW_AES_IMPL_PORTABLE) {
        return 0;
    }
    int ok = 1;
    for (int i = 0; i < 2 * KEYS_PER_SIZE; i++) {
        pool->key_len[i] = i < KEYS_PER_SIZE ? 16 : 32;
        gw_rng_fill(rng, pool->keys[i], 32);
        for (int k = 0; k < pool->impl_count; k++) {
            gw_test_context("impl=%s key %d", gw_aes_impl_name(pool->impls[k]), i);
            pool->ctx[i][k] = gw_test_ctx(pool->keys[i], pool->key_len[i], pool->impls[k]);
            ok &= pool->ctx[i][k] != NULL;
        }
    }
    return ok;
}

static void pool_free(key_pool *pool)
{
    for (int i = 0; i < 2 * KEYS_PER_SIZE; i++) {
        for (int k = 0; k < pool->impl_count; k++) {
            gw_aes_ctx_free(pool->ctx[i][k]);
        }
    }
}

/* A heap block whose last octet is the last octet of the allocation (AddressSanitizer sees an
 * overrun at once), the data starting offset octets in. */
typedef struct tight {
    uint8_t *base;
    uint8_t *p;
} tight;

static tight tight_new(size_t offset, size_t len, const uint8_t *init)
{
    tight t;
    t.base = gw_test_alloc(offset + len);
    t.p = t.base + offset;
    if (init != NULL && len > 0) {
        memcpy(t.p, init, len);
    }
    return t;
}

/* One GCM case: portable vs oracle, then each implementation vs portable. */
static void gcm_case(const key_pool *pool, gw_rng *rng, int key, size_t len, size_t aad_len, const char *why)
{
    uint8_t nonce[12];
    gw_rng_fill(rng, nonce, sizeof nonce);
    uint8_t *pt = gw_test_alloc(len);
    uint8_t *aad = gw_test_alloc(aad_len);
    uint8_t *ref_ct = gw_test_alloc(len);
    uint8_t *ct = gw_test_alloc(len);
    gw_rng_fill(rng, pt, len);
    gw_rng_fill(rng, aad, aad_len);
    uint8_t ref_tag[16], tag[16], oracle_tag[16];

    gw_test_context("%s: key %d (AES-%d) len=%zu aad=%zu, portable", why, key, pool->key_len[key] * 8, len, aad_len);
    const gw_aes_ctx *portable = pool->ctx[key][0];
    GW_EXPECT_STATUS(gw_aes_gcm_seal(portable, nonce, aad, (int32_t)aad_len, pt, ref_ct, (int32_t)len, ref_tag),
                     GW_OK, "portable seal");
    /* The oracle: only every 4th case past the sweep, it is slow by design (bitwise GHASH). */
    if (len <= 520 || gw_rng_below(rng, 4) == 0) {
        GW_CHECK(gw_ref_gcm_seal(portable, nonce, aad, aad_len, pt, ct, len, oracle_tag) == 0, "oracle failed");
        GW_EXPECT_BYTES(ref_ct, ct, len, "portable ciphertext vs SP 800-38D oracle");
        GW_EXPECT_BYTES(ref_tag, oracle_tag, 16, "portable tag vs SP 800-38D oracle");
    }

    for (int k = 0; k < pool->impl_count; k++) {
        const gw_aes_ctx *ctx = pool->ctx[key][k];
        gw_test_context("%s: key %d (AES-%d) len=%zu aad=%zu, impl=%s", why, key, pool->key_len[key] * 8, len,
                        aad_len, gw_aes_impl_name(pool->impls[k]));
        size_t in_off = gw_rng_below(rng, 16), out_off = gw_rng_below(rng, 16), aad_off = gw_rng_below(rng, 16);
        tight in = tight_new(in_off, len, pt);
        tight out = tight_new(out_off, len, NULL);
        tight a = tight_new(aad_off, aad_len, aad);

        /* out of place */
        GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, nonce, a.p, (int32_t)aad_len, in.p, out.p, (int32_t)len, tag), GW_OK,
                         "seal (out of place)");
        GW_EXPECT_BYTES(out.p, ref_ct, len, "ciphertext vs portable (out of place)");
        GW_EXPECT_BYTES(tag, ref_tag, 16, "tag vs portable (out of place)");
        memset(in.p, 0xA5, len);
        GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, nonce, a.p, (int32_t)aad_len, out.p, in.p, (int32_t)len, ref_tag), GW_OK,
                         "open (out of place)");
        GW_EXPECT_BYTES(in.p, pt, len, "plaintext after open (out of place)");

        /* in place */
        memcpy(in.p, pt, len);
        GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, nonce, a.p, (int32_t)aad_len, in.p, in.p, (int32_t)len, tag), GW_OK,
                         "seal (in place)");
        GW_EXPECT_BYTES(in.p, ref_ct, len, "ciphertext vs portable (in place)");
        GW_EXPECT_BYTES(tag, ref_tag, 16, "tag vs portable (in place)");
        GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, nonce, a.p, (int32_t)aad_len, in.p, in.p, (int32_t)len, ref_tag), GW_OK,
                         "open (in place)");
        GW_EXPECT_BYTES(in.p, pt, len, "plaintext after open (in place)");
        GW_EXPECT_BYTES(a.p, aad, aad_len, "AAD unchanged");

        free(in.base);
        free(out.base);
        free(a.base);
    }
    free(pt);
    free(aad);
    free(ref_ct);
    free(ct);
}

static void gcm_cross_check(const key_pool *pool, gw_rng *rng)
{
    long before = gw_test_failures;
    int cases = 0;
    /* Every length through 520 octets: 32 blocks plus tail, the widest stride (VAES512 4x4 blocks,
     * twice) and every partial-block remainder on the way. AAD length varies with it. */
    int stride = gw_test_quick() ? 7 : 1;
    for (size_t len = 0; len <= 520; len += (size_t)stride) {
        gcm_case(pool, rng, (int)(len % (2 * KEYS_PER_SIZE)), len, (len * 7) % 301, "sweep");
        cases++;
    }
    int randoms = gw_test_iterations(3000, 10);
    for (int i = 0; i < randoms; i++) {
        gcm_case(pool, rng, (int)gw_rng_below(rng, 2 * KEYS_PER_SIZE), gw_rng_below(rng, 1501), gw_rng_below(rng, 301),
                 "random");
        cases++;
    }
    int large = gw_test_iterations(120, 10);
    for (int i = 0; i < large; i++) {
        gcm_case(pool, rng, (int)gw_rng_below(rng, 2 * KEYS_PER_SIZE), 1501 + gw_rng_below(rng, 9000 - 1500),
                 gw_rng_below(rng, 301), "large");
        cases++;
    }
    gw_test_note("  GCM: %d cases x %d implementations: %s", cases, pool->impl_count,
                 gw_test_failures == before ? "ok" : "FAILED");
}

/* One CTR case from counter, len octets. */
static void ctr_case(const key_pool *pool, gw_rng *rng, int key, const uint8_t counter[16], size_t len,
                     const char *why)
{
    uint8_t *expect = gw_test_alloc(len);
    uint8_t *data = gw_test_alloc(len);
    uint8_t *out = gw_test_alloc(len);
    uint8_t *xored = gw_test_alloc(len);
    uint8_t saved_counter[16];
    gw_rng_fill(rng, data, len);
    memcpy(saved_counter, counter, 16);

    gw_test_context("%s: counter ..%02x%02x%02x%02x len=%zu oracle", why, counter[12], counter[13], counter[14],
                    counter[15], len);
    GW_CHECK(gw_ref_ctr(pool->ctx[key][0], counter, NULL, expect, len) == 0, "oracle failed");
    for (size_t i = 0; i < len; i++) {
        xored[i] = (uint8_t)(data[i] ^ expect[i]);
    }
    for (int k = 0; k < pool->impl_count; k++) {
        const gw_aes_ctx *ctx = pool->ctx[key][k];
        gw_test_context("%s: counter %02x%02x%02x%02x..%02x%02x%02x%02x len=%zu key %d impl=%s", why, counter[0],
                        counter[1], counter[2], counter[3], counter[12], counter[13], counter[14], counter[15], len,
                        key, gw_aes_impl_name(pool->impls[k]));
        tight t = tight_new(gw_rng_below(rng, 16), len, NULL);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, NULL, t.p, (int32_t)len), GW_OK, "ctr_xor (keystream)");
        GW_EXPECT_BYTES(t.p, expect, len, "keystream vs oracle");
        memset(out, 0, len);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, data, out, (int32_t)len), GW_OK, "ctr_xor (out of place)");
        GW_EXPECT_BYTES(out, xored, len, "XOR vs oracle (out of place)");
        memcpy(t.p, data, len);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, t.p, t.p, (int32_t)len), GW_OK, "ctr_xor (in place)");
        GW_EXPECT_BYTES(t.p, xored, len, "XOR vs oracle (in place)");
        GW_EXPECT_BYTES(counter, saved_counter, 16, "the counter block is read only");
        free(t.base);
    }
    free(expect);
    free(data);
    free(out);
    free(xored);
}

static void ctr_cross_check(const key_pool *pool, gw_rng *rng)
{
    long before = gw_test_failures;
    int cases = 0;
    int reps = gw_test_iterations(40, 10);
    /* carry_at: the counter's low carry_at/8 octets are all ones minus a few blocks, so the
     * keystream walks across the carry into the octet above (32: a 32-bit-counter shortcut would
     * wrap instead; 64: a two-word implementation must carry between words; 128: wraps to zero). */
    static const int carries[] = { 32, 64, 128 };
    for (size_t c = 0; c < sizeof carries / sizeof carries[0]; c++) {
        int carry_at = carries[c];
        for (int r = 0; r < reps; r++) {
            uint8_t counter[16];
            gw_rng_fill(rng, counter, 16);
            int low = carry_at / 8;
            memset(counter + 16 - low, 0xFF, (size_t)low);
            uint32_t below = gw_rng_below(rng, 40); /* blocks before the carry */
            counter[15] = (uint8_t)(0xFF - below);
            if (low < 16) {
                counter[15 - low] &= 0xFE; /* the octet above is not all ones, so the carry stops there */
            }
            size_t len = gw_rng_below(rng, 1100);
            if (r == 0) {
                len = 16 * (size_t)(below + 1) + 1; /* ends one octet into the block after the carry */
            }
            char why[64];
            snprintf(why, sizeof why, "ctr carry at bit %d", carry_at);
            ctr_case(pool, rng, (int)gw_rng_below(rng, 2 * KEYS_PER_SIZE), counter, len, why);
            cases++;
        }
    }
    int randoms = gw_test_iterations(300, 10);
    for (int r = 0; r < randoms; r++) {
        uint8_t counter[16];
        gw_rng_fill(rng, counter, 16);
        ctr_case(pool, rng, (int)gw_rng_below(rng, 2 * KEYS_PER_SIZE), counter, gw_rng_below(rng, 1501), "ctr random");
        cases++;
    }
    gw_test_note("  CTR: %d cases x %d implementations: %s", cases, pool->impl_count,
                 gw_test_failures == before ? "ok" : "FAILED");
}

void gw_group_cross_check(int dir_count, char **dirs)
{
    (void)dir_count;
    (void)dirs;
    uint64_t seed = gw_test_seed("cross_check");
    gw_rng rng;
    gw_rng_init(&rng, seed);
    key_pool *pool = gw_test_alloc(sizeof *pool);
    if (pool_init(pool, &rng)) {
        gcm_cross_check(pool, &rng);
        ctr_cross_check(pool, &rng);
    }
    pool_free(pool);
    free(pool);
    gw_batch_cross_check(gw_rng_next(&rng));
}
