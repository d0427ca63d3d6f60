/*
 * test_harness.c — failure accounting, PRNG, hex and allocation helpers for the native tests.
 */
#include "test_harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long gw_test_checks;
long gw_test_failures;

/* Past this many failures only the count grows: a systematic bug would otherwise print megabytes. */
#define GW_TEST_MAX_PRINTED_FAILURES 60

/* "Gateway" in ASCII, the default seed of every group. */
#define GW_TEST_DEFAULT_SEED 0x0047617465776179ull

static char context_line[512];

void gw_test_context(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(context_line, sizeof context_line, fmt, ap);
    va_end(ap);
}

void gw_test_fail(const char *file, int line, const char *fmt, ...)
{
    gw_test_failures++;
    if (gw_test_failures > GW_TEST_MAX_PRINTED_FAILURES) {
        if (gw_test_failures == GW_TEST_MAX_PRINTED_FAILURES + 1) {
            printf("  (further failures are counted, not printed)\n");
        }
        return;
    }
    printf("FAIL %s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n     context: %s\n", context_line[0] ? context_line : "(none)");
    fflush(stdout);
}

void gw_test_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

static const char *status_name(int32_t status)
{
    switch (status) {
    case GW_OK:
        return "GW_OK";
    case GW_ERR_ARGUMENT:
        return "GW_ERR_ARGUMENT";
    case GW_ERR_AUTH:
        return "GW_ERR_AUTH";
    case GW_ERR_UNSUPPORTED:
        return "GW_ERR_UNSUPPORTED";
    case GW_ERR_NO_MEMORY:
        return "GW_ERR_NO_MEMORY";
    default:
        return "(not a gw_status)";
    }
}

int gw_test_expect_status(int32_t got, int32_t want, const char *file, int line, const char *what)
{
    gw_test_checks++;
    if (got == want) {
        return 1;
    }
    gw_test_fail(file, line, "%s: returned %d %s, expected %d %s", what, (int)got, status_name(got), (int)want,
                 status_name(want));
    return 0;
}

