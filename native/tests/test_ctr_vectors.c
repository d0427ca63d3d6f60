/*
 * test_ctr_vectors.c — rfc3711_ctr_vectors: AES-CM (AES-CTR with the whole 128-bit block as the
 * counter) against RFC 3711 Appendix B, on every implementation this CPU runs.
 *   B.2: keystream blocks AES_K(counter) for the printed counters, both one block at a time and as
 *        one 1044512-octet keystream starting at the first counter (RFC 3711 §4.1.1).
 *   B.3: the key-derivation PRF (§4.3.1, §4.3.3): x = (label || index DIV kdr) XOR master_salt,
 *        right-aligned; output = AES-CM keystream under the master key from counter x * 2^16.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_groups.h"
#include "test_harness.h"
#include "vector_file.h"

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

static long decimal_field(const gw_vec_file *file, const gw_vec_block *b, const char *label)
{
    const char *s = gw_vec_get(file, b, label);
    char *end = NULL;
    long v = s != NULL ? strtol(s, &end, 10) : -1;
    gw_test_checks++;
    if (s == NULL || *end != '\0' || v < 0) {
        gw_test_fail(__FILE__, __LINE__, "%s:%d [%s]: no decimal \"%s\"", file->path, b->line, b->title, label);
        return -1;
    }
    return v;
}

typedef struct printed_block {
    const char *id;
    gw_bytes counter;
    gw_bytes keystream;
    size_t index; /* blocks after the first counter */
} printed_block;

static void check_b2(const gw_vec_file *file, const gw_vec_block *b)
{
    gw_bytes key = gw_vec_bytes(file, b, "session_key");
    gw_bytes first = gw_vec_bytes(file, b, "counter_0000");
    long octets = decimal_field(file, b, "keystream_octets_dec");
    long blocks = decimal_field(file, b, "keystream_blocks_dec");
    printed_block printed[16];
    size_t count = 0;
    gw_test_context("%s [%s]", file->path, b->title);
    GW_CHECK(key.len == 16 && first.len == 16, "B.2 needs a 16-octet session_key and counter_0000");
    GW_CHECK(octets > 0 && octets == blocks * 16, "keystream_octets_dec %ld != 16 * keystream_blocks_dec %ld",
             octets, blocks);
    if (key.len != 16 || first.len != 16 || octets <= 0 || octets != blocks * 16) {
        goto done;
    }

    for (size_t i = 0; i < b->field_count && count < 16; i++) {
        const gw_vec_field *f = &file->fields[b->first_field + i];
        if (strncmp(f->label, "counter_", 8) != 0) {
            continue;
        }
        printed_block *p = &printed[count];
        char ks_label[64];
        snprintf(ks_label, sizeof ks_label, "keystream_%s", f->label + 8);
        p->id = f->label + 8;
        p->counter = gw_vec_bytes(file, b, f->label);
        p->keystream = gw_vec_bytes(file, b, ks_label);
        count++;
        /* The counters differ from the first one in the low 64 bits only (index < 2^16 here). */
        int shape = p->counter.len == 16 && p->keystream.len == 16 && memcmp(p->counter.p, first.p, 8) == 0;
        uint64_t index = shape ? load_be64(p->counter.p + 8) - load_be64(first.p + 8) : 0;
        GW_CHECK(shape && index < (uint64_t)blocks, "counter_%s / %s: not a 16-octet counter within the %ld blocks",
                 p->id, ks_label, blocks);
        if (!(shape && index < (uint64_t)blocks)) {
            count--;
            gw_bytes_free(&p->counter);
            gw_bytes_free(&p->keystream);
            continue;
        }
        p->index = (size_t)index;
    }
    /* The RFC prints six blocks: 0000-0002 and FEFF-FF01. */
    GW_CHECK(count == 6, "expected 6 printed counter/keystream pairs, found %zu", count);

    size_t total = (size_t)octets;
    uint8_t *stream = gw_test_alloc(total);
    uint8_t *xored = gw_test_alloc(total);
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    for (int k = 0; k < n; k++) {
        long before = gw_test_failures;
        gw_test_context("impl=%s [%s]", gw_aes_impl_name(impls[k]), b->title);
        gw_aes_ctx *ctx = gw_test_ctx(key.p, 16, impls[k]);
        if (ctx == NULL) {
            continue;
        }
        for (size_t i = 0; i < count; i++) {
            uint8_t out[16];
            gw_test_context("impl=%s [%s] counter_%s alone", gw_aes_impl_name(impls[k]), b->title, printed[i].id);
            GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, printed[i].counter.p, NULL, out, 16), GW_OK, "ctr_xor keystream");
            GW_EXPECT_BYTES(out, printed[i].keystream.p, 16, "keystream block");
            GW_EXPECT_STATUS(gw_aes_encrypt_block(ctx, printed[i].counter.p, out), GW_OK, "encrypt_block");
            GW_EXPECT_BYTES(out, printed[i].keystream.p, 16, "AES_K(counter)");
        }

        gw_test_context("impl=%s [%s] one %zu-octet keystream", gw_aes_impl_name(impls[k]), b->title, total);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, first.p, NULL, stream, (int32_t)total), GW_OK, "ctr_xor keystream");
        for (size_t i = 0; i < count; i++) {
            GW_EXPECT_BYTES(stream + 16 * printed[i].index, printed[i].keystream.p, 16, printed[i].id);
        }
        /* The same keystream XORed onto zeros, in place and out of place. In quick mode (qemu) only a
         * prefix, as the full run above already covers the length. */
        size_t part = gw_test_quick() ? 4099 : total;
        memset(xored, 0, part);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, first.p, xored, xored, (int32_t)part), GW_OK, "ctr_xor in place");
        GW_EXPECT_BYTES(xored, stream, part, "in-place XOR onto zeros == keystream");
        uint8_t *zeros = gw_test_alloc(part);
        memset(zeros, 0, part);
        memset(xored, 0xA5, part);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, first.p, zeros, xored, (int32_t)part), GW_OK, "ctr_xor out of place");
        GW_EXPECT_BYTES(xored, stream, part, "out-of-place XOR onto zeros == keystream");
        free(zeros);
        gw_aes_ctx_free(ctx);
        gw_test_note("  %-9s B.2 %zu printed blocks, %zu-octet keystream: %s", gw_aes_impl_name(impls[k]), count,
                     total, gw_test_failures == before ? "ok" : "FAILED");
    }
    free(stream);
    free(xored);
    for (size_t i = 0; i < count; i++) {
        gw_bytes_free(&printed[i].counter);
        gw_bytes_free(&printed[i].keystream);
    }
