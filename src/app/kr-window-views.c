/* kr-window-views.c — views saved under a name: saving, showing, renaming and deleting them,
 * and keeping them in the views file beside the dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-builtin.h"
#include "kr-window-private.h"

#if ADW_CHECK_VERSION(1, 5, 0)
#define NAME_DIALOG(d) ADW_ALERT_DIALOG (d)
#define name_dialog(call) adw_alert_dialog_##call
#else
#define NAME_DIALOG(d) ADW_MESSAGE_DIALOG (d)
#define name_dialog(call) adw_message_dialog_##call
#endif

/* ---- the views file ----------------------------------------------------------------------- */

void
_kr_window_read_saved_views (KrWindow *self, const GError *file_error)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->views_unreadable, g_free);
  if (file_error != NULL)
    {
      /* Already said, with the pins. */
      kr_saved_views_load (self->saved_views, NULL, NULL);
      self->views_unreadable = g_strdup (file_error->message);
      return;
    }
  if (kr_saved_views_load (self->saved_views,
                           kr_views_file_get_member (self->views_file, KR_SAVED_VIEWS_MEMBER),
                           &error))
    return;
  kr_saved_views_load (self->saved_views, NULL, NULL);
  if (error->domain == KR_SAVED_VIEWS_ERROR)
    {
      g_autofree char *name = g_file_get_parse_name (kr_views_file_get_file (self->views_file));
      g_prefix_error (&error, "%s: ", name);
    }
  self->views_unreadable = g_strdup (error->message);
  {
    g_autofree char *message
        = g_strdup_printf (_ ("The saved views could not be read: %s"), error->message);
    _kr_window_toast (self, message);
  }
}

/* Whether the views can be written: not over a file that could not be read. */
static gboolean
views_writable (KrWindow *self, GError **error)
{
  if (self->views_file != NULL && self->views_unreadable == NULL)
    return TRUE;
  if (self->views_unreadable != NULL)
    g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_NOT_OURS,
                 _ ("The saved views could not be read, so none can be saved until the file is "
                    "mended: %s"),
                 self->views_unreadable);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _ ("Views cannot be saved for this dataset"));
  return FALSE;
}

/* The same, saying why not. */
static gboolean
can_write_views (KrWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (views_writable (self, &error))
    return TRUE;
  _kr_window_toast (self, error->message);
  return FALSE;
}

/* Writes the views to the views file, whole or not at all. */
static gboolean
store_views (KrWindow *self, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (_kr_window_save_views_file (self, &local))
    return TRUE;
  {
    g_autofree char *name = _kr_window_display_name (kr_views_file_get_file (self->views_file));
    g_set_error (error, local->domain, local->code, _ ("The views could not be saved in “%s”: %s"),
                 name, local->message);
  }
  return FALSE;
}

/* The same, saying why not. */
static void
store_views_or_say (KrWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (!store_views (self, &error))
    _kr_window_toast (self, error->message);
}

/* ---- saving ----------------------------------------------------------------------------- */

/* What the window shows now, as a view named @name. */
static void
capture (KrWindow *self, const char *name, KrSavedView *view)
{
  view->name = g_strdup (name);
  kr_filter_copy (&view->filter, kr_view_get_filter (self->view));
  view->engine = g_strdup (kr_engine_get_name (_kr_window_get_map_engine (self)));
  view->direction = g_strdup (kr_rankdir_get_name (self->rankdir));
  if (kr_diagram_view_get_scene (self->diagram) != NULL)
    {
      view->framed = TRUE;
      kr_diagram_view_get_centre (self->diagram, &view->x, &view->y, &view->zoom);
    }
}

gboolean
kr_window_save_view (KrWindow *self, const char *name, GError **error)
{
  g_auto (KrSavedView) view = KR_SAVED_VIEW_INIT;
  int at;

  g_return_val_if_fail (KR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!views_writable (self, error))
    return FALSE;
  capture (self, name, &view);
  /* What a later version kept in the view it replaces stays with it. */
  at = kr_saved_views_find (self->saved_views, view.name);
  if (at >= 0 && kr_saved_views_get_view (self->saved_views, (guint)at)->later != NULL)
    view.later = json_object_ref (kr_saved_views_get_view (self->saved_views, (guint)at)->later);
  return kr_saved_views_put (self->saved_views, &view, -1, error) && store_views (self, error);
}

KrSavedViews *
kr_window_get_saved_views (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return self->saved_views;
}

/* ---- the dialog that names a view --------------------------------------------------------- */

