/*
 * gcm_batch.c — a transport batch of packets sealed or opened in one call, so that 32 packets cost
 * one managed-to-native transition instead of 32. Each packet has its own context (the relay fans a
 * packet out to subscribers who each have their own SRTP keys), nonce, AAD and in-place buffer.
 */
#include "aes_internal.h"

static int32_t run_batch(const gw_aead_op *ops, int32_t count, int32_t *status, int seal)
{
    if (ops == NULL || status == NULL || count < 0) {
        return GW_ERR_ARGUMENT;
    }
    int32_t failed = 0;
    for (int32_t i = 0; i < count; i++) {
        const gw_aead_op *op = &ops[i];
        const int32_t s = seal
            ? gw_aes_gcm_seal(op->ctx, op->nonce, op->aad, op->aad_len, op->data, op->data, op->data_len, op->tag)
            : gw_aes_gcm_open(op->ctx, op->nonce, op->aad, op->aad_len, op->data, op->data, op->data_len, op->tag);
        status[i] = s;
        failed += s != GW_OK;
    }
    return failed;
}

GW_API int32_t gw_aes_gcm_seal_batch(const gw_aead_op *ops, int32_t count, int32_t *status)
{
    return run_batch(ops, count, status, 1);
}

GW_API int32_t gw_aes_gcm_open_batch(const gw_aead_op *ops, int32_t count, int32_t *status)
{
    return run_batch(ops, count, status, 0);
}
