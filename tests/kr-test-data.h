/* kr-test-data.h — the datasets the tests read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* A valid dataset of tests/data/good/ (@name: "network.json"), or the test fails. */
KrDataset *kr_test_load_good (const char *name);

/* The built-in dataset, data/keiretsu-builtin.json, or the test fails. */
KrDataset *kr_test_load_builtin (void);

/* @file, which must load. */
KrDataset *kr_test_load_file (GFile *file);

/* A file of tests/data/formats/ (@name: "gephi.gexf"), which must load. */
KrDataset *kr_test_load_format (const char *name);

/* The problems found in the @size bytes of @text, read as a file called @name, one per line;
 * it must not load. */
char *kr_test_problems_in (const char *name, const char *text, gsize size);
/* The same for the string @text. */
char *kr_test_problems_of (const char *name, const char *text);

/* Fails the test unless @a and @b hold the same records, field by field (what a file says;
 * not where a graph file drew an entity). */
void kr_test_assert_same_dataset (KrDataset *a, KrDataset *b);

G_END_DECLS
