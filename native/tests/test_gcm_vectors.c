/*
 * test_gcm_vectors.c — published AES-GCM known answers on every implementation this CPU runs:
 *   nist_gcm_vectors: tests/vectors/nist-gcm.txt (McGrew-Viega cases 1-4, 13-16; NIST CAVP
 *                     gcmEncryptExtIV128/256 with 96-bit IVs).
 *   rfc7714_vectors:  the AEAD blocks of shared/vectors/rfc7714.txt (SRTP/SRTCP AES-GCM, RFC 7714
 *                     §16-17), plus H = E(K, 0^128) (the GHASH subkey, SP 800-38D §6.4) where printed.
 * Each vector is sealed and opened out of place (misaligned buffers with canaries) and in place, and
 * once more through the batch API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_groups.h"
#include "test_harness.h"
#include "vector_file.h"

typedef struct gcm_vector {
    const char *name;
    const uint8_t *key;
    size_t key_len;
    const uint8_t *iv;
    const uint8_t *aad;
    size_t aad_len;
    const uint8_t *pt;
    const uint8_t *ct;
    size_t len;
    const uint8_t *tag;
} gcm_vector;

/* Out of place: input at in_off, output at out_off octets past a 32-octet canary. */
static void seal_open_out_of_place(gw_aes_ctx *ctx, const gcm_vector *v, size_t in_off, size_t out_off)
{
    /* Zero-length inputs go in as NULL: the contract allows it and a C# caller with an empty span
     * passes exactly that. */
    const uint8_t *aad = v->aad_len > 0 ? v->aad : NULL;
    gw_guarded in = gw_guarded_new(in_off, v->len, v->pt);
    gw_guarded out = gw_guarded_new(out_off, v->len, NULL);
    gw_guarded tag = gw_guarded_new(in_off, 16, NULL); /* misaligned like the data */
    uint8_t *in_p = v->len > 0 ? in.p : NULL;
    uint8_t *out_p = v->len > 0 ? out.p : NULL;

    GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, v->iv, aad, (int32_t)v->aad_len, in_p, out_p, (int32_t)v->len, tag.p),
                     GW_OK, "seal (out of place)");
    GW_EXPECT_BYTES(out.p, v->ct, v->len, "seal ciphertext (out of place)");
    GW_EXPECT_BYTES(tag.p, v->tag, 16, "seal tag (out of place)");
    GW_EXPECT_BYTES(in.p, v->pt, v->len, "seal left its input alone");
    GW_EXPECT_GUARDS(&out, "seal output");
    GW_EXPECT_GUARDS(&tag, "seal tag");

    memcpy(in.p, v->ct, v->len);
    memset(out.p, 0xA5, v->len);
    memcpy(tag.p, v->tag, 16);
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, v->iv, aad, (int32_t)v->aad_len, in_p, out_p, (int32_t)v->len, tag.p),
                     GW_OK, "open (out of place)");
    GW_EXPECT_BYTES(out.p, v->pt, v->len, "open plaintext (out of place)");
    GW_EXPECT_GUARDS(&out, "open output");
    GW_EXPECT_GUARDS(&in, "open input");

    gw_guarded_free(&in);
    gw_guarded_free(&out);
    gw_guarded_free(&tag);
}

static void seal_open_in_place(gw_aes_ctx *ctx, const gcm_vector *v, size_t off)
{
    gw_guarded buf = gw_guarded_new(off, v->len, v->pt);
    gw_guarded aad = gw_guarded_new(off, v->aad_len, v->aad);
    uint8_t tag[16];

    GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, v->iv, aad.p, (int32_t)v->aad_len, buf.p, buf.p, (int32_t)v->len, tag),
                     GW_OK, "seal (in place)");
    GW_EXPECT_BYTES(buf.p, v->ct, v->len, "seal ciphertext (in place)");
    GW_EXPECT_BYTES(tag, v->tag, 16, "seal tag (in place)");
    GW_EXPECT_GUARDS(&buf, "seal buffer (in place)");

    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, v->iv, aad.p, (int32_t)v->aad_len, buf.p, buf.p, (int32_t)v->len, tag),
                     GW_OK, "open (in place)");
    GW_EXPECT_BYTES(buf.p, v->pt, v->len, "open plaintext (in place)");
    GW_EXPECT_GUARDS(&buf, "open buffer (in place)");
    GW_EXPECT_BYTES(aad.p, v->aad, v->aad_len, "the AAD is read only");

    gw_guarded_free(&buf);
    gw_guarded_free(&aad);
}

