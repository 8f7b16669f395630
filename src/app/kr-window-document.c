/* kr-window-document.c — the dataset as a document: new, save, save as, the title's mark of
 * unsaved changes, asking before they are lost, the autosave and recovering it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

/* How long after the last edit the autosave is written. */
#define AUTOSAVE_DELAY_S 4

/* What was asked for when unsaved changes made the window ask first. */
typedef enum
{
  THEN_OPEN_FILE,
  THEN_OPEN_BUILTIN,
  THEN_NEW,
  THEN_CLOSE,
  THEN_NOTHING,
} Then;

typedef struct
{
  KrWindow *window;
  Then then;
  GFile *file;  /* THEN_OPEN_FILE */
  GFile *other; /* opened with it, or NULL */
} Pending;

static void
pending_free (Pending *p)
{
  g_clear_object (&p->window);
  g_clear_object (&p->file);
  g_clear_object (&p->other);
  g_free (p);
}

GtkWidget *
_kr_window_ask (KrWindow *self, const char *heading, const char *body, const char *const *responses,
                GCallback callback, gpointer data, GDestroyNotify free_data)
{
  const char *last = NULL;
#if ADW_CHECK_VERSION(1, 5, 0)
  GtkWidget *dialog = GTK_WIDGET (adw_alert_dialog_new (heading, body));
#else
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
#endif

  for (guint i = 0; responses[i] != NULL; i += 2)
    {
      ask_dialog (add_response) (ASK_DIALOG (dialog), responses[i], responses[i + 1]);
      last = responses[i];
      if (g_str_equal (last, "discard") || g_str_equal (last, "reload")
          || g_str_equal (last, "delete"))
        ask_dialog (set_response_appearance) (ASK_DIALOG (dialog), last, ADW_RESPONSE_DESTRUCTIVE);
    }
  ask_dialog (set_response_appearance) (ASK_DIALOG (dialog), last, ADW_RESPONSE_SUGGESTED);
  ask_dialog (set_default_response) (ASK_DIALOG (dialog), last);
  ask_dialog (set_close_response) (ASK_DIALOG (dialog), responses[0]);
  g_object_set_data_full (G_OBJECT (dialog), "kr-ask", data, free_data);
  g_signal_connect (dialog, "response", callback, data);
#if ADW_CHECK_VERSION(1, 5, 0)
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif
  return dialog;
}

void
_kr_window_answer (GtkWidget *dialog, const char *response)
{
#if ADW_CHECK_VERSION(1, 5, 0)
  /* An alert dialog has no call for it: its buttons emit the signal, detailed by the id. */
  g_autofree char *signal = g_strconcat ("response::", response, NULL);

  g_signal_emit_by_name (dialog, signal, response);
  adw_dialog_force_close (ADW_DIALOG (dialog));
#else
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
}

/* ---- the title ---------------------------------------------------------------------------- */

