/* kr-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "kr-builtin.h"
#include "kr-cli.h"
#include "kr-dataset.h"
#include "kr-export.h"
#include "kr-layout.h"

void
kr_cli_options_clear (KrCliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->engine, g_free);
  g_clear_pointer (&options->files, g_strfreev);
}

gboolean
kr_cli_parse (KrCliOptions *options, int *argc, char ***argv, GError **error)
{
  GOptionEntry entries[]
      = { { "check", 'c', 0, G_OPTION_ARG_NONE, &options->check,
            N_ ("Check DATASET and list every problem in it, then exit"), NULL },
          { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options->export_path,
            N_ ("Write the diagram to FILE (.svg, .png, .pdf or .dot) without opening a window"),
            N_ ("FILE") },
          { "layout", 'l', 0, G_OPTION_ARG_STRING, &options->engine,
            N_ ("Layout engine: dot, neato, fdp, sfdp, circo or twopi (default: dot)"),
            N_ ("ENGINE") },
          { "transparent", 0, 0, G_OPTION_ARG_NONE, &options->transparent,
            N_ ("With --export: no background behind SVG and PNG diagrams"), NULL },
          { "version", 0, 0, G_OPTION_ARG_NONE, &options->version, N_ ("Show the version and exit"),
            NULL },
          { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files, NULL,
            N_ ("[DATASET]") },
          { NULL } };
  g_autoptr (GOptionContext) context = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (
      context, _ ("Explore who is allied with, invests in, buys or is in talks with whom, and the "
                  "news excerpts that say so.\nWith no DATASET, the built-in dataset is shown."));
  g_option_context_set_description (
      context, _ ("Examples:\n"
                  "  keiretsu                          open the built-in dataset\n"
                  "  keiretsu mydata.json              open a dataset\n"
                  "  keiretsu --check mydata.json      validate a dataset\n"
                  "  keiretsu --export map.svg         export the built-in diagram\n"
                  "  keiretsu -e map.pdf -l neato mydata.json"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (options->engine != NULL && !kr_layout_engine_is_valid (options->engine))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("Unknown layout engine “%s”; choose dot, neato, fdp, sfdp, circo or twopi"),
                   options->engine);
      return FALSE;
    }
  if (options->files != NULL && g_strv_length (options->files) > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _ ("Give at most one dataset file"));
      return FALSE;
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
  return options->check || options->export_path != NULL || options->version;
}

static KrDataset *
load_dataset (const char *path, gboolean list_problems)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  KrDataset *dataset;

  if (path == NULL)
    {
      dataset = kr_builtin_dataset_load (&error);
      if (dataset == NULL)
        g_printerr ("keiretsu: %s\n", error->message);
      return dataset;
    }

  {
    g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
    dataset = kr_dataset_new_from_file (file, NULL, &problems, &error);
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
  else if (list_problems)
    g_print ("%s\n", error->message);
  else
    g_printerr ("%s\n", error->message);
  return NULL;
}

static int
run_check (const char *path)
{
  g_autoptr (KrDataset) dataset = load_dataset (path, TRUE);

  if (dataset == NULL)
    return 1;
  g_print (_ ("%s: valid: %u entities, %u deals, %u articles\n"), path,
           kr_dataset_get_n_entities (dataset), kr_dataset_get_n_deals (dataset),
           kr_dataset_get_n_articles (dataset));
  return 0;
}

static gboolean
same_file (const char *a, const char *b)
{
  g_autoptr (GFile) fa = g_file_new_for_commandline_arg (a);
  g_autoptr (GFile) fb = g_file_new_for_commandline_arg (b);
  g_autoptr (GFileInfo) ia = NULL;
  g_autoptr (GFileInfo) ib = NULL;

  if (g_file_equal (fa, fb))
    return TRUE;
  ia = g_file_query_info (fa, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  ib = g_file_query_info (fb, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return ia != NULL && ib != NULL
         && g_strcmp0 (g_file_info_get_attribute_string (ia, G_FILE_ATTRIBUTE_ID_FILE),
                       g_file_info_get_attribute_string (ib, G_FILE_ATTRIBUTE_ID_FILE))
                == 0;
}

static int
run_export (const char *dataset_path, const char *out_path, const char *engine,
            gboolean transparent)
{
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  KrLayoutOptions options = { engine ? engine : "dot", KR_RANKDIR_LR, NULL, NULL };
  int format = kr_export_format_from_filename (out_path);

  if (format < 0)
    {
      g_printerr (
          _ ("keiretsu: %s: unknown file type; the name must end in .svg, .png, .pdf or .dot\n"),
          out_path);
      return 2;
    }
  if (dataset_path != NULL && same_file (dataset_path, out_path))
    {
      g_printerr (_ ("keiretsu: %s: refusing to overwrite the dataset with the diagram\n"),
                  out_path);
      return 2;
    }

  dataset = load_dataset (dataset_path, FALSE);
  if (dataset == NULL)
    return 1;

  if (format == KR_EXPORT_DOT)
    {
      /* Graphviz lays DOT out itself: no need to lay it out here. */
      char *dot = kr_layout_write_dot (dataset, &options, &error);
      if (dot != NULL)
        bytes = g_bytes_new_take (dot, strlen (dot));
    }
  else
    {
      scene = kr_layout_run (dataset, &options, &error);
      if (scene != NULL)
        {
          KrExportOptions export_options;
          kr_export_options_init (&export_options);
          export_options.transparent = transparent;
          bytes = kr_export_render (scene, format, &export_options, &error);
        }
    }
  if (bytes == NULL)
    {
      g_printerr ("keiretsu: %s\n", error->message);
      return 1;
    }
  /* Written to a temporary file and renamed into place: never a half-written file. */
  if (!g_file_set_contents_full (out_path, g_bytes_get_data (bytes, NULL),
                                 (gssize)g_bytes_get_size (bytes), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, &error))
    {
      g_printerr (_ ("keiretsu: cannot write the diagram: %s\n"), error->message);
      return 1;
    }
  return 0;
}

int
kr_cli_run (const KrCliOptions *options)
{
  const char *file = options->files ? options->files[0] : NULL;

  if (options->version)
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (options->check)
    return run_check (file);
  return run_export (file, options->export_path, options->engine, options->transparent);
}
