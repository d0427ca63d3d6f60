/*
 * test_groups.h — the CTest groups of gw_native_tests, one add_test each (see CMakeLists.txt).
 * Every group records its failures through test_harness.h; dirs are the vector directories.
 */
#ifndef GW_TEST_GROUPS_H
#define GW_TEST_GROUPS_H

#include <stdint.h>

void gw_group_nist_gcm_vectors(int dir_count, char **dirs);   /* test_gcm_vectors.c */
void gw_group_rfc7714_vectors(int dir_count, char **dirs);    /* test_gcm_vectors.c */
void gw_group_rfc3711_ctr_vectors(int dir_count, char **dirs); /* test_ctr_vectors.c */
void gw_group_cross_check(int dir_count, char **dirs);        /* test_cross_check.c, test_batch.c */
void gw_group_tamper(int dir_count, char **dirs);             /* test_tamper.c, test_batch.c */
void gw_group_api_errors(int dir_count, char **dirs);         /* test_api_errors.c */
void gw_group_udp_batch(int dir_count, char **dirs);          /* test_udp_batch.c */

/* The batch pieces of cross_check and tamper (test_batch.c). */
void gw_batch_cross_check(uint64_t seed);
void gw_batch_tamper(uint64_t seed);

#endif /* GW_TEST_GROUPS_H */