typedef struct
{
  KrWindow *window;
  GtkWidget *dialog;
  GtkEntry *entry;
  GtkLabel *hint;
  char *renaming; /* the view's name, or NULL when saving a new one */
} NameDialog;

static void
name_dialog_free (NameDialog *d)
{
  g_object_unref (d->window);
  g_free (d->renaming);
  g_free (d);
}

static const char *
accept_response (NameDialog *d)
{
  return d->renaming != NULL ? "rename" : "save";
}

/* Checks the name as it is typed: says why it cannot be one, or that saving replaces a view. */
static void
name_changed (NameDialog *d)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (d->entry));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = kr_saved_view_check_name (text, &error);
  g_autofree char *hint = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  int other = name != NULL ? kr_saved_views_find (d->window->saved_views, name) : -1;
  gboolean same = d->renaming != NULL && g_strcmp0 (name, d->renaming) == 0;
  gboolean ok = name != NULL;
  gboolean replaces = FALSE;

  /* An empty entry needs no telling. */
  if (name == NULL && trimmed[0] != '\0')
    hint = g_strdup (error->message);
  else if (other >= 0 && !same && d->renaming != NULL)
    {
      hint = g_strdup_printf (_ ("Another view is named “%s”"), name);
      ok = FALSE;
    }
  else if (other >= 0 && d->renaming == NULL)
    {
      hint = g_strdup_printf (_ ("A view named “%s” exists: saving replaces it"), name);
      replaces = TRUE;
    }
  gtk_label_set_text (d->hint, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (d->hint), hint != NULL);
  if (hint != NULL && !replaces)
    gtk_widget_add_css_class (GTK_WIDGET (d->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (d->entry), "error");
  name_dialog (set_response_enabled) (NAME_DIALOG (d->dialog), accept_response (d), ok);
  if (d->renaming == NULL)
    {
      name_dialog (set_response_label) (NAME_DIALOG (d->dialog), "save",
                                        replaces ? _ ("_Replace") : _ ("_Save"));
      name_dialog (set_response_appearance) (NAME_DIALOG (d->dialog), "save",
                                             replaces ? ADW_RESPONSE_DESTRUCTIVE
                                                      : ADW_RESPONSE_SUGGESTED);
    }
}

static void
name_chosen (GtkWidget *dialog, const char *response, NameDialog *d)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (d->entry));
  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "save"))
    {
      if (!kr_window_save_view (d->window, text, &error))
        _kr_window_toast (d->window, error->message);
    }
  else if (g_str_equal (response, "rename"))
    {
      if (!views_writable (d->window, &error)
          || !kr_saved_views_rename (d->window->saved_views, d->renaming, text, &error)
          || !store_views (d->window, &error))
        _kr_window_toast (d->window, error->message);
    }
}

/* Asks for the name of a view: a new one to save what the map shows, or @renaming's new one. */
static void
ask_name (KrWindow *self, const char *renaming)
{
  NameDialog *d = g_new0 (NameDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *heading = renaming != NULL ? _ ("Rename View") : _ ("Save View");

  d->window = g_object_ref (self);
  d->renaming = g_strdup (renaming);
#if ADW_CHECK_VERSION(1, 5, 0)
  d->dialog = GTK_WIDGET (adw_alert_dialog_new (heading, NULL));
#else
  d->dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
#endif
  if (renaming == NULL)
    name_dialog (set_body) (NAME_DIALOG (d->dialog),
                            _ ("What the map shows — its filter, layout and zoom — is kept under "
                               "this name, to come back to from the Views menu."));
  d->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (d->entry, KR_SAVED_VIEW_NAME_MAX);
  /* Enter saves, when the name can be one. */
  gtk_entry_set_activates_default (d->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (d->entry), renaming != NULL ? renaming : "");
  d->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->hint, TRUE);
  gtk_label_set_xalign (d->hint, 0);
  gtk_widget_add_css_class (GTK_WIDGET (d->hint), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->hint));
  name_dialog (set_extra_child) (NAME_DIALOG (d->dialog), box);
  name_dialog (add_response) (NAME_DIALOG (d->dialog), "cancel", _ ("_Cancel"));
  name_dialog (add_response) (NAME_DIALOG (d->dialog), accept_response (d),
                              renaming != NULL ? _ ("_Rename") : _ ("_Save"));
  name_dialog (set_response_appearance) (NAME_DIALOG (d->dialog), accept_response (d),
                                         ADW_RESPONSE_SUGGESTED);
  name_dialog (set_default_response) (NAME_DIALOG (d->dialog), accept_response (d));
  name_dialog (set_close_response) (NAME_DIALOG (d->dialog), "cancel");
  g_object_set_data_full (G_OBJECT (d->dialog), "kr-name-dialog", d,
                          (GDestroyNotify)name_dialog_free);
  g_signal_connect_swapped (d->entry, "changed", G_CALLBACK (name_changed), d);
  g_signal_connect (d->dialog, "response", G_CALLBACK (name_chosen), d);
  name_changed (d);
