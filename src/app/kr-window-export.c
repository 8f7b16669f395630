/* kr-window-export.c — writing the diagram on screen to a file, or to the clipboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-csv-reader.h"
#include "kr-export.h"
#include "kr-graph-export.h"
#include "kr-window-private.h"

typedef struct
{
  KrWindow *window;
  GFile *file;
  char *left_out;  /* what a graph file could not hold, said after it is saved */
  GFile *entities; /* where CSV's table of entities goes, with its text */
  char *entities_text;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->window);
  g_object_unref (job->file);
  g_free (job->left_out);
  g_clear_object (&job->entities);
  g_free (job->entities_text);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/* The table of entities after that of deals, which is written; what the toast says. */
static char *
csv_written (ExportJob *job)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *deals = _kr_window_display_name (job->file);
  g_autofree char *entities = _kr_window_display_name (job->entities);
  const char *text = job->entities_text;

  if (!g_file_replace_contents (job->entities, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    return g_strdup_printf (_ ("Could not save “%s”: %s"), entities, error->message);
  return g_strchomp (g_strdup_printf (_ ("Tables saved as “%s” and “%s”. %s"), deals, entities,
                                      job->left_out ? job->left_out : ""));
}

static void
export_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportJob) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = _kr_window_display_name (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    message = g_strdup_printf (_ ("Could not save “%s”: %s"), name, error->message);
  else if (job->entities != NULL)
    message = csv_written (job);
  else if (job->left_out != NULL)
    message = g_strdup_printf (_ ("Graph saved as “%s”. %s"), name, job->left_out);
  else
    message = g_strdup_printf (_ ("Diagram saved as “%s”"), name);
  _kr_window_toast (job->window, message);
}

static void
export_rendered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportJob) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = kr_export_render_finish (result, &error);
  GFile *file;

  if (bytes == NULL)
    {
      _kr_window_toast (job->window, error->message);
      return;
    }
  /* Replacing writes a temporary file and renames it: a failure leaves the old file intact. */
  file = job->file;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, export_written, g_steal_pointer (&job));
}

/* The entities go beside the deals, but never over the dataset nor over a file that is not a
 * table Keiretsu wrote: FALSE, said, when they cannot. */
static gboolean
csv_prepare (KrWindow *self, ExportJob *job, KrScene *scene)
{
  g_autoptr (ExportJob) dropped = job;

  job->entities = kr_csv_reader_get_sibling (job->file);
  if (job->entities == NULL)
    {
      _kr_window_toast (self, _ ("The tables were not saved: the file name must end in .csv"));
      return FALSE;
    }
  if (_kr_window_is_dataset_file (self, job->entities)
      || !kr_graph_export_may_replace_entities (job->entities))
    {
      g_autofree char *name = _kr_window_display_name (job->entities);
      g_autofree char *message = g_strdup_printf (
          _ ("The tables were not saved: “%s”, where the entities go, is not a table Keiretsu "
             "wrote"),
          name);

      _kr_window_toast (self, message);
      return FALSE;
    }
  job->entities_text = kr_graph_export_write_entities (scene);
  g_steal_pointer (&dropped);
  return TRUE;
}

static void
export_to_file (KrWindow *self, GFile *file, KrExportFormat format)
{
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  ExportJob *job;

  if (scene == NULL)
    return;
  if (_kr_window_is_dataset_file (self, file))
    {
      /* As the command line refuses to: the dataset is the user's work, the diagram is not. */
      _kr_window_toast (self, _ ("The diagram was not saved: that file is the dataset it shows"));
      return;
    }
  /* Drawn in a thread: a large map takes seconds, and the window stays usable meanwhile. */
  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->file = g_object_ref (file);
  job->left_out = kr_graph_export_left_out (scene, format);
  if (format == KR_EXPORT_CSV && !csv_prepare (self, job, scene))
    return;
  kr_export_render_async (scene, format, NULL, NULL, export_rendered, job);
}

gboolean
kr_window_export (KrWindow *self, GFile *file)
{
  g_autofree char *name = NULL;
  int format;

  g_return_val_if_fail (KR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  format = kr_export_format_from_filename (name);
  if (format < 0)
    return FALSE;
  export_to_file (self, file, (KrExportFormat)format);
  return TRUE;
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  KrExportFormat format = GPOINTER_TO_INT (g_object_get_data (source, "kr-format"));

  if (file != NULL)
    export_to_file (self, file, format);
}
#else
static void
save_chooser_response (GtkNativeDialog *chooser, int response, KrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      export_to_file (self, file,
                      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kr-format")));
    }
  g_object_unref (chooser);
}
#endif

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  int format = kr_export_format_from_extension (g_variant_get_string (parameter, NULL));

  if (format < 0 || kr_diagram_view_get_scene (self->diagram) == NULL)
    return;

  if (self->file != NULL)
    {
      char *dot;
      base = _kr_window_display_name (self->file);
      dot = strrchr (base, '.');
      if (dot != NULL)
        *dot = '\0';
    }
  suggested = g_strdup_printf ("%s.%s", base ? base : "keiretsu",
                               kr_export_format_extension ((KrExportFormat)format));

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
    gtk_file_dialog_set_title (dialog, _ ("Export Diagram"));
    gtk_file_dialog_set_initial_name (dialog, suggested);
    g_object_set_data (G_OBJECT (dialog), "kr-format", GINT_TO_POINTER (format));
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_done, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
        _ ("Export Diagram"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
    g_object_set_data (G_OBJECT (chooser), "kr-format", GINT_TO_POINTER (format));
    g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response), self);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

static void
copy_image_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (scene == NULL)
    return;
  png = kr_export_render (scene, KR_EXPORT_PNG, NULL, &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      _kr_window_toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  _kr_window_toast (self, _ ("Diagram copied as an image"));
}

void
_kr_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s",
                                       "svg");
}
