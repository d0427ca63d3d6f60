/*
 * test_api_errors.c — api_errors: the error model of gateway_native.h. Bad arguments come back as
 * GW_ERR_ARGUMENT (never a crash, never an abort), unsupported implementations as
 * GW_ERR_UNSUPPORTED; the introspection calls (ABI version, CPU features, implementation names and
 * support) say what the header promises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_groups.h"
#include "test_harness.h"

static const uint8_t key32[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                   17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
static const uint8_t nonce[12] = { 0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88 };

static void check_introspection(void)
{
    gw_test_context("introspection");
    GW_CHECK(gw_abi_version() == GW_ABI_VERSION, "gw_abi_version() = %d, header says %d", (int)gw_abi_version(),
             GW_ABI_VERSION);

    static const char *const names[GW_AES_IMPL_COUNT] = { NULL, "portable", "aesni", "vaes256", "vaes512", "armv8" };
    for (int32_t impl = GW_AES_IMPL_PORTABLE; impl < GW_AES_IMPL_COUNT; impl++) {
        const char *name = gw_aes_impl_name(impl);
        GW_CHECK(name != NULL && strcmp(name, names[impl]) == 0, "gw_aes_impl_name(%d) = \"%s\", expected \"%s\"",
                 (int)impl, name != NULL ? name : "(null)", names[impl]);
    }
    static const int32_t not_impls[] = { -1, GW_AES_IMPL_COUNT, 99, INT32_MIN, INT32_MAX };
    for (size_t i = 0; i < sizeof not_impls / sizeof not_impls[0]; i++) {
        const char *name = gw_aes_impl_name(not_impls[i]);
        GW_CHECK(name != NULL && strcmp(name, "unknown") == 0, "gw_aes_impl_name(%d) = \"%s\", expected \"unknown\"",
                 (int)not_impls[i], name != NULL ? name : "(null)");
        GW_CHECK(gw_aes_impl_supported(not_impls[i]) == 0, "gw_aes_impl_supported(%d) = %d, expected 0",
                 (int)not_impls[i], (int)gw_aes_impl_supported(not_impls[i]));
    }
    /* AUTO is a request, not an implementation: the header's name list leaves it out, so "unknown"
     * is the letter of it and "auto" the obvious reading; either is fine, a real implementation's
     * name is not. */
    const char *auto_name = gw_aes_impl_name(GW_AES_IMPL_AUTO);
    GW_CHECK(auto_name != NULL && (strcmp(auto_name, "auto") == 0 || strcmp(auto_name, "unknown") == 0),
             "gw_aes_impl_name(AUTO) = \"%s\", expected \"auto\" or \"unknown\"", auto_name != NULL ? auto_name : "(null)");

    GW_CHECK(gw_aes_impl_supported(GW_AES_IMPL_PORTABLE) == 1, "portable must always be supported");
    int32_t best = gw_aes_impl_best();
    GW_CHECK(best > GW_AES_IMPL_AUTO && best < GW_AES_IMPL_COUNT && gw_aes_impl_supported(best) == 1,
             "gw_aes_impl_best() = %d is not a supported implementation", (int)best);

    /* Support follows the CPU features it needs (gateway_native.h: what the CPU and OS both enable). */
    uint64_t f = gw_cpu_features();
    gw_test_note("  cpu features 0x%016llx, best implementation %s", (unsigned long long)f, gw_aes_impl_name(best));
    if (gw_aes_impl_supported(GW_AES_IMPL_AESNI)) {
        GW_CHECK((f & (GW_CPU_X86_AESNI | GW_CPU_X86_PCLMULQDQ)) == (GW_CPU_X86_AESNI | GW_CPU_X86_PCLMULQDQ),
                 "aesni supported without AES-NI + PCLMULQDQ");
    }
    if (gw_aes_impl_supported(GW_AES_IMPL_VAES256)) {
        uint64_t need = GW_CPU_X86_VAES | GW_CPU_X86_VPCLMULQDQ | GW_CPU_X86_AVX2;
        GW_CHECK((f & need) == need, "vaes256 supported without VAES + VPCLMULQDQ + AVX2");
    }
    if (gw_aes_impl_supported(GW_AES_IMPL_VAES512)) {
        uint64_t need = GW_CPU_X86_VAES | GW_CPU_X86_VPCLMULQDQ | GW_CPU_X86_AVX512F | GW_CPU_X86_AVX512BW;
        GW_CHECK((f & need) == need, "vaes512 supported without VAES + VPCLMULQDQ + AVX-512F/BW");
    }
    if (gw_aes_impl_supported(GW_AES_IMPL_ARMV8)) {
        uint64_t need = GW_CPU_ARM_AES | GW_CPU_ARM_PMULL;
        GW_CHECK((f & need) == need, "armv8 supported without the AES + PMULL extensions");
    }
    GW_CHECK((f & 0xFFFFFFFFull) == 0 || (f >> 32) == 0, "x86 and ARM feature bits both set: 0x%016llx",
             (unsigned long long)f);
}

