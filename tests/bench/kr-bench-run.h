/* kr-bench-run.h — running a program and measuring what it took, as the benchmarks compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double wall_ms;
  double cpu_ms; /* user and system time, with the processes it waited for (a layout helper) */
  long peak_kib; /* the largest resident set of it or of one of those processes */
} KrBenchRun;

/* Runs @argv (its output thrown away) and measures it; FALSE when it could not be run or did
 * not exit with 0. It is run from a fresh, small process: a child forked from a benchmark
 * starts with all of the benchmark's memory resident, and Linux counts that in the child's
 * peak even after exec. So the benchmark's own program runs again for it; its main() must
 * begin with kr_bench_run_child(). */
gboolean kr_bench_run (const char *const *argv, KrBenchRun *run);

/* The same, keeping what @argv printed on its standard output in @output. */
gboolean kr_bench_run_with_output (const char *const *argv, KrBenchRun *run, char **output);

/* When this process was started by kr_bench_run(), runs the command it was given, prints what
 * it took and returns TRUE with the exit status in @status; otherwise FALSE. */
gboolean kr_bench_run_child (int argc, char **argv, int *status);

/* Runs @argv, its output thrown away; its wall time in ms and its peak RSS in KiB in @peak_kib,
 * or -1 when it did not exit with 0. Measured as kr_bench_run() does. */
double kr_bench_run_measured (const char *const *argv, long *peak_kib);

/* The median of @values, an array of doubles, which it sorts. */
double kr_bench_median (GArray *values);
/* "1.03 (0.98–1.10)": the median of @values and their range. */
char *kr_bench_spread (GArray *values);

G_END_DECLS
