/*
 * reference_gcm.h — a deliberately naive AES-GCM and AES-CTR for the tests, written straight from
 * NIST SP 800-38D (§6.3 GHASH via Algorithm 1 "multiplication in GF(2^128)", bit by bit; §6.5 GCTR;
 * §7.1 GCM-AE with a 96-bit IV) on top of gw_aes_encrypt_block. It shares nothing with the library's
 * GHASH, so the portable implementation is checked against an independent oracle, and every SIMD
 * implementation against the portable one.
 */
#ifndef GW_REFERENCE_GCM_H
#define GW_REFERENCE_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "gateway_native.h"

/* ctx supplies the block cipher only. Returns 0, or -1 if gw_aes_encrypt_block failed. */
int gw_ref_gcm_seal(const gw_aes_ctx *ctx, const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16]);
/* AES-CTR with the whole 16-octet block as a big-endian counter (RFC 3711 §4.1.1 AES-CM); in may be NULL. */
int gw_ref_ctr(const gw_aes_ctx *ctx, const uint8_t counter[16], const uint8_t *in, uint8_t *out, size_t len);

#endif /* GW_REFERENCE_GCM_H */
