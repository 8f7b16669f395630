/* kr-open-bench.c — opening a dataset in the window: how long, how much memory, and whether
 * the window stays responsive (the longest stretch its main loop was busy).
 *
 *   kr-open-bench [--keiretsu PATH] [--watch SECONDS] [--reopen RUNS | --against-cli ROUNDS
 *                 [--engine E] | --edits ROUNDS] FILE
 *                 | --entities N [--deals N] [--words N] [--write FILE]
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
 * With --against-cli ROUNDS, it compares opening the file until the map is shown in full (after
 * any draft) with the Graphviz tool laying out the same graph (`dot -K<engine> -Tdot` on the DOT
 * Keiretsu writes for it), each side in a fresh process, in turn, and prints the ratios of wall
 * time, processor time (the window's with its helper's) and peak memory.
 *
 * With --edits ROUNDS, it opens the file, waits for the map in full and its tiles, then ROUNDS
 * times makes each kind of edit through the window's document editor (rename an entity to a
 * longer name, add a deal, delete an entity) and prints, for each, the time until the new scene
 * is on screen, the longest the main loop went without running from the edit until it is quiet
 * again (a timer every few ms), and the main thread's processor time in that stretch. The layout
 * cache is the user's (XDG_CACHE_HOME), so that a large map is laid out once for many runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "kr-bench-data.h"
#include "kr-bench-run.h"
#include "kr-dataset.h"
#include "kr-document.h"
#include "kr-editor.h"
#include "kr-layout-cache.h"
#include "kr-layout.h"
#include "kr-window.h"

#define TICK_MS 5
#define FULL_TICK_MS 50
/* After an edit is shown, the main loop is watched this long more: tiles are drawn again while
 * it is idle. */
#define EDIT_QUIET_MS 1500

typedef struct
{
  gint64 start;
  gint64 last_tick;
  gint64 longest_stall;
  gint64 longest_stall_end;
  gint64 loaded_at;
  gint64 drawn_at;
  gint64 painted_at; /* the first frame painted with the map */
  gboolean full;     /* watch until the map in full, not a draft, is painted */
  gint64 full_at;    /* when the window had the map in full and nothing left to do */
  gint64 painted_full_at;
  KrScene *painted_scene; /* compared only: the scene the last frame showed */
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
  if (w->full && w->full_at == 0 && kr_window_get_scene (w->window) != NULL
      && !kr_window_is_busy (w->window))
    {
      w->full_at = now;
      /* Already on screen: the window was only finishing other work. */
      if (w->painted_scene == kr_window_get_scene (w->window))
        w->painted_full_at = now;
    }
  return G_SOURCE_CONTINUE;
}

