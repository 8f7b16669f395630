/* kr-window-load.c — opening datasets: files, the built-in one, recent files, and reloading
 * the open file when it changes on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-builtin.h"
#include "kr-csv-dialog.h"
#include "kr-csv-reader.h"
#include "kr-dataset-reader.h"
#include "kr-window-private.h"

#define MAX_PROBLEM_LINES 12
#define CSV_PREVIEW_ROWS 5
#define LARGE_DATASET 800 /* entities */
#define OPENING_SHOWN_AFTER_MS 100

static void update_recent_menu (KrWindow *self);
static void load_files (KrWindow *self, GFile *file, GFile *other);

static void file_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                          KrWindow *self);

/* Watches @file, and @other opened with it, for changes; neither when NULL. */
static void
watch_files (KrWindow *self, GFile *file, GFile *other)
{
  GFileMonitor **monitors[] = { &self->monitor, &self->other_monitor };
  GFile *files[] = { file, other };

  g_clear_handle_id (&self->reload_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (monitors); i++)
    {
      g_autoptr (GError) error = NULL;

      if (*monitors[i] != NULL)
        g_signal_handlers_disconnect_by_func (*monitors[i], file_changed, self);
      g_clear_object (monitors[i]);
      if (files[i] == NULL)
        continue;
      *monitors[i] = g_file_monitor_file (files[i], G_FILE_MONITOR_NONE, NULL, &error);
      if (*monitors[i] == NULL)
        g_debug ("not watching the dataset for changes: %s", error->message);
      else
        g_signal_connect (*monitors[i], "changed", G_CALLBACK (file_changed), self);
    }
}

/* For the next start: the dataset opened last, and the table opened with it. */
static void
remember_last (KrWindow *self, GFile *file, GFile *other)
{
  g_autofree char *last = file ? g_file_get_uri (file) : g_strdup ("");
  g_autofree char *last_other = other ? g_file_get_uri (other) : g_strdup ("");

  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "last-dataset", last);
  g_settings_set_string (self->settings, "last-entities", last_other);
}

gboolean
_kr_window_is_dataset_file (KrWindow *self, GFile *file)
{
  return (self->file != NULL && g_file_equal (file, self->file))
         || (self->other_file != NULL && g_file_equal (file, self->other_file));
}

static void
set_dataset (KrWindow *self, KrDataset *dataset, GFile *file, GFile *other)
{
  g_autofree char *subtitle = NULL;
  gboolean reload = file != NULL && self->file != NULL && g_file_equal (file, self->file)
                    && (other == NULL) == (self->other_file == NULL)
                    && (other == NULL || g_file_equal (other, self->other_file));
  /* Filters are remembered per dataset, by its address. */
  g_autofree char *key = file != NULL ? g_file_get_uri (file) : g_strdup ("builtin:");
  g_autoptr (GError) error = NULL;

  if (!reload)
    {
      _kr_window_load_views_file (self, file);
      g_set_object (&self->file, file);
      g_set_object (&self->other_file, other);
      watch_files (self, file, other);
      remember_last (self, file, other);
      if (file != NULL)
        {
          gtk_recent_manager_add_item (gtk_recent_manager_get_default (), key);
          update_recent_menu (self);
        }
    }
  else
    {
      g_autofree char *name
          = _kr_window_files_display_name ((GFile *[]){ file, other }, other ? 2 : 1);
      g_autofree char *message
          = g_strdup_printf (_ ("“%s” changed on disk and was reloaded"), name);
      _kr_window_toast (self, message);
    }
  /* A new version keeps the view, as far as its ids still exist; when it no longer fits, the
   * whole map is shown, and why is said. */
  if (!kr_view_set_dataset (self->view, dataset, key, &error))
    _kr_window_toast (self, error->message);
  /* What the reader skipped is said, so that an incomplete map does not pass for the file. */
  if (!reload && kr_dataset_get_left_out (dataset)[0] != NULL)
    {
      g_autofree char *said = g_strjoinv ("\n", (char **)kr_dataset_get_left_out (dataset));
      _kr_window_toast_with_details (self, _ ("Part of this file is not on the map"), said);
    }
  if (file != NULL)
    subtitle = _kr_window_files_display_name ((GFile *[]){ file, other }, other ? 2 : 1);
  else
    subtitle = g_strdup (_ ("Built-in dataset"));
  adw_window_title_set_title (self->window_title, kr_dataset_get_title (dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), kr_dataset_get_title (dataset));

  /* dot's hierarchical layout grows steeply with size: a big map starts with sfdp, until an
   * engine is picked for it. The preference stays dot, for the next dataset. Why is said with
   * the map's progress, or as the map is shown (kr-window-view.c). */
  if (!reload)
    _kr_window_set_sfdp_for_size (self, kr_dataset_get_n_entities (dataset) > LARGE_DATASET
                                            && self->engine == KR_ENGINE_DOT);
  /* A graph file that draws its entities opens as drawn, until they are moved. */
  if (!reload)
    _kr_window_pin_drawn (self, dataset);
  /* A new version starts from where the old one put its entities. */
  kr_map_set_dataset (self->map, dataset, reload);
  _kr_window_show_map (self);
  _kr_window_set_document (self, dataset, file, reload);
}

