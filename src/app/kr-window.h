/* kr-window.h — the main window: the map, its evidence panel and the dataset behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kr-document.h"

#include "kr-dataset.h"
#include "kr-saved-views.h"
#include "kr-scene.h"

G_BEGIN_DECLS

#define KR_TYPE_WINDOW (kr_window_get_type ())
G_DECLARE_FINAL_TYPE (KrWindow, kr_window, KR, WINDOW, AdwApplicationWindow)

/* A window of @application (nullable) that remembers its size, the layout, the legend, the
 * dataset opened last and the filters chosen for each in @settings (nullable: then it remembers
 * nothing). */
KrWindow *kr_window_new (GtkApplication *application, GSettings *settings);

/* Loads in the background; a dataset that fails to load never replaces the one shown. A
 * spreadsheet first shows what each of its columns is read as, for the user to change. */
void kr_window_open_file (KrWindow *self, GFile *file);
/* The same for files given together: one, or a table of deals and a table of entities (CSV) in
 * either order, whatever their names. Any other files are not opened, and the window says why. */
void kr_window_open_files (KrWindow *self, GFile *const *files, guint n_files);
void kr_window_open_builtin (KrWindow *self);

KrDataset *kr_window_get_dataset (KrWindow *self);
/* The dataset shown as edited: its file, its edits, whether they are saved; NULL before one. */
KrDocument *kr_window_get_document (KrWindow *self);
KrScene *kr_window_get_scene (KrWindow *self);
GtkWidget *kr_window_get_diagram (KrWindow *self);
GtkWidget *kr_window_get_panel (KrWindow *self);
GtkWidget *kr_window_get_view_bar (KrWindow *self);

/* Whether the window is still opening a dataset, laying out the map or finding the
 * timeline's dates. */
gboolean kr_window_is_busy (KrWindow *self);

/* Saves what the window shows as the view named @name, replacing the one of that name, in
 * the views file beside the dataset (the built-in dataset's in the user's data directory). */
gboolean kr_window_save_view (KrWindow *self, const char *name, GError **error);
/* The views saved for the dataset shown; win.show-view shows one. */
KrSavedViews *kr_window_get_saved_views (KrWindow *self);

/* Writes what the map shows to @file, in the format its name says (kr-export.h), as Export does
 * once a file is chosen: in the background, saying in a toast when it is saved or why not.
 * FALSE when the name says no format Keiretsu writes. */
gboolean kr_window_export (KrWindow *self, GFile *file);

/* Opens the dataset that was open last time, if it still exists, else the built-in one. */
void kr_window_open_last (KrWindow *self);

G_END_DECLS
