/* kr-edit-bench.c — what an edit costs on a large map: time to check it, time to make it, and
 * the memory the version it makes keeps for undo
 *
 * Loads a dataset (a file given, or one written with kr_bench_write_text_dataset()) and makes
 * each kind of edit the record form and the map make, round after round, on the version the
 * round before left: a check of a renamed entity as the form checks a keystroke, the rename,
 * a check of a new deal and its adding, the deletion of an entity near the start (which moves
 * every record after it), a merge of two entities, and the deletion of a deal and of an article
 * near the start. Prints the median of each and its spread, in milliseconds of wall and of
 * processor time, and what each version keeps (kr_dataset_get_size()).
 *
 * With --from-end the deletions and the merge are near the end instead, where few records move.
 *
 *   kr-edit-bench [--entities 20000] [--deals 50000] [--rounds 5] [--from-end] [FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kr-bench-data.h"
#include "kr-editor.h"

#define MAX_ROUNDS 64

typedef enum
{
  CHECK_RENAME,
  RENAME,
  CHECK_NEW_DEAL,
  ADD_DEAL,
  DELETE_ENTITY,
  MERGE,
  DELETE_DEAL,
  DELETE_ARTICLE,
  N_EDITS
} Edit;

static const char *const edit_names[N_EDITS] = {
  "check a renamed entity", "rename an entity",   "check a new deal", "add a deal",
  "delete an entity",       "merge two entities", "delete a deal",    "delete an article",
};

typedef struct
{
  double ms[MAX_ROUNDS];
  double cpu_ms[MAX_ROUNDS]; /* the process's user and system time */
  gsize kept; /* the last version's own size, bytes */
} Timings;

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Milliseconds of processor time the process has used, in user and system mode: on a machine
 * others share, steadier than the wall clock. */
static double
cpu_now_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Prints the median of @ms (@rounds of them, sorted here) and its range. */
static void
print_spread (double *ms, int rounds)
{
  qsort (ms, (gsize)rounds, sizeof *ms, compare_doubles);
  printf (" %10.1f %8.1f–%-9.1f", ms[rounds / 2], ms[0], ms[rounds - 1]);
}

static gboolean from_end;

/* The index of the record @k from the start of a list of @n, or from its end with --from-end. */
static guint
place (guint n, guint k)
{
  return from_end ? n - 1 - k : k;
}

/* Makes edit @edit of round @round on @editor; FALSE when it was refused. */
static gboolean
make_edit (KrEditor *editor, Edit edit, guint round, GError **error)
{
  KrDataset *dataset = kr_editor_get_dataset (editor);
  g_autofree char *name = g_strdup_printf ("Renamed %u", round);
  KrEntity entity = *kr_dataset_get_entity (dataset, 10);
  KrDeal deal = *kr_dataset_get_deal (dataset, 0);

  entity.name = name;
  deal.summary = name;
  switch (edit)
    {
    case CHECK_RENAME:
      {
        g_autoptr (GPtrArray) problems = kr_editor_check_entity (editor, 10, &entity);

        return problems->len == 0;
      }
    case RENAME:
      return kr_editor_set_entity (editor, 10, &entity, error);
    case CHECK_NEW_DEAL:
      {
        g_autoptr (GPtrArray) problems = kr_editor_check_new_deal (editor, &deal);

        return problems->len == 0;
      }
    case ADD_DEAL:
      return kr_editor_add_deal (editor, &deal, NULL, error);
    case DELETE_ENTITY:
      return kr_editor_delete_entity (editor, place (kr_dataset_get_n_entities (dataset), 3),
                                      error);
    case DELETE_DEAL:
      return kr_editor_delete_deal (editor, place (kr_dataset_get_n_deals (dataset), 3), error);
    case DELETE_ARTICLE:
      return kr_editor_delete_article (editor, place (kr_dataset_get_n_articles (dataset), 3),
                                       error);
    case MERGE:
    case N_EDITS:
    default:
      {
        guint n = kr_dataset_get_n_entities (dataset);

        return kr_editor_merge_entities (editor, place (n, 5), place (n, 6), error);
      }
    }
}

int
main (int argc, char **argv)
{
  int n_entities = 20000, n_deals = 50000, rounds = 5;
  const GOptionEntry options[] = {
    { "entities", 0, 0, G_OPTION_ARG_INT, &n_entities, "Entities of the dataset written", "N" },
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Deals of the dataset written", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of edits", "N" },
    { "from-end", 0, 0, G_OPTION_ARG_NONE, &from_end, "Delete and merge near the end", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[FILE]");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = NULL;
  Timings timings[N_EDITS] = { { { 0 } } };

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1 || rounds > MAX_ROUNDS)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--rounds: 1 to 64");
      return 2;
    }
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      dir = g_dir_make_tmp ("kr-edit-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      path = g_build_filename (dir, "bench.json", NULL);
      kr_bench_write_text_dataset (path, (guint)n_entities, (guint)n_deals, 0, 7);
    }
  file = g_file_new_for_path (path);
  dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);
  if (dir != NULL)
    kr_bench_remove_dir (dir);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (kr_dataset_get_n_entities (dataset) < 11 || kr_dataset_get_n_deals (dataset) < 1)
    {
      fprintf (stderr, "%s: the dataset needs 11 entities and a deal\n", path);
      return 1;
    }
  printf ("%u entities, %u deals, %u articles; %.0f MB in memory\n",
          kr_dataset_get_n_entities (dataset), kr_dataset_get_n_deals (dataset),
          kr_dataset_get_n_articles (dataset), kr_dataset_get_size (dataset) / 1e6);
  editor = kr_editor_new (dataset, undo);

  for (guint round = 0; round < (guint)rounds; round++)
    for (Edit edit = 0; edit < N_EDITS; edit++)
      {
        double start = kr_bench_now_ms ();
        double cpu_start = cpu_now_ms ();

        if (!make_edit (editor, edit, round, &error))
          {
            fprintf (stderr, "%s: refused: %s\n", edit_names[edit],
                     error ? error->message : "a problem");
            return 1;
          }
        timings[edit].cpu_ms[round] = cpu_now_ms () - cpu_start;
        timings[edit].ms[round] = kr_bench_now_ms () - start;
        timings[edit].kept = kr_dataset_get_size (kr_editor_get_dataset (editor));
      }

  printf ("%-22s %10s %18s %10s %18s %12s\n", "edit", "median ms", "range ms", "cpu ms",
          "cpu range ms", "version MB");
  for (Edit edit = 0; edit < N_EDITS; edit++)
    {
      gboolean makes_version = edit != CHECK_RENAME && edit != CHECK_NEW_DEAL;

      printf ("%-22s", edit_names[edit]);
      print_spread (timings[edit].ms, rounds);
      print_spread (timings[edit].cpu_ms, rounds);
      if (makes_version)
        printf (" %12.1f", timings[edit].kept / 1e6);
      printf ("\n");
    }
  return 0;
}
