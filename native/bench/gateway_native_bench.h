/*
 * gateway_native_bench.h — the peers BenchmarkDotNet measures next to the managed calls, in
 * libgateway_native_bench.so (never shipped with the server; benchmarks only).
 *
 * Why C loops: a managed benchmark of gw_aes_gcm_seal measures the cipher plus one P/Invoke
 * transition per packet. The same call made `iterations` times from C has no transition, so
 * (managed time per op) / (C loop time per op) is the cost of crossing into native code — the
 * number the batch API exists to shrink.
 *
 * Why OpenSSL EVP: it is what a C relay would call; it answers "is our AES-GCM as fast as the
 * library everyone trusts", measured the way such a relay would use it (one EVP_CIPHER_CTX per key,
 * re-initialised with the nonce per packet).
 *
 * Every function returns GW_OK or a negative GW_ERR_* value (gateway_native.h). The EVP functions
 * return GW_ERR_UNSUPPORTED when the library was built without OpenSSL (gw_bench_evp_available 0).
 */
#ifndef GATEWAY_NATIVE_BENCH_H
#define GATEWAY_NATIVE_BENCH_H

#include <stdint.h>

#include "gateway_native.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Seals data[0..len) in place `iterations` times with the same nonce (the cost does not depend on
 * the bytes; the result is ciphertext of ciphertext, which nobody reads). tag16 receives the last tag.
 */
GW_API int32_t gw_bench_seal_loop(const gw_aes_ctx *ctx, int32_t iterations, const uint8_t *nonce12,
                                  const uint8_t *aad, int32_t aad_len, uint8_t *data, int32_t len,
                                  uint8_t *tag16);

/*
 * Opens the packet sealed[0..len) + tag16 `iterations` times out of place into scratch[0..len).
 * In place would not work: the first open turns the buffer into plaintext and every later open
 * would fail authentication (and take the zeroing path). Returns GW_ERR_AUTH if any open failed.
 */
GW_API int32_t gw_bench_open_loop(const gw_aes_ctx *ctx, int32_t iterations, const uint8_t *nonce12,
                                  const uint8_t *aad, int32_t aad_len, const uint8_t *sealed,
                                  uint8_t *scratch, int32_t len, const uint8_t *tag16);

/*
 * The plain C loop over a transport batch: gw_aes_gcm_seal once per op, in place. The peer of
 * gw_aes_gcm_seal_batch without its status array. Returns the number of failed ops, or
 * GW_ERR_ARGUMENT.
 */
GW_API int32_t gw_bench_seal_ops(const gw_aead_op *ops, int32_t count);

/*
 * The plain C loop for opening a batch in place: first restores every op's data from
 * sealed + i * stride (ops[i].data_len bytes; the same copies the managed batch benchmarks make),
 * then gw_aes_gcm_open once per op. Returns the number of failed ops, or GW_ERR_ARGUMENT.
 */
GW_API int32_t gw_bench_open_ops(const gw_aead_op *ops, int32_t count, const uint8_t *sealed, int32_t stride);

/* OpenSSL EVP peer: one key, one encrypt and one decrypt EVP_CIPHER_CTX, reused per packet. */
typedef struct gw_bench_evp gw_bench_evp;

/* 1 when this library was built with OpenSSL, else 0. */
GW_API int32_t gw_bench_evp_available(void);
/* OpenSSL's version text ("OpenSSL 3.0.x ..."), or "none". Static; never freed. */
GW_API const char *gw_bench_evp_version(void);
/* key_len 16 (AES-128-GCM) or 32 (AES-256-GCM). */
GW_API int32_t gw_bench_evp_create(const uint8_t *key, int32_t key_len, gw_bench_evp **out_evp);
GW_API void gw_bench_evp_free(gw_bench_evp *evp);
/* As gw_bench_seal_loop, with EVP_Encrypt* on the reused context. */
GW_API int32_t gw_bench_evp_seal_loop(gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                                      const uint8_t *aad, int32_t aad_len, uint8_t *data, int32_t len,
                                      uint8_t *tag16);
/* As gw_bench_open_loop, with EVP_Decrypt* on the reused context. */
GW_API int32_t gw_bench_evp_open_loop(gw_bench_evp *evp, int32_t iterations, const uint8_t *nonce12,
                                      const uint8_t *aad, int32_t aad_len, const uint8_t *sealed,
                                      uint8_t *scratch, int32_t len, const uint8_t *tag16);

#ifdef __cplusplus
}
#endif

#endif /* GATEWAY_NATIVE_BENCH_H */
