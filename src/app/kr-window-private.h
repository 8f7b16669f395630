/* kr-window-private.h — the window's state, shared by the files that each handle one concern
 *
 *   kr-window.c            the object: properties, settings, template, messages, zoom
 *   kr-window-load.c       opening datasets: files, the built-in one, recent files, reloading
 *   kr-window-view.c       what the map shows: filters, focus, paths, the timeline, and where
 *                          (KrMap: the whole map's layout, radial and tidied views)
 *   kr-window-selection.c  the selection, its history, and the evidence panel's pages
 *   kr-window-arrange.c    entities moved into place and pinned, undo and redo, and the views
 *                          file beside the dataset that keeps the pins
 *   kr-window-search.c     the search bar
 *   kr-window-export.c     exporting and copying the diagram
 *   kr-window-views.c      views saved under a name, in the views file beside the dataset
 *   kr-window-document.c   the dataset as a document: new, save, unsaved changes, autosave
 *   kr-window-edit.c       editing the record the side panel shows, adding entities
 *   kr-window-merge.c      merging the entity the side panel shows into another
 *   kr-window-adaptive.c   the window's size, the divider, and the layout of a narrow window
 *   kr-window-progress.c   the wait for a dataset and its map: the time taken, and stopping it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-arrangement.h"
#include "kr-diagram-view.h"
#include "kr-document.h"
#include "kr-evidence-panel.h"
#include "kr-filter-popover.h"
#include "kr-layout.h"
#include "kr-map.h"
#include "kr-paths.h"
#include "kr-saved-views.h"
#include "kr-search.h"
#include "kr-timeline-bar.h"
#include "kr-undo-stack.h"
#include "kr-view-bar.h"
#include "kr-view.h"
#include "kr-views-file.h"
#include "kr-window.h"

G_BEGIN_DECLS

struct _KrWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkWidget *open_button;
  GtkMenuButton *engine_button;
  GMenuModel *engine_menu;  /* the layout menu: */
  GMenu *engine_section;    /* filled from the engines' table */
  GMenu *direction_section; /* and from the directions' */
  GtkWidget *busy_sign; /* a map is being laid out behind the one shown */
  GtkWidget *export_button;
  GtkMenuButton *menu_button;
  GMenuModel *primary_menu;
  GMenuModel *export_menu;
  GtkStack *stack;
  AdwStatusPage *error_page;
  AdwStatusPage *loading_page;
  GtkLabel *error_details;
  GtkWidget *error_buttons;
  GtkWidget *layout_again_button;
  GtkLabel *progress_time; /* on the loading page */
  gint64 progress_since;
  guint progress_id;
  guint opening_id; /* shows that a file is being read, if it takes a while */
  GtkPaned *paned;
  KrDiagramView *diagram;
  KrEvidencePanel *panel;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkWidget *search_previous_button;
  GtkWidget *search_next_button;
  GtkLabel *search_status;
  KrFilterPopover *filter_popover;
  KrViewBar *view_bar;
  KrTimelineBar *timeline_bar;
  GMenu *recent_menu;

  KrView *view;        /* the dataset shown, what the map shows of it, and the history */
  KrMap *map;          /* where the map puts what the view shows */
  GFile *file;         /* NULL for the built-in dataset */
  GFile *other_file;   /* the table of entities opened with @file, a table of deals; or NULL */
  GFile *pending_file; /* being loaded */
  GFile *pending_other; /* being loaded with it */
  KrEngine engine;     /* the preference, kept in the settings */
  gboolean sfdp_for_size; /* the dataset shown is laid out with sfdp for its size instead,
                           * until an engine is picked */
  gboolean sfdp_note_due; /* why sfdp was chosen is still to be said */
  KrRankdir rankdir;
  GSettings *settings; /* the application's; NULL when the schema is not installed */
  gboolean show_sidebar;
  gboolean show_legend;
  gboolean show_link_labels; /* the map is laid out with labels on deals' lines */

  GCancellable *load_cancellable;
  GCancellable *dates_cancellable; /* the timeline's dates, being listed */

  GArray *matches; /* KrSearchMatch, of the text in the search entry */
  int match;       /* the one shown, or -1 */

  gboolean divider_placed;
  gboolean narrow;       /* the panel slides over the map instead of beside it */
  gboolean compact;      /* narrower still: the header bar keeps the buttons used most */
  gboolean wide_sidebar; /* whether the panel is beside the map once the window is wide again */
  GtkWidget *sheet;      /* where the panel slides over the map */
  gpointer compact_breakpoint; /* AdwBreakpoint, with libadwaita 1.4 or later */
  GMenu *narrow_menu;          /* the main menu, with what leaves the header bar when compact */
  int search_chars;      /* the search entry's width when wide */
  gboolean show_timeline;
  gboolean timeline_reported; /* the mode the timeline's dates were chosen for */

  GFileMonitor *monitor;       /* the open file, reloaded when it changes */
  GFileMonitor *other_monitor; /* the table opened with it */
  guint reload_id;

  /* What the person arranged, kept in the views file beside the dataset (kr-window-arrange.c
   * reads and writes the file; each part fills its own member). */
  KrViewsFile *views_file;    /* NULL when nowhere */
  guint save_id;              /* writing it soon */
  KrArrangement *arrangement; /* the pins of the dataset shown */
  KrUndoStack *undo;          /* the edits made to it */
  KrSavedViews *saved_views;  /* the views saved for it */
  char *views_unreadable;     /* why they could not be read: nothing is saved over them */
  GMenu *views_section;       /* the saved views, each showing itself */
  GMenu *views_edit_section;  /* renaming and deleting them */
  gboolean viewport_pending;  /* a view chosen waits for its layout, to look where it looked: */
  double viewport_x, viewport_y, viewport_zoom;

  KrDocument *document;       /* the dataset shown, as edited; NULL before one is */
  gboolean document_is_new;   /* made with New: no file, and not the built-in dataset */
  gboolean discard_confirmed; /* unsaved changes may go: the person was asked */
  guint autosave_id;

  gboolean navigating; /* going back or forward: not a new step in the history */
  AdwToast *path_toast; /* asks for the other end of a path, while it is up (not a ref) */

  GQueue toasts_waiting; /* AdwToast, each a ref: to show once the one before is up */
  gint64 toast_up_at;    /* when the latest toast shown is up (monotonic time) */
  guint toast_source;    /* shows the next one waiting */
};