void
_kr_window_document_renamed (KrWindow *self, GFile *file)
{
  /* Saved as one file, the dataset is no longer read from two tables. */
  g_set_object (&self->file, file);
  g_clear_object (&self->other_file);
  watch_files (self, file, NULL);
  remember_last (self, file, NULL);
  update_recent_menu (self);
}

#define MAX_RECENT 8

static int
compare_recent (gconstpointer a, gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo *const *)a, *y = *(GtkRecentInfo *const *)b;
  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

/* The datasets opened lately, newest first, from the desktop's recent files. */
static void
update_recent_menu (KrWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr (GPtrArray) mine = g_ptr_array_new ();

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      if (gtk_recent_info_has_application (info, g_get_application_name ())
          && kr_dataset_reader_find (gtk_recent_info_get_uri (info)) != NULL
          && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (mine, info);
    }
  g_ptr_array_sort (mine, compare_recent);
  for (guint i = 0; i < MIN (mine->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = mine->pdata[i];
      /* Menu labels take "_" as a mnemonic: double it to show a name as it is. */
      g_auto (GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  if (mine->len == 0)
    {
      g_autoptr (GMenuItem) none = g_menu_item_new (_ ("No Recent Datasets"), "win.no-recent");
      g_menu_append_item (self->recent_menu, none);
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

static void
open_recent_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  kr_window_open_file (KR_WINDOW (widget), file);
}

static gboolean
reload_now (gpointer data)
{
  KrWindow *self = data;

  self->reload_id = 0;
  if (self->file != NULL && _kr_window_may_reload (self))
    load_files (self, self->file, self->other_file);
  return G_SOURCE_REMOVE;
}

/* Editors write a file in several steps: reload once they have been quiet for a moment. */
static void
file_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
              KrWindow *self)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT
      && event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_MOVED_IN
      && event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (400, reload_now, self);
}

static gboolean open_files (KrWindow *self, GFile *const *files, guint n_files);

/* One file, or two tables to open together. */
static gboolean
files_dropped (GtkDropTarget *target, const GValue *value, double x, double y, KrWindow *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *dropped = list ? gdk_file_list_get_files (list) : NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  GFile *file;
  g_autofree char *basename = NULL;

  for (GSList *l = dropped; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (dropped);
  if (files->len == 0)
    return FALSE;
  if (files->len > 1)
    return open_files (self, (GFile *const *)files->pdata, files->len);
  file = files->pdata[0];
  basename = g_file_get_basename (file);
  if (basename == NULL || kr_dataset_reader_find (basename) == NULL)
    {
      /* Say why nothing happens, rather than read a picture or a PDF as a dataset. */
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      g_autofree char *name = _kr_window_display_name (file);
      g_autofree char *formats = NULL;
      g_autofree char *message = NULL;

      for (guint i = 0; i < kr_dataset_reader_get_n (); i++)
        g_ptr_array_add (names, (gpointer)kr_dataset_reader_get_name (kr_dataset_reader_get (i)));
      g_ptr_array_add (names, NULL);
      /* Translators: put between the names of file formats */
      formats = g_strjoinv (C_ ("list separator", ", "), (char **)names->pdata);
      /* Translators: the 2nd %s lists formats, e.g. Keiretsu datasets (JSON) */
      message = g_strdup_printf (_ ("“%s” was not opened: Keiretsu reads %s"), name, formats);
      _kr_window_toast (self, message);
      return FALSE;
    }
  return open_files (self, &file, 1);
}

/* Says why @files (none: the built-in dataset) did not open. */
static void
show_load_error (KrWindow *self, GFile *const *files, guint n_files, GPtrArray *problems,
                 const GError *error)
{
  g_autofree char *name = n_files > 0 ? _kr_window_files_display_name (files, n_files)
                                      : g_strdup (_ ("built-in dataset"));
  g_autofree char *path = n_files > 0 ? g_file_get_path (files[0]) : NULL;
  g_autofree char *details = NULL;
  g_autofree char *heading = NULL;

  if (problems != NULL && problems->len > 0)
    details = kr_problems_to_string (problems, path ? path : name, MAX_PROBLEM_LINES);
  else
    details = g_strdup (error->message);

  if (kr_view_get_dataset (self->view) == NULL)
    {
      g_autofree char *title = g_strdup_printf (_ ("Could Not Open “%s”"), name);
      adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->error_page, title);
      gtk_widget_set_visible (GTK_WIDGET (self->error_details), TRUE);
      adw_status_page_set_description (
          self->error_page,
          problems && problems->len ? _ (
              "The file is not a valid Keiretsu dataset. Fix the problems below and open it again.")
                                    : NULL);
      gtk_label_set_text (self->error_details, details);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  heading = g_strdup_printf (_ ("Could not open “%s”; still showing the previous dataset"), name);
  _kr_window_toast_with_details (self, heading, details);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (KrDataset) dataset = kr_dataset_load_finish (result, &problems, &error);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) other = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->opening_id, g_source_remove);
  file = g_steal_pointer (&self->pending_file);
  other = g_steal_pointer (&self->pending_other);
  if (dataset == NULL)
    {
      show_load_error (self, (GFile *[]){ file, other }, other ? 2 : 1, problems, error);
      return;
    }
  set_dataset (self, dataset, file, other);
}

static gboolean
show_opening (gpointer data)
{
  KrWindow *self = data;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  self->opening_id = 0;
  if (self->pending_file == NULL || kr_view_get_dataset (self->view) != NULL)
    return G_SOURCE_REMOVE;
  name = _kr_window_files_display_name ((GFile *[]){ self->pending_file, self->pending_other },
                                        self->pending_other ? 2 : 1);
  title = g_strdup_printf (_ ("Opening “%s”…"), name);
  _kr_window_show_progress (self, title, NULL);
  return G_SOURCE_REMOVE;
}

/* Loads @file, with @other when two tables open together (nullable). */
static void
load_files (KrWindow *self, GFile *file, GFile *other)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  /* With nothing shown yet, the window says what it reads: from a tenth of a second on, as most
   * files are read in less, and the page would be drawn only to be replaced by the map's. */
  g_clear_handle_id (&self->opening_id, g_source_remove);
  if (kr_view_get_dataset (self->view) == NULL)
    self->opening_id = g_timeout_add (OPENING_SHOWN_AFTER_MS, show_opening, self);
  g_set_object (&self->pending_file, file);
  g_set_object (&self->pending_other, other);
  kr_dataset_load_pair_async (file, other, self->load_cancellable, load_done, g_object_ref (self));
}