static void
after_paint (GdkFrameClock *clock, gpointer data)
{
  Watch *w = data;

  if (w->painted_at == 0 && w->drawn_at != 0)
    w->painted_at = g_get_monotonic_time ();
  if (w->painted_full_at == 0 && w->full_at != 0)
    w->painted_full_at = g_get_monotonic_time ();
  w->painted_scene = kr_window_get_scene (w->window);
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
  /* Waiting for the map in full, the window's main loop is not watched: waking it every few
   * milliseconds would add to the processor time measured. */
  ticks = g_timeout_add (w->full ? FULL_TICK_MS : TICK_MS, tick, w);
  kr_window_open_file (w->window, file);
  deadline = w->start + (gint64)(watch_seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < deadline && (w->full ? w->painted_full_at : w->painted_at) == 0)
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
  median = kr_bench_median (ratios);
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

/* --full: opens @file in a new window of this process and prints, from the moment it is
 * opened to the first frame of the map in full (after any draft, with nothing left to do), the
 * wall and processor time in ms (the window's, with the layout helper's) and the peak resident
 * memory in KiB of the window or of the helper, whichever is larger. */
static int
open_in_full (GFile *file, double watch_seconds)
{
  Watch w = { .window = new_window (), .full = TRUE };
  double cpu_before = cpu_seconds (RUSAGE_SELF) + cpu_seconds (RUSAGE_CHILDREN);
  double cpu;

  kr_layout_cache_set_default (NULL);
  watch_open (&w, file, watch_seconds);
  if (w.painted_full_at == 0)
    {
      g_printerr ("the map was not laid out in full within %.0f s\n", watch_seconds);
      return 1;
    }
  /* The helper was reaped when its layout came back, so its time is counted here. */
  cpu = cpu_seconds (RUSAGE_SELF) + cpu_seconds (RUSAGE_CHILDREN) - cpu_before;
  close_window (w.window);
  printf ("%.3f %.3f %ld\n", (w.painted_full_at - w.start) / 1e3, cpu * 1e3,
          MAX (peak_kib (RUSAGE_SELF), peak_kib (RUSAGE_CHILDREN)));
  return 0;
}

/* --against-cli: the window opening @file until the map is shown in full, against the Graphviz
 * tool laying out the DOT that Keiretsu writes for the same graph (`dot -K<engine> -Tdot`), in
 * turn, the order swapped every round; each side in a fresh process of its own. */
static int
against_cli (const char *self, const char *keiretsu, GFile *file, const char *engine_name,
             guint rounds, double watch_seconds)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-open-bench-XXXXXX", NULL);
  g_autofree char *dot = g_build_filename (dir, "graph.dot", NULL);
  g_autofree char *laid_out = g_build_filename (dir, "laid-out.dot", NULL);
  g_autofree char *k = g_strdup_printf ("-K%s", engine_name);
  g_autofree char *watch = g_strdup_printf ("%.0f", watch_seconds);
  const char *window_argv[]
      = { self, "--keiretsu", keiretsu, "--full", "--watch", watch, g_file_peek_path (file), NULL };
  const char *cli_argv[] = { "dot", k, "-Tdot", "-o", laid_out, dot, NULL };
  g_autoptr (GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) memory = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) window_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cli_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *w = NULL, *c = NULL, *m = NULL;
  long window_kib = 0, cli_kib = 0;
  int status = 0;

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (KrDataset) dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);
    KrLayoutOptions options = { 0 };
    g_autofree char *text = NULL;

    if (dataset != NULL && kr_engine_from_name (engine_name, &options.engine, &error))
      text = kr_layout_write_dot (dataset, &options, &error);
    if (text == NULL || !g_file_set_contents (dot, text, -1, &error))
      {
        g_printerr ("%s\n", error->message);
        remove_directory (dir);
        return 1;
      }
  }

  printf ("file\t%s\n", g_file_peek_path (file));
  printf ("round\twindow ms\twindow CPU ms\twindow KiB\tCLI ms\tCLI CPU ms\tCLI KiB\n");
  for (guint r = 0; r < rounds; r++)
    {
      KrBenchRun ws, cs, outer;
      g_autofree char *out = NULL;
      gboolean ok;
      double ratio;

      if (r % 2 == 0)
        ok = kr_bench_run_with_output (window_argv, &outer, &out) && kr_bench_run (cli_argv, &cs);
      else
        ok = kr_bench_run (cli_argv, &cs) && kr_bench_run_with_output (window_argv, &outer, &out);
      if (!ok || sscanf (out, "%lf %lf %ld", &ws.wall_ms, &ws.cpu_ms, &ws.peak_kib) != 3)
        {
          g_printerr ("round %u: a run failed\n", r + 1);
          status = 1;
          break;
        }
      printf ("%u\t%.0f\t%.0f\t%ld\t%.0f\t%.0f\t%ld\n", r + 1, ws.wall_ms, ws.cpu_ms, ws.peak_kib,
              cs.wall_ms, cs.cpu_ms, cs.peak_kib);
      fflush (stdout);
      ratio = ws.wall_ms / cs.wall_ms;
      g_array_append_val (wall, ratio);
      ratio = ws.cpu_ms / cs.cpu_ms;
      g_array_append_val (cpu, ratio);
      ratio = (double)ws.peak_kib / (double)cs.peak_kib;
      g_array_append_val (memory, ratio);
      g_array_append_val (window_ms, ws.wall_ms);
      g_array_append_val (cli_ms, cs.wall_ms);
      window_kib = MAX (window_kib, ws.peak_kib);
      cli_kib = MAX (cli_kib, cs.peak_kib);
    }
  if (wall->len > 0)
    {
      w = kr_bench_spread (wall);
      c = kr_bench_spread (cpu);
      m = kr_bench_spread (memory);
      printf ("window ÷ %s -Tdot, median (lowest–highest) over %u rounds: wall %s, CPU %s, "
              "peak memory %s (%ld KiB against %ld KiB); window %.0f ms, tool %.0f ms\n",
              k, wall->len, w, c, m, window_kib, cli_kib, kr_bench_median (window_ms),
              kr_bench_median (cli_ms));
    }
  g_unlink (dot);
  g_unlink (laid_out);
  g_rmdir (dir);
  return status;
}

/* --edits: what the window does after each kind of edit. */
typedef enum
{
  EDIT_RENAME,
  EDIT_ADD_DEAL,
  EDIT_DELETE_ENTITY,
  N_EDIT_KINDS
} EditKind;

static const char *const edit_kind_names[N_EDIT_KINDS]
    = { "rename an entity", "add a deal", "delete an entity" };

