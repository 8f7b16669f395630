/* kr-article-dialog.c — the record form's fields of an article, then its text
 *
 * The fields, their checks and the problems under them are the record form's
 * (kr_record_form_new_article_with_text()); the dialog adds the text, pasted or opened from a
 * file, which the form checks with them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-article-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-article-dialog.h"
#include "kr-article-text.h"
#include "kr-record-form.h"

struct _KrArticleDialog
{
  AdwWindow parent_instance;

  GtkBox *content;
  GtkTextView *text_view;
  GtkLabel *text_problem;

  KrEditor *editor;
  KrRecordForm *form;
};

G_DEFINE_FINAL_TYPE (KrArticleDialog, kr_article_dialog, ADW_TYPE_WINDOW)

enum
{
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Added, at the end of the articles; or given up with Escape in a field. */
static void
form_done (KrArticleDialog *self, gboolean added)
{
  if (added)
    g_signal_emit (self, signals[ADDED], 0,
                   kr_dataset_get_n_articles (kr_editor_get_dataset (self->editor)) - 1);
  gtk_window_close (GTK_WINDOW (self));
}

static void
valid_changed (KrArticleDialog *self)
{
  gboolean valid;

  g_object_get (self->form, "valid", &valid, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.add", valid);
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kr_record_form_apply (KR_ARTICLE_DIALOG (widget)->form);
}

/* Ctrl+Enter adds as Enter in a field does: when a check waits for typing to pause, and Add
 * with it, the check is made first. */
static gboolean
add_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  kr_record_form_apply (KR_ARTICLE_DIALOG (widget)->form);
  return TRUE;
}

void
kr_article_dialog_set_text (KrArticleDialog *self, const char *text)
{
  g_return_if_fail (KR_IS_ARTICLE_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

static void
open_file (KrArticleDialog *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (path == NULL)
    return;
  text = kr_text_read_path (path, &error);
  if (text == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf ("%s: %s", name, error->message);

      /* Under the text, until the next check. */
      gtk_label_set_text (self->text_problem, message);
      gtk_widget_set_visible (GTK_WIDGET (self->text_problem), TRUE);
      return;
    }
  kr_article_dialog_set_text (self, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
open_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrArticleDialog) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    open_file (self, file);
}
#else
static void
open_chooser_response (GtkNativeDialog *chooser, int response, KrArticleDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      open_file (self, file);
    }
  g_object_unref (chooser);
}
#endif

static void
open_text_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrArticleDialog *self = KR_ARTICLE_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "txt");
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _ ("Open Text File"));
    gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_done, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
        _ ("Open Text File"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), NULL);

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response), self);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

static void
kr_article_dialog_dispose (GObject *object)
{
  KrArticleDialog *self = KR_ARTICLE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_ARTICLE_DIALOG);
  g_clear_object (&self->editor);
  G_OBJECT_CLASS (kr_article_dialog_parent_class)->dispose (object);
}

static void
kr_article_dialog_class_init (KrArticleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_article_dialog_dispose;

  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-article-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, content);
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, text_problem);
  gtk_widget_class_install_action (widget_class, "article.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "article.open-text", NULL, open_text_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kr_article_dialog_init (KrArticleDialog *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Ctrl+Enter adds, even from the text view, which would take it first as a line break. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                        gtk_callback_action_new (add_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

KrArticleDialog *
kr_article_dialog_new (GtkWindow *parent, KrEditor *editor)
{
  KrArticleDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);

  self = g_object_new (KR_TYPE_ARTICLE_DIALOG, "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  self->form = KR_RECORD_FORM (
      kr_record_form_new_article_with_text (editor, self->text_view, self->text_problem));
  g_signal_connect_object (self->form, "done", G_CALLBACK (form_done), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "notify::valid", G_CALLBACK (valid_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_box_prepend (self->content, GTK_WIDGET (self->form));
  valid_changed (self);
  kr_record_form_focus (self->form);
  return self;
}
