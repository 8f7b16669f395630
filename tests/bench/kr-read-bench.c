/* kr-read-bench.c — reading the same data as Keiretsu JSON and as each format Keiretsu reads
 *
 * Writes a synthetic dataset with the words of a real one (kr_bench_write_text_dataset():
 * power-law degrees, a tenth of the deals between three or four parties, a summary and one or
 * two excerpts on every deal) as Keiretsu JSON, then the same entities and deals as CSV (the
 * deals and the entities, two files), GraphML, GEXF and FollowTheMoney with Keiretsu's own
 * writers, and times `keiretsu --check` on each: the whole read, from the file to a checked
 * dataset, in a process of its own so that its peak memory is its own. The runs go round the
 * formats (JSON, CSV, GraphML, GEXF, FtM, JSON …), so that what else the machine does falls on
 * every format alike. Each format's time and peak memory are divided by JSON's of the same
 * round; the median of those ratios is reported with their spread.
 *
 *   kr-read-bench [--entities 100000] [--deals 99000] [--runs 5] [--cpu] [--keiretsu PATH]
 *                 [--dir DIR]
 *
 * 100 000 entities and 99 000 deals stay within a dataset's 200 000 records, with the
 * articles; every file must stay within the 64 MiB a file may have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "kr-bench-data.h"
#include "kr-bench-run.h"
#include "kr-dataset.h"
#include "kr-export.h"
#include "kr-graph-export.h"
#include "kr-limits.h"

#define MAX_RUNS 64

static const struct
{
  const char *name;
  const char *file;
  int format; /* written from the JSON with it; -1: the JSON itself */
} formats[] = {
  { "Keiretsu JSON", "bench.json", -1 },
  { "CSV", "bench.csv", KR_EXPORT_CSV },
  { "GraphML", "bench.graphml", KR_EXPORT_GRAPHML },
  { "GEXF", "bench.gexf", KR_EXPORT_GEXF },
  { "FtM", "bench.ftm.json", KR_EXPORT_FTM },
};

/* A scene that shows every entity and deal of @dataset, as the graph writers need one: no
 * layout, each deal a line between its first two parties. */
static KrScene *
scene_of (KrDataset *dataset)
{
  KrScene *scene = kr_scene_new (dataset, 1, 1);

  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    kr_scene_add_node (
        scene, &(KrSceneNode){ .type = KR_SCENE_NODE_ENTITY, .index = i, .width = 1, .height = 1 });
  for (guint d = 0; d < kr_dataset_get_n_deals (dataset); d++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, d);
      KrPoint *points = g_new0 (KrPoint, 4); /* the scene's */

      kr_scene_add_edge (
          scene,
          &(KrSceneEdge){ .deal = d,
                          .tail = (guint)kr_scene_find_entity (scene, deal->parties[0].entity),
                          .head = (guint)kr_scene_find_entity (scene, deal->parties[1].entity),
                          .points = points,
                          .n_points = 4 });
    }
  return scene;
}

static gboolean
write_text (const char *dir, const char *name, char *text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *owned = text;

  return g_file_set_contents (path, owned, -1, error);
}

