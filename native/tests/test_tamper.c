/*
 * test_tamper.c — tamper: a single flipped bit anywhere in the ciphertext, the tag, the nonce or the
 * AAD makes gw_aes_gcm_open return GW_ERR_AUTH with its output all zeros (SP 800-38D §7.2 step 8:
 * no plaintext is released on FAIL), on every implementation, out of place and in place; so do a
 * wrong key and a shortened ciphertext or AAD. Then the same through open_batch (test_batch.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_groups.h"
#include "test_harness.h"

enum target { T_CIPHERTEXT, T_TAG, T_NONCE, T_AAD, T_COUNT };
static const char *const target_names[T_COUNT] = { "ciphertext", "tag", "nonce", "aad" };

typedef struct sealed {
    uint8_t nonce[12];
    uint8_t tag[16];
    uint8_t *aad;
    size_t aad_len;
    uint8_t *ct;
    size_t len;
} sealed;

/* Opens a (possibly forged) packet both ways and expects the forgery to be refused. */
static void expect_refused(const gw_aes_ctx *ctx, const sealed *s, size_t len, size_t aad_len, const char *what)
{
    /* out of place: the output is pre-filled so that "zeroed" is visible; the input stays as it was */
    gw_guarded out = gw_guarded_new(3, len, NULL);
    uint8_t *in = gw_test_dup(s->ct, len);
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, s->nonce, s->aad, (int32_t)aad_len, in, out.p, (int32_t)len, s->tag),
                     GW_ERR_AUTH, what);
    GW_EXPECT_ZERO(out.p, len, "output after a refused open (out of place)");
    GW_EXPECT_GUARDS(&out, "output after a refused open (out of place)");
    GW_EXPECT_BYTES(in, s->ct, len, "input of a refused out-of-place open is unchanged");
    gw_guarded_free(&out);

    /* in place */
    gw_guarded buf = gw_guarded_new(5, len, s->ct);
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, s->nonce, s->aad, (int32_t)aad_len, buf.p, buf.p, (int32_t)len, s->tag),
                     GW_ERR_AUTH, what);
    GW_EXPECT_ZERO(buf.p, len, "buffer after a refused open (in place)");
    GW_EXPECT_GUARDS(&buf, "buffer after a refused open (in place)");
    gw_guarded_free(&buf);
    free(in);
}

static uint8_t *target_bytes(sealed *s, enum target t, size_t *n)
{
    switch (t) {
    case T_CIPHERTEXT:
        *n = s->len;
        return s->ct;
    case T_TAG:
        *n = 16;
        return s->tag;
    case T_NONCE:
        *n = 12;
        return s->nonce;
    default:
        *n = s->aad_len;
        return s->aad;
    }
}

static void flip_and_check(const gw_aes_ctx *ctx, sealed *s, enum target t, size_t pos, int bit, const char *impl)
{
    size_t n = 0;
    uint8_t *bytes = target_bytes(s, t, &n);
    gw_test_context("impl=%s len=%zu aad=%zu: bit %d of %s octet %zu of %zu flipped", impl, s->len, s->aad_len, bit,
                    target_names[t], pos, n);
    bytes[pos] ^= (uint8_t)(1u << bit);
    expect_refused(ctx, s, s->len, s->aad_len, "open of a forged packet");
    bytes[pos] ^= (uint8_t)(1u << bit);
}

