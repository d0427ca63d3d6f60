/*
 * test_batch.c — gw_aes_gcm_seal_batch / open_batch: 32 packets per call with mixed keys, key sizes
 * and implementations, against single gw_aes_gcm_seal / open calls (part of cross_check), and the
 * per-packet status of a batch with forged packets in it (part of tamper).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_groups.h"
#include "test_harness.h"

#define BATCH 32
#define BATCH_KEYS 4 /* two AES-128 and two AES-256 keys, each on every implementation */

typedef struct batch_ctxs {
    gw_aes_ctx *ctx[BATCH_KEYS * GW_AES_IMPL_COUNT];
    int count;
} batch_ctxs;

static int batch_ctxs_init(batch_ctxs *c, gw_rng *rng)
{
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    c->count = 0;
    int ok = 1;
    for (int key = 0; key < BATCH_KEYS; key++) {
        uint8_t k[32];
        gw_rng_fill(rng, k, sizeof k);
        for (int i = 0; i < n; i++) {
            gw_aes_ctx *ctx = gw_test_ctx(k, key < 2 ? 16 : 32, impls[i]);
            ok &= ctx != NULL;
            if (ctx != NULL) {
                c->ctx[c->count++] = ctx;
            }
        }
    }
    return ok;
}

static void batch_ctxs_free(batch_ctxs *c)
{
    for (int i = 0; i < c->count; i++) {
        gw_aes_ctx_free(c->ctx[i]);
    }
}

/* The packets of one batch and everything they point at. */
typedef struct batch {
    gw_aead_op ops[BATCH];
    uint8_t nonce[BATCH][12];
    uint8_t tag[BATCH][16];
    uint8_t *aad[BATCH];
    uint8_t *pt[BATCH];      /* the plaintext, kept for comparison */
    uint8_t *ct[BATCH];      /* single-call seal result */
    uint8_t ct_tag[BATCH][16];
    int32_t status[BATCH];
} batch;

static void batch_make(batch *b, const batch_ctxs *c, gw_rng *rng)
{
    memset(b, 0, sizeof *b);
    for (int i = 0; i < BATCH; i++) {
        size_t len = gw_rng_below(rng, 8) == 0 ? 0 : gw_rng_below(rng, 1501);
        size_t aad_len = gw_rng_below(rng, 4) == 0 ? 0 : gw_rng_below(rng, 301);
        gw_rng_fill(rng, b->nonce[i], 12);
        b->aad[i] = gw_test_alloc(aad_len);
        gw_rng_fill(rng, b->aad[i], aad_len);
        b->pt[i] = gw_test_alloc(len);
        gw_rng_fill(rng, b->pt[i], len);
        b->ct[i] = gw_test_alloc(len);
        gw_aead_op *op = &b->ops[i];
        op->ctx = c->ctx[gw_rng_below(rng, (uint32_t)c->count)];
        op->nonce = b->nonce[i];
        op->aad = aad_len > 0 || gw_rng_below(rng, 2) ? b->aad[i] : NULL;
        op->aad_len = (int32_t)aad_len;
        op->data = gw_test_dup(b->pt[i], len);
        op->data_len = (int32_t)len;
        op->tag = b->tag[i];
        b->status[i] = 12345;
        /* the single-call answer */
        GW_EXPECT_STATUS(gw_aes_gcm_seal(op->ctx, op->nonce, op->aad, op->aad_len, b->pt[i], b->ct[i], op->data_len,
                                         b->ct_tag[i]),
                         GW_OK, "single seal");
    }
}

static void batch_free(batch *b)
{
    for (int i = 0; i < BATCH; i++) {
        free(b->aad[i]);
        free(b->pt[i]);
        free(b->ct[i]);
        free(b->ops[i].data);
    }
}