static void check_create(void)
{
    gw_aes_ctx *ctx = NULL;
    gw_test_context("gw_aes_ctx_create");
    static const int32_t bad_lens[] = { 24, 0, -1, -16, 1, 15, 17, 31, 33, 64, INT32_MIN };
    for (size_t i = 0; i < sizeof bad_lens / sizeof bad_lens[0]; i++) {
        ctx = NULL;
        char what[64];
        snprintf(what, sizeof what, "create with key_len %d", (int)bad_lens[i]);
        GW_EXPECT_STATUS(gw_aes_ctx_create(key32, bad_lens[i], GW_AES_IMPL_AUTO, &ctx), GW_ERR_ARGUMENT, what);
        GW_CHECK(ctx == NULL, "%s: a context came back", what);
        gw_aes_ctx_free(ctx);
    }
    ctx = NULL;
    GW_EXPECT_STATUS(gw_aes_ctx_create(NULL, 16, GW_AES_IMPL_AUTO, &ctx), GW_ERR_ARGUMENT, "create with key NULL");
    GW_CHECK(ctx == NULL, "create with key NULL: a context came back");
    GW_EXPECT_STATUS(gw_aes_ctx_create(key32, 16, GW_AES_IMPL_AUTO, NULL), GW_ERR_ARGUMENT, "create with out NULL");

    for (int32_t key_len = 16; key_len <= 32; key_len += 16) {
        ctx = NULL;
        GW_EXPECT_STATUS(gw_aes_ctx_create(key32, key_len, GW_AES_IMPL_AUTO, &ctx), GW_OK,
                         key_len == 16 ? "create AES-128 AUTO" : "create AES-256 AUTO");
        GW_CHECK(ctx != NULL, "AUTO: no context");
        if (ctx != NULL) {
            GW_CHECK(gw_aes_ctx_impl(ctx) == gw_aes_impl_best(), "AUTO chose %s, gw_aes_impl_best() is %s",
                     gw_aes_impl_name(gw_aes_ctx_impl(ctx)), gw_aes_impl_name(gw_aes_impl_best()));
        }
        gw_aes_ctx_free(ctx);

        for (int32_t impl = GW_AES_IMPL_PORTABLE; impl < GW_AES_IMPL_COUNT; impl++) {
            ctx = NULL;
            int32_t rc = gw_aes_ctx_create(key32, key_len, impl, &ctx);
            gw_test_context("gw_aes_ctx_create(key_len=%d, impl=%s)", (int)key_len, gw_aes_impl_name(impl));
            if (gw_aes_impl_supported(impl)) {
                GW_EXPECT_STATUS(rc, GW_OK, "create on a supported implementation");
                GW_CHECK(ctx != NULL && gw_aes_ctx_impl(ctx) == impl, "gw_aes_ctx_impl() = %d",
                         ctx != NULL ? (int)gw_aes_ctx_impl(ctx) : -999);
            } else {
                GW_EXPECT_STATUS(rc, GW_ERR_UNSUPPORTED, "create on an implementation this CPU lacks");
                GW_CHECK(ctx == NULL, "unsupported implementation: a context came back");
            }
            gw_aes_ctx_free(ctx);
        }
    }

    /* Out-of-range implementation numbers: refused (ARGUMENT or UNSUPPORTED: the header names neither). */
    static const int32_t bad_impls[] = { -1, GW_AES_IMPL_COUNT, 1000, INT32_MIN };
    for (size_t i = 0; i < sizeof bad_impls / sizeof bad_impls[0]; i++) {
        ctx = NULL;
        int32_t rc = gw_aes_ctx_create(key32, 16, bad_impls[i], &ctx);
        gw_test_context("gw_aes_ctx_create(impl=%d)", (int)bad_impls[i]);
        GW_CHECK(rc == GW_ERR_ARGUMENT || rc == GW_ERR_UNSUPPORTED, "returned %d", (int)rc);
        GW_CHECK(ctx == NULL, "a context came back");
        gw_aes_ctx_free(ctx);
    }
    gw_aes_ctx_free(NULL); /* like free(NULL) */
    int32_t null_impl = gw_aes_ctx_impl(NULL);
    GW_CHECK(null_impl <= GW_AES_IMPL_AUTO || null_impl >= GW_AES_IMPL_COUNT,
             "gw_aes_ctx_impl(NULL) = %d names an implementation", (int)null_impl);
}

