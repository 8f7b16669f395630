/* kr-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "kr-builtin.h"
#include "kr-cli.h"
#include "kr-csv-reader.h"
#include "kr-dataset-reader.h"
#include "kr-dataset-writer.h"
#include "kr-export.h"
#include "kr-file.h"
#include "kr-filter.h"
#include "kr-format.h"
#include "kr-graph-export.h"
#include "kr-layout.h"
#include "kr-arrangement.h"
#include "kr-article-text.h"
#include "kr-builtin.h"
#include "kr-map.h"
#include "kr-saved-views.h"
#include "kr-views-file.h"

void
kr_cli_options_clear (KrCliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->engine, g_free);
  g_clear_pointer (&options->files, g_strfreev);
  g_clear_pointer (&options->filters, g_strfreev);
  g_clear_pointer (&options->focus, g_free);
  g_clear_pointer (&options->path[0], g_free);
  g_clear_pointer (&options->path[1], g_free);
  g_clear_pointer (&options->as_of, g_free);
  g_clear_pointer (&options->as_reported, g_free);
  g_clear_pointer (&options->view, g_free);
}

/* "--path ID ID" takes two values, which GOption cannot: takes them out of @argv first. */
static gboolean
take_path (KrCliOptions *options, int *argc, char ***argv, GError **error)
{
  char **args = *argv;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal (args[i], "--"))
        break;
      if (!g_str_equal (args[i], "--path"))
        continue;
      /* A dataset file after a single id is a mistake, not an id. */
      if (i + 2 >= *argc || g_str_has_prefix (args[i + 1], "-")
          || g_str_has_prefix (args[i + 2], "-") || kr_dataset_reader_find (args[i + 2]) != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _ ("--path needs two entity ids: --path ID ID"));
          return FALSE;
        }
      g_free (options->path[0]);
      g_free (options->path[1]);
      options->path[0] = g_strdup (args[i + 1]);
      options->path[1] = g_strdup (args[i + 2]);
      /* The removed arguments stay owned by the caller's array. */
      memmove (&args[i], &args[i + 3], sizeof (char *) * (*argc - i - 3));
      *argc -= 3;
      args[*argc] = NULL;
      i--;
    }
  return TRUE;
}

/* The view the options ask for, onto @filter (empty, or a saved view's), checked as far as it
 * can be without the dataset: terms add to it, and a focus, path or time replaces its own. */
static gboolean
build_filter (const KrCliOptions *options, KrFilter *filter, GError **error)
{
  for (guint i = 0; options->filters != NULL && options->filters[i] != NULL; i++)
    if (!kr_filter_parse_term (filter, options->filters[i], error))
      return FALSE;
  if (options->focus != NULL || options->path[0] != NULL)
    {
      kr_filter_clear_part (filter, KR_FILTER_PART_FOCUS);
      kr_filter_clear_part (filter, KR_FILTER_PART_PATH);
    }
  if (options->focus != NULL)
    filter->focus = g_strdup (options->focus);
  if (options->depth > 0)
    filter->depth = (guint)options->depth;
  if (options->path[0] != NULL)
    {
      filter->path_from = g_strdup (options->path[0]);
      filter->path_to = g_strdup (options->path[1]);
    }
  if (options->as_of != NULL || options->as_reported != NULL)
    {
      kr_filter_clear_part (filter, KR_FILTER_PART_TIME);
      filter->as_of = g_strdup (options->as_of);
      filter->as_reported = g_strdup (options->as_reported);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *date = i == 0 ? options->as_of : options->as_reported;
      if (date != NULL && !kr_date_is_valid (date))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _ ("--%s: “%s” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
                       i == 0 ? "as-of" : "as-reported", date);
          return FALSE;
        }
    }
  return TRUE;
}

