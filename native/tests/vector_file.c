/*
 * vector_file.c — parser for the "[title]" / "label: hex" vector files (format in vector_file.h).
 */
#include "vector_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_harness.h"

static char *read_whole_file(const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = gw_test_alloc(cap + 1);
    for (;;) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap) {
            break;
        }
        cap *= 2;
        char *bigger = realloc(buf, cap + 1);
        if (bigger == NULL) {
            free(buf);
            fclose(f);
            return NULL;
        }
        buf = bigger;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *out_len = len;
    return buf;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) {
        s[--n] = '\0';
    }
    return s;
}

/* Cuts text into lines and fills fields/blocks; returns the number of malformed lines. */
static int parse(gw_vec_file *file, size_t text_len)
{
    /* Upper bounds: one field or block per line. */
    size_t max_lines = 1;
    for (size_t i = 0; i < text_len; i++) {
        max_lines += file->text[i] == '\n';
    }
    file->fields = gw_test_alloc(max_lines * sizeof *file->fields);
    file->blocks = gw_test_alloc(max_lines * sizeof *file->blocks);

    int errors = 0;
    int line_no = 0;
    char *line = file->text;
    while (line != NULL && *line != '\0') {
        line_no++;
        char *next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        char *s = trim(line);
        line = next;
        if (*s == '\0' || *s == '#') {
            continue;
        }
        if (*s == '[') {
            size_t n = strlen(s);
            if (s[n - 1] != ']') {
                gw_test_fail(__FILE__, __LINE__, "%s:%d: block header without closing ']'", file->path, line_no);
                errors++;
                continue;
            }
            s[n - 1] = '\0';
            gw_vec_block *b = &file->blocks[file->block_count++];
            b->title = trim(s + 1);
            b->line = line_no;
            b->first_field = file->field_count;
            b->field_count = 0;
            continue;
        }
        char *colon = strchr(s, ':');
        if (colon == NULL) {
            gw_test_fail(__FILE__, __LINE__, "%s:%d: expected \"label: value\"", file->path, line_no);
            errors++;
            continue;
        }
        if (file->block_count == 0) {
            gw_test_fail(__FILE__, __LINE__, "%s:%d: field before the first [block]", file->path, line_no);
            errors++;
            continue;
        }
        *colon = '\0';
        gw_vec_field *f = &file->fields[file->field_count++];
        f->label = trim(s);
        f->value = trim(colon + 1);
        file->blocks[file->block_count - 1].field_count++;
    }
    return errors;
}

int gw_vec_load(const char *name, int dir_count, char **dirs, gw_vec_file *out)
{
    memset(out, 0, sizeof *out);
    gw_test_checks++;
    size_t len = 0;
    for (int i = 0; i < dir_count && out->text == NULL; i++) {
        snprintf(out->path, sizeof out->path, "%s/%s", dirs[i], name);
        out->text = read_whole_file(out->path, &len);
    }
    if (out->text == NULL) {
        gw_test_fail(__FILE__, __LINE__, "vector file %s not found (or unreadable) in any of %d director%s:", name,
                     dir_count, dir_count == 1 ? "y" : "ies");
        for (int i = 0; i < dir_count; i++) {
            printf("       %s/%s\n", dirs[i], name);
        }
        if (dir_count == 0) {
            printf("       (no vector directories were passed: gw_native_tests <group> <dir>...)\n");
        }
        printf("       (CMake passes GW_VECTORS_DIR and tests/vectors; configure with -DGW_VECTORS_DIR=<dir>)\n");
        return -1;
    }
    printf("reading %s\n", out->path);
    int errors = parse(out, len);
    if (errors != 0 || out->block_count == 0) {
        if (out->block_count == 0) {
            gw_test_fail(__FILE__, __LINE__, "%s: no [blocks] in the file", out->path);
        }
        gw_vec_free(out);
        return -1;
    }
    return 0;
}

void gw_vec_free(gw_vec_file *file)
{
    free(file->text);
    free(file->fields);
    free(file->blocks);
    memset(file, 0, sizeof *file);
}

const char *gw_vec_get(const gw_vec_file *file, const gw_vec_block *block, const char *label)
{
    for (size_t i = 0; i < block->field_count; i++) {
        const gw_vec_field *f = &file->fields[block->first_field + i];
        if (strcmp(f->label, label) == 0) {
            return f->value;
        }
    }
    return NULL;
}

gw_bytes gw_vec_bytes(const gw_vec_file *file, const gw_vec_block *block, const char *label)
{
    gw_bytes b = { NULL, 0, 0 };
    const char *hex = gw_vec_get(file, block, label);
    size_t cap = hex != NULL ? strlen(hex) / 2 : 0;
    b.p = gw_test_alloc(cap);
    if (hex == NULL) {
        return b;
    }
    if (gw_hex_decode(hex, b.p, cap, &b.len) != 0) {
        gw_test_fail(__FILE__, __LINE__, "%s: [%s] line \"%s\" is not hex", file->path, block->title, label);
        b.len = 0;
        return b;
    }
    b.present = 1;
    return b;
}

void gw_bytes_free(gw_bytes *b)
{
    free(b->p);
    b->p = NULL;
    b->len = 0;
    b->present = 0;
}