/* seal or open with one argument list (open reads the tag, seal writes it). */
static int32_t aead(int open, const gw_aes_ctx *ctx, const uint8_t *n12, const uint8_t *aad, int32_t aad_len,
                    const uint8_t *in, uint8_t *out, int32_t len, uint8_t *tag)
{
    return open ? gw_aes_gcm_open(ctx, n12, aad, aad_len, in, out, len, tag)
                : gw_aes_gcm_seal(ctx, n12, aad, aad_len, in, out, len, tag);
}

static void check_aead_arguments(const gw_aes_ctx *ctx)
{
    uint8_t in[64] = { 0 }, out[64], tag[16] = { 0 }, aad[8] = { 0 };
    const char *impl = gw_aes_impl_name(gw_aes_ctx_impl(ctx));

    for (int open = 0; open < 2; open++) {
        const char *name = open ? "open" : "seal";
        gw_test_context("impl=%s gw_aes_gcm_%s arguments", impl, name);
        GW_EXPECT_STATUS(aead(open, NULL, nonce, aad, 8, in, out, 64, tag), GW_ERR_ARGUMENT, "ctx NULL");
        GW_EXPECT_STATUS(aead(open, ctx, NULL, aad, 8, in, out, 64, tag), GW_ERR_ARGUMENT, "nonce NULL");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, 8, in, out, 64, NULL), GW_ERR_ARGUMENT, "tag NULL");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, NULL, 8, in, out, 64, tag), GW_ERR_ARGUMENT, "aad NULL with aad_len 8");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, -1, in, out, 64, tag), GW_ERR_ARGUMENT, "aad_len -1");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, INT32_MIN, in, out, 64, tag), GW_ERR_ARGUMENT, "aad_len INT32_MIN");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, 8, NULL, out, 64, tag), GW_ERR_ARGUMENT, "in NULL with len 64");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, 8, in, NULL, 64, tag), GW_ERR_ARGUMENT, "out NULL with len 64");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, 8, in, out, -1, tag), GW_ERR_ARGUMENT, "len -1");
        GW_EXPECT_STATUS(aead(open, ctx, nonce, aad, 8, in, out, INT32_MIN, tag), GW_ERR_ARGUMENT, "len INT32_MIN");
    }

    /* Zero lengths need no buffers: seal an empty message with no AAD, and open it back. */
    gw_test_context("impl=%s zero lengths with NULL buffers", impl);
    GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, nonce, NULL, 0, NULL, NULL, 0, tag), GW_OK, "seal: empty, all NULL");
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, nonce, NULL, 0, NULL, NULL, 0, tag), GW_OK, "open: empty, all NULL");
    GW_EXPECT_STATUS(gw_aes_gcm_seal(ctx, nonce, aad, 8, NULL, NULL, 0, tag), GW_OK, "seal: GMAC only");
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, nonce, aad, 8, NULL, NULL, 0, tag), GW_OK, "open: GMAC only");
    tag[0] ^= 1;
    GW_EXPECT_STATUS(gw_aes_gcm_open(ctx, nonce, aad, 8, NULL, NULL, 0, tag), GW_ERR_AUTH, "open: forged GMAC tag");

    gw_test_context("impl=%s gw_aes_ctr_xor arguments", impl);
    uint8_t counter[16] = { 0 };
    GW_EXPECT_STATUS(gw_aes_ctr_xor(NULL, counter, in, out, 64), GW_ERR_ARGUMENT, "ctx NULL");
    GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, NULL, in, out, 64), GW_ERR_ARGUMENT, "counter NULL");
    GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, in, NULL, 64), GW_ERR_ARGUMENT, "out NULL with len 64");
    GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, in, out, -1), GW_ERR_ARGUMENT, "len -1");
    GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, NULL, out, 64), GW_OK, "in NULL: bare keystream");
    GW_EXPECT_STATUS(gw_aes_ctr_xor(ctx, counter, NULL, NULL, 0), GW_OK, "len 0, no buffers");

    gw_test_context("impl=%s gw_aes_encrypt_block arguments", impl);
    GW_EXPECT_STATUS(gw_aes_encrypt_block(NULL, in, out), GW_ERR_ARGUMENT, "ctx NULL");
    GW_EXPECT_STATUS(gw_aes_encrypt_block(ctx, NULL, out), GW_ERR_ARGUMENT, "in NULL");
    GW_EXPECT_STATUS(gw_aes_encrypt_block(ctx, in, NULL), GW_ERR_ARGUMENT, "out NULL");
}