/* kr-window.c */
void _kr_window_toast (KrWindow *self, const char *text);
/* A toast that asks for something, and stays until it is dismissed; the overlay owns it. */
AdwToast *_kr_window_prompt (KrWindow *self, const char *text);
/* A toast whose Details button shows @body, plain text, in a dialog. */
void _kr_window_toast_with_details (KrWindow *self, const char *heading, const char *body);
/* Shows @toast (taking it), in front of the others, once the one before is up. */
void _kr_window_show_toast (KrWindow *self, AdwToast *toast);
/* Takes @toast away: at once if it is still waiting to be shown, else once it is up. */
void _kr_window_dismiss_toast (KrWindow *self, AdwToast *toast);
/* A file's name as people read it: valid UTF-8 whatever the file system holds. */
char *_kr_window_display_name (GFile *file);
/* The same for files read together: "links.csv, people.csv". */
char *_kr_window_files_display_name (GFile *const *files, guint n_files);
/* The engine the map shown is laid out with: the preference, or sfdp (see below). */
KrEngine _kr_window_get_map_engine (KrWindow *self);
/* Whether the dataset shown is laid out with sfdp for its size, whatever the preference. Does
 * not lay it out again; picking an engine ends it. */
void _kr_window_set_sfdp_for_size (KrWindow *self, gboolean sfdp);
/* Whether why the dataset shown is laid out with sfdp is still to be said: TRUE once, until a
 * dataset is again laid out with sfdp for its size. */
gboolean _kr_window_take_sfdp_note (KrWindow *self);

/* kr-window-load.c */
void _kr_window_class_init_load (GtkWidgetClass *widget_class);
void _kr_window_init_load (KrWindow *self);
void _kr_window_dispose_load (KrWindow *self);

/* kr-window-view.c */
void _kr_window_class_init_view (GtkWidgetClass *widget_class);
/* Makes the view, after the settings it remembers filters in. */
void _kr_window_init_view (KrWindow *self);
void _kr_window_dispose_view (KrWindow *self);
/* Shows the view on the map: at once from a layout at hand, or once Graphviz has laid out what
 * it needs (the whole map with another engine, a radial focus). */
void _kr_window_show_map (KrWindow *self);
/* The other end of a path being chosen (win.path-from) was selected. */
void _kr_window_finish_path (KrWindow *self, guint entity);
void _kr_window_focus_depth_changed (KrWindow *self, guint depth);
/* Lays the focus shown out in circles around its entity, or as the map is. */
void _kr_window_set_focus_radial (KrWindow *self, gboolean radial);
void _kr_window_timeline_toggled (KrWindow *self);

/* kr-window-arrange.c */
void _kr_window_class_init_arrange (GtkWidgetClass *widget_class);
void _kr_window_init_arrange (KrWindow *self);
void _kr_window_dispose_arrange (KrWindow *self);
/* Reads the views file of the dataset at @dataset (NULL: the built-in one) — its pins, and its
 * saved views through _kr_window_read_saved_views() — and forgets the edits made to the one
 * before. */
void _kr_window_load_views_file (KrWindow *self, GFile *dataset);
/* When nothing is arranged on @dataset yet, pins its entities where the graph file it came from
 * drew them, in the map's layout, and saves those pins. */
void _kr_window_pin_drawn (KrWindow *self, KrDataset *dataset);
/* Writes the pins and the saved views to the views file now. */
gboolean _kr_window_save_views_file (KrWindow *self, GError **error);
/* The pins of the map shown (its engine and direction), or NULL. */
GHashTable *_kr_window_get_pins (KrWindow *self);
/* Marks the pinned entities on the map. */
void _kr_window_update_pin_marks (KrWindow *self);

/* kr-window-selection.c */
void _kr_window_class_init_selection (GtkWidgetClass *widget_class);
void _kr_window_init_selection (KrWindow *self);