static void
columns_chosen (KrCsvDialog *dialog, KrWindow *self)
{
  GFile *file = kr_csv_dialog_get_file (dialog);
  GFile *other = kr_csv_dialog_get_other_file (dialog);
  g_autoptr (GError) error = NULL;

  if (!kr_csv_reader_keep_mappings (file, kr_csv_dialog_get_heads (dialog), NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("The columns chosen could not be kept beside the file, so it is read as before: %s"),
          error->message);
      _kr_window_toast (self, message);
    }
  else if (self->file != NULL && g_file_equal (file, self->file))
    {
      /* The window writes its views file again later: with the columns in it. */
      _kr_window_load_views_file (self, file);
    }
  load_files (self, file, other);
}

static gboolean
present_dialog (gpointer dialog)
{
  gtk_window_present (dialog);
  return G_SOURCE_REMOVE;
}

/* Once the window is on screen, and after what its showing asks of the display, so that the
 * dialog goes over it even where nothing keeps a dialog above its window. */
static void
present_once (GtkWindow *dialog, GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, present_once, dialog);
  g_idle_add_full (G_PRIORITY_LOW, present_dialog, g_object_ref (dialog), g_object_unref);
}

/* Cancelled: the window does not go on saying it is loading. */
static gboolean
columns_dismissed (KrCsvDialog *dialog, KrWindow *self)
{
  _kr_window_show_not_opened (self, kr_csv_dialog_get_file (dialog));
  return FALSE;
}