static void print_window(const char *name, const uint8_t *p, size_t len, size_t from)
{
    size_t end = from + 16 < len ? from + 16 : len;
    printf("       %-8s [%zu..%zu): ", name, from, end);
    for (size_t i = from; i < end; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
}

int gw_test_expect_bytes(const uint8_t *got, const uint8_t *want, size_t len, const char *file, int line,
                         const char *what)
{
    gw_test_checks++;
    if (len == 0 || memcmp(got, want, len) == 0) {
        return 1;
    }
    size_t first = 0;
    while (got[first] == want[first]) {
        first++;
    }
    gw_test_fail(file, line, "%s: first difference at offset %zu of %zu octets", what, first, len);
    if (gw_test_failures <= GW_TEST_MAX_PRINTED_FAILURES) {
        size_t from = first & ~(size_t)15;
        print_window("got", got, len, from);
        print_window("expected", want, len, from);
    }
    return 0;
}

int gw_test_expect_zero(const uint8_t *got, size_t len, const char *file, int line, const char *what)
{
    gw_test_checks++;
    for (size_t i = 0; i < len; i++) {
        if (got[i] != 0) {
            gw_test_fail(file, line, "%s: octet %zu of %zu is %02x, expected all zeros", what, i, len, got[i]);
            return 0;
        }
    }
    return 1;
}

int gw_test_quick(void)
{
    const char *v = getenv("GW_TEST_QUICK");
    return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

int gw_test_iterations(int count, int quick_divisor)
{
    if (!gw_test_quick() || quick_divisor <= 1) {
        return count;
    }
    int n = count / quick_divisor;
    return n > 0 ? n : 1;
}

uint64_t gw_test_seed(const char *group)
{
    uint64_t seed = GW_TEST_DEFAULT_SEED;
    const char *v = getenv("GW_TEST_SEED");
    if (v != NULL && v[0] != '\0') {
        seed = strtoull(v, NULL, 0);
    }
    printf("%s: PRNG xorshift64* seed 0x%016llx (GW_TEST_SEED=0x%llx replays it)%s\n", group,
           (unsigned long long)seed, (unsigned long long)seed, gw_test_quick() ? ", GW_TEST_QUICK" : "");
    return seed;
}

void gw_rng_init(gw_rng *rng, uint64_t seed)
{
    /* xorshift has one forbidden state: all zeros. */
    rng->state = seed != 0 ? seed : GW_TEST_DEFAULT_SEED;
}

uint64_t gw_rng_next(gw_rng *rng)
{
    uint64_t x = rng->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng->state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

uint32_t gw_rng_below(gw_rng *rng, uint32_t bound)
{
    return (uint32_t)((gw_rng_next(rng) >> 32) % bound);
}

void gw_rng_fill(gw_rng *rng, uint8_t *buf, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint64_t r = gw_rng_next(rng);
        for (int k = 0; k < 8 && i < len; k++, i++) {
            buf[i] = (uint8_t)(r >> (8 * k));
        }
    }
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

int gw_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_digit(hex[2 * i]);
        int lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = n / 2;
    return 0;
}

void *gw_test_alloc(size_t len)
{
    void *p = malloc(len > 0 ? len : 1);
    if (p == NULL) {
        printf("FATAL: out of memory allocating %zu octets\n", len);
        exit(2);
    }
    return p;
}

uint8_t *gw_test_dup(const uint8_t *src, size_t len)
{
    uint8_t *p = gw_test_alloc(len);
    if (len > 0) {
        memcpy(p, src, len);
    }
    return p;
}

#define GW_CANARY 0xA5

gw_guarded gw_guarded_new(size_t offset, size_t len, const uint8_t *init)
{
    gw_guarded g;
    g.base = gw_test_alloc(GW_GUARD_LEN + offset + len + GW_GUARD_LEN);
    g.offset = offset;
    g.len = len;
    g.p = g.base + GW_GUARD_LEN + offset;
    memset(g.base, GW_CANARY, GW_GUARD_LEN + offset + len + GW_GUARD_LEN);
    if (init != NULL && len > 0) {
        memcpy(g.p, init, len);
    }
    return g;
}

int gw_guarded_intact(const gw_guarded *g, const char *file, int line, const char *what)
{
    gw_test_checks++;
    size_t total = GW_GUARD_LEN + g->offset + g->len + GW_GUARD_LEN;
    size_t body = GW_GUARD_LEN + g->offset;
    for (size_t i = 0; i < total; i++) {
        if (i >= body && i < body + g->len) {
            continue;
        }
        if (g->base[i] != GW_CANARY) {
            long where = (long)i - (long)body;
            gw_test_fail(file, line, "%s: wrote outside the buffer of %zu octets, at offset %ld", what, g->len,
                         where);
            return 0;
        }
    }
    return 1;
}

void gw_guarded_free(gw_guarded *g)
{
    free(g->base);
    g->base = NULL;
    g->p = NULL;
}

int gw_test_impls(int32_t impls[GW_AES_IMPL_COUNT])
{
    int n = 0;
    for (int32_t impl = GW_AES_IMPL_PORTABLE; impl < GW_AES_IMPL_COUNT; impl++) {
        if (gw_aes_impl_supported(impl) == 1) {
            impls[n++] = impl;
        }
    }
    return n;
}

gw_aes_ctx *gw_test_ctx(const uint8_t *key, int32_t key_len, int32_t impl)
{
    gw_aes_ctx *ctx = NULL;
    int32_t rc = gw_aes_ctx_create(key, key_len, impl, &ctx);
    gw_test_checks++;
    if (rc != GW_OK || ctx == NULL) {
        gw_test_fail(__FILE__, __LINE__, "gw_aes_ctx_create(key_len=%d, impl=%s) returned %d", (int)key_len,
                     gw_aes_impl_name(impl), (int)rc);
        return NULL;
    }
    return ctx;
}
