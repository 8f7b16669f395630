/* kr-read-bench.c — reading the same graph as Keiretsu JSON, GraphML and FollowTheMoney
 *
 * Writes kr-bench's synthetic dataset (power-law degrees, a tenth of the deals between three or
 * four parties; 0.9 deals per entity by default, so that 100 000 entities stay within a
 * dataset's 200 000 records) as Keiretsu JSON, then the same entities and deals
 * as GraphML and as an FtM stream with Keiretsu's own writers, and times `keiretsu --check` on
 * each: the whole read, from the file to a checked dataset, in a process of its own so that
 * its peak memory is its own. The runs are interleaved (JSON, GraphML, FtM, JSON …), so that
 * what else the machine does falls on every format alike; the median is reported with the
 * spread of the runs.
 *
 *   kr-read-bench [--entities 100000] [--deals 90000] [--runs 5] [--keiretsu PATH] [--dir DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "kr-bench-data.h"
#include "kr-bench-run.h"
#include "kr-export.h"
#include "kr-graph-export.h"

static const struct
{
  const char *name;
  const char *file;
  int format; /* written from the JSON with it; -1: the JSON itself */
} formats[] = {
  { "Keiretsu JSON", "bench.json", -1 },
  { "GraphML", "bench.graphml", KR_EXPORT_GRAPHML },
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
write_files (const char *dir, guint n_entities, guint n_deals)
{
  g_autofree char *json = g_build_filename (dir, formats[0].file, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrScene) scene = NULL;

  kr_bench_write_dataset_with_deals (json, n_entities, n_deals, 1);
  dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  scene = scene_of (dataset);
  for (guint f = 1; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *path = g_build_filename (dir, formats[f].file, NULL);
      g_autofree char *text = kr_graph_export_write (scene, (KrExportFormat)formats[f].format);

      if (!g_file_set_contents (path, text, -1, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

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
  int n_entities = 100000, n_deals = 90000, runs = 5;
  GOptionEntry entries[]
      = { { "entities", 0, 0, G_OPTION_ARG_INT, &n_entities, "Entities in the graph", "N" },
          { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Deals in the graph", "N" },
          { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each format", "N" },
          { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The keiretsu program", "PATH" },
          { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
            "Where the files go (default: a new "
            "folder in the temporary directory, removed at the end)",
            "DIR" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  double times[G_N_ELEMENTS (formats)][64], rss[G_N_ELEMENTS (formats)][64];
  gboolean made_dir = FALSE;
  int status;

  /* A run of one command, measured for kr_bench_run_measured(). */
  if (kr_bench_run_child (argc, argv, &status))
    return status;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = CLAMP (runs, 1, 64);
  if (keiretsu == NULL)
    keiretsu = g_strdup (g_getenv ("KEIRETSU") ? g_getenv ("KEIRETSU") : "keiretsu");
  if (dir == NULL)
    {
      made_dir = TRUE;
      dir = g_dir_make_tmp ("kr-read-bench-XXXXXX", NULL);
    }
  if (!write_files (dir, (guint)MAX (n_entities, 2), (guint)MAX (n_deals, 0)))
    return 1;

  for (int r = 0; r < runs; r++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *path = g_build_filename (dir, formats[f].file, NULL);
        const char *args[] = { keiretsu, "--check", path, NULL };
        long peak = 0;

        times[f][r] = kr_bench_run_measured (args, &peak);
        rss[f][r] = (double)peak / 1024;
        if (times[f][r] < 0)
          {
            g_printerr ("%s --check %s failed\n", keiretsu, path);
            return 1;
          }
      }

  g_print ("%-14s %9s %9s %19s %9s %15s %7s %7s\n", "format", "size MiB", "ms", "spread ms",
           "RSS MiB", "spread MiB", "time x", "RSS x");
  {
    double base_time = 0, base_rss = 0;

    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *path = g_build_filename (dir, formats[f].file, NULL);
        GStatBuf st = { 0 };
        double t, m;

        g_stat (path, &st);
        /* Sorted by median (), the runs go from the fastest to the slowest. */
        t = median (times[f], runs);
        m = median (rss[f], runs);
        if (f == 0)
          {
            base_time = t;
            base_rss = m;
          }
        g_print ("%-14s %9.1f %9.0f %9.0f - %7.0f %9.0f %7.0f - %5.0f %7.2f %7.2f\n",
                 formats[f].name, st.st_size / 1048576.0, t, times[f][0], times[f][runs - 1], m,
                 rss[f][0], rss[f][runs - 1], t / base_time, m / base_rss);
      }
  }
  g_print ("\n%d entities, %d deals, %d interleaved runs of `keiretsu --check` each; the "
           "median, and the fastest and slowest run.\n",
           n_entities, n_deals, runs);
  if (made_dir)
    kr_bench_remove_dir (dir);
  return 0;
}