/* kr-window-search.c */
void _kr_window_class_init_search (GtkWidgetClass *widget_class);
/* Finds the search text in the dataset again, and highlights what matches. */
void _kr_window_refresh_matches (KrWindow *self);

/* kr-window-export.c */
void _kr_window_class_init_export (GtkWidgetClass *widget_class);

/* kr-window-views.c */
void _kr_window_class_init_views (GtkWidgetClass *widget_class);
/* After the view and the map. */
void _kr_window_init_views (KrWindow *self);
void _kr_window_dispose_views (KrWindow *self);
/* Reads the saved views from the views file just loaded; @file_error says why the file itself
 * could not be read, and then nothing is saved over it. */
void _kr_window_read_saved_views (KrWindow *self, const GError *file_error);

/* kr-window-progress.c */
void _kr_window_class_init_progress (GtkWidgetClass *widget_class);
void _kr_window_init_progress (KrWindow *self);
void _kr_window_dispose_progress (KrWindow *self);
/* Shows the loading page, saying what is being waited for (@description: plain text or NULL),
 * and how long it has taken. */
void _kr_window_show_progress (KrWindow *self, const char *title, const char *description);
/* Says that opening @file (nullable) stopped, unless a dataset is shown or loading. */
void _kr_window_show_not_opened (KrWindow *self, GFile *file);
/* Whether the header bar shows that a map is being laid out. */
void _kr_window_set_layout_busy (KrWindow *self, gboolean busy);

/* kr-window-document.c */
/* The questions _kr_window_ask() asks are alert dialogs with libadwaita ≥ 1.5, message
 * dialogs before: ask_dialog (set_extra_child) (ASK_DIALOG (dialog), child) calls the one. */
#if ADW_CHECK_VERSION(1, 5, 0)
#define ASK_DIALOG(d) ADW_ALERT_DIALOG (d)
#define ask_dialog(call) adw_alert_dialog_##call
#else
#define ASK_DIALOG(d) ADW_MESSAGE_DIALOG (d)
#define ask_dialog(call) adw_message_dialog_##call
#endif
/* A question with @responses (id and translated label, in pairs, NULL-terminated; the first
 * answers closing it, the last is suggested, or destructive when its id is "discard", "reload"
 * or "delete"), answered to @callback (dialog, response id, @data); @data goes with the dialog. */
GtkWidget *_kr_window_ask (KrWindow *self, const char *heading, const char *body,
                           const char *const *responses, GCallback callback, gpointer data,
                           GDestroyNotify free_data);
/* Answers the question @dialog asks with @response, as its button would, and closes it. */
void _kr_window_answer (GtkWidget *dialog, const char *response);
void _kr_window_class_init_document (GtkWidgetClass *widget_class);
void _kr_window_dispose_document (KrWindow *self);
/* Makes @dataset, read from @file (NULL: the built-in one), the document edited; a new version
 * of the same file (@reload) forgets the edits made to the one before. */
void _kr_window_set_document (KrWindow *self, KrDataset *dataset, GFile *file, gboolean reload);
/* TRUE when nothing unsaved would be lost; otherwise asks whether to save, discard or cancel,
 * and then opens @then_open (with @then_open_other, when two tables open together), or the
 * built-in dataset (@then_builtin), or a new map (@then_new), or closes the window. */
gboolean _kr_window_may_discard (KrWindow *self, GFile *then_open, GFile *then_open_other,
                                 gboolean then_builtin, gboolean then_new);
/* TRUE when the open file, changed on disk, may be reloaded now; FALSE when it is what the
 * window saved, or when there are unsaved changes (then it asks). */
gboolean _kr_window_may_reload (KrWindow *self);
/* Whether closing waits for an answer about unsaved changes. */
gboolean _kr_window_close_blocked (KrWindow *self);

/* kr-window-edit.c */
void _kr_window_class_init_edit (GtkWidgetClass *widget_class);
void _kr_window_init_edit (KrWindow *self);
/* What the panel shows, to edit: its kind and index in the version edited; FALSE for none. */
gboolean _kr_window_shown_record (KrWindow *self, KrPanelPage *page, guint *index);

/* kr-window-merge.c */
void _kr_window_class_init_merge (GtkWidgetClass *widget_class);

/* kr-window-load.c */
/* Whether the dataset shown was read from @file (either table of two opened together). */
gboolean _kr_window_is_dataset_file (KrWindow *self, GFile *file);
/* The document is now @file (NULL: none yet): watched, remembered, among recent files. */
void _kr_window_document_renamed (KrWindow *self, GFile *file);

/* kr-window-adaptive.c */
/* After the template and the layout menu are built. */
void _kr_window_init_adaptive (KrWindow *self);
void _kr_window_dispose_adaptive (KrWindow *self);
/* The size the window was left at, or none: the first window takes a share of its monitor. */
void _kr_window_restore_size (KrWindow *self);
void _kr_window_save_size (KrWindow *self);
/* Shows the panel beside the map, or over it when the window is narrow, or hides it, as
 * show_sidebar says. */
void _kr_window_place_panel (KrWindow *self);

G_END_DECLS