/* A spreadsheet says nothing of its columns but their headers: the user sees what each
 * became, and changes it, before it is loaded. Two tables opened together (@other) show the
 * table of deals first, and are loaded as one. FALSE when they cannot be read, saying why. */
static gboolean
choose_columns (KrWindow *self, GFile *file, GFile *other)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) heads
      = other ? kr_csv_reader_read_pair_heads (file, other, CSV_PREVIEW_ROWS, NULL, &error)
              : kr_csv_reader_read_heads (file, CSV_PREVIEW_ROWS, NULL, &error);
  KrCsvTableHead *first;
  KrCsvDialog *dialog;

  if (heads == NULL)
    {
      show_load_error (self, (GFile *[]){ file, other }, other ? 2 : 1, NULL, error);
      return FALSE;
    }
  first = heads->pdata[0];
  dialog = kr_csv_dialog_new (GTK_WINDOW (self), first->file,
                              other ? ((KrCsvTableHead *)heads->pdata[1])->file : NULL, heads);
  g_signal_connect_object (dialog, "load", G_CALLBACK (columns_chosen), self, 0);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (columns_dismissed), self, 0);
  /* A file named on the command line is opened before the window shows: the dialog goes over
   * it, once it does. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (dialog));
  else
    g_signal_connect_object (self, "map", G_CALLBACK (present_once), dialog, G_CONNECT_SWAPPED);
  return TRUE;
}

/* Opens one file, or two tables together; or says why not, and returns FALSE. */
static gboolean
open_files (KrWindow *self, GFile *const *files, guint n_files)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const KrDatasetReader *reader;
  GFile *other = n_files == 2 ? files[1] : NULL;

  if (n_files > 2)
    g_set_error (&error, KR_DATASET_ERROR, KR_DATASET_ERROR_NOT_PAIRED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Keiretsu opens one file, or a table of deals with a table of "
                              "entities (CSV), not %u file at once",
                              "Keiretsu opens one file, or a table of deals with a table of "
                              "entities (CSV), not %u files at once",
                              n_files),
                 n_files);
  else if (other != NULL)
    kr_dataset_reader_find_pair (files[0], other, &error);
  if (error != NULL)
    {
      show_load_error (self, files, n_files, NULL, error);
      return FALSE;
    }
  if (!_kr_window_may_discard (self, files[0], other, FALSE, FALSE))
    return TRUE;
  name = g_file_get_basename (files[0]);
  reader = name ? kr_dataset_reader_find (name) : NULL;
  if (reader != NULL && g_strv_contains (kr_dataset_reader_get_suffixes (reader), "csv"))
    return choose_columns (self, files[0], other);
  load_files (self, files[0], NULL);
  return TRUE;
}

