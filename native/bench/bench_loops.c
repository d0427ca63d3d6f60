/*
 * bench_loops.c — the C peers of the managed AES-GCM benchmarks (see gateway_native_bench.h):
 * plain C loops over the gw_ exports, and OpenSSL EVP with a reused context.
 *
 * Nothing here allocates per operation: the loops work in the caller's buffers, and the EVP contexts
 * are made once in gw_bench_evp_create.
 */
#include <stdlib.h>
#include <string.h>

#include "gateway_native_bench.h"

#if defined(GW_BENCH_HAVE_OPENSSL)
#include <openssl/crypto.h>
#include <openssl/evp.h>
#endif

/* The size of a GCM tag, SP 800-38D §5.2.1.2 (t = 128). */
#define BENCH_TAG_LEN 16

GW_API int32_t gw_bench_seal_loop(const gw_aes_ctx *ctx, int32_t iterations, const uint8_t *nonce12,
                                  const uint8_t *aad, int32_t aad_len, uint8_t *data, int32_t len,
                                  uint8_t *tag16)
{
    if (iterations < 0) {
        return GW_ERR_ARGUMENT;
    }
    for (int32_t i = 0; i < iterations; i++) {
        const int32_t s = gw_aes_gcm_seal(ctx, nonce12, aad, aad_len, data, data, len, tag16);
        if (s != GW_OK) {
            return s;
        }
    }
    return GW_OK;
}

GW_API int32_t gw_bench_open_loop(const gw_aes_ctx *ctx, int32_t iterations, const uint8_t *nonce12,
                                  const uint8_t *aad, int32_t aad_len, const uint8_t *sealed,
                                  uint8_t *scratch, int32_t len, const uint8_t *tag16)
{
    if (iterations < 0) {
        return GW_ERR_ARGUMENT;
    }
    /* Keep going after a failure so a broken setup costs what a working one does; report it at the end. */
    int32_t result = GW_OK;
    for (int32_t i = 0; i < iterations; i++) {
        const int32_t s = gw_aes_gcm_open(ctx, nonce12, aad, aad_len, sealed, scratch, len, tag16);
        if (s == GW_ERR_ARGUMENT) {
            return s;
        }
        if (s != GW_OK) {
            result = s;
        }
    }
    return result;
}

GW_API int32_t gw_bench_seal_ops(const gw_aead_op *ops, int32_t count)
{
    if (ops == NULL || count < 0) {
        return GW_ERR_ARGUMENT;
    }
    int32_t failed = 0;
    for (int32_t i = 0; i < count; i++) {
        const gw_aead_op *op = &ops[i];
        failed += gw_aes_gcm_seal(op->ctx, op->nonce, op->aad, op->aad_len, op->data, op->data, op->data_len,
                                  op->tag) != GW_OK;
    }
    return failed;
}

GW_API int32_t gw_bench_open_ops(const gw_aead_op *ops, int32_t count, const uint8_t *sealed, int32_t stride)
{
    if (ops == NULL || count < 0 || sealed == NULL || stride < 0) {
        return GW_ERR_ARGUMENT;
    }
    /* Restore all packets first, then open all: the same order as the managed batch benchmark
     * (copy into the slab, then one gw_aes_gcm_open_batch call), so the copies cost the same. */
    for (int32_t i = 0; i < count; i++) {
        if (ops[i].data_len < 0 || ops[i].data_len > stride || (ops[i].data_len > 0 && ops[i].data == NULL)) {
            return GW_ERR_ARGUMENT;
        }
        if (ops[i].data_len > 0) {
            memcpy(ops[i].data, sealed + (size_t)i * (size_t)stride, (size_t)ops[i].data_len);
        }
    }
    int32_t failed = 0;
    for (int32_t i = 0; i < count; i++) {
        const gw_aead_op *op = &ops[i];
        failed += gw_aes_gcm_open(op->ctx, op->nonce, op->aad, op->aad_len, op->data, op->data, op->data_len,
                                  op->tag) != GW_OK;
    }
    return failed;
}

#if defined(GW_BENCH_HAVE_OPENSSL)

struct gw_bench_evp {
    EVP_CIPHER_CTX *enc; /* initialised with cipher and key once; per packet only the IV is set */
    EVP_CIPHER_CTX *dec;
};

GW_API int32_t gw_bench_evp_available(void)
{
    return 1;
}