static void
update_title (KrWindow *self)
{
  KrDataset *dataset = kr_document_get_dataset (self->document);
  GFile *file = kr_document_get_file (self->document);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: the window's title when the dataset has unsaved changes */
  title = kr_document_get_modified (self->document)
              ? g_strdup_printf (_ ("• %s"), kr_dataset_get_title (dataset))
              : g_strdup (kr_dataset_get_title (dataset));
  if (file != NULL)
    subtitle = _kr_window_files_display_name ((GFile *[]){ file, self->other_file },
                                              self->other_file ? 2 : 1);
  else if (self->document_is_new)
    subtitle = g_strdup (_ ("Not saved yet"));
  else
    subtitle = g_strdup (_ ("Built-in dataset"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The address filters are remembered by: the file's, or the built-in dataset's. */
static char *
view_key (KrWindow *self)
{
  GFile *file = kr_document_get_file (self->document);

  if (file != NULL)
    return g_file_get_uri (file);
  return g_strdup (self->document_is_new ? "new:" : "builtin:");
}

/* ---- edits -------------------------------------------------------------------------------- */

static gboolean
autosave_now (gpointer data)
{
  KrWindow *self = data;
  g_autoptr (GError) error = NULL;

  self->autosave_id = 0;
  if (self->document != NULL && !kr_document_autosave (self->document, &error))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("Unsaved changes could not be kept aside: %s"), error->message);
      _kr_window_toast (self, message);
    }
  return G_SOURCE_REMOVE;
}

/* An edit, an undo or a redo made a new version: show it where the old one was. */
static void
dataset_edited (KrWindow *self)
{
  KrDataset *dataset = kr_document_get_dataset (self->document);
  g_autofree char *key = view_key (self);
  g_autoptr (GError) error = NULL;

  if (!kr_view_set_dataset (self->view, dataset, key, &error))
    _kr_window_toast (self, error->message);
  kr_map_set_dataset (self->map, dataset, TRUE);
  _kr_window_show_map (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_S, autosave_now, self);
}

static void
recover_answered (GtkWidget *dialog, const char *response, KrWindow *self)
{
  KrDataset *kept = g_object_get_data (G_OBJECT (dialog), "kr-kept");

  if (self->document == NULL)
    return;
  if (g_str_equal (response, "recover"))
    kr_editor_replace_dataset (kr_document_get_editor (self->document), kept,
                               _ ("Recover Unsaved Changes"));
  else
    kr_document_remove_autosave (self->document);
}

/* Offers what an autosave newer than the file kept. */
static void
offer_recovery (KrWindow *self)
{
  static const char *const responses[]
      = { "discard", N_ ("_Discard"), "recover", N_ ("_Recover"), NULL };
  const char *translated[G_N_ELEMENTS (responses)];
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) kept = kr_document_find_autosave (self->document, &error);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (kept == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    translated[i] = responses[i] != NULL && i % 2 == 1 ? _ (responses[i]) : responses[i];
  name = _kr_window_display_name (kr_document_get_file (self->document));
  body = g_strdup_printf (_ ("Changes to “%s” were kept aside but never saved, and are newer "
                             "than the file. Recover them, or discard them and keep the file "
                             "as it is?"),
                          name);
  dialog = _kr_window_ask (self, _ ("Recover Unsaved Changes?"), body, translated,
                           G_CALLBACK (recover_answered), g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kr-kept", g_steal_pointer (&kept), g_object_unref);
}

static void
set_document (KrWindow *self, KrDocument *document, gboolean is_new)
{
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (kr_document_get_editor (self->document), self);
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  /* A form open on the dataset replaced would edit it. */
  if (kr_evidence_panel_get_editing (self->panel))
    kr_evidence_panel_clear (self->panel);
  g_set_object (&self->document, document);
  self->document_is_new = is_new;
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (kr_document_get_editor (document), "notify::dataset",
                            G_CALLBACK (dataset_edited), self);
  g_signal_connect_swapped (kr_document_get_editor (document), "notify::dataset",
                            G_CALLBACK (update_title), self);
  update_title (self);
}

void
_kr_window_set_document (KrWindow *self, KrDataset *dataset, GFile *file, gboolean reload)
{
  g_autoptr (KrDocument) document = kr_document_new (dataset, file, self->undo);

  /* Edits to the version replaced cannot be undone on this one. */
  if (reload)
    kr_undo_stack_clear (self->undo);
  set_document (self, document, FALSE);
  if (!reload)
    offer_recovery (self);
}

KrDocument *
kr_window_get_document (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return self->document;
}

/* ---- saving ------------------------------------------------------------------------------- */

static void go_on (Pending *p);

static Pending *
pending_new (KrWindow *self, Then then, GFile *file)
{
  Pending *p = g_new0 (Pending, 1);

  p->window = g_object_ref (self);
  p->then = then;
  p->file = file != NULL ? g_object_ref (file) : NULL;
  return p;
}

/* Saves to @file (NULL: the document's own); says why not when it could not. */
static gboolean
save_to (KrWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;

  if (!kr_document_save (self->document, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_ ("Could not save: %s"), error->message);
      _kr_window_toast (self, message);
      return FALSE;
    }
  if (file != NULL)
    {
      /* A new name: its views file, recent files and watching follow. */
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *key = view_key (self);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
      _kr_window_document_renamed (self, file);
      kr_view_set_dataset (self->view, kr_document_get_dataset (self->document), key, NULL);
      self->document_is_new = FALSE;
    }
  update_title (self);
  return TRUE;
}

/* Saves to @file, if one was chosen, then goes on with @then. */
static void
save_as_chosen (KrWindow *self, GFile *file, Pending *then)
{
  if (file != NULL && save_to (self, file))
    go_on (then);
  else
    pending_free (then);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *then = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  save_as_chosen (then->window, file, then);
}
#else
static void
save_chooser_response (GtkNativeDialog *chooser, int response, Pending *then)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  save_as_chosen (then->window, file, then);
}
#endif

/* Asks where to save, then goes on with @then. */
static void
save_as (KrWindow *self, Pending *then)
{
  GFile *current = kr_document_get_file (self->document);
  g_autofree char *name = NULL;

  if (current != NULL && kr_document_can_save (self->document))
    name = g_file_get_basename (current);
  else
    /* Translators: the name a new dataset file is offered under; keep the .json */
    name = g_strdup (_ ("map.json"));
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _ ("Save Dataset"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_done, then);
  }
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
        _ ("Save Dataset"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response), then);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

/* Saves where it can, else asks where; then goes on with @then. */
static void
save (KrWindow *self, Pending *then)
{
  if (!kr_document_can_save (self->document))
    save_as (self, then);
  else if (save_to (self, NULL))
    go_on (then);
  else
    pending_free (then);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.save-as"))
    save_as (self, pending_new (self, THEN_NOTHING, NULL));
  else
    save (self, pending_new (self, THEN_NOTHING, NULL));
}

/* ---- asking before unsaved changes are lost ------------------------------------------------ */

