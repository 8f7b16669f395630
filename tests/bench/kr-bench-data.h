/* kr-bench-data.h — synthetic datasets for the benchmarks, and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a valid dataset of @n_entities entities whose degrees follow a power law
 * (preferential attachment), with about 1.25 deals per entity (2.5 deal ends), a tenth of
 * them joining three or four parties. The same seed gives the same file. */
void kr_bench_write_dataset (const char *path, guint n_entities, guint32 seed);
/* The same with @n_deals deals. */
void kr_bench_write_dataset_with_deals (const char *path, guint n_entities, guint n_deals,
                                        guint32 seed);

/* Milliseconds on the monotonic clock. */
double kr_bench_now_ms (void);

/* Runs @argv, its output thrown away; its wall time in ms and its peak RSS in KiB in @peak_kib,
 * or -1 when it did not exit with 0. */
double kr_bench_run_measured (const char *const *argv, long *peak_kib);

/* Removes @dir and the files in it. */
void kr_bench_remove_dir (const char *dir);

G_END_DECLS
