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

static void update_recent_menu (KrWindow *self);
static void load_file (KrWindow *self, GFile *file);

static void file_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                          KrWindow *self);

static void
watch_file (KrWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, file_changed, self);
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (file == NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    g_debug ("not watching the dataset for changes: %s", error->message);
  else
    g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed), self);
}

static void
set_dataset (KrWindow *self, KrDataset *dataset, GFile *file)
{
  g_autofree char *subtitle = NULL;
  gboolean reload = file != NULL && self->file != NULL && g_file_equal (file, self->file);
  /* Filters are remembered per dataset, by its address. */
  g_autofree char *key = file != NULL ? g_file_get_uri (file) : g_strdup ("builtin:");
  g_autoptr (GError) error = NULL;

  if (!reload)
    {
      _kr_window_load_views_file (self, file);
      g_set_object (&self->file, file);
      watch_file (self, file);
      if (self->settings != NULL)
        {
          g_autofree char *last = file ? g_file_get_uri (file) : g_strdup ("");
          g_settings_set_string (self->settings, "last-dataset", last);
        }
      if (file != NULL)
        {
          gtk_recent_manager_add_item (gtk_recent_manager_get_default (), key);
          update_recent_menu (self);
        }
    }
  else
    {
      g_autofree char *name = _kr_window_display_name (file);
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
    subtitle = _kr_window_display_name (file);
  else
    subtitle = g_strdup (_ ("Built-in dataset"));
  adw_window_title_set_title (self->window_title, kr_dataset_get_title (dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), kr_dataset_get_title (dataset));

  /* dot's hierarchical layout grows steeply with size: a big map starts with sfdp, until an
   * engine is picked for it. The preference stays dot, for the next dataset. */
  if (!reload)
    {
      gboolean large
          = kr_dataset_get_n_entities (dataset) > LARGE_DATASET && self->engine == KR_ENGINE_DOT;
      _kr_window_set_sfdp_for_size (self, large);
      if (large)
        {
          g_autofree char *message = g_strdup_printf (
              /* Translators: %'u is a number with the locale's thousands separators */
              _ ("This dataset has %'u entities, so it is laid out with sfdp, which handles large "
                 "maps quickly. Choose another engine from the layout menu."),
              kr_dataset_get_n_entities (dataset));
          _kr_window_toast (self, message);
        }
    }
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
  g_set_object (&self->file, file);
  watch_file (self, file);
  if (self->settings != NULL)
    {
      g_autofree char *last = file ? g_file_get_uri (file) : g_strdup ("");
      g_settings_set_string (self->settings, "last-dataset", last);
    }
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
    load_file (self, self->file);
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

static gboolean
file_dropped (GtkDropTarget *target, const GValue *value, double x, double y, KrWindow *self)
{
  GFile *file = g_value_get_object (value);
  g_autofree char *basename = NULL;

  if (file == NULL)
    return FALSE;
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
  kr_window_open_file (self, file);
  return TRUE;
}

static void
show_load_error (KrWindow *self, GFile *file, GPtrArray *problems, const GError *error)
{
  g_autofree char *name = file ? _kr_window_display_name (file) : g_strdup (_ ("built-in dataset"));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
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

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  file = g_steal_pointer (&self->pending_file);
  if (dataset == NULL)
    {
      show_load_error (self, file, problems, error);
      return;
    }
  set_dataset (self, dataset, file);
}

static void
load_file (KrWindow *self, GFile *file)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  if (kr_view_get_dataset (self->view) == NULL)
    {
      g_autofree char *name = _kr_window_display_name (file);
      g_autofree char *title = g_strdup_printf (_ ("Opening “%s”…"), name);
      _kr_window_show_progress (self, title, NULL);
    }
  g_set_object (&self->pending_file, file);
  kr_dataset_load_async (file, self->load_cancellable, load_done, g_object_ref (self));
}

static void
columns_chosen (KrCsvDialog *dialog, KrWindow *self)
{
  GFile *file = kr_csv_dialog_get_file (dialog);
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
  load_file (self, file);
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
 * became, and changes it, before it is loaded. */
static void
choose_columns (KrWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) heads = kr_csv_reader_read_heads (file, CSV_PREVIEW_ROWS, NULL, &error);
  KrCsvDialog *dialog;

  if (heads == NULL)
    {
      show_load_error (self, file, NULL, error);
      return;
    }
  dialog = kr_csv_dialog_new (GTK_WINDOW (self), file, heads);
  g_signal_connect_object (dialog, "load", G_CALLBACK (columns_chosen), self, 0);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (columns_dismissed), self, 0);
  /* A file named on the command line is opened before the window shows: the dialog goes over
   * it, once it does. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (dialog));
  else
    g_signal_connect_object (self, "map", G_CALLBACK (present_once), dialog, G_CONNECT_SWAPPED);
}

void
kr_window_open_file (KrWindow *self, GFile *file)
{
  g_autofree char *name = NULL;
  const KrDatasetReader *reader;

  g_return_if_fail (KR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!_kr_window_may_discard (self, file, FALSE, FALSE))
    return;
  name = g_file_get_basename (file);
  reader = name ? kr_dataset_reader_find (name) : NULL;
  if (reader != NULL && g_strv_contains (kr_dataset_reader_get_suffixes (reader), "csv"))
    choose_columns (self, file);
  else
    load_file (self, file);
}

void
kr_window_open_builtin (KrWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;

  g_return_if_fail (KR_IS_WINDOW (self));

  if (!_kr_window_may_discard (self, NULL, TRUE, FALSE))
    return;
  dataset = kr_builtin_dataset_load (&error);
  if (dataset == NULL)
    {
      show_load_error (self, NULL, NULL, error);
      return;
    }
  set_dataset (self, dataset, NULL);
}
#if GTK_CHECK_VERSION(4, 10, 0)
static void
open_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    kr_window_open_file (self, file);
}
#else
static void
open_chooser_response (GtkNativeDialog *chooser, int response, KrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      kr_window_open_file (self, file);
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
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_done, g_object_ref (self));
#else
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Open Dataset"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr (GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
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

  g_return_if_fail (KR_IS_WINDOW (self));
  if (self->settings != NULL)
    uri = g_settings_get_string (self->settings, "last-dataset");
  if (uri != NULL && uri[0] != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_uri (uri);
      /* Read as it was last: a spreadsheet with the columns kept for it. */
      if (g_file_query_exists (file, NULL))
        {
          load_file (self, file);
          return;
        }
    }
  kr_window_open_builtin (self);
}

void
_kr_window_init_load (KrWindow *self)
{
  /* A dataset dropped on the window opens. */
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);
  update_recent_menu (self);
}

void
_kr_window_dispose_load (KrWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  watch_file (self, NULL);
  g_clear_object (&self->file);
  g_clear_object (&self->pending_file);
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
