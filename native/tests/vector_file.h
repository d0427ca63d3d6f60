/*
 * vector_file.h — reads the published-vector text files shared with the managed tests
 * (shared/vectors/rfc7714.txt, rfc3711.txt, tests/vectors/nist-gcm.txt):
 *
 *   # comment
 *   [<source>  <title>]          a block starts
 *   label: 0a1b2c...             hex octets (an empty value is zero octets)
 *   label_dec: 1044512           a decimal value (labels ending in "_dec")
 *
 * The file is looked up by name in each directory given on the command line; a missing or
 * malformed file is a test failure, never a skip.
 */
#ifndef GW_VECTOR_FILE_H
#define GW_VECTOR_FILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gw_vec_field {
    const char *label;
    const char *value;
} gw_vec_field;

typedef struct gw_vec_block {
    const char *title;   /* the text between the brackets */
    int line;            /* line number of the "[...]" line */
    size_t first_field;  /* index into gw_vec_file.fields */
    size_t field_count;
} gw_vec_block;

typedef struct gw_vec_file {
    char path[1024];
    char *text; /* the file's bytes, cut into NUL-terminated labels and values in place */
    gw_vec_field *fields;
    size_t field_count;
    gw_vec_block *blocks;
    size_t block_count;
} gw_vec_file;

/* An octet string decoded from a field; p is never NULL (so it can be freed), present says if the
 * label was there. */
typedef struct gw_bytes {
    uint8_t *p;
    size_t len;
    int present;
} gw_bytes;

/* Finds name in dirs[0..dir_count) and parses it. Returns 0, or -1 after recording a failure that
 * names every path tried. */
int gw_vec_load(const char *name, int dir_count, char **dirs, gw_vec_file *out);
void gw_vec_free(gw_vec_file *file);

/* The raw value of label in block, or NULL when absent. */
const char *gw_vec_get(const gw_vec_file *file, const gw_vec_block *block, const char *label);
/* The decoded octets of label (present = 0 when absent; a bad hex value records a failure). */
gw_bytes gw_vec_bytes(const gw_vec_file *file, const gw_vec_block *block, const char *label);
void gw_bytes_free(gw_bytes *b);

#endif /* GW_VECTOR_FILE_H */