/* --depth as written: 0, which used to act as 1, is as wrong as 4. */
static gboolean
parse_depth (KrCliOptions *options, const char *text, GError **error)
{
  gint64 depth;

  if (!g_ascii_string_to_signed (text, 10, 1, KR_FILTER_MAX_DEPTH, &depth, NULL))
    {
      g_autofree char *shown = kr_problem_quote (text);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--depth must be between 1 and %d, not “%s”"), KR_FILTER_MAX_DEPTH, shown);
      return FALSE;
    }
  options->depth = (int)depth;
  return TRUE;
}

gboolean
kr_cli_parse (KrCliOptions *options, int *argc, char ***argv, GError **error)
{
  const KrLayoutOptions defaults = KR_LAYOUT_OPTIONS_INIT;
  g_autofree char *engines = kr_engine_list_choices ();
  g_autofree char *depth_text = NULL;
  g_autofree char *layout_help = g_strdup_printf (_ ("Layout engine: %s (default: %s)"), engines,
                                                  kr_engine_get_name (defaults.engine));
  GOptionEntry entries[]
      = { { "check", 'c', 0, G_OPTION_ARG_NONE, &options->check,
            N_ ("Check DATASET and list every problem in it, then exit"), NULL },
          { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options->export_path,
            N_ ("Write the diagram, or the graph of what it shows (.graphml, .gexf, .ftm.json, "
                ".csv) or the dataset (.json), to FILE (.svg, .png, .pdf, .dot) without opening a "
                "window"),
            N_ ("FILE") },
          { "layout", 'l', 0, G_OPTION_ARG_STRING, &options->engine, layout_help, N_ ("ENGINE") },
          { "transparent", 0, 0, G_OPTION_ARG_NONE, &options->transparent,
            N_ ("With --export: no background behind SVG and PNG diagrams"), NULL },
          { "link-labels", 0, 0, G_OPTION_ARG_NONE, &options->link_labels,
            N_ ("With --export: label each deal's line with its kind and key figure"), NULL },
          { "filter", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &options->filters,
            N_ ("Show only part of the map: TERM is one of the filter terms listed below. "
                "Repeat for more terms"),
            N_ ("TERM") },
          { "focus", 0, 0, G_OPTION_ARG_STRING, &options->focus,
            N_ ("Show only the entity with this id and its neighbourhood"), N_ ("ID") },
          { "depth", 0, 0, G_OPTION_ARG_STRING, &depth_text,
            N_ ("With --focus: how many deals away to reach, 1 to 3 (default: 1)"), N_ ("N") },
          { "path", 0, 0, G_OPTION_ARG_NONE, &(gboolean){ FALSE },
            N_ ("Show only the shortest chains of deals between two entities"), N_ ("ID ID") },
          { "as-of", 0, 0, G_OPTION_ARG_STRING, &options->as_of,
            N_ ("Show the deals under way on DATE (YYYY, YYYY-MM or YYYY-MM-DD)"), N_ ("DATE") },
          { "as-reported", 0, 0, G_OPTION_ARG_STRING, &options->as_reported,
            N_ ("Show only what articles published by DATE had reported"), N_ ("DATE") },
          { "view", 0, 0, G_OPTION_ARG_STRING, &options->view,
            N_ ("With --export: start from the view saved under NAME in the window, its filter, "
                "engine and direction. --filter adds to it; --focus, --path, --as-of, "
                "--as-reported and --layout replace its own. Its zoom crops nothing: all it "
                "shows is written"),
            N_ ("NAME") },
          { "list-views", 0, 0, G_OPTION_ARG_NONE, &options->list_views,
            N_ ("List the names of the views saved for DATASET, then exit"), NULL },
          { "version", 0, 0, G_OPTION_ARG_NONE, &options->version, N_ ("Show the version and exit"),
            NULL },
          { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files, NULL,
            N_ ("[DATASET | DEALS.csv ENTITIES.csv]") },
          { NULL } };
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *description = NULL;
  g_autofree char *summary = NULL;

  context = g_option_context_new (NULL);
  summary = g_strdup_printf (
      "%s\n%s",
      _ ("Explore who is allied with, invests in, buys or is in talks with whom, and the "
         "news excerpts that say so.\nWith no DATASET, the built-in dataset is shown."),
      _ ("A table of deals and a table of entities (CSV) given together, in either order and "
         "whatever their names, are one dataset, for every option that takes a DATASET."));
  g_option_context_set_summary (context, summary);
  terms = kr_filter_terms_help ();
  description = g_strdup_printf (
      "%s\n%s\n\n%s\n%s", _ ("Filter terms:"), terms,
      _ ("Examples:\n"
         "  keiretsu                          open the built-in dataset\n"
         "  keiretsu mydata.json              open a dataset\n"
         "  keiretsu --check mydata.json      validate a dataset\n"
         "  keiretsu --export map.svg         export the built-in diagram\n"
         "  keiretsu -e map.pdf -l neato mydata.json\n"
         "  keiretsu -e nissan.svg --focus nissan --depth 2\n"
         "  keiretsu -e chain.svg --path honda renault\n"
         "  keiretsu -e talks.svg --filter status=proposed,in_talks --filter hide-isolated\n"
         "  keiretsu -e known.svg --as-reported 2023-01"),
      _ ("  keiretsu deals.csv people.csv     open a table of deals with one of entities"));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!take_path (options, argc, argv, error)
      || !g_option_context_parse (context, argc, argv, error)
      || (depth_text != NULL && !parse_depth (options, depth_text, error)))
    return FALSE;
  {
    g_auto (KrFilter) filter = KR_FILTER_INIT;
    if (!build_filter (options, &filter, error))
      return FALSE;
  }
  if (options->view != NULL && options->export_path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("--view chooses what --export writes; give --export FILE too"));
      return FALSE;
    }
  if (options->list_views && (options->export_path != NULL || options->check))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("--list-views goes alone with a DATASET, without --export or --check"));
      return FALSE;
    }
  if (options->export_path == NULL
      && (options->filters != NULL || options->focus != NULL || options->path[0] != NULL
          || options->as_of != NULL || options->as_reported != NULL || options->depth != 0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("--filter, --focus, --depth, --path, --as-of and --as-reported choose what "
                      "--export writes; give --export FILE too"));
      return FALSE;
    }
  if (options->focus != NULL && options->path[0] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("Use either --focus or --path, not both"));
      return FALSE;
    }

  {
    g_autoptr (GError) unknown = NULL;
    if (options->engine != NULL && !kr_engine_from_name (options->engine, NULL, &unknown))
      {
        g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, unknown->message);
        return FALSE;
      }
  }
  if (options->files != NULL && g_strv_length (options->files) > 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("Give at most one dataset file, or two tables (CSV): one of deals and one "
                      "of entities"));
      return FALSE;
    }
  if (options->files != NULL && options->files[0] != NULL && options->files[1] != NULL)
    {
      g_autoptr (GFile) file = kr_file_new_for_arg (options->files[0]);
      g_autoptr (GFile) other = kr_file_new_for_arg (options->files[1]);
      g_autoptr (GError) unpaired = NULL;

      if (kr_dataset_reader_find_pair (file, other, &unpaired) == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, unpaired->message);
          return FALSE;
        }
    }
  if (options->check && (options->files == NULL || options->files[0] == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("--check needs a DATASET file"));
      return FALSE;
    }
  if (options->check && options->export_path != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("Use either --check or --export, not both"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kr_cli_is_headless (const KrCliOptions *options)
{
  return options->check || options->export_path != NULL || options->list_views || options->version;
}

/* Prints "keiretsu: @message", made safe for a terminal: messages quote values from the command
 * line, the dataset and the file system, which may hold anything. */
static void
print_error (const char *message)
{
  g_autofree char *shown = kr_problem_printable (message, 0);

  g_printerr ("keiretsu: %s\n", shown);
}

/* A layout expected to take longer than this is announced, and then said to go on. */
#define ANNOUNCED_SECONDS 10
#define PROGRESS_SECONDS 30

/* Says how long the layout has run, every PROGRESS_SECONDS. */
static gboolean
say_progress (gpointer data)
{
  const gint64 *started = data;
  g_autofree char *taken
      = kr_format_duration ((guint)((g_get_monotonic_time () - *started) / G_USEC_PER_SEC));

  /* Translators: %s is a time taken, e.g. 12 s or 2 min 05 s */
  g_printerr (_ ("keiretsu: still laying out, for %s so far\n"), taken);
  return G_SOURCE_CONTINUE;
}

/* Before a layout that takes a while: how long it will take, from the graph's size and the
 * engine, and from then on how long it has taken. Returns the source that says so, or 0. */
static guint
announce_layout (KrDataset *dataset, KrEngine engine, const gint64 *started)
{
  guint n_entities = kr_dataset_get_n_entities (dataset);
  guint n_deals = kr_dataset_get_n_deals (dataset);
  double seconds = kr_engine_estimate_seconds (engine, n_entities, n_deals);
  g_autofree char *about = NULL;

  if (seconds < ANNOUNCED_SECONDS)
    return 0;
  about = kr_format_duration ((guint)MIN (seconds, G_MAXUINT));
  /* Translators: the numbers of entities and deals, the engine, then a time as "2 min 05 s" */
  g_printerr (_ ("keiretsu: laying out %'u entities and %'u deals with %s takes about %s on a "
                 "two-core computer\n"),
              n_entities, n_deals, kr_engine_get_name (engine), about);
  return g_timeout_add_seconds (PROGRESS_SECONDS, say_progress, (gpointer)started);
}

/* A file's name as a message shows it. */
static char *
shown_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return kr_problem_printable (display, 0);
}

/* Where CSV puts the entities written with the deals to @out_path, when it may: never over the
 * dataset, nor over a file that is not a table Keiretsu wrote. NULL, said, when it may not. */
static char *
entities_path (const char *out_path, const char *const paths[2])
{
  g_autoptr (GFile) out = g_file_new_for_path (out_path);
  g_autoptr (GFile) file = kr_csv_reader_get_sibling (out);
  g_autofree char *base = file ? g_file_get_basename (file) : NULL;
  g_autofree char *folder = g_path_get_dirname (out_path);
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;

  if (base == NULL)
    return NULL;
  /* Named as the user named the deals' file, beside it. */
  path = g_str_equal (folder, ".") ? g_strdup (base) : g_build_filename (folder, base, NULL);
  shown = shown_path (path);
  if ((paths[0] != NULL && kr_file_is_same (paths[0], path))
      || (paths[1] != NULL && kr_file_is_same (paths[1], path))
      || !kr_graph_export_may_replace_entities (file))
    {
      g_printerr (_ ("keiretsu: %s: not replaced with the table of entities, which goes there: "
                     "it is not one Keiretsu wrote\n"),
                  shown);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* The dataset in @paths: none (the built-in one), a file, or two tables given together. */
static KrDataset *
load_dataset (const char *const paths[2], gboolean list_problems)
{
  const char *path = paths[0];
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  KrDataset *dataset;

  if (path == NULL)
    {
      dataset = kr_builtin_dataset_load (&error);
      if (dataset == NULL)
        print_error (error->message);
      return dataset;
    }

  {
    g_autoptr (GFile) file = kr_file_new_for_arg (path);
    g_autoptr (GFile) other = paths[1] != NULL ? kr_file_new_for_arg (paths[1]) : NULL;

    dataset = other != NULL ? kr_dataset_new_from_pair (file, other, NULL, &problems, &error)
                            : kr_dataset_new_from_file (file, NULL, &problems, &error);
  }
  if (dataset != NULL)
    return dataset;

  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = kr_problem_to_string (problems->pdata[i], path);
          if (list_problems)
            g_print ("%s\n", line);
          else
            g_printerr ("%s\n", line);
        }
    }
  else
    {
      /* It names the file, whose name may hold anything. */
      g_autofree char *message = kr_problem_printable (error->message, 0);
      if (list_problems)
        g_print ("%s\n", message);
      else
        g_printerr ("%s\n", message);
    }
  return NULL;
}

/* A quote missing from its article's text is a warning, not an error: the file still loads,
 * and the panel marks the quote, so that people can mend it in the window. */
static int
run_check (const char *const paths[2])
{
  g_autoptr (KrDataset) dataset = load_dataset (paths, TRUE);
  g_autoptr (GPtrArray) unfound = NULL;
  g_autofree char *shown = NULL;
  const char *path = paths[0];

  if (dataset == NULL)
    return 1;
  shown = shown_path (path);
  if (paths[1] != NULL)
    {
      g_autofree char *first = g_steal_pointer (&shown);
      g_autofree char *other = shown_path (paths[1]);

      /* Translators: put between the names of two files */
      shown = g_strjoin (C_ ("list separator", ", "), first, other, NULL);
    }
  g_print (_ ("%s: valid: %u entities, %u deals, %u articles\n"), shown,
           kr_dataset_get_n_entities (dataset), kr_dataset_get_n_deals (dataset),
           kr_dataset_get_n_articles (dataset));
  for (const char *const *said = kr_dataset_get_left_out (dataset); *said != NULL; said++)
    {
      g_autofree char *line = kr_problem_printable (*said, 0);
      g_print ("%s: %s\n", shown, line);
    }
  unfound = kr_dataset_check_quotes (dataset);
  for (guint i = 0; i < unfound->len; i++)
    {
      g_autofree char *line = kr_problem_to_string (unfound->pdata[i], path);
      g_print ("%s\n", line);
    }
  return 0;
}

/* The views file beside the dataset at @path (NULL: the built-in one), read once for the saved
 * views and the pins; NULL when there is no place for one, or with @error naming the file and
 * the place when it cannot be read. */
static KrViewsFile *
load_views_file (const char *path, GError **error)
{
  g_autoptr (GFile) dataset = path != NULL ? kr_file_new_for_arg (path) : NULL;
  g_autoptr (GFile) where = kr_builtin_views_file_for (dataset);
  g_autoptr (KrViewsFile) file = NULL;

  if (where == NULL)
    return NULL;
  file = kr_views_file_new (where);
  if (!kr_views_file_load (file, NULL, error))
    return NULL;
  return g_steal_pointer (&file);
}

/* The views saved in @file (none when NULL), or NULL with @error naming the file and the
 * place. */
static KrSavedViews *
saved_views_of (KrViewsFile *file, GError **error)
{
  g_autoptr (KrSavedViews) views = kr_saved_views_new ();

  if (file != NULL
      && !kr_saved_views_load (views, kr_views_file_get_member (file, KR_SAVED_VIEWS_MEMBER),
                               error))
    {
      g_autofree char *name = g_file_get_parse_name (kr_views_file_get_file (file));
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  return g_steal_pointer (&views);
}

/* The pins kept in @file (none when NULL), as the window keeps them. Pins that cannot be read
 * are said, and the map laid out without them. */
static KrArrangement *
arrangement_of (KrViewsFile *file)
{
  KrArrangement *arrangement = kr_arrangement_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  if (file == NULL)
    return arrangement;
  name = g_file_get_parse_name (kr_views_file_get_file (file));
  if (!kr_arrangement_load (arrangement, kr_views_file_get_member (file, KR_ARRANGEMENT_MEMBER),
                            name, &error))
    print_error (error->message);
  return arrangement;
}

static int
run_list_views (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrViewsFile) file = load_views_file (path, &error);
  g_autoptr (KrSavedViews) views = error == NULL ? saved_views_of (file, &error) : NULL;

  if (views == NULL)
    {
      print_error (error->message);
      return 1;
    }
  for (guint i = 0; i < kr_saved_views_get_n_views (views); i++)
    g_print ("%s\n", kr_saved_views_get_view (views, i)->name);
  return 0;
}

/* The view saved as @name in @file, copied into @view; or FALSE, having said why, with the
 * names there are. */
static gboolean
find_saved_view (KrViewsFile *file, const char *name, KrSavedView *view)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrSavedViews) views = saved_views_of (file, &error);
  g_auto (GStrv) names = NULL;
  g_autofree char *list = NULL;
  g_autofree char *message = NULL;
  int at;

  if (views == NULL)
    {
      print_error (error->message);
      return FALSE;
    }
  at = kr_saved_views_find (views, name);
  if (at >= 0)
    {
      kr_saved_view_copy (view, kr_saved_views_get_view (views, (guint)at));
      return TRUE;
    }
  names = kr_saved_views_get_names (views);
  /* Translators: put between the names of views, as in "Nissan, Talks" */
  list = g_strjoinv (C_ ("list separator", ", "), names);
  message = names[0] != NULL
                ? g_strdup_printf (_ ("No view is named “%s”; the views saved for this dataset "
                                      "are: %s"),
                                   name, list)
                : g_strdup_printf (_ ("No view is named “%s”: no views are saved for this "
                                      "dataset"),
                                   name);
  print_error (message);
  return FALSE;
}

