/* kr-open-bench.c — opening a dataset in the window: how long, how much memory, and whether
 * the window stays responsive (the longest stretch its main loop was busy).
 *
 *   kr-open-bench [--keiretsu PATH] [--watch SECONDS] FILE
 *
 * Needs a display (run it under xvfb-run). With --keiretsu, layouts run in that program's
 * helper process, as in the application; the benchmark stops watching after the layout is done
 * or after --watch seconds, whichever comes first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kr-layout.h"
#include "kr-window.h"

#define TICK_MS 5

typedef struct
{
  gint64 start;
  gint64 last_tick;
  gint64 longest_stall;
  gint64 longest_stall_end;
  gint64 loaded_at;
  gint64 drawn_at;
  KrWindow *window;
} Watch;

static gboolean
tick (gpointer data)
{
  Watch *w = data;
  gint64 now = g_get_monotonic_time ();

  if (now - w->last_tick > w->longest_stall)
    {
      w->longest_stall = now - w->last_tick;
      w->longest_stall_end = now;
    }
  w->last_tick = now;
  if (w->loaded_at == 0 && kr_window_get_dataset (w->window) != NULL)
    w->loaded_at = now;
  if (w->drawn_at == 0 && kr_window_get_scene (w->window) != NULL)
    w->drawn_at = now;
  return G_SOURCE_CONTINUE;
}

static long
peak_kib (int who)
{
  struct rusage usage;
  return getrusage (who, &usage) == 0 ? usage.ru_maxrss : -1;
}

/* Resident memory now, from /proc (Linux); -1 elsewhere. */
static long
current_kib (void)
{
  g_autofree char *statm = NULL;
  long pages_total = 0, pages_resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      || sscanf (statm, "%ld %ld", &pages_total, &pages_resident) != 2)
    return -1;
  return pages_resident * (sysconf (_SC_PAGESIZE) / 1024);
}

int
main (int argc, char *argv[])
{
  g_autofree char *keiretsu = NULL;
  double watch_seconds = 60;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The keiretsu program", "PATH" },
    { "watch", 0, 0, G_OPTION_ARG_DOUBLE, &watch_seconds, "Seconds to watch at most", "S" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  Watch w = { 0 };
  gint64 deadline;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || files == NULL || files[1])
    {
      g_printerr ("%s\n", error ? error->message : "give one dataset file");
      return 2;
    }
  gtk_init ();
  adw_init ();
  if (keiretsu != NULL)
    {
      const char *worker[] = { keiretsu, KR_LAYOUT_WORKER_OPTION, NULL };
      kr_layout_set_worker (worker);
    }

  w.window = kr_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (w.window));
  /* Let it map (a spinner keeps the loop busy forever, so wait a while rather than for idle). */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  file = g_file_new_for_commandline_arg (files[0]);
  w.start = w.last_tick = g_get_monotonic_time ();
  g_timeout_add (TICK_MS, tick, &w);
  kr_window_open_file (w.window, file);
  deadline = w.start + (gint64)(watch_seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < deadline && w.drawn_at == 0)
    g_main_context_iteration (NULL, TRUE);

  printf ("file\t%s\n", files[0]);
  printf ("loaded (s)\t%.2f\n", w.loaded_at ? (w.loaded_at - w.start) / 1e6 : -1.0);
  if (w.drawn_at)
    printf ("drawn (s)\t%.2f\n", (w.drawn_at - w.start) / 1e6);
  else
    printf ("drawn (s)\tnot within %.0f s\n", watch_seconds);
  printf ("longest main-loop stall (ms)\t%.1f, ending at %.2f s\n", w.longest_stall / 1e3,
          (w.longest_stall_end - w.start) / 1e6);
  printf ("peak RSS, window (KiB)\t%ld\n", peak_kib (RUSAGE_SELF));
  printf ("RSS at the end, window (KiB)\t%ld\n", current_kib ());
  /* Closing the window ends a layout still running; its helper is reaped from the main loop. */
  gtk_window_destroy (GTK_WINDOW (w.window));
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  printf ("peak RSS, layout helper (KiB)\t%ld\n", peak_kib (RUSAGE_CHILDREN));
  return 0;
}
