/*
 * test_harness.h — the little the native tests need: failure accounting with a context line, a
 * deterministic PRNG (xorshift64*, fixed seed, printed), hex helpers and the list of AES
 * implementations this CPU runs.
 *
 * A failed check prints where it failed and the current context ("impl=aesni vector=..."), then the
 * test carries on, so one run shows every broken case; the group fails when any check failed.
 * Environment:
 *   GW_TEST_QUICK=1   smaller iteration counts (sanitizer builds, qemu); CMake sets it for cross builds.
 *   GW_TEST_SEED=<n>  replace the fixed PRNG seed (decimal or 0x-hex) to explore other inputs.
 */
#ifndef GW_TEST_HARNESS_H
#define GW_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "gateway_native.h"

#if defined(__GNUC__)
#define GW_TEST_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define GW_TEST_PRINTF(fmt_index, first_arg)
#endif

extern long gw_test_checks;
extern long gw_test_failures;

/* Sets the line printed with every failure until the next call (e.g. the vector and the impl). */
void gw_test_context(const char *fmt, ...) GW_TEST_PRINTF(1, 2);
void gw_test_fail(const char *file, int line, const char *fmt, ...) GW_TEST_PRINTF(3, 4);
/* Informational output (goes to stdout, which CTest shows with --output-on-failure or -V). */
void gw_test_note(const char *fmt, ...) GW_TEST_PRINTF(1, 2);

int gw_test_expect_status(int32_t got, int32_t want, const char *file, int line, const char *what);
int gw_test_expect_bytes(const uint8_t *got, const uint8_t *want, size_t len, const char *file, int line,
                         const char *what);
int gw_test_expect_zero(const uint8_t *got, size_t len, const char *file, int line, const char *what);

#define GW_CHECK(cond, ...)                                  \
    do {                                                     \
        gw_test_checks++;                                    \
        if (!(cond)) {                                       \
            gw_test_fail(__FILE__, __LINE__, __VA_ARGS__);   \
        }                                                    \
    } while (0)
#define GW_EXPECT_STATUS(got, want, what) gw_test_expect_status((got), (want), __FILE__, __LINE__, (what))
#define GW_EXPECT_BYTES(got, want, len, what) gw_test_expect_bytes((got), (want), (len), __FILE__, __LINE__, (what))
#define GW_EXPECT_ZERO(got, len, what) gw_test_expect_zero((got), (len), __FILE__, __LINE__, (what))

/* 1 when GW_TEST_QUICK is set to anything but "" or "0". */
int gw_test_quick(void);
/* count, or count / divisor (at least 1) in quick mode. */
int gw_test_iterations(int count, int quick_divisor);

/* xorshift64* (Vigna): deterministic across platforms and libcs, unlike rand(). */
typedef struct gw_rng {
    uint64_t state;
} gw_rng;

/* The group's seed: GW_TEST_SEED when set, else the fixed default; printed so a failure can be replayed. */
uint64_t gw_test_seed(const char *group);
void gw_rng_init(gw_rng *rng, uint64_t seed);
uint64_t gw_rng_next(gw_rng *rng);
/* Uniform enough in [0, bound) for test inputs; bound > 0. */
uint32_t gw_rng_below(gw_rng *rng, uint32_t bound);
void gw_rng_fill(gw_rng *rng, uint8_t *buf, size_t len);

/* Decodes lowercase/uppercase hex without separators; returns 0, or -1 on odd length, a bad digit or
 * more than cap octets. */
int gw_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len);

/* malloc that never returns NULL (aborts the test run instead) and gives a distinct pointer for 0 bytes. */
void *gw_test_alloc(size_t len);
/* A heap copy of exactly len bytes (so AddressSanitizer sees any read or write past the end). */
uint8_t *gw_test_dup(const uint8_t *src, size_t len);

/*
 * A buffer with GW_GUARD_LEN canary octets on both sides of p[0..len), p at a chosen misalignment
 * (offset) from the allocation: catches writes past either end in builds without AddressSanitizer.
 */
#define GW_GUARD_LEN 32
typedef struct gw_guarded {
    uint8_t *base;
    uint8_t *p;
    size_t offset;
    size_t len;
} gw_guarded;

/* p[0..len) = init (or the canary pattern when init is NULL). */
gw_guarded gw_guarded_new(size_t offset, size_t len, const uint8_t *init);
/* Records a failure if a canary octet changed. */
int gw_guarded_intact(const gw_guarded *g, const char *file, int line, const char *what);
void gw_guarded_free(gw_guarded *g);
#define GW_EXPECT_GUARDS(g, what) gw_guarded_intact((g), __FILE__, __LINE__, (what))

/* The implementations gw_aes_impl_supported() reports for this CPU (PORTABLE first); returns the count. */
int gw_test_impls(int32_t impls[GW_AES_IMPL_COUNT]);

/* Creates a context or records a failure and returns NULL. */
gw_aes_ctx *gw_test_ctx(const uint8_t *key, int32_t key_len, int32_t impl);

#endif /* GW_TEST_HARNESS_H */
