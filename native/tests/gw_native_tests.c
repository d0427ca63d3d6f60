/*
 * gw_native_tests.c — the one native test executable; CTest runs one group per add_test:
 *
 *   gw_native_tests <group> <vector dir>...
 *
 * groups: nist_gcm_vectors rfc7714_vectors rfc3711_ctr_vectors cross_check tamper api_errors udp_batch
 * (or "all"). Vector files are looked up by name in each directory in turn; a missing file fails
 * the group. Exit status: 0 when every check passed, 1 when any failed, 2 for a bad command line.
 * Environment: GW_TEST_QUICK=1 (fewer random iterations), GW_TEST_SEED=<n> (another PRNG seed).
 */
#include <stdio.h>
#include <string.h>

#include "test_groups.h"
#include "test_harness.h"

typedef struct group {
    const char *name;
    void (*run)(int dir_count, char **dirs);
} group;

static const group groups[] = {
    { "nist_gcm_vectors", gw_group_nist_gcm_vectors },
    { "rfc7714_vectors", gw_group_rfc7714_vectors },
    { "rfc3711_ctr_vectors", gw_group_rfc3711_ctr_vectors },
    { "cross_check", gw_group_cross_check },
    { "tamper", gw_group_tamper },
    { "api_errors", gw_group_api_errors },
    { "udp_batch", gw_group_udp_batch },
};
#define GROUP_COUNT (sizeof groups / sizeof groups[0])

static void usage(void)
{
    printf("usage: gw_native_tests <group|all> <vector dir>...\ngroups:");
    for (size_t i = 0; i < GROUP_COUNT; i++) {
        printf(" %s", groups[i].name);
    }
    printf("\nenvironment: GW_TEST_QUICK=1 fewer iterations (sanitizers, qemu); GW_TEST_SEED=<n> PRNG seed\n");
}

static int run_group(const group *g, int dir_count, char **dirs)
{
    long checks = gw_test_checks, failures = gw_test_failures;
    printf("== %s\n", g->name);
    fflush(stdout);
    gw_test_context("%s", "");
    g->run(dir_count, dirs);
    long c = gw_test_checks - checks, f = gw_test_failures - failures;
    /* A group that checked nothing tested nothing: count that as a failure too. */
    if (c == 0) {
        gw_test_fail(__FILE__, __LINE__, "group %s made no checks", g->name);
        f++;
    }
    printf("== %s: %ld checks, %ld failed: %s\n", g->name, c, f, f == 0 ? "PASS" : "FAIL");
    fflush(stdout);
    return f == 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage();
        return 2;
    }
    int32_t impls[GW_AES_IMPL_COUNT];
    int n = gw_test_impls(impls);
    printf("libgateway_native ABI %d; implementations on this CPU:", (int)gw_abi_version());
    for (int i = 0; i < n; i++) {
        printf(" %s", gw_aes_impl_name(impls[i]));
    }
    printf(" (best: %s)%s\n", gw_aes_impl_name(gw_aes_impl_best()), gw_test_quick() ? " [GW_TEST_QUICK]" : "");

    int dir_count = argc - 2;
    char **dirs = argv + 2;
    int ok = 1, found = 0;
    for (size_t i = 0; i < GROUP_COUNT; i++) {
        if (strcmp(argv[1], "all") == 0 || strcmp(argv[1], groups[i].name) == 0) {
            found = 1;
            ok &= run_group(&groups[i], dir_count, dirs);
        }
    }
    if (!found) {
        printf("unknown group \"%s\"\n", argv[1]);
        usage();
        return 2;
    }
    return ok ? 0 : 1;
}