static void tamper_case(const gw_aes_ctx *ctx, const gw_aes_ctx *other_key, gw_rng *rng, size_t len, size_t aad_len)
{
    const char *impl = gw_aes_impl_name(gw_aes_ctx_impl(ctx));
    sealed s;
    s.len = len;
    s.aad_len = aad_len;
    s.aad = gw_test_alloc(aad_len);
    s.ct = gw_test_alloc(len);
    uint8_t *pt = gw_test_alloc(len);
    gw_rng_fill(rng, s.nonce, 12);
    gw_rng_fill(rng, s.aad, aad_len);
    gw_rng_fill(rng, pt, len);
    gw_test_context("impl=%s len=%zu aad=%zu", impl, len, aad_len);
    GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, s.nonce, s.aad, (int32_t)aad_len, pt, s.ct, (int32_t)len, s.tag), GW_OK,
                     "seal");

    /* The untouched packet opens (so a refusal below is the flipped bit's doing). */
    uint8_t *back = gw_test_alloc(len);
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, s.nonce, s.aad, (int32_t)aad_len, s.ct, back, (int32_t)len, s.tag), GW_OK,
                     "open of the genuine packet");
    GW_EXPECT_BYTES(back, pt, len, "genuine plaintext");
    free(back);

    for (int t = 0; t < T_COUNT; t++) {
        size_t n = 0;
        target_bytes(&s, (enum target)t, &n);
        if (n == 0) {
            continue;
        }
        /* first and last octet, every bit of each; then three random octets, one random bit each */
        for (int bit = 0; bit < 8; bit++) {
            flip_and_check(ctx, &s, (enum target)t, 0, bit, impl);
            if (n > 1) {
                flip_and_check(ctx, &s, (enum target)t, n - 1, bit, impl);
            }
        }
        for (int k = 0; k < 3; k++) {
            flip_and_check(ctx, &s, (enum target)t, gw_rng_below(rng, (uint32_t)n), (int)gw_rng_below(rng, 8), impl);
        }
    }

    gw_test_context("impl=%s len=%zu aad=%zu: opened under another key", impl, len, aad_len);
    expect_refused(other_key, &s, len, aad_len, "open under another key");
    if (len > 0) {
        gw_test_context("impl=%s len=%zu aad=%zu: last ciphertext octet dropped", impl, len, aad_len);
        expect_refused(ctx, &s, len - 1, aad_len, "open of a shortened ciphertext");
    }
    if (aad_len > 0) {
        gw_test_context("impl=%s len=%zu aad=%zu: last AAD octet dropped", impl, len, aad_len);
        expect_refused(ctx, &s, len, aad_len - 1, "open with a shortened AAD");
    }
    free(s.aad);
    free(s.ct);
    free(pt);
}

void gw_group_tamper(int dir_count, char **dirs)
{
    (void)dir_count;
    (void)dirs;
    uint64_t seed = gw_test_seed("tamper");
    gw_rng rng;
    gw_rng_init(&rng, seed);
    static const size_t lens[] = { 0, 1, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1500 };
    static const size_t aad_lens[] = { 0, 12, 20, 1, 16, 300 };
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    for (int k = 0; k < n; k++) {
        long before = gw_test_failures;
        int cases = 0;
        for (int key_len = 16; key_len <= 32; key_len += 16) {
            uint8_t key[32], other[32];
            gw_rng_fill(&rng, key, sizeof key);
            memcpy(other, key, sizeof other);
            other[key_len - 1] ^= 1; /* a key one bit away */
            gw_test_context("impl=%s AES-%d", gw_aes_impl_name(impls[k]), key_len * 8);
            gw_aes_ctx *ctx = gw_test_ctx(key, key_len, impls[k]);
            gw_aes_ctx *other_ctx = gw_test_ctx(other, key_len, impls[k]);
            if (ctx != NULL && other_ctx != NULL) {
                for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
                    tamper_case(ctx, other_ctx, &rng, lens[i], aad_lens[i % (sizeof aad_lens / sizeof aad_lens[0])]);
                    cases++;
                }
            }
            gw_aes_ctx_free(ctx);
            gw_aes_ctx_free(other_ctx);
        }
        gw_test_note("  %-9s %d sealed packets, every single-bit forgery sampled: %s", gw_aes_impl_name(impls[k]),
                     cases, gw_test_failures == before ? "ok" : "FAILED");
    }
    gw_batch_tamper(gw_rng_next(&rng));
}