#if ADW_CHECK_VERSION(1, 5, 0)
  adw_dialog_present (ADW_DIALOG (d->dialog), GTK_WIDGET (self));
#else
  gtk_window_present (GTK_WINDOW (d->dialog));
#endif
  gtk_widget_grab_focus (GTK_WIDGET (d->entry));
}

static void
save_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  if (can_write_views (self))
    ask_name (self, NULL);
}

static void
rename_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (kr_saved_views_find (self->saved_views, name) >= 0 && can_write_views (self))
    ask_name (self, name);
}

/* ---- deleting ----------------------------------------------------------------------------- */

typedef struct
{
  KrSavedView view;
  int position;
} Deleted;

static void
deleted_free (Deleted *deleted)
{
  kr_saved_view_clear (&deleted->view);
  g_free (deleted);
}

static void
undo_delete (AdwToast *toast, KrWindow *self)
{
  Deleted *deleted = g_object_get_data (G_OBJECT (toast), "kr-deleted");

  if (kr_saved_views_put (self->saved_views, &deleted->view, deleted->position, NULL))
    store_views_or_say (self);
}

static void
delete_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  int at = kr_saved_views_find (self->saved_views, name);
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  Deleted *deleted;
  AdwToast *toast;

  if (at < 0 || !can_write_views (self))
    return;
  deleted = g_new0 (Deleted, 1);
  kr_saved_view_copy (&deleted->view, kr_saved_views_get_view (self->saved_views, (guint)at));
  deleted->position = kr_saved_views_remove (self->saved_views, name);
  store_views_or_say (self);

  /* A toast's title is markup; a view's name is not. */
  escaped = g_markup_escape_text (deleted->view.name, -1);
  title = g_strdup_printf (_ ("View “%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "kr-deleted", deleted, (GDestroyNotify)deleted_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete), self, 0);
  _kr_window_show_toast (self, toast);
}

/* ---- showing ------------------------------------------------------------------------------ */

static void
look_again (GdkFrameClock *clock, KrWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, look_again, self);
  kr_diagram_view_look_at (self->diagram, self->viewport_x, self->viewport_y,
                           self->viewport_zoom);
}

/* Looks where the view chosen looked, once the map shows it; and again once the window is laid
 * out for it, as the bar of its filters coming or going moves the map in the window. */
static void
look_where_saved (KrWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->diagram));

  if (!self->viewport_pending || kr_diagram_view_get_scene (self->diagram) == NULL)
    return;
  self->viewport_pending = FALSE;
  kr_diagram_view_look_at (self->diagram, self->viewport_x, self->viewport_y,
                           self->viewport_zoom);
  if (clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (clock, look_again, self);
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (look_again), self, 0);
      gtk_widget_queue_draw (GTK_WIDGET (self->diagram));
    }
}

static void
layout_failed (KrWindow *self)
{
  self->viewport_pending = FALSE;
}

/* The engine and direction the view was laid out with; what is not known is said. */
static void
show_layout (KrWindow *self, const KrSavedView *view)
{
  g_autoptr (GError) error = NULL;
  KrRankdir rankdir;

  if (view->engine != NULL)
    {
      if (kr_engine_from_name (view->engine, NULL, &error))
        g_object_set (self, "map-engine", view->engine, NULL);
      else
        _kr_window_toast (self, error->message);
    }
  if (view->direction != NULL)
    {
      if (kr_rankdir_from_name (view->direction, &rankdir))
        g_object_set (self, "rank-direction", view->direction, NULL);
      else
        {
          g_autofree char *message = g_strdup_printf (
              _ ("The view’s direction, “%s”, is none that Keiretsu knows"), view->direction);
          _kr_window_toast (self, message);
        }
    }
}