static void
go_on (Pending *p)
{
  KrWindow *self = p->window;

  /* Asked and answered: what follows does not ask again. */
  self->discard_confirmed = TRUE;
  switch (p->then)
    {
    case THEN_OPEN_FILE:
      kr_window_open_files (self, (GFile *[]){ p->file, p->other }, p->other ? 2 : 1);
      break;
    case THEN_OPEN_BUILTIN:
      kr_window_open_builtin (self);
      break;
    case THEN_NEW:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.new", NULL);
      break;
    case THEN_CLOSE:
      gtk_window_close (GTK_WINDOW (self));
      break;
    case THEN_NOTHING:
    default:
      break;
    }
  self->discard_confirmed = FALSE;
  pending_free (p);
}

static void
discard_answered (GtkWidget *dialog, const char *response, Pending *p)
{
  /* The dialog frees @p with itself; what goes on gets a copy. */
  Pending *copy = pending_new (p->window, p->then, p->file);

  (void)dialog;
  if (g_str_equal (response, "save"))
    save (copy->window, copy);
  else if (g_str_equal (response, "discard"))
    {
      kr_document_remove_autosave (copy->window->document);
      go_on (copy);
    }
  else
    pending_free (copy);
}

gboolean
_kr_window_may_discard (KrWindow *self, GFile *then_open, GFile *then_open_other,
                        gboolean then_builtin, gboolean then_new)
{
  static const char *const responses[]
      = { "cancel", N_ ("_Cancel"), "discard", N_ ("_Discard"), "save", N_ ("_Save"), NULL };
  const char *translated[G_N_ELEMENTS (responses)];
  g_autofree char *body = NULL;
  Pending *p;

  if (self->discard_confirmed || self->document == NULL
      || !kr_document_get_modified (self->document))
    return TRUE;
  p = pending_new (self,
                   then_open != NULL ? THEN_OPEN_FILE
                   : then_builtin    ? THEN_OPEN_BUILTIN
                   : then_new        ? THEN_NEW
                                     : THEN_CLOSE,
                   then_open);
  g_set_object (&p->other, then_open_other);
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    translated[i] = responses[i] != NULL && i % 2 == 1 ? _ (responses[i]) : responses[i];
  body = g_strdup_printf (_ ("“%s” has changes that are not saved. Discarded, they are lost."),
                          kr_dataset_get_title (kr_document_get_dataset (self->document)));
  _kr_window_ask (self, _ ("Save Changes?"), body, translated, G_CALLBACK (discard_answered), p,
                  (GDestroyNotify)pending_free);
  return FALSE;
}

/* ---- the file changed on disk ------------------------------------------------------------- */

static void
disk_answered (GtkWidget *dialog, const char *response, KrWindow *self)
{
  (void)dialog;
  if (self->document == NULL)
    return;
  if (g_str_equal (response, "reload"))
    {
      GFile *files[] = { kr_document_get_file (self->document), self->other_file };

      self->discard_confirmed = TRUE;
      kr_window_open_files (self, files, self->other_file ? 2 : 1);
      self->discard_confirmed = FALSE;
    }
  else
    /* Kept: the file on disk is another version now, and saving will replace it, knowingly. */
    kr_document_set_disk_changed (self->document);
}

gboolean
_kr_window_may_reload (KrWindow *self)
{
  static const char *const responses[]
      = { "keep", N_ ("_Keep Editing"), "reload", N_ ("_Reload"), NULL };
  const char *translated[G_N_ELEMENTS (responses)];
  GFile *file;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->document == NULL || (file = kr_document_get_file (self->document)) == NULL)
    return TRUE;
  bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  /* What the window itself saved, seen by the file monitor. */
  if (bytes != NULL && kr_document_is_on_disk (self->document, bytes))
    return FALSE;
  if (!kr_document_get_modified (self->document))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    translated[i] = responses[i] != NULL && i % 2 == 1 ? _ (responses[i]) : responses[i];
  name = _kr_window_display_name (file);
  body = g_strdup_printf (_ ("“%s” was changed by another program, and the changes made here are "
                             "not saved. Reload it and lose them, or keep editing and choose "
                             "later which version to save?"),
                          name);
  _kr_window_ask (self, _ ("File Changed on Disk"), body, translated, G_CALLBACK (disk_answered),
                  g_object_ref (self), g_object_unref);
  return FALSE;
}

/* ---- new ---------------------------------------------------------------------------------- */

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autoptr (KrDocument) document = NULL;

  if (!_kr_window_may_discard (self, NULL, NULL, FALSE, TRUE))
    return;
  _kr_window_load_views_file (self, NULL);
  document = kr_document_new_empty (self->undo);
  _kr_window_document_renamed (self, NULL);
  set_document (self, document, TRUE);
  dataset_edited (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
}

gboolean
_kr_window_close_blocked (KrWindow *self)
{
  return !_kr_window_may_discard (self, NULL, NULL, FALSE, FALSE);
}

void
_kr_window_dispose_document (KrWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (kr_document_get_editor (self->document), self);
    }
  g_clear_object (&self->document);
}

void
_kr_window_class_init_document (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}