static void check_vector(const gcm_vector *v, int32_t impl)
{
    gw_test_context("impl=%s vector=[%s]", gw_aes_impl_name(impl), v->name);
    gw_aes_ctx *ctx = gw_test_ctx(v->key, (int32_t)v->key_len, impl);
    if (ctx == NULL) {
        return;
    }
    GW_CHECK(gw_aes_ctx_impl(ctx) == impl, "gw_aes_ctx_impl returned %d", (int)gw_aes_ctx_impl(ctx));
    seal_open_out_of_place(ctx, v, 0, 0);
    seal_open_out_of_place(ctx, v, 1, 7);
    seal_open_out_of_place(ctx, v, 13, 2);
    seal_open_in_place(ctx, v, 0);
    seal_open_in_place(ctx, v, 5);
    gw_aes_ctx_free(ctx);
}

/* All vectors of a file as one batch per implementation: seal in place, then open in place. */
static void check_batch(const gcm_vector *vs, size_t count, int32_t impl)
{
    gw_test_context("impl=%s batch of %zu vectors", gw_aes_impl_name(impl), count);
    gw_aes_ctx **ctxs = gw_test_alloc(count * sizeof *ctxs);
    gw_aead_op *ops = gw_test_alloc(count * sizeof *ops);
    uint8_t (*tags)[16] = gw_test_alloc(count * sizeof *tags);
    int32_t *status = gw_test_alloc(count * sizeof *status);
    int ok = 1;
    for (size_t i = 0; i < count; i++) {
        ctxs[i] = gw_test_ctx(vs[i].key, (int32_t)vs[i].key_len, impl);
        ok &= ctxs[i] != NULL;
        ops[i].ctx = ctxs[i];
        ops[i].nonce = vs[i].iv;
        ops[i].aad = vs[i].aad;
        ops[i].aad_len = (int32_t)vs[i].aad_len;
        ops[i].data = gw_test_dup(vs[i].pt, vs[i].len);
        ops[i].data_len = (int32_t)vs[i].len;
        ops[i].tag = tags[i];
        status[i] = 12345;
    }
    if (ok) {
        GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(ops, (int32_t)count, status), 0, "seal_batch failures");
        for (size_t i = 0; i < count; i++) {
            gw_test_context("impl=%s batch seal, op %zu = [%s]", gw_aes_impl_name(impl), i, vs[i].name);
            GW_EXPECT_STATUS(status[i], GW_OK, "seal_batch status");
            GW_EXPECT_BYTES(ops[i].data, vs[i].ct, vs[i].len, "seal_batch ciphertext");
            GW_EXPECT_BYTES(tags[i], vs[i].tag, 16, "seal_batch tag");
            status[i] = 12345;
        }
        gw_test_context("impl=%s batch of %zu vectors", gw_aes_impl_name(impl), count);
        GW_EXPECT_STATUS(gw_aes_gcm_open_batch(ops, (int32_t)count, status), 0, "open_batch failures");
        for (size_t i = 0; i < count; i++) {
            gw_test_context("impl=%s batch open, op %zu = [%s]", gw_aes_impl_name(impl), i, vs[i].name);
            GW_EXPECT_STATUS(status[i], GW_OK, "open_batch status");
            GW_EXPECT_BYTES(ops[i].data, vs[i].pt, vs[i].len, "open_batch plaintext");
        }
    }
    for (size_t i = 0; i < count; i++) {
        gw_aes_ctx_free(ctxs[i]);
        free(ops[i].data);
    }
    free(ctxs);
    free(ops);
    free(tags);
    free(status);
}

static void run_vectors(const gcm_vector *vs, size_t count)
{
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    for (int k = 0; k < n; k++) {
        long before = gw_test_failures;
        for (size_t i = 0; i < count; i++) {
            check_vector(&vs[i], impls[k]);
        }
        check_batch(vs, count, impls[k]);
        gw_test_note("  %-9s %zu vectors: %s", gw_aes_impl_name(impls[k]), count,
                     gw_test_failures == before ? "ok" : "FAILED");
    }
}

