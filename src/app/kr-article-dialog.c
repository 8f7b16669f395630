/* kr-article-dialog.c — a row per member of the article, then its text
 *
 * The rows' keys are the members the loader's problems name ("$.articles[7].date"): a problem
 * marks its row, and the first one is said under the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-article-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-article-dialog.h"
#include "kr-article-text.h"

typedef struct
{
  const char *key;   /* the member */
  const char *title; /* for people, untranslated */
} Field;

static const Field fields[] = {
  { "title", N_ ("Title") },     { "publisher", N_ ("Publisher") },
  { "author", N_ ("Author") },   { "date", N_ ("Date, as YYYY, YYYY-MM or YYYY-MM-DD") },
  { "url", N_ ("Web address") },
};

struct _KrArticleDialog
{
  AdwWindow parent_instance;

  GtkListBox *rows;
  GtkLabel *problem;
  GtkTextView *text_view;
  GtkWidget *add_button;

  KrEditor *editor;
  GtkWidget *entries[G_N_ELEMENTS (fields)]; /* AdwEntryRow, in the order of fields */
  gboolean touched;                          /* problems show once something was typed */
};

G_DEFINE_FINAL_TYPE (KrArticleDialog, kr_article_dialog, ADW_TYPE_WINDOW)

enum
{
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text of field @i, or NULL when it is empty: an optional member left out. */
static const char *
field_text (KrArticleDialog *self, guint i)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entries[i]));

  return text[0] != '\0' ? text : NULL;
}

/* The article as typed; free the text with g_free(). */
static void
read_article (KrArticleDialog *self, KrArticle *a, char **text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  *a = (KrArticle){
    .title = gtk_editable_get_text (GTK_EDITABLE (self->entries[0])),
    .publisher = gtk_editable_get_text (GTK_EDITABLE (self->entries[1])),
    .author = field_text (self, 2),
    .date = field_text (self, 3),
    .url = field_text (self, 4),
    .text = (*text)[0] != '\0' ? *text : NULL,
  };
}

/* The member a problem's path names after "$.articles[N].", or "" for the record. */
static const char *
member_of (const KrProblem *problem)
{
  const char *p = problem->path ? strstr (problem->path, "].") : NULL;

  return p != NULL ? p + 2 : "";
}

static void
check (KrArticleDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  KrArticle article;

  read_article (self, &article, &text);
  problems = kr_editor_check_new_article (self->editor, &article);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean wrong = FALSE;

      for (guint j = 0; j < problems->len; j++)
        wrong |= g_str_equal (member_of (problems->pdata[j]), fields[i].key);
      if (wrong && self->touched)
        gtk_widget_add_css_class (self->entries[i], "error");
      else
        gtk_widget_remove_css_class (self->entries[i], "error");
    }
  if (problems->len > 0 && self->touched)
    {
      const KrProblem *first = problems->pdata[0];
      const char *member = member_of (first);
      g_autofree char *message = NULL;

      /* "Date: … is not a date": the row's title for a member, the loader's words after. */
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (g_str_equal (member, fields[i].key))
          message = g_strdup_printf ("%s: %s", _ (fields[i].title), first->message);
      if (message == NULL && g_str_equal (member, "text"))
        message = g_strdup_printf ("%s: %s", _ ("Text"), first->message);
      gtk_label_set_text (self->problem, message != NULL ? message : first->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem), problems->len > 0 && self->touched);
  gtk_widget_set_sensitive (self->add_button, problems->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.add", problems->len == 0);
}

static void
changed (KrArticleDialog *self)
{
  self->touched = TRUE;
  check (self);
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrArticleDialog *self = KR_ARTICLE_DIALOG (widget);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  KrArticle article;
  guint index;

  read_article (self, &article, &text);
  if (!kr_editor_add_article (self->editor, &article, &index, &error))
    {
      self->touched = TRUE;
      gtk_label_set_text (self->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, index);
  gtk_window_close (GTK_WINDOW (self));
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

      gtk_label_set_text (self->problem, message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
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
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, rows);
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, KrArticleDialog, add_button);
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
                        gtk_named_action_new ("article.add")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      self->entries[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entries[i]), _ (fields[i].title));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->entries[i]), FALSE);
      g_signal_connect_swapped (self->entries[i], "changed", G_CALLBACK (changed), self);
      gtk_list_box_append (self->rows, self->entries[i]);
    }
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (changed), self);
}

KrArticleDialog *
kr_article_dialog_new (GtkWindow *parent, KrEditor *editor)
{
  KrArticleDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);

  self = g_object_new (KR_TYPE_ARTICLE_DIALOG, "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  check (self);
  /* An entry row takes the focus in its text. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entries[0]))));
  return self;
}