GW_API const char *gw_bench_evp_version(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

GW_API void gw_bench_evp_free(gw_bench_evp *evp)
{
    if (evp != NULL) {
        EVP_CIPHER_CTX_free(evp->enc); /* clears the key schedule */
        EVP_CIPHER_CTX_free(evp->dec);
        free(evp);
    }
}

GW_API int32_t gw_bench_evp_create(const uint8_t *key, int32_t key_len, gw_bench_evp **out_evp)
{
    if (out_evp == NULL) {
        return GW_ERR_ARGUMENT;
    }
    *out_evp = NULL;
    if (key == NULL || (key_len != 16 && key_len != 32)) {
        return GW_ERR_ARGUMENT;
    }
    const EVP_CIPHER *cipher = key_len == 16 ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
    gw_bench_evp *evp = calloc(1, sizeof *evp);
    if (evp == NULL) {
        return GW_ERR_NO_MEMORY;
    }
    evp->enc = EVP_CIPHER_CTX_new();
    evp->dec = EVP_CIPHER_CTX_new();
    /* The GCM IV length defaults to 12 bytes (SP 800-38D §8.2.1's deterministic construction), so
     * no EVP_CTRL_GCM_SET_IVLEN is needed; the key is set here once, the IV per packet. */
    if (evp->enc == NULL || evp->dec == NULL ||
        EVP_EncryptInit_ex(evp->enc, cipher, NULL, key, NULL) != 1 ||
        EVP_DecryptInit_ex(evp->dec, cipher, NULL, key, NULL) != 1) {
        gw_bench_evp_free(evp);
        return GW_ERR_NO_MEMORY;
    }
    *out_evp = evp;
    return GW_OK;
}

static int evp_args_valid(const gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                          const uint8_t *aad, int32_t aad_len, const uint8_t *in, const uint8_t *out,
                          int32_t len, const uint8_t *tag16)
{
    return evp != NULL && iterations >= 0 && nonce12 != NULL && tag16 != NULL && aad_len >= 0 && len >= 0 &&
           (aad_len == 0 || aad != NULL) && (len == 0 || (in != NULL && out != NULL));
}

GW_API int32_t gw_bench_evp_seal_loop(gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                                      const uint8_t *aad, int32_t aad_len, uint8_t *data, int32_t len,
                                      uint8_t *tag16)
{
    if (!evp_args_valid(evp, iterations, nonce12, aad, aad_len, data, data, len, tag16)) {
        return GW_ERR_ARGUMENT;
    }
    EVP_CIPHER_CTX *c = evp->enc;
    for (int32_t i = 0; i < iterations; i++) {
        int n = 0;
        int tail = 0;
        uint8_t final_block[16]; /* GCM's Final writes nothing; a real buffer keeps NULL + 0 out */
        /* The reused-context pattern: NULL cipher and key keep the schedule, the IV restarts GCM. */
        if (EVP_EncryptInit_ex(c, NULL, NULL, NULL, nonce12) != 1 ||
            (aad_len > 0 && EVP_EncryptUpdate(c, NULL, &n, aad, aad_len) != 1) ||
            (len > 0 && EVP_EncryptUpdate(c, data, &n, data, len) != 1) ||
            EVP_EncryptFinal_ex(c, final_block, &tail) != 1 ||
            EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, BENCH_TAG_LEN, tag16) != 1) {
            return GW_ERR_ARGUMENT;
        }
    }
    return GW_OK;
}

GW_API int32_t gw_bench_evp_open_loop(gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                                      const uint8_t *aad, int32_t aad_len, const uint8_t *sealed,
                                      uint8_t *scratch, int32_t len, const uint8_t *tag16)
{
    if (!evp_args_valid(evp, iterations, nonce12, aad, aad_len, sealed, scratch, len, tag16)) {
        return GW_ERR_ARGUMENT;
    }
    /* EVP_CTRL_AEAD_SET_TAG takes a non-const pointer; it only reads it. */
    uint8_t expected[BENCH_TAG_LEN];
    memcpy(expected, tag16, sizeof expected);
    EVP_CIPHER_CTX *c = evp->dec;
    int32_t result = GW_OK;
    for (int32_t i = 0; i < iterations; i++) {
        int n = 0;
        int tail = 0;
        uint8_t final_block[16];
        if (EVP_DecryptInit_ex(c, NULL, NULL, NULL, nonce12) != 1 ||
            (aad_len > 0 && EVP_DecryptUpdate(c, NULL, &n, aad, aad_len) != 1) ||
            (len > 0 && EVP_DecryptUpdate(c, scratch, &n, sealed, len) != 1) ||
            EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, BENCH_TAG_LEN, expected) != 1) {
            return GW_ERR_ARGUMENT;
        }
        /* Final verifies the tag (constant time inside OpenSSL): <= 0 is a failed authentication. */
        if (EVP_DecryptFinal_ex(c, final_block, &tail) <= 0) {
            result = GW_ERR_AUTH;
        }
    }
    return result;
}

#else /* !GW_BENCH_HAVE_OPENSSL: the EVP peer is absent; the managed benchmarks skip it. */

GW_API int32_t gw_bench_evp_available(void)
{
    return 0;
}

GW_API const char *gw_bench_evp_version(void)
{
    return "none";
}

GW_API int32_t gw_bench_evp_create(const uint8_t *key, int32_t key_len, gw_bench_evp **out_evp)
{
    (void)key;
    (void)key_len;
    if (out_evp != NULL) {
        *out_evp = NULL;
    }
    return GW_ERR_UNSUPPORTED;
}

GW_API void gw_bench_evp_free(gw_bench_evp *evp)
{
    (void)evp;
}

GW_API int32_t gw_bench_evp_seal_loop(gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                                      const uint8_t *aad, int32_t aad_len, uint8_t *data, int32_t len,
                                      uint8_t *tag16)
{
    (void)evp, (void)iterations, (void)nonce12, (void)aad, (void)aad_len, (void)data, (void)len, (void)tag16;
    return GW_ERR_UNSUPPORTED;
}

GW_API int32_t gw_bench_evp_open_loop(gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                                      const uint8_t *aad, int32_t aad_len, const uint8_t *sealed,
                                      uint8_t *scratch, int32_t len, const uint8_t *tag16)
{
    (void)evp, (void)iterations, (void)nonce12, (void)aad, (void)aad_len, (void)sealed, (void)scratch, (void)len,
        (void)tag16;
    return GW_ERR_UNSUPPORTED;
}

#endif
