/* kr-bench-data.h — synthetic datasets for the benchmarks, and how a run is measured
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

/* Runs the command @argv, returns its wall time in ms and its peak RSS in KiB, or -1 when it
 * could not run or failed. */
double kr_bench_run_measured (const char *const *argv, long *peak_kib);

G_END_DECLS