/* The engine and direction a saved view was laid out with, unless the options choose. */
static gboolean
saved_layout (const KrSavedView *saved, KrMapView *view, GError **error)
{
  if (saved->engine != NULL && !kr_engine_from_name (saved->engine, &view->engine, error))
    return FALSE;
  if (saved->direction != NULL && !kr_rankdir_from_name (saved->direction, &view->rankdir))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("The view’s direction, “%s”, is none that Keiretsu knows"), saved->direction);
      return FALSE;
    }
  return TRUE;
}

/* Writes the dataset itself, whole, as Keiretsu JSON: a copy in the form the window saves. */
static int
run_export_dataset (const char *const paths[2], const char *out_path, KrFilter *filter)
{
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrDataset) again = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) out = NULL;
  g_autoptr (GFile) from = NULL;
  g_autoptr (GError) error = NULL;

  if (!kr_filter_is_empty (filter))
    {
      print_error (_ ("A dataset is written whole: --filter, --focus, --path, --as-of, "
                      "--as-reported and --view choose what a diagram shows"));
      return 2;
    }
  dataset = load_dataset (paths, FALSE);
  if (dataset == NULL)
    return 1;
  bytes = kr_dataset_writer_write (dataset);
  out = g_file_new_for_path (out_path);
  if (paths[0] != NULL)
    {
      g_autoptr (GFile) in = g_file_new_for_path (paths[0]);
      from = g_file_get_parent (in);
    }
  /* The articles' texts go beside the copy first, for it to read back with them. */
  if (!kr_dataset_place_texts (dataset, from, out, &error))
    {
      print_error (error->message);
      return 1;
    }
  /* A graph file's deals may come without evidence, which a Keiretsu dataset needs: what would
   * not read back is not written. */
  again = kr_dataset_new_from_file_bytes (out, bytes, &problems, &error);
  if (again == NULL)
    {
      g_autofree char *why = problems != NULL && problems->len > 0
                                 ? kr_problem_to_string (problems->pdata[0], out_path)
                                 : g_strdup (error->message);
      g_autofree char *message
          = g_strdup_printf (_ ("This dataset cannot be written as a Keiretsu dataset (%s)"), why);
      print_error (message);
      return 1;
    }
  signal (SIGXFSZ, SIG_IGN);
  if (!kr_file_replace (out_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("Cannot write the dataset: %s"), error->message);
      print_error (message);
      return 1;
    }
  return 0;
}