void
kr_window_open_file (KrWindow *self, GFile *file)
{
  g_return_if_fail (KR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_files (self, &file, 1);
}

void
kr_window_open_files (KrWindow *self, GFile *const *files, guint n_files)
{
  g_return_if_fail (KR_IS_WINDOW (self));
  g_return_if_fail (files != NULL && n_files > 0);

  open_files (self, files, n_files);
}

void
kr_window_open_builtin (KrWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;

  g_return_if_fail (KR_IS_WINDOW (self));

  if (!_kr_window_may_discard (self, NULL, NULL, TRUE, FALSE))
    return;
  dataset = kr_builtin_dataset_load (&error);
  if (dataset == NULL)
    {
      show_load_error (self, NULL, 0, NULL, error);
      return;
    }
  set_dataset (self, dataset, NULL, NULL);
}
/* The files chosen in the Open dialog (GFile), opened together. */
static void
open_chosen (KrWindow *self, GListModel *chosen)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (chosen); i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));
  if (files->len > 0)
    open_files (self, (GFile *const *)files->pdata, files->len);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
open_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GListModel) files
      = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, NULL);

  open_chosen (self, files);
}
#else
static void
open_chooser_response (GtkNativeDialog *chooser, int response, KrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      open_chosen (self, files);
    }
  g_object_unref (chooser);
}
#endif

static void
add_filter_for (GtkFileFilter *filter, const KrDatasetReader *reader)
{
  for (const char *const *m = kr_dataset_reader_get_mime_types (reader); *m != NULL; m++)
    gtk_file_filter_add_mime_type (filter, *m);
  for (const char *const *x = kr_dataset_reader_get_suffixes (reader); *x != NULL; x++)
    gtk_file_filter_add_suffix (filter, *x);
}

/* A filter per format Keiretsu reads, after one for them all when there are several. */
static GListStore *
dataset_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  guint n = kr_dataset_reader_get_n ();

  if (n > 1)
    {
      g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _ ("All Datasets"));
      for (guint i = 0; i < n; i++)
        add_filter_for (all, kr_dataset_reader_get (i));
      g_list_store_append (filters, all);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, kr_dataset_reader_get_name (kr_dataset_reader_get (i)));
      add_filter_for (filter, kr_dataset_reader_get (i));
      g_list_store_append (filters, filter);
    }
  return filters;
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autoptr (GListStore) filters = dataset_filters ();

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _ ("Open Dataset"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  /* Two tables, of deals and of entities, open together. */
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, open_dialog_done,
                                 g_object_ref (self));
#else
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Open Dataset"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr (GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  /* Two tables, of deals and of entities, open together. */
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}

static void
open_builtin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kr_window_open_builtin (KR_WINDOW (widget));
}
void
kr_window_open_last (KrWindow *self)
{
  g_autofree char *uri = NULL;
  g_autofree char *other_uri = NULL;

  g_return_if_fail (KR_IS_WINDOW (self));
  if (self->settings != NULL)
    {
      uri = g_settings_get_string (self->settings, "last-dataset");
      other_uri = g_settings_get_string (self->settings, "last-entities");
    }
  if (uri != NULL && uri[0] != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_uri (uri);
      g_autoptr (GFile) other = other_uri[0] != '\0' ? g_file_new_for_uri (other_uri) : NULL;

      /* Read as it was last: a spreadsheet with the columns kept for it, and with the table
       * opened with it. */
      if (g_file_query_exists (file, NULL))
        {
          load_files (self, file, other);
          return;
        }
    }
  kr_window_open_builtin (self);
}

void
_kr_window_init_load (KrWindow *self)
{
  /* A dataset dropped on the window opens; so do two tables dropped together. */
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);
  update_recent_menu (self);
}

void
_kr_window_dispose_load (KrWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->opening_id, g_source_remove);
  watch_files (self, NULL, NULL);
  g_clear_object (&self->file);
  g_clear_object (&self->other_file);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->pending_other);
}

void
_kr_window_class_init_load (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", NULL, open_builtin_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
}
