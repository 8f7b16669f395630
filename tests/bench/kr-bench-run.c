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

  if (argc < 3 || strcmp (argv[1], RUN_CHILD_OPTION) != 0)
    return FALSE;
  *status = 1;
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_WRONLY);
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

gboolean
kr_bench_run (const char *const *argv, KrBenchRun *run)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (args, (gpointer) "/proc/self/exe");
  g_ptr_array_add (args, (gpointer)RUN_CHILD_OPTION);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)argv[i]);
  g_ptr_array_add (args, NULL);
  return g_spawn_sync (NULL, (char **)args->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       &out, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL)
         && sscanf (out, "%lf %lf %ld", &run->wall_ms, &run->cpu_ms, &run->peak_kib) == 3;
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