/* Exports what @cli asks for; @views_file is the file beside the dataset, or NULL with
 * @views_error saying why it could not be read. */
static int
run_export (const KrCliOptions *cli, const char *const paths[2], KrFilter *filter,
            const KrSavedView *saved, KrViewsFile *views_file, const GError *views_error)
{
  const char *dataset_path = paths[0];
  const char *out_path = cli->export_path;
  g_autofree gboolean *entities = NULL;
  g_autofree gboolean *deals = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrMap) map = kr_map_new ();
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *shown_out = shown_path (out_path);
  g_autoptr (KrArrangement) arrangement = NULL;
  g_autofree char *key = NULL;
  KrMapView view = KR_MAP_VIEW_INIT;
  int format = kr_export_format_from_filename (out_path);
  g_autofree char *csv_entities = NULL;
  gint64 started;
  guint progress;

  /* ".json" is a Keiretsu dataset, unless a longer name says otherwise (".ftm.json"). */
  if (format < 0 && g_str_has_suffix (out_path, ".json"))
    return run_export_dataset (paths, out_path, filter);
  view.link_labels = cli->link_labels;
  if (saved != NULL && !saved_layout (saved, &view, &error))
    {
      print_error (error->message);
      return 1;
    }
  if (cli->engine != NULL && !kr_engine_from_name (cli->engine, &view.engine, &error))
    {
      print_error (error->message);
      return 2;
    }

  if (format < 0)
    {
      g_printerr (
          _ ("keiretsu: %s: unknown file type; the name must end in .svg, .png, .pdf, .dot, "
             ".graphml, .gexf, .ftm.json, .csv or .json\n"),
          shown_out);
      return 2;
    }
  if ((dataset_path != NULL && kr_file_is_same (dataset_path, out_path))
      || (paths[1] != NULL && kr_file_is_same (paths[1], out_path)))
    {
      g_printerr (_ ("keiretsu: %s: refusing to overwrite the dataset with the diagram\n"),
                  shown_out);
      return 2;
    }

  if (format == KR_EXPORT_CSV && (csv_entities = entities_path (out_path, paths)) == NULL)
    return 2;

  dataset = load_dataset (paths, FALSE);
  if (dataset == NULL)
    return 1;
  for (const char *const *said = kr_dataset_get_left_out (dataset); *said != NULL; said++)
    print_error (*said);
  if (saved != NULL)
    {
      /* As the window does: what the dataset still has is shown, and what it has not is said. */
      g_autofree char *gone = kr_saved_view_fit (filter, dataset);
      if (gone != NULL)
        print_error (gone);
    }

  if (!kr_filter_is_empty (filter))
    {
      entities = kr_dataset_new_entity_flags (dataset);
      deals = kr_dataset_new_deal_flags (dataset);
      if (!kr_filter_apply (filter, dataset, entities, deals, &error))
        {
          print_error (error->message);
          return 1;
        }
      view.shown_entities = entities;
      view.shown_deals = deals;
      /* A focus with the radial engine is laid out in circles around its entity, as the
       * window's Radial does; any other view hides what is out of the whole map. */
      if (view.engine == KR_ENGINE_TWOPI || filter->radial)
        view.radial = filter->focus;
    }

  /* Where the window shows the entities moved on this map; a views file that cannot be read is
   * said, and the map laid out without it. */
  if (views_error != NULL)
    print_error (views_error->message);
  arrangement = arrangement_of (views_file);
  key = kr_map_pins_key (view.engine, view.rankdir);
  /* As the window opens it: a graph file that draws its entities, as drawn. */
  if (kr_arrangement_is_empty (arrangement))
    kr_arrangement_pin_drawn (arrangement, key, dataset);
  view.pins = kr_arrangement_get_pins (arrangement, key);

  /* As the window does: Graphviz runs in its helper process, which reports a crash or an
   * exit() on a hostile graph instead of dying with it. */
  kr_map_set_dataset (map, dataset, FALSE);
  started = g_get_monotonic_time ();
  progress
      = announce_layout (dataset, view.radial != NULL ? KR_ENGINE_TWOPI : view.engine, &started);
  scene = kr_map_show_and_wait (map, &view, &error);
  g_clear_handle_id (&progress, g_source_remove);
  if (scene != NULL)
    {
      KrExportOptions export_options = KR_EXPORT_OPTIONS_INIT;
      export_options.transparent = cli->transparent;
      bytes = kr_export_render (scene, format, &export_options, &error);
    }
  if (bytes == NULL)
    {
      print_error (error->message);
      return 1;
    }
  /* Written to a temporary file and renamed into place: never a half-written file. Under a
   * file-size limit, write() then fails with EFBIG instead of the process being killed. */
  signal (SIGXFSZ, SIG_IGN);
  if (!kr_file_replace (out_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_autofree char *shown = kr_problem_printable (error->message, 0);
      g_printerr (_ ("keiretsu: cannot write the diagram: %s\n"), shown);
      return 1;
    }
  if (csv_entities != NULL)
    {
      g_autofree char *table = kr_graph_export_write_entities (scene);
      g_autofree char *shown_entities = shown_path (csv_entities);

      if (!kr_file_replace (csv_entities, table, strlen (table), &error))
        {
          g_autofree char *shown = kr_problem_printable (error->message, 0);
          g_printerr (_ ("keiretsu: cannot write the diagram: %s\n"), shown);
          return 1;
        }
      g_printerr (_ ("keiretsu: wrote the deals to %s and the entities to %s\n"), shown_out,
                  shown_entities);
    }
  {
    /* A graph file for other programs says what it could not hold. */
    g_autofree char *left_out = kr_graph_export_left_out (scene, format);
    if (left_out != NULL)
      print_error (left_out);
  }
  return 0;
}

