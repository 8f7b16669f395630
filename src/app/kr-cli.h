/* kr-cli.h — the command line: options, and the modes that need no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean check;
  gboolean transparent;
  gboolean link_labels;
  char *export_path;
  char *engine;
  gboolean version;
  char **files;
  /* The view: --filter terms, --focus, --depth, --path, --as-of, --as-reported */
  char **filters;
  char *focus;
  int depth;
  char *path[2];
  char *as_of;
  char *as_reported;
  /* A view saved in the window (kr-saved-views.h), which the options above refine */
  char *view;
  gboolean list_views;
} KrCliOptions;

void kr_cli_options_clear (KrCliOptions *options);

/* Parses the options; the files left over stay in options->files. Returns FALSE and sets
 * @error on a usage error. */
gboolean kr_cli_parse (KrCliOptions *options, int *argc, char ***argv, GError **error);

/* TRUE when the options ask for work without a window (--check, --export, --list-views,
 * --version). */
gboolean kr_cli_is_headless (const KrCliOptions *options);

/* Runs a headless mode; returns the process exit status. */
int kr_cli_run (const KrCliOptions *options);

G_END_DECLS