/* Collects the decoded fields so the vectors can point into them. */
typedef struct vector_set {
    gcm_vector *v;
    gw_bytes *fields; /* 6 per vector: key, iv, aad, plaintext, ciphertext, tag */
    size_t count;
} vector_set;

static vector_set vector_set_new(size_t blocks)
{
    vector_set set = { gw_test_alloc(blocks * sizeof *set.v), gw_test_alloc(blocks * 6 * sizeof *set.fields), 0 };
    memset(set.fields, 0, blocks * 6 * sizeof *set.fields);
    return set;
}

static void vector_set_free(vector_set *set, size_t blocks)
{
    for (size_t i = 0; i < blocks * 6; i++) {
        gw_bytes_free(&set->fields[i]);
    }
    free(set->fields);
    free(set->v);
}

static int shape_ok(const gw_vec_file *file, const gw_vec_block *b, const gcm_vector *v)
{
    gw_test_checks++;
    if ((v->key_len != 16 && v->key_len != 32) || v->tag == NULL) {
        gw_test_fail(__FILE__, __LINE__, "%s:%d [%s]: needs a 16- or 32-octet key, a 12-octet iv, a 16-octet tag",
                     file->path, b->line, b->title);
        return 0;
    }
    return 1;
}

void gw_group_nist_gcm_vectors(int dir_count, char **dirs)
{
    gw_vec_file file;
    if (gw_vec_load("nist-gcm.txt", dir_count, dirs, &file) != 0) {
        return;
    }
    vector_set set = vector_set_new(file.block_count);
    static const char *const labels[6] = { "key", "iv", "aad", "plaintext", "ciphertext", "tag" };
    for (size_t i = 0; i < file.block_count; i++) {
        const gw_vec_block *b = &file.blocks[i];
        gw_bytes *f = &set.fields[i * 6];
        int complete = 1;
        for (int k = 0; k < 6; k++) {
            f[k] = gw_vec_bytes(&file, b, labels[k]);
            complete &= f[k].present;
        }
        gw_test_checks++;
        if (!complete || f[1].len != 12 || f[5].len != 16 || f[3].len != f[4].len) {
            gw_test_fail(__FILE__, __LINE__,
                         "%s:%d [%s]: every NIST block needs key, iv (12), aad, plaintext, ciphertext "
                         "(as long as the plaintext) and tag (16)",
                         file.path, b->line, b->title);
            continue;
        }
        gcm_vector *v = &set.v[set.count];
        *v = (gcm_vector){ b->title, f[0].p, f[0].len, f[1].p, f[2].p, f[2].len, f[3].p, f[4].p, f[3].len, f[5].p };
        if (shape_ok(&file, b, v)) {
            set.count++;
        }
    }
    GW_CHECK(set.count == file.block_count, "%s: %zu of %zu blocks usable", file.path, set.count, file.block_count);
    gw_test_note("nist_gcm_vectors: %zu vectors from %s", set.count, file.path);
    run_vectors(set.v, set.count);
    vector_set_free(&set, file.block_count);
    gw_vec_free(&file);
}

/*
 * RFC 7714 blocks print their AEAD inputs and outputs in different shapes:
 *   16.x.1 / 17.1 / 17.2: plaintext, ciphertext, tag (and aad).
 *   16.x.2 (decryption):  plaintext and srtp_packet = aad || ciphertext || tag (RFC 7714 §8.2 layout).
 *   16.x.3-4, 17.3-4 (authentication only): aad and tag, no plaintext (an empty AES-GCM payload).
 * This forms (key, iv, aad, plaintext, ciphertext, tag) from whichever is printed.
 */
