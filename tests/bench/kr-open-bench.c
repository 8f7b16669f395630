/* kr-open-bench.c — opening a dataset in the window: how long, how much memory, and whether
 * the window stays responsive (the longest stretch its main loop was busy).
 *
 *   kr-open-bench [--keiretsu PATH] [--watch SECONDS] [--reopen RUNS] FILE | --entities N
 *                 [--deals N] [--words N] [--write FILE]
 *
 * Needs a display (run it under xvfb-run). With --keiretsu, layouts run in that program's
 * helper process, as in the application; the benchmark stops watching after the layout is done
 * or after --watch seconds, whichever comes first.
 *
 * With --reopen, it opens the file RUNS times cold (an empty layout cache) and, after each, warm
 * (the layout kept by the cold open), each time in a new window, and times each open to the
 * window's first frame of the map. Layouts are kept only by the helper: it needs --keiretsu.
 * With --entities instead of a file, it opens a synthetic dataset of N entities, the one kr-bench
 * makes (with --deals, that many deals), or with --words the text-heavy one of kr-read-bench,
 * each deal's summary and excerpt with that many words of prose more; --write only writes that
 * dataset to FILE, to open it again and again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kr-bench-data.h"
#include "kr-layout-cache.h"
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
  gint64 painted_at; /* the first frame painted with the map */
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

static void
after_paint (GdkFrameClock *clock, gpointer data)
{
  Watch *w = data;

  if (w->painted_at == 0 && w->drawn_at != 0)
    w->painted_at = g_get_monotonic_time ();
}

/* A new window, mapped and idle. */
static KrWindow *
new_window (void)
{
  KrWindow *window = kr_window_new (NULL, NULL);
  gint64 deadline;

  gtk_window_present (GTK_WINDOW (window));
  /* Let it map (a spinner keeps the loop busy forever, so wait a while rather than for idle). */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return window;
}

/* Opens @file in @w's window and watches until the map is on screen or @watch_seconds pass. */
static void
watch_open (Watch *w, GFile *file, double watch_seconds)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (w->window));
  gulong painted = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), w);
  guint ticks;
  gint64 deadline;

  w->start = w->last_tick = g_get_monotonic_time ();
  ticks = g_timeout_add (TICK_MS, tick, w);
  kr_window_open_file (w->window, file);
  deadline = w->start + (gint64)(watch_seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < deadline && w->painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticks);
  g_signal_handler_disconnect (clock, painted);
}