static void batch_round(const batch_ctxs *c, gw_rng *rng, int round)
{
    batch *b = gw_test_alloc(sizeof *b);
    batch_make(b, c, rng);
    gw_test_context("batch round %d: seal_batch", round);
    GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(b->ops, BATCH, b->status), 0, "seal_batch: packets not sealed");
    for (int i = 0; i < BATCH; i++) {
        gw_test_context("batch round %d op %d: impl=%s len=%d aad=%d, seal_batch vs gw_aes_gcm_seal", round, i,
                        gw_aes_impl_name(gw_aes_ctx_impl(b->ops[i].ctx)), (int)b->ops[i].data_len,
                        (int)b->ops[i].aad_len);
        GW_EXPECT_STATUS(b->status[i], GW_OK, "status");
        GW_EXPECT_BYTES(b->ops[i].data, b->ct[i], (size_t)b->ops[i].data_len, "ciphertext");
        GW_EXPECT_BYTES(b->tag[i], b->ct_tag[i], 16, "tag");
        b->status[i] = 12345;
    }
    gw_test_context("batch round %d: open_batch", round);
    GW_EXPECT_STATUS(gw_aes_gcm_open_batch(b->ops, BATCH, b->status), 0, "open_batch: packets not opened");
    for (int i = 0; i < BATCH; i++) {
        gw_test_context("batch round %d op %d: impl=%s len=%d aad=%d, open_batch", round, i,
                        gw_aes_impl_name(gw_aes_ctx_impl(b->ops[i].ctx)), (int)b->ops[i].data_len,
                        (int)b->ops[i].aad_len);
        GW_EXPECT_STATUS(b->status[i], GW_OK, "status");
        GW_EXPECT_BYTES(b->ops[i].data, b->pt[i], (size_t)b->ops[i].data_len, "plaintext");
    }
    batch_free(b);
    free(b);
}

/* Shorter batches (1, 2, 31) and an empty one behave like the full one. */
static void batch_sizes(const batch_ctxs *c, gw_rng *rng)
{
    static const int32_t sizes[] = { 0, 1, 2, 31 };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        batch *b = gw_test_alloc(sizeof *b);
        batch_make(b, c, rng);
        int32_t n = sizes[s];
        gw_test_context("batch of %d", (int)n);
        GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(b->ops, n, b->status), 0, "seal_batch");
        for (int i = 0; i < BATCH; i++) {
            if (i < n) {
                GW_EXPECT_STATUS(b->status[i], GW_OK, "status inside the batch");
                GW_EXPECT_BYTES(b->ops[i].data, b->ct[i], (size_t)b->ops[i].data_len, "ciphertext");
            } else {
                GW_CHECK(b->status[i] == 12345, "status[%d] past count %d was written", i, (int)n);
                GW_EXPECT_BYTES(b->ops[i].data, b->pt[i], (size_t)b->ops[i].data_len, "packet past count untouched");
            }
        }
        GW_EXPECT_STATUS(gw_aes_gcm_open_batch(b->ops, n, b->status), 0, "open_batch");
        for (int i = 0; i < n; i++) {
            GW_EXPECT_BYTES(b->ops[i].data, b->pt[i], (size_t)b->ops[i].data_len, "plaintext");
        }
        batch_free(b);
        free(b);
    }
}

/* A malformed packet (negative length, no context) is reported in its own status; the rest are sealed. */
static void batch_bad_ops(const batch_ctxs *c, gw_rng *rng)
{
    batch *b = gw_test_alloc(sizeof *b);
    batch_make(b, c, rng);
    const gw_aes_ctx *saved_ctx = b->ops[9].ctx;
    int32_t saved_len = b->ops[3].data_len;
    b->ops[3].data_len = -1;
    b->ops[9].ctx = NULL;
    gw_test_context("batch with bad ops 3 (data_len -1) and 9 (ctx NULL)");
    GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(b->ops, BATCH, b->status), 2, "seal_batch count of failed packets");
    for (int i = 0; i < BATCH; i++) {
        if (i == 3 || i == 9) {
            GW_EXPECT_STATUS(b->status[i], GW_ERR_ARGUMENT, i == 3 ? "status of op 3" : "status of op 9");
        } else {
            GW_EXPECT_STATUS(b->status[i], GW_OK, "status of a good op");
            GW_EXPECT_BYTES(b->ops[i].data, b->ct[i], (size_t)b->ops[i].data_len, "good op sealed");
        }
    }
    b->ops[3].data_len = saved_len;
    b->ops[9].ctx = saved_ctx;
    batch_free(b);
    free(b);
}