static int rfc7714_vector(const gw_vec_file *file, const gw_vec_block *b, gw_bytes *f, gcm_vector *v)
{
    static const char *const labels[6] = { "key", "iv", "aad", "plaintext", "ciphertext", "tag" };
    for (int k = 0; k < 6; k++) {
        f[k] = gw_vec_bytes(file, b, labels[k]);
    }
    gw_test_checks++;
    if (!f[0].present || !f[1].present || !f[2].present || f[1].len != 12) {
        gw_test_fail(__FILE__, __LINE__, "%s:%d [%s]: an AEAD block needs key, iv (12 octets) and aad", file->path,
                     b->line, b->title);
        return 0;
    }
    size_t pt_len = f[3].len;
    if (!f[4].present || !f[5].present) {
        gw_bytes packet = gw_vec_bytes(file, b, "srtp_packet");
        if (!f[4].present && !f[3].present && f[5].present) {
            /* authentication only: empty payload */
        } else if (packet.present && packet.len == f[2].len + pt_len + 16 &&
                   memcmp(packet.p, f[2].p, f[2].len) == 0) {
            gw_bytes_free(&f[4]);
            gw_bytes_free(&f[5]);
            f[4].p = gw_test_dup(packet.p + f[2].len, pt_len);
            f[4].len = pt_len;
            f[4].present = 1;
            f[5].p = gw_test_dup(packet.p + f[2].len + pt_len, 16);
            f[5].len = 16;
            f[5].present = 1;
        } else {
            gw_test_fail(__FILE__, __LINE__,
                         "%s:%d [%s]: neither ciphertext+tag nor an srtp_packet = aad || ciphertext || tag",
                         file->path, b->line, b->title);
            gw_bytes_free(&packet);
            return 0;
        }
        gw_bytes_free(&packet);
    }
    gw_test_checks++;
    if (f[4].len != pt_len || f[5].len != 16) {
        gw_test_fail(__FILE__, __LINE__, "%s:%d [%s]: ciphertext length %zu != plaintext %zu, or tag not 16 octets",
                     file->path, b->line, b->title, f[4].len, pt_len);
        return 0;
    }
    *v = (gcm_vector){ b->title, f[0].p, f[0].len, f[1].p, f[2].p, f[2].len, f[3].p, f[4].p, pt_len, f[5].p };
    return shape_ok(file, b, v);
}

/* H = E(K, 0^128), the GHASH subkey (SP 800-38D §6.4 step 1), through gw_aes_encrypt_block. */
static void check_h(const gcm_vector *v, const gw_bytes *h)
{
    static const uint8_t zero[16];
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    for (int k = 0; k < n; k++) {
        gw_test_context("impl=%s vector=[%s] H", gw_aes_impl_name(impls[k]), v->name);
        gw_aes_ctx *ctx = gw_test_ctx(v->key, (int32_t)v->key_len, impls[k]);
        if (ctx == NULL) {
            continue;
        }
        uint8_t out[16];
        GW_EXPECT_STATUS(gw_aes_encrypt_block(ctx, zero, out), GW_OK, "encrypt_block");
        GW_EXPECT_BYTES(out, h->p, 16, "H = E(K, 0^128)");
        /* in == out is allowed for a single block too */
        memset(out, 0, sizeof out);
        GW_EXPECT_STATUS(gw_aes_encrypt_block(ctx, out, out), GW_OK, "encrypt_block in place");
        GW_EXPECT_BYTES(out, h->p, 16, "H = E(K, 0^128) in place");
        gw_aes_ctx_free(ctx);
    }
}

void gw_group_rfc7714_vectors(int dir_count, char **dirs)
{
    gw_vec_file file;
    if (gw_vec_load("rfc7714.txt", dir_count, dirs, &file) != 0) {
        return;
    }
    vector_set set = vector_set_new(file.block_count);
    size_t h_checked = 0;
    for (size_t i = 0; i < file.block_count; i++) {
        const gw_vec_block *b = &file.blocks[i];
        if (gw_vec_get(&file, b, "key") == NULL) {
            continue; /* not an AEAD block */
        }
        gcm_vector *v = &set.v[set.count];
        if (!rfc7714_vector(&file, b, &set.fields[i * 6], v)) {
            continue;
        }
        set.count++;
        gw_bytes h = gw_vec_bytes(&file, b, "H");
        if (h.present) {
            GW_CHECK(h.len == 16, "[%s] H is %zu octets", b->title, h.len);
            if (h.len == 16) {
                check_h(v, &h);
                h_checked++;
            }
        }
        gw_bytes_free(&h);
    }
    /* RFC 7714 §16-17 print twelve AEAD examples; fewer means the file or this reader went wrong. */
    GW_CHECK(set.count == 12, "%s: expected 12 AEAD blocks, formed %zu", file.path, set.count);
    GW_CHECK(h_checked >= 4, "%s: expected H in at least 4 blocks, saw %zu", file.path, h_checked);
    gw_test_note("rfc7714_vectors: %zu AEAD blocks (%zu with H) from %s", set.count, h_checked, file.path);
    run_vectors(set.v, set.count);
    vector_set_free(&set, file.block_count);
    gw_vec_free(&file);
}