static void check_batch_arguments(const gw_aes_ctx *ctx)
{
    uint8_t data[32] = { 0 }, tag[16] = { 0 };
    gw_aead_op op = { ctx, nonce, NULL, data, tag, 0, 32 };
    int32_t status = 12345;
    gw_test_context("batch arguments");
    GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(NULL, 1, &status), GW_ERR_ARGUMENT, "seal_batch ops NULL");
    GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(&op, 1, NULL), GW_ERR_ARGUMENT, "seal_batch status NULL");
    GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(&op, -1, &status), GW_ERR_ARGUMENT, "seal_batch count -1");
    GW_EXPECT_STATUS(gw_aes_gcm_open_batch(NULL, 1, &status), GW_ERR_ARGUMENT, "open_batch ops NULL");
    GW_EXPECT_STATUS(gw_aes_gcm_open_batch(&op, 1, NULL), GW_ERR_ARGUMENT, "open_batch status NULL");
    GW_EXPECT_STATUS(gw_aes_gcm_open_batch(&op, -1, &status), GW_ERR_ARGUMENT, "open_batch count -1");
    GW_EXPECT_STATUS(gw_aes_gcm_seal_batch(&op, 0, &status), 0, "seal_batch count 0");
    GW_EXPECT_STATUS(gw_aes_gcm_open_batch(&op, 0, &status), 0, "open_batch count 0");
    GW_CHECK(status == 12345, "count 0 wrote a status");

    /* Per-packet argument errors are statuses, not a failed call (gateway_native.h). */
    static const struct {
        const char *what;
        int field;
    } bad[] = { { "op.ctx NULL", 0 },  { "op.nonce NULL", 1 },  { "op.tag NULL", 2 },
                { "op.data NULL", 3 }, { "op.data_len -1", 4 }, { "op.aad NULL with aad_len 4", 5 },
                { "op.aad_len -1", 6 } };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (int open = 0; open < 2; open++) {
            gw_aead_op b = op;
            switch (bad[i].field) {
            case 0:
                b.ctx = NULL;
                break;
            case 1:
                b.nonce = NULL;
                break;
            case 2:
                b.tag = NULL;
                break;
            case 3:
                b.data = NULL;
                break;
            case 4:
                b.data_len = -1;
                break;
            case 5:
                b.aad = NULL;
                b.aad_len = 4;
                break;
            default:
                b.aad_len = -1;
                break;
            }
            status = 12345;
            gw_test_context("%s_batch with %s", open ? "open" : "seal", bad[i].what);
            int32_t rc = open ? gw_aes_gcm_open_batch(&b, 1, &status) : gw_aes_gcm_seal_batch(&b, 1, &status);
            GW_EXPECT_STATUS(rc, 1, "count of failed packets");
            GW_EXPECT_STATUS(status, GW_ERR_ARGUMENT, "status of the bad packet");
        }
    }
}

void gw_group_api_errors(int dir_count, char **dirs)
{
    (void)dir_count;
    (void)dirs;
    long before = gw_test_failures;
    check_introspection();
    check_create();
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    for (int k = 0; k < n; k++) {
        for (int32_t key_len = 16; key_len <= 32; key_len += 16) {
            gw_aes_ctx *ctx = gw_test_ctx(key32, key_len, impls[k]);
            if (ctx != NULL) {
                check_aead_arguments(ctx);
                check_batch_arguments(ctx);
            }
            gw_aes_ctx_free(ctx);
        }
    }
    gw_test_note("  error model on %d implementations: %s", n, gw_test_failures == before ? "ok" : "FAILED");
}