typedef struct
{
  KrWindow *window;
  KrScene *before;       /* compared only: the scene before the edit */
  gint64 last_tick;
  gint64 longest_stall;
  double last_cpu;       /* the main thread's processor time at the last tick, s */
  double stall_cpu;      /* that spent in the longest stall, s */
  gint64 shown_at;       /* when a frame first showed the edit's scene, the window idle */
} EditWatch;

static double
thread_cpu_seconds (void)
{
  struct timespec t;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t) != 0)
    return 0;
  return t.tv_sec + t.tv_nsec / 1e9;
}

static gboolean
edit_tick (gpointer data)
{
  EditWatch *w = data;
  gint64 now = g_get_monotonic_time ();
  double cpu = thread_cpu_seconds ();

  if (now - w->last_tick > w->longest_stall)
    {
      w->longest_stall = now - w->last_tick;
      w->stall_cpu = cpu - w->last_cpu;
    }
  w->last_tick = now;
  w->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
edit_painted (GdkFrameClock *clock, gpointer data)
{
  EditWatch *w = data;
  KrScene *scene = kr_window_get_scene (w->window);

  if (w->shown_at == 0 && scene != NULL && scene != w->before && !kr_window_is_busy (w->window))
    w->shown_at = g_get_monotonic_time ();
}

/* Iterates the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * (gint64)1000;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

/* Makes edit @kind of round @round; FALSE, with a message, when the editor refused it. */
static gboolean
make_window_edit (KrEditor *editor, EditKind kind, guint round, const char *base_name)
{
  KrDataset *dataset = kr_editor_get_dataset (editor);
  g_autofree char *name = g_strdup_printf ("%s & Associated Holdings %u", base_name, round);
  g_autofree char *summary = g_strdup_printf ("Deal added in round %u", round);
  g_autoptr (GError) error = NULL;
  gboolean done = FALSE;

  switch (kind)
    {
    case EDIT_RENAME:
      {
        KrEntity entity = *kr_dataset_get_entity (dataset, 10);

        entity.name = name;
        done = kr_editor_set_entity (editor, 10, &entity, &error);
        break;
      }
    case EDIT_ADD_DEAL:
      {
        KrDeal deal = *kr_dataset_get_deal (dataset, 0);

        deal.summary = summary;
        done = kr_editor_add_deal (editor, &deal, NULL, &error);
        break;
      }
    case EDIT_DELETE_ENTITY:
    case N_EDIT_KINDS:
    default:
      done = kr_editor_delete_entity (editor, 3, &error);
      break;
    }
  if (!done)
    g_printerr ("%s: %s\n", edit_kind_names[kind], error->message);
  return done;
}

/* Applies edit @kind and watches the window until it has shown the new scene and been quiet
 * for EDIT_QUIET_MS more. Fills @shown (s from the edit to the frame showing it), @stall (the
 * longest stretch without the loop running, s) and @cpu (the main thread's processor time in
 * that stretch, s). FALSE when the edit was refused or not shown within @watch_seconds. */
static gboolean
watch_edit (KrWindow *window, EditKind kind, guint round, const char *base_name,
            double watch_seconds, double *shown, double *stall, double *cpu)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  EditWatch w = { .window = window, .before = kr_window_get_scene (window) };
  KrEditor *editor = kr_document_get_editor (kr_window_get_document (window));
  gulong painted = g_signal_connect (clock, "after-paint", G_CALLBACK (edit_painted), &w);
  guint ticks = g_timeout_add (TICK_MS, edit_tick, &w);
  gint64 start, deadline;
  gboolean done;

  /* The edit itself runs on the main thread, as a form's or the map's would: it counts. */
  start = w.last_tick = g_get_monotonic_time ();
  w.last_cpu = thread_cpu_seconds ();
  done = make_window_edit (editor, kind, round, base_name);
  deadline = start + (gint64)(watch_seconds * G_USEC_PER_SEC);
  while (done && g_get_monotonic_time () < deadline
         && (w.shown_at == 0 || g_get_monotonic_time () < w.shown_at + EDIT_QUIET_MS * 1000))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticks);
  g_signal_handler_disconnect (clock, painted);
  *shown = (w.shown_at - start) / 1e6;
  *stall = w.longest_stall / 1e6;
  *cpu = w.stall_cpu;
  return done && w.shown_at != 0;
}

