/* kr-bench-run.c — running a program and measuring what it took
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kr-bench-run.h"

#define RUN_CHILD_OPTION "--run-measured"
/* The same, keeping what the command prints (kr_bench_run_with_output). */
#define RUN_CHILD_OUTPUT_OPTION "--run-measured-output"

static double
timeval_ms (struct timeval tv)
{
  return tv.tv_sec * 1000.0 + tv.tv_usec / 1000.0;
}

gboolean
kr_bench_run_child (int argc, char **argv, int *status)
{
  gint64 start;
  pid_t pid;
  struct rusage usage;
  int wstatus;
  gboolean keep_output;

  if (argc < 3
      || (strcmp (argv[1], RUN_CHILD_OPTION) != 0
          && strcmp (argv[1], RUN_CHILD_OUTPUT_OPTION) != 0))
    return FALSE;
  keep_output = strcmp (argv[1], RUN_CHILD_OUTPUT_OPTION) == 0;
  *status = 1;
  fflush (stdout);
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_WRONLY);
      if (!keep_output)
        dup2 (devnull, STDOUT_FILENO);
      dup2 (devnull, STDERR_FILENO);
      execvp (argv[2], argv + 2);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &wstatus, 0, &usage) < 0 || !WIFEXITED (wstatus))
    return TRUE;
  printf ("%.3f %.3f %ld\n", (g_get_monotonic_time () - start) / 1000.0,
          timeval_ms (usage.ru_utime) + timeval_ms (usage.ru_stime), usage.ru_maxrss);
  *status = WEXITSTATUS (wstatus);
  return TRUE;
}

/* Runs @argv through a fresh process of this program; what it printed, with the measurement
 * on the last line, or NULL. */
static char *
run_through_child (const char *option, const char *const *argv)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (args, (gpointer) "/proc/self/exe");
  g_ptr_array_add (args, (gpointer)option);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)argv[i]);
  g_ptr_array_add (args, NULL);
  if (!g_spawn_sync (NULL, (char **)args->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
kr_bench_run (const char *const *argv, KrBenchRun *run)
{
  g_autofree char *out = run_through_child (RUN_CHILD_OPTION, argv);

  return out != NULL
         && sscanf (out, "%lf %lf %ld", &run->wall_ms, &run->cpu_ms, &run->peak_kib) == 3;
}

gboolean
kr_bench_run_with_output (const char *const *argv, KrBenchRun *run, char **output)
{
  g_autofree char *out = run_through_child (RUN_CHILD_OUTPUT_OPTION, argv);
  char *last;

  if (out == NULL)
    return FALSE;
  g_strchomp (out);
  last = strrchr (out, '\n');
  if (last == NULL
      || sscanf (last + 1, "%lf %lf %ld", &run->wall_ms, &run->cpu_ms, &run->peak_kib) != 3)
    return FALSE;
  *last = '\0';
  *output = g_steal_pointer (&out);
  return TRUE;
}

double
kr_bench_run_measured (const char *const *argv, long *peak_kib)
{
  KrBenchRun run;

  if (!kr_bench_run (argv, &run))
    return -1;
  *peak_kib = run.peak_kib;
  return run.wall_ms;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double
kr_bench_median (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  return n % 2 ? g_array_index (values, double, n / 2)
               : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2))
                     / 2;
}

char *
kr_bench_spread (GArray *values)
{
  double m = kr_bench_median (values);
  return g_strdup_printf ("%.2f (%.2f–%.2f)", m, g_array_index (values, double, 0),
                          g_array_index (values, double, values->len - 1));
}
