/* kr-read-csv-bench.c — reading a spreadsheet of deals against the same data as Keiretsu's JSON
 *
 * A synthetic dataset (kr-bench-data.c) with ROWS deals is written as Keiretsu's JSON, and the
 * same entities, deals, parties, roles and excerpts as the two CSV tables Keiretsu reads
 * (NAME.csv and NAME.entities.csv; each excerpt's article given by an address, as CSV has
 * it). `keiretsu --check` reads each, RUNS times: the fastest time and the largest peak
 * memory are shown.
 *
 *   kr-read-csv-bench [--rows 100000] [--runs 3] [--keiretsu PATH]
 *
 * The files are written in $TMPDIR and removed after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kr-bench-data.h"
#include "kr-bench-run.h"
#include "kr-dataset.h"

static void
cell (GString *out, gboolean first, const char *value)
{
  gsize n = value ? strlen (value) : 0, size;

  if (!first)
    g_string_append_c (out, ',');
  size = out->len;
  g_string_set_size (out, size + 2 * n + 2);
  g_string_set_size (out, size + csv_write (out->str + size, 2 * n + 2, value ? value : "", n));
}

/* The dataset at @json as the two tables of @deals_path and its entities file. */
static void
write_tables (const char *json, const char *deals_path, const char *entities_path)
{
  g_autoptr (GFile) file = g_file_new_for_path (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = kr_dataset_new_from_file (file, NULL, NULL, &error);
  g_autoptr (GString) out = g_string_new ("id,name,kind\r\n");

  if (ds == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    {
      const KrEntity *e = kr_dataset_get_entity (ds, i);

      cell (out, TRUE, e->id);
      cell (out, FALSE, e->name);
      cell (out, FALSE, kr_vocabulary_to_token (&kr_entity_kind_vocabulary, e->kind));
      g_string_append (out, "\r\n");
    }
  g_assert_true (g_file_set_contents (entities_path, out->str, (gssize)out->len, NULL));

  g_string_assign (out, "id,parties,roles,kind,status,summary,url,article_title,publisher,quote"
                        "\r\n");
  for (guint d = 0; d < kr_dataset_get_n_deals (ds); d++)
    {
      const KrDeal *deal = kr_dataset_get_deal (ds, d);
      const KrArticle *article = kr_dataset_get_article (ds, deal->evidence[0].article);
      g_autoptr (GString) parties = g_string_new (NULL);
      g_autoptr (GString) roles = g_string_new (NULL);
      g_autofree char *url = g_strdup_printf ("https://bench.example/%s", article->id);

      for (guint p = 0; p < deal->n_parties; p++)
        {
          g_string_append_printf (parties, "%s%s", p ? "|" : "",
                                  kr_dataset_get_entity (ds, deal->parties[p].entity)->id);
          g_string_append_printf (
              roles, "%s%s", p ? "|" : "",
              kr_vocabulary_to_token (&kr_role_vocabulary, deal->parties[p].role));
        }
      cell (out, TRUE, deal->id);
      cell (out, FALSE, parties->str);
      cell (out, FALSE, roles->str);
      cell (out, FALSE, kr_vocabulary_to_token (&kr_deal_kind_vocabulary, deal->kind));
      cell (out, FALSE, kr_vocabulary_to_token (&kr_status_vocabulary, deal->status));
      cell (out, FALSE, deal->summary);
      cell (out, FALSE, url);
      cell (out, FALSE, article->title);
      cell (out, FALSE, article->publisher);
      cell (out, FALSE, deal->evidence[0].quote);
      g_string_append (out, "\r\n");
    }
  g_assert_true (g_file_set_contents (deals_path, out->str, (gssize)out->len, NULL));
}

static void
measure (const char *keiretsu, const char *label, const char *path, guint runs)
{
  const char *argv[] = { keiretsu, "--check", path, NULL };
  double best = -1;
  long peak = 0;
  GStatBuf st;

  for (guint r = 0; r < runs; r++)
    {
      long rss = 0;
      double ms = kr_bench_run_measured (argv, &rss);

      if (ms < 0)
        g_error ("%s --check %s failed", keiretsu, path);
      best = best < 0 ? ms : MIN (best, ms);
      peak = MAX (peak, rss);
    }
  g_stat (path, &st);
  g_print ("%-22s %9.1f MiB %9.0f ms %9.1f MiB\n", label, st.st_size / 1048576.0, best,
           peak / 1024.0);
}

int
main (int argc, char *argv[])
{
  int rows = 100000, runs = 3;
  g_autofree char *keiretsu = NULL;
  GOptionEntry entries[]
      = { { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Deals in the files", "N" },
          { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Readings of each file", "N" },
          { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The program to run", "PATH" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *deals = NULL;
  g_autofree char *entities = NULL;
  guint n_entities;
  int status;

  /* A run of one command, measured for kr_bench_run_measured(). */
  if (kr_bench_run_child (argc, argv, &status))
    return status;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rows < 4 || runs < 1)
    {
      g_printerr ("kr-read-bench: %s\n", error ? error->message : "--rows and --runs too small");
      return 2;
    }
  if (keiretsu == NULL)
    keiretsu = g_strdup ("keiretsu");

  dir = g_dir_make_tmp ("kr-read-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  json = g_build_filename (dir, "deals.json", NULL);
  deals = g_build_filename (dir, "deals.csv", NULL);
  entities = g_build_filename (dir, "deals.entities.csv", NULL);
  /* The synthetic datasets have five deals for every four entities. */
  n_entities = (guint)rows * 4 / 5;
  kr_bench_write_dataset (json, n_entities, 42);
  write_tables (json, deals, entities);

  g_print ("%u entities, %d deals (%d runs)\n", n_entities, rows, runs);
  g_print ("%-22s %13s %12s %13s\n", "file", "size", "time", "peak memory");
  measure (keiretsu, "Keiretsu JSON", json, (guint)runs);
  measure (keiretsu, "CSV deals + entities", deals, (guint)runs);

  g_remove (json);
  g_remove (deals);
  g_remove (entities);
  g_rmdir (dir);
  return 0;
}