void gw_batch_cross_check(uint64_t seed)
{
    gw_rng rng;
    gw_rng_init(&rng, seed);
    long before = gw_test_failures;
    batch_ctxs c;
    if (batch_ctxs_init(&c, &rng)) {
        int rounds = gw_test_iterations(60, 10);
        for (int r = 0; r < rounds; r++) {
            batch_round(&c, &rng, r);
        }
        batch_sizes(&c, &rng);
        batch_bad_ops(&c, &rng);
        gw_test_note("  batch: %d rounds of %d packets over %d contexts: %s", rounds, BATCH, c.count,
                     gw_test_failures == before ? "ok" : "FAILED");
    }
    batch_ctxs_free(&c);
}

void gw_batch_tamper(uint64_t seed)
{
    gw_rng rng;
    gw_rng_init(&rng, seed);
    long before = gw_test_failures;
    batch_ctxs c;
    int rounds = gw_test_iterations(20, 4);
    if (batch_ctxs_init(&c, &rng)) {
        for (int r = 0; r < rounds; r++) {
            batch *b = gw_test_alloc(sizeof *b);
            batch_make(b, &c, &rng);
            gw_test_context("tamper batch round %d: seal", r);
            GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(b->ops, BATCH, b->status), 0, "seal_batch");
            /* Forge packets 0, 5, 17 and 31 — each a different way — and leave the others good. */
            int forged[BATCH] = { 0 };
            static const int victims[4] = { 0, 5, 17, 31 };
            for (int v = 0; v < 4; v++) {
                int i = victims[v];
                gw_aead_op *op = &b->ops[i];
                int how = (v + r) % 4;
                if (how == 0 && op->data_len > 0) {
                    op->data[gw_rng_below(&rng, (uint32_t)op->data_len)] ^= (uint8_t)(1u << gw_rng_below(&rng, 8));
                } else if (how == 1 && op->aad_len > 0) {
                    b->aad[i][gw_rng_below(&rng, (uint32_t)op->aad_len)] ^= (uint8_t)(1u << gw_rng_below(&rng, 8));
                } else if (how == 2) {
                    b->nonce[i][gw_rng_below(&rng, 12)] ^= (uint8_t)(1u << gw_rng_below(&rng, 8));
                } else {
                    b->tag[i][gw_rng_below(&rng, 16)] ^= (uint8_t)(1u << gw_rng_below(&rng, 8));
                }
                forged[i] = 1;
                b->status[i] = 12345;
            }
            gw_test_context("tamper batch round %d: open with packets 0, 5, 17, 31 forged", r);
            GW_EXPECT_STATUS(gw_aes_gcm_open_batch(b->ops, BATCH, b->status), 4, "open_batch count of failures");
            for (int i = 0; i < BATCH; i++) {
                gw_test_context("tamper batch round %d op %d (%s), impl=%s len=%d", r, i, forged[i] ? "forged" : "good",
                                gw_aes_impl_name(gw_aes_ctx_impl(b->ops[i].ctx)), (int)b->ops[i].data_len);
                if (forged[i]) {
                    GW_EXPECT_STATUS(b->status[i], GW_ERR_AUTH, "status of a forged packet");
                    GW_EXPECT_ZERO(b->ops[i].data, (size_t)b->ops[i].data_len, "forged packet zeroed");
                } else {
                    GW_EXPECT_STATUS(b->status[i], GW_OK, "status of a good packet");
                    GW_EXPECT_BYTES(b->ops[i].data, b->pt[i], (size_t)b->ops[i].data_len, "good packet opened");
                }
            }
            batch_free(b);
            free(b);
        }
        gw_test_note("  batch: %d rounds with 4 forged packets of %d: %s", rounds, BATCH,
                     gw_test_failures == before ? "ok" : "FAILED");
    }
    batch_ctxs_free(&c);
}
