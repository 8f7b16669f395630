/* kr-export-bench.c — exporting a map, against Graphviz's own tool writing the same format
 *
 * For each size, a synthetic dataset (the one kr-bench makes) is exported by
 * `keiretsu --export OUT.FORMAT --layout ENGINE`, and the same graph, as the DOT Keiretsu
 * writes for Graphviz, by `dot -KENGINE -TFORMAT`. The two run in turn, ROUNDS times, the
 * order swapped every round, so that whatever else the machine does falls on both alike. Each
 * round gives the ratios of Keiretsu to the tool: wall time, processor time (with the layout
 * helper's) and peak memory; the table gives their median and their range.
 *
 *   kr-export-bench [--sizes 1000,2000,5000] [--engine sfdp] [--format svg] [--rounds 3]
 *                   [--keiretsu PATH]
 *
 * The layout cache is off for Keiretsu: every export lays out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "kr-bench-data.h"
#include "kr-bench-run.h"
#include "kr-dataset.h"
#include "kr-layout.h"

/* --keep: the files stay, named by size, to run either side of a round again. */
static gboolean keep;

static gboolean
bench_size (const char *dir, const char *keiretsu, guint size, KrEngine engine, const char *format,
            guint rounds)
{
  g_autofree char *name = g_strdup_printf ("bench-%u.json", size);
  g_autofree char *json = g_build_filename (dir, name, NULL);
  g_autofree char *dot = g_strdup_printf ("%s/bench-%u.dot", dir, size);
  g_autofree char *ours = g_strdup_printf ("%s/keiretsu-%u.%s", dir, size, format);
  g_autofree char *theirs = g_strdup_printf ("%s/cli-%u.%s", dir, size, format);
  g_autofree char *k = g_strdup_printf ("-K%s", kr_engine_get_name (engine));
  g_autofree char *t = g_strdup_printf ("-T%s", format);
  const char *keiretsu_argv[]
      = { keiretsu, "--export", ours, "--layout", kr_engine_get_name (engine), json, NULL };
  const char *cli_argv[] = { "dot", k, t, "-o", theirs, dot, NULL };
  g_autoptr (GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) memory = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) keiretsu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cli_ms = g_array_new (FALSE, FALSE, sizeof (double));
  long keiretsu_kib = 0, cli_kib = 0;
  g_autofree char *w = NULL, *c = NULL, *m = NULL;

  kr_bench_write_dataset (json, size, 42);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GFile) file = g_file_new_for_path (json);
    g_autoptr (KrDataset) dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);
    KrLayoutOptions options = { .engine = engine };
    g_autofree char *text = dataset ? kr_layout_write_dot (dataset, &options, &error) : NULL;

    if (text == NULL || !g_file_set_contents (dot, text, -1, &error))
      {
        g_printerr ("%u entities: %s\n", size, error ? error->message : "no DOT");
        return FALSE;
      }
  }

  for (guint r = 0; r < rounds; r++)
    {
      KrBenchRun ks, cs;
      gboolean ok;
      double ratio;

      if (r % 2 == 0)
        ok = kr_bench_run (keiretsu_argv, &ks) && kr_bench_run (cli_argv, &cs);
      else
        ok = kr_bench_run (cli_argv, &cs) && kr_bench_run (keiretsu_argv, &ks);
      if (!ok)
        {
          g_printerr ("%u entities: a run failed (try it: %s --export …)\n", size, keiretsu);
          return FALSE;
        }
      ratio = ks.wall_ms / cs.wall_ms;
      g_array_append_val (wall, ratio);
      ratio = ks.cpu_ms / cs.cpu_ms;
      g_array_append_val (cpu, ratio);
      ratio = (double)ks.peak_kib / (double)cs.peak_kib;
      g_array_append_val (memory, ratio);
      g_array_append_val (keiretsu_ms, ks.wall_ms);
      g_array_append_val (cli_ms, cs.wall_ms);
      keiretsu_kib = MAX (keiretsu_kib, ks.peak_kib);
      cli_kib = MAX (cli_kib, cs.peak_kib);
    }
  w = kr_bench_spread (wall);
  c = kr_bench_spread (cpu);
  m = kr_bench_spread (memory);
  printf ("%7u  %-6s %-4s %6u  %10.0f  %10.0f  %-18s %-18s %9ld  %9ld  %s\n", size,
          kr_engine_get_name (engine), format, rounds, kr_bench_median (keiretsu_ms),
          kr_bench_median (cli_ms), w, c, keiretsu_kib, cli_kib, m);
  fflush (stdout);
  if (!keep)
    {
      g_unlink (json);
      g_unlink (dot);
      g_unlink (ours);
      g_unlink (theirs);
    }
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autofree char *sizes_arg = g_strdup ("1000,2000,5000");
  g_autofree char *engine_arg = g_strdup ("sfdp");
  g_autofree char *format = g_strdup ("svg");
  g_autofree char *keiretsu = NULL;
  int rounds = 3;
  g_autofree char *keep_dir = NULL;
  GOptionEntry entries[]
      = { { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Entity counts", "N,N,…" },
          { "engine", 0, 0, G_OPTION_ARG_STRING, &engine_arg, "Layout engine", "E" },
          { "format", 0, 0, G_OPTION_ARG_STRING, &format, "svg, png or pdf", "F" },
          { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Runs of each, in turn", "N" },
          { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The keiretsu program", "PATH" },
          { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir,
            "Write the files into DIR and keep them, to run either side again", "DIR" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) sizes = NULL;
  g_autofree char *dir = NULL;
  KrEngine engine;
  int status;
  gboolean ok = TRUE;

  if (kr_bench_run_child (argc, argv, &status))
    return status;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || !kr_engine_from_name (engine_arg, &engine, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (rounds < 1 || !g_strv_contains ((const char *const[]){ "svg", "png", "pdf", NULL }, format))
    {
      g_printerr ("--rounds must be at least 1, and --format svg, png or pdf\n");
      return 2;
    }
  if (keiretsu == NULL)
    keiretsu = g_strdup (g_getenv ("KEIRETSU") ? g_getenv ("KEIRETSU") : "keiretsu");
  /* Every export lays out, as the tool does. */
  g_setenv ("KEIRETSU_LAYOUT_CACHE", "0", TRUE);
  keep = keep_dir != NULL;
  dir = keep ? g_strdup (keep_dir) : g_dir_make_tmp ("kr-export-bench-XXXXXX", NULL);
  if (dir == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("cannot make a directory for the files\n");
      return 2;
    }
  sizes = g_strsplit (sizes_arg, ",", -1);

  printf ("entities engine fmt rounds  keiretsu ms     CLI ms  wall ratio         CPU ratio        "
          "  KiB (max)  CLI KiB    memory ratio\n");
  for (guint s = 0; sizes[s] != NULL && ok; s++)
    ok = bench_size (dir, keiretsu, (guint)g_ascii_strtoull (sizes[s], NULL, 10), engine, format,
                     (guint)rounds);
  if (!keep)
    g_rmdir (dir);
  printf ("ratios: Keiretsu ÷ the tool, per round; median (lowest–highest)\n");
  return ok ? 0 : 1;
}