/* The view's filter, with its time on the timeline in its mode. */
static void
show_filter (KrWindow *self, const KrFilter *filter)
{
  gboolean timed = kr_filter_has_part (filter, KR_FILTER_PART_TIME);
  g_autoptr (GError) error = NULL;

  if (timed)
    kr_timeline_bar_set_reported (self->timeline_bar, filter->as_reported != NULL);
  if (!kr_view_set_filter (self->view, filter, &error))
    {
      _kr_window_toast (self, error->message);
      return;
    }
  if (filter->focus != NULL)
    g_object_set (self, "focus-depth", (int)filter->depth, NULL);
  if (timed != self->show_timeline)
    g_object_set (self, "show-timeline", timed, NULL);
  else if (timed)
    kr_timeline_bar_set_date (self->timeline_bar,
                              filter->as_of != NULL ? filter->as_of : filter->as_reported);
}

static void
show_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrDataset *dataset = kr_view_get_dataset (self->view);
  int at = kr_saved_views_find (self->saved_views, g_variant_get_string (parameter, NULL));
  g_auto (KrSavedView) view = KR_SAVED_VIEW_INIT;
  g_autofree char *gone = NULL;

  if (at < 0 || dataset == NULL)
    return;
  kr_saved_view_copy (&view, kr_saved_views_get_view (self->saved_views, (guint)at));
  /* What the dataset no longer has is left out, and said. */
  gone = kr_saved_view_fit (&view.filter, dataset);
  if (gone != NULL)
    _kr_window_toast (self, gone);
  self->viewport_pending = view.framed;
  self->viewport_x = view.x;
  self->viewport_y = view.y;
  self->viewport_zoom = view.zoom;
  show_layout (self, &view);
  show_filter (self, &view.filter);
  /* Shown at once from a layout at hand; otherwise once Graphviz has laid it out. */
  if (!kr_map_is_busy (self->map))
    look_where_saved (self);
}

/* ---- the menu ----------------------------------------------------------------------------- */

static GMenuItem *
view_item (const char *name, const char *action)
{
  /* Menu labels take "_" as a mnemonic: double it to show a name as it is. */
  g_auto (GStrv) parts = g_strsplit (name, "_", -1);
  g_autofree char *label = g_strjoinv ("__", parts);
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, action, "s", name);
  return item;
}

static void
update_views_menu (KrWindow *self)
{
  g_autoptr (GMenu) rename = g_menu_new ();
  g_autoptr (GMenu) delete = g_menu_new ();
  guint n = kr_saved_views_get_n_views (self->saved_views);

  g_menu_remove_all (self->views_section);
  g_menu_remove_all (self->views_edit_section);
  for (guint i = 0; i < n; i++)
    {
      const char *name = kr_saved_views_get_view (self->saved_views, i)->name;
      g_autoptr (GMenuItem) show = view_item (name, "win.show-view");
      g_autoptr (GMenuItem) renaming = view_item (name, "win.rename-view");
      g_autoptr (GMenuItem) deleting = view_item (name, "win.delete-view");

      g_menu_append_item (self->views_section, show);
      g_menu_append_item (rename, renaming);
      g_menu_append_item (delete, deleting);
    }
  if (n == 0)
    return;
  g_menu_append_submenu (self->views_edit_section, _ ("_Rename View"), G_MENU_MODEL (rename));
  g_menu_append_submenu (self->views_edit_section, _ ("_Delete View"), G_MENU_MODEL (delete));
}

static void
view_changed (KrWindow *self, KrViewChange what)
{
  if (!(what & KR_VIEW_CHANGED_DATASET))
    return;
  self->viewport_pending = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-view", TRUE);
}

void
_kr_window_init_views (KrWindow *self)
{
  self->saved_views = kr_saved_views_new ();
  g_signal_connect_swapped (self->saved_views, "changed", G_CALLBACK (update_views_menu), self);
  g_signal_connect_swapped (self->view, "changed", G_CALLBACK (view_changed), self);
  /* After the window has shown the scene. */
  g_signal_connect_swapped (self->map, "notify::scene", G_CALLBACK (look_where_saved), self);
  g_signal_connect_swapped (self->map, "failed", G_CALLBACK (layout_failed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-view", FALSE);
}

void
_kr_window_dispose_views (KrWindow *self)
{
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, view_changed, self);
  if (self->saved_views != NULL)
    g_signal_handlers_disconnect_by_data (self->saved_views, self);
  g_clear_object (&self->saved_views);
  g_clear_object (&self->views_file);
  g_clear_pointer (&self->views_unreadable, g_free);
}

void
_kr_window_class_init_views (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KrWindow, views_section);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, views_edit_section);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.rename-view", "s", rename_view_action);
  gtk_widget_class_install_action (widget_class, "win.delete-view", "s", delete_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.save-view",
                                       NULL);
}