/* Of two tables given together, the one of deals first in @paths: the window keeps the views
 * beside it. */
static gboolean
order_tables (const char *paths[2], GError **error)
{
  g_autoptr (GFile) file = kr_file_new_for_arg (paths[0]);
  g_autoptr (GFile) other = kr_file_new_for_arg (paths[1]);
  g_autoptr (GPtrArray) heads = kr_csv_reader_read_pair_heads (file, other, 0, NULL, error);
  const char *first = paths[0];

  if (heads == NULL)
    return FALSE;
  if (((KrCsvTableHead *)heads->pdata[0])->file != file)
    {
      paths[0] = paths[1];
      paths[1] = first;
    }
  return TRUE;
}

int
kr_cli_run (const KrCliOptions *options)
{
  const char *paths[2] = { options->files ? options->files[0] : NULL,
                           options->files && options->files[0] ? options->files[1] : NULL };
  const char *file;

  if (options->version)
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (options->check)
    return run_check (paths);
  if (paths[1] != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!order_tables (paths, &error))
        {
          print_error (error->message);
          return 1;
        }
    }
  file = paths[0];
  if (options->list_views)
    return run_list_views (file);
  {
    g_auto (KrSavedView) saved = KR_SAVED_VIEW_INIT;
    g_auto (KrFilter) filter = KR_FILTER_INIT;
    g_autoptr (GError) error = NULL;
    g_autoptr (GError) views_error = NULL;
    g_autoptr (KrViewsFile) views_file = load_views_file (file, &views_error);

    if (options->view != NULL)
      {
        if (views_error != NULL)
          {
            print_error (views_error->message);
            return 1;
          }
        if (!find_saved_view (views_file, options->view, &saved))
          return 1;
        kr_filter_copy (&filter, &saved.filter);
      }
    if (!build_filter (options, &filter, &error))
      {
        print_error (error->message);
        return 2;
      }
    return run_export (options, paths, &filter, options->view != NULL ? &saved : NULL, views_file,
                       views_error);
  }
}