done:
    gw_bytes_free(&key);
    gw_bytes_free(&first);
}

/* One derived key of B.3: label prefix "cipher_key", "cipher_salt" or "auth_key". */
static int check_b3_key(const gw_vec_file *file, const gw_vec_block *b, const char *name, const gw_bytes *master_key,
                        const gw_bytes *master_salt, const gw_bytes *index_div_kdr)
{
    char label[96];
    snprintf(label, sizeof label, "%s_label", name);
    gw_bytes key_label = gw_vec_bytes(file, b, label);
    snprintf(label, sizeof label, "%s_prf_input_x", name);
    gw_bytes printed_x = gw_vec_bytes(file, b, label);
    snprintf(label, sizeof label, "%s_aes_cm_input", name);
    gw_bytes printed_input = gw_vec_bytes(file, b, label);
    if (!printed_input.present) {
        gw_bytes_free(&printed_input);
        snprintf(label, sizeof label, "%s_aes_cm_input_block0", name);
        printed_input = gw_vec_bytes(file, b, label);
    }
    snprintf(label, sizeof label, "%s_aes_cm_output", name);
    gw_bytes output = gw_vec_bytes(file, b, label);
    gw_bytes derived = gw_vec_bytes(file, b, name);
    int ok = 0;

    gw_test_context("%s [%s] %s", file->path, b->title, name);
    GW_CHECK(key_label.len == 1 && derived.present && printed_input.len == 16,
             "%s needs %s_label (1 octet), %s and its AES-CM input", name, name, name);
    if (key_label.len != 1 || !derived.present || printed_input.len != 16) {
        goto done;
    }
    if (!output.present) {
        gw_bytes_free(&output);
        output.p = gw_test_dup(derived.p, derived.len);
        output.len = derived.len;
        output.present = 1;
    }

    /* §4.3.1: key_id = label || (index DIV kdr), 7 octets; x = key_id XOR master_salt with the least
     * significant bits aligned; the AES-CM IV is x * 2^16 (two zero octets appended, §4.3.3). */
    uint8_t x[14], counter[16];
    memcpy(x, master_salt->p, 14);
    x[7] ^= key_label.p[0];
    for (int i = 0; i < 6; i++) {
        x[8 + i] ^= index_div_kdr->p[i];
    }
    memcpy(counter, x, 14);
    counter[14] = 0;
    counter[15] = 0;
    if (printed_x.present) {
        GW_EXPECT_BYTES(x, printed_x.p, printed_x.len == 14 ? 14 : 0, "PRF input x");
        GW_CHECK(printed_x.len == 14, "%s_prf_input_x is %zu octets", name, printed_x.len);
    }
    GW_EXPECT_BYTES(counter, printed_input.p, 16, "AES-CM input x * 2^16");
    GW_CHECK(derived.len <= output.len && memcmp(derived.p, output.p, derived.len) == 0,
             "%s is not a prefix of its AES-CM output", name);

    uint8_t *out = gw_test_alloc(output.len);
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    for (int k = 0; k < n; k++) {
        gw_test_context("impl=%s [%s] %s (%zu octets)", gw_aes_impl_name(impls[k]), b->title, name, output.len);
        gw_aes_ctx *ctx = gw_test_ctx(master_key->p, 16, impls[k]);
        if (ctx == NULL) {
            continue;
        }
        memset(out, 0xA5, output.len);
        GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, NULL, out, (int32_t)output.len), GW_OK, "ctr_xor keystream");
        GW_EXPECT_BYTES(out, output.p, output.len, name);
        gw_aes_ctx_free(ctx);
    }
    free(out);
    ok = 1;