static int
edits (GFile *file, guint rounds, double watch_seconds)
{
  Watch w = { .window = new_window (), .full = TRUE };
  GArray *shown[N_EDIT_KINDS], *stall[N_EDIT_KINDS], *cpu[N_EDIT_KINDS];
  g_autofree char *base_name = NULL;
  int status = 0;

  watch_open (&w, file, watch_seconds);
  if (w.painted_full_at == 0)
    {
      g_printerr ("the map was not laid out in full within %.0f s\n", watch_seconds);
      close_window (w.window);
      return 1;
    }
  printf ("file\t%s\n", g_file_peek_path (file));
  printf ("opened in full (s)\t%.2f\n", (w.painted_full_at - w.start) / 1e6);
  /* Its tiles are drawn while the program is idle. */
  run_for (EDIT_QUIET_MS);
  base_name = g_strdup (kr_dataset_get_entity (kr_window_get_dataset (w.window), 10)->name);
  printf ("round\tedit\tshown (ms)\tlongest stall (ms)\tmain thread CPU in it (ms)\n");
  for (guint k = 0; k < N_EDIT_KINDS; k++)
    {
      shown[k] = g_array_new (FALSE, FALSE, sizeof (double));
      stall[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint r = 1; r <= rounds && status == 0; r++)
    for (guint k = 0; k < N_EDIT_KINDS && status == 0; k++)
      {
        double s, l, c;

        if (!watch_edit (w.window, k, r, base_name, watch_seconds, &s, &l, &c))
          {
            g_printerr ("round %u: %s was not shown within %.0f s\n", r, edit_kind_names[k],
                        watch_seconds);
            status = 1;
            break;
          }
        printf ("%u\t%s\t%.0f\t%.0f\t%.1f\n", r, edit_kind_names[k], s * 1e3, l * 1e3, c * 1e3);
        fflush (stdout);
        s *= 1e3;
        l *= 1e3;
        c *= 1e3;
        g_array_append_val (shown[k], s);
        g_array_append_val (stall[k], l);
        g_array_append_val (cpu[k], c);
      }
  for (guint k = 0; k < N_EDIT_KINDS && shown[k]->len > 0; k++)
    {
      g_autofree char *s = kr_bench_spread (shown[k]);
      g_autofree char *l = kr_bench_spread (stall[k]);
      g_autofree char *c = kr_bench_spread (cpu[k]);

      printf ("%s, median (lowest–highest) ms over %u rounds: shown %s, longest stall %s, "
              "main thread CPU in it %s\n",
              edit_kind_names[k], shown[k]->len, s, l, c);
    }
  for (guint k = 0; k < N_EDIT_KINDS; k++)
    {
      g_array_unref (shown[k]);
      g_array_unref (stall[k]);
      g_array_unref (cpu[k]);
    }
  close_window (w.window);
  return status;
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

static int run (int argc, char *argv[]);

int
main (int argc, char *argv[])
{
  int status = run (argc, argv);

  /* A layout of a window closed is stopped, but its thread may still be measuring labels:
   * exit () must not free Pango's data under it. */
  kr_layout_wait_for_threads (10);
  return status;
}

static int
run (int argc, char *argv[])
{
  g_autofree char *keiretsu = NULL;
  double watch_seconds = 60;
  int runs = 0;
  int entities = 0;
  int deals = 0;
  int n_words = 0;
  g_autofree char *write = NULL;
  gboolean full = FALSE;
  int against = 0;
  int edit_rounds = 0;
  g_autofree char *engine = g_strdup ("sfdp");
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
    { "against-cli", 0, 0, G_OPTION_ARG_INT, &against,
      "Open until the map is in full, against the Graphviz tool, ROUNDS of each in turn",
      "ROUNDS" },
    { "edits", 0, 0, G_OPTION_ARG_INT, &edit_rounds,
      "Open, then make each kind of edit ROUNDS times and watch the main loop", "ROUNDS" },
    { "engine", 0, 0, G_OPTION_ARG_STRING, &engine, "With --against-cli: the tool's engine", "E" },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      "Open once until the map is in full, print wall ms, "
      "CPU ms and peak KiB",
      NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  Watch w = { 0 };

  if (kr_bench_run_child (argc, argv, &status))
    return status;
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
  if ((runs > 0 || against > 0) && keiretsu == NULL)
    {
      g_printerr ("--reopen and --against-cli need --keiretsu: only the helper's layouts are kept, "
                  "and the tool runs in a process of its own too\n");
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
  if (full)
    return open_in_full (file, watch_seconds);
  if (against > 0)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      status = against_cli (self, keiretsu, file, engine, (guint)against, watch_seconds);
      if (generated_dir != NULL)
        remove_directory (generated_dir);
      return status;
    }
  if (edit_rounds > 0)
    {
      status = edits (file, (guint)edit_rounds, watch_seconds);
      if (generated_dir != NULL)
        remove_directory (generated_dir);
      return status;
    }
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