static gboolean
write_files (const char *dir, guint n_entities, guint n_deals)
{
  g_autofree char *json = g_build_filename (dir, formats[0].file, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrScene) scene = NULL;

  kr_bench_write_text_dataset (json, n_entities, n_deals, 0, 1);
  dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  scene = scene_of (dataset);
  for (guint f = 1; f < G_N_ELEMENTS (formats); f++)
    if (!write_text (dir, formats[f].file,
                     kr_graph_export_write (scene, (KrExportFormat)formats[f].format), &error))
      {
        g_printerr ("%s\n", error->message);
        return FALSE;
      }
  /* The CSV reader finds the entities beside the deals. */
  if (!write_text (dir, "bench.entities.csv", kr_graph_export_write_entities (scene), &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Sorts @values, so that the first is the smallest and the last the largest. */
static double
median (double *values, int n)
{
  qsort (values, (size_t)n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int argc, char *argv[])
{
  g_autofree char *keiretsu = NULL;
  g_autofree char *dir = NULL;
  int n_entities = 100000, n_deals = 99000, runs = 5;
  gboolean cpu = FALSE;
  GOptionEntry entries[]
      = { { "entities", 0, 0, G_OPTION_ARG_INT, &n_entities, "Entities in the dataset", "N" },
          { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Deals (rows of the CSV table)", "N" },
          { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Rounds of every format", "N" },
          { "cpu", 0, 0, G_OPTION_ARG_NONE, &cpu,
            "Time the processor's work (user and system) rather than the wall clock's", NULL },
          { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The keiretsu program", "PATH" },
          { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
            "Where the files go (default: a new "
            "folder in the temporary directory, removed at the end)",
            "DIR" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  enum
  {
    F = G_N_ELEMENTS (formats)
  };
  double times[F][MAX_RUNS], rss[F][MAX_RUNS], time_ratios[F][MAX_RUNS], rss_ratios[F][MAX_RUNS];
  goffset sizes[F];
  gboolean made_dir = FALSE;
  int status;

  /* A run of one command, measured for kr_bench_run(). */
  if (kr_bench_run_child (argc, argv, &status))
    return status;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = CLAMP (runs, 1, MAX_RUNS);
  if (keiretsu == NULL)
    keiretsu = g_strdup (g_getenv ("KEIRETSU") ? g_getenv ("KEIRETSU") : "keiretsu");
  if (dir == NULL)
    {
      made_dir = TRUE;
      dir = g_dir_make_tmp ("kr-read-bench-XXXXXX", NULL);
    }
  else
    g_mkdir_with_parents (dir, 0755);
  if (!write_files (dir, (guint)MAX (n_entities, 2), (guint)MAX (n_deals, 0)))
    return 1;

  /* A file past the limit would be refused, not read: it is left out, and said so. */
  for (guint f = 0; f < F; f++)
    {
      g_autofree char *path = g_build_filename (dir, formats[f].file, NULL);
      GStatBuf st = { 0 };

      g_stat (path, &st);
      sizes[f] = st.st_size;
      if ((guint64)sizes[f] > kr_limits_get ()->max_file_size && f == 0)
        {
          g_printerr ("The JSON is larger than a dataset may be: give fewer entities or deals\n");
          return 1;
        }
    }

  for (int r = 0; r < runs; r++)
    for (guint f = 0; f < F; f++)
      {
        g_autofree char *path = g_build_filename (dir, formats[f].file, NULL);
        const char *args[] = { keiretsu, "--check", path, NULL };
        KrBenchRun run;

        if ((guint64)sizes[f] > kr_limits_get ()->max_file_size)
          continue;
        if (!kr_bench_run (args, &run))
          {
            g_printerr ("%s --check %s failed\n", keiretsu, path);
            return 1;
          }
        /* On a shared machine a run waits for a core: its processor time says more. */
        times[f][r] = cpu ? run.cpu_ms : run.wall_ms;
        rss[f][r] = run.peak_kib / 1024.0;
        time_ratios[f][r] = times[f][r] / times[0][r];
        rss_ratios[f][r] = rss[f][r] / rss[0][r];
      }

  g_print ("%-14s %8s %8s %15s %8s %13s %18s %18s\n", "format", "MiB", "ms", "spread ms", "RSS MiB",
           "spread MiB", "time / JSON", "RSS / JSON");
  for (guint f = 0; f < F; f++)
    {
      double t, m, tr, mr;

      if ((guint64)sizes[f] > kr_limits_get ()->max_file_size)
        {
          g_print ("%-14s %8.1f   larger than the %" G_GUINT64_FORMAT " MiB a file may have: not read\n",
                   formats[f].name, sizes[f] / 1048576.0, kr_limits_get ()->max_file_size / 1048576);
          continue;
        }
      t = median (times[f], runs);
      m = median (rss[f], runs);
      tr = median (time_ratios[f], runs);
      mr = median (rss_ratios[f], runs);
      g_print ("%-14s %8.1f %8.0f %6.0f - %6.0f %8.0f %5.0f - %5.0f %6.2f %4.2f-%4.2f %6.2f "
               "%4.2f-%4.2f\n",
               formats[f].name, sizes[f] / 1048576.0, t, times[f][0], times[f][runs - 1], m,
               rss[f][0], rss[f][runs - 1], tr, time_ratios[f][0], time_ratios[f][runs - 1], mr,
               rss_ratios[f][0], rss_ratios[f][runs - 1]);
    }
  g_print ("\n%d entities, %d deals; %d rounds of `keiretsu --check` on each format in turn: the "
           "median and the spread (smallest - largest) of the runs, and of each run's ratio to "
           "JSON's in the same round; times are %s. CSV's size is the deals' file; the "
           "entities' is beside it.\n",
           n_entities, n_deals, runs, cpu ? "processor time (user and system)" : "wall-clock time");
  if (made_dir)
    kr_bench_remove_dir (dir);
  return 0;
}