done:
    gw_bytes_free(&key_label);
    gw_bytes_free(&printed_x);
    gw_bytes_free(&printed_input);
    gw_bytes_free(&output);
    gw_bytes_free(&derived);
    return ok;
}

static void check_b3(const gw_vec_file *file, const gw_vec_block *b)
{
    gw_bytes master_key = gw_vec_bytes(file, b, "master_key");
    gw_bytes master_salt = gw_vec_bytes(file, b, "master_salt");
    gw_bytes index_div_kdr = gw_vec_bytes(file, b, "index_div_kdr");
    gw_test_context("%s [%s]", file->path, b->title);
    GW_CHECK(master_key.len == 16 && master_salt.len == 14 && index_div_kdr.len == 6,
             "B.3 needs master_key (16), master_salt (14), index_div_kdr (6)");
    if (master_key.len == 16 && master_salt.len == 14 && index_div_kdr.len == 6) {
        static const char *const names[] = { "cipher_key", "cipher_salt", "auth_key" };
        long before = gw_test_failures;
        int done = 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            done += check_b3_key(file, b, names[i], &master_key, &master_salt, &index_div_kdr);
        }
        gw_test_note("  B.3 key derivation: %d of 3 derived keys on every implementation: %s", done,
                     gw_test_failures == before ? "ok" : "FAILED");
    }
    gw_bytes_free(&master_key);
    gw_bytes_free(&master_salt);
    gw_bytes_free(&index_div_kdr);
}

void gw_group_rfc3711_ctr_vectors(int dir_count, char **dirs)
{
    gw_vec_file file;
    if (gw_vec_load("rfc3711.txt", dir_count, dirs, &file) != 0) {
        return;
    }
    int b2 = 0, b3 = 0;
    for (size_t i = 0; i < file.block_count; i++) {
        const gw_vec_block *b = &file.blocks[i];
        if (gw_vec_get(&file, b, "session_key") != NULL && gw_vec_get(&file, b, "counter_0000") != NULL) {
            check_b2(&file, b);
            b2++;
        } else if (gw_vec_get(&file, b, "master_key") != NULL) {
            check_b3(&file, b);
            b3++;
        }
    }
    GW_CHECK(b2 == 1 && b3 == 1, "%s: expected one B.2 and one B.3 block, found %d and %d", file.path, b2, b3);
    gw_vec_free(&file);
}