static void
close_window (KrWindow *window)
{
  gint64 deadline;

  /* Closing the window ends a layout still running; its helper is reaped from the main loop. */
  gtk_window_destroy (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static guint
count_files (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_directory (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_remove (path);
    }
  g_rmdir (directory);
}

/* Seconds from opening to the first frame of the map, or -1 when it did not come. */
static double
time_open (GFile *file, double watch_seconds, double *loaded, double *laid_out)
{
  Watch w = { .window = new_window () };

  watch_open (&w, file, watch_seconds);
  *loaded = w.loaded_at ? (w.loaded_at - w.start) / 1e6 : -1;
  *laid_out = w.drawn_at ? (w.drawn_at - w.start) / 1e6 : -1;
  close_window (w.window);
  return w.painted_at ? (w.painted_at - w.start) / 1e6 : -1;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Cold and warm opens, interleaved: each cold one in an empty cache, each warm one in the
 * cache the cold one before it filled. */
static int
reopen (GFile *file, guint runs, double watch_seconds)
{
  g_autoptr (GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  printf ("file\t%s\n", g_file_peek_path (file));
  printf ("run\topen\tloaded (s)\tlaid out (s)\tfirst frame (s)\n");
  for (guint run = 1; run <= runs; run++)
    {
      g_autofree char *directory = g_dir_make_tmp ("kr-open-bench-XXXXXX", NULL);
      g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (directory, KR_LAYOUT_CACHE_MAX_SIZE);
      double cold, warm, ratio, loaded, laid_out;
      gint64 deadline;

      kr_layout_cache_set_default (cache);
      cold = time_open (file, watch_seconds, &loaded, &laid_out);
      printf ("%u\tcold\t%.3f\t%.3f\t%.3f\n", run, loaded, laid_out, cold);
      /* The layout is written in the background: wait for it. */
      deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while (count_files (directory) == 0 && g_get_monotonic_time () < deadline)
        g_usleep (G_USEC_PER_SEC / 100);
      warm = time_open (file, watch_seconds, &loaded, &laid_out);
      printf ("%u\twarm\t%.3f\t%.3f\t%.3f\n", run, loaded, laid_out, warm);
      fflush (stdout);
      kr_layout_cache_set_default (NULL);
      remove_directory (directory);
      if (cold <= 0 || warm <= 0)
        {
          g_printerr ("run %u: the map was not drawn within %.0f s\n", run, watch_seconds);
          return 1;
        }
      ratio = warm / cold;
      g_array_append_val (ratios, ratio);
    }
  g_array_sort (ratios, compare_doubles);
  median = ratios->len % 2 ? g_array_index (ratios, double, ratios->len / 2)
                           : (g_array_index (ratios, double, ratios->len / 2 - 1)
                              + g_array_index (ratios, double, ratios->len / 2))
                                 / 2;
  printf ("warm/cold\tmedian %.3f, from %.3f to %.3f over %u runs\n", median,
          g_array_index (ratios, double, 0), g_array_index (ratios, double, ratios->len - 1),
          ratios->len);
  return 0;
}

static long
peak_kib (int who)
{
  struct rusage usage;
  return getrusage (who, &usage) == 0 ? usage.ru_maxrss : -1;
}

/* User and system CPU time so far, in seconds: of this process, or of its ended children. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return -1;
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
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

/* kr-bench's dataset, or with words the text-heavy one. */
static void
write_dataset (const char *path, int entities, int deals, int n_words)
{
  if (n_words > 0)
    kr_bench_write_text_dataset (path, (guint)entities, (guint)deals, (guint)n_words, 42);
  else
    kr_bench_write_dataset_with_deals (path, (guint)entities, (guint)deals, 42);
}

int
main (int argc, char *argv[])
{
  g_autofree char *keiretsu = NULL;
  double watch_seconds = 60;
  int runs = 0;
  int entities = 0;
  int deals = 0;
  int n_words = 0;
  g_autofree char *write = NULL;
  g_autofree char *generated_dir = NULL;
  g_autofree char *generated = NULL;
  int status;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The keiretsu program", "PATH" },
    { "watch", 0, 0, G_OPTION_ARG_DOUBLE, &watch_seconds, "Seconds to watch at most", "S" },
    { "reopen", 0, 0, G_OPTION_ARG_INT, &runs, "Cold and warm opens, RUNS of each", "RUNS" },
    { "entities", 0, 0, G_OPTION_ARG_INT, &entities, "A synthetic dataset of N entities", "N" },
    { "deals", 0, 0, G_OPTION_ARG_INT, &deals, "with N deals (5 for every 4 entities)", "N" },
    { "words", 0, 0, G_OPTION_ARG_INT, &n_words, "with N words of prose in each deal", "N" },
    { "write", 0, 0, G_OPTION_ARG_FILENAME, &write, "Only write the dataset to FILE", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  Watch w = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || (entities > 0) == (files != NULL)
      || (files != NULL && files[1]))
    {
      g_printerr ("%s\n", error ? error->message : "give one dataset file, or --entities");
      return 2;
    }
  if (deals <= 0)
    deals = entities * 5 / 4;
  if (write != NULL)
    {
      write_dataset (write, entities, deals, n_words);
      return 0;
    }
  gtk_init ();
  adw_init ();
  if (keiretsu != NULL)
    {
      const char *worker[] = { keiretsu, KR_LAYOUT_WORKER_OPTION, NULL };
      kr_layout_set_worker (worker);
    }
  if (runs > 0 && keiretsu == NULL)
    {
      g_printerr ("--reopen needs --keiretsu: only the helper's layouts are kept\n");
      return 2;
    }
  if (entities > 0)
    {
      g_autofree char *name = g_strdup_printf ("bench-%d.json", entities);

      generated_dir = g_dir_make_tmp ("kr-open-bench-XXXXXX", NULL);
      generated = g_build_filename (generated_dir, name, NULL);
      write_dataset (generated, entities, deals, n_words);
      file = g_file_new_for_path (generated);
    }
  else
    file = g_file_new_for_commandline_arg (files[0]);
  if (runs > 0)
    {
      status = reopen (file, (guint)runs, watch_seconds);
      if (generated_dir != NULL)
        remove_directory (generated_dir);
      return status;
    }
  /* What the user's cache holds would make this a reopen. */
  kr_layout_cache_set_default (NULL);

  w.window = new_window ();
  watch_open (&w, file, watch_seconds);

  printf ("file\t%s\n", g_file_peek_path (file));
  printf ("loaded (s)\t%.2f\n", w.loaded_at ? (w.loaded_at - w.start) / 1e6 : -1.0);
  if (w.drawn_at)
    printf ("drawn (s)\t%.2f\n", (w.drawn_at - w.start) / 1e6);
  else
    printf ("drawn (s)\tnot within %.0f s\n", watch_seconds);
  printf ("longest main-loop stall (ms)\t%.1f, ending at %.2f s\n", w.longest_stall / 1e3,
          (w.longest_stall_end - w.start) / 1e6);
  printf ("peak RSS, window (KiB)\t%ld\n", peak_kib (RUSAGE_SELF));
  printf ("RSS at the end, window (KiB)\t%ld\n", current_kib ());
  printf ("CPU, window (s)\t%.2f\n", cpu_seconds (RUSAGE_SELF));
  close_window (w.window);
  printf ("peak RSS, layout helper (KiB)\t%ld\n", peak_kib (RUSAGE_CHILDREN));
  printf ("CPU, layout helper (s)\t%.2f\n", cpu_seconds (RUSAGE_CHILDREN));
  if (generated_dir != NULL)
    remove_directory (generated_dir);
  return 0;
}
