/* kr-window-arrange.c — what a person arranges on the map: entities dragged into place and
 * pinned there, undo and redo, and the views file beside the dataset that keeps the pins and
 * the saved views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kr-builtin.h"
#include "kr-window-private.h"

/* How long after the last change the pins are written. */
#define SAVE_DELAY_MS 800

/* The pins of the map shown: its engine and direction. */
static char *
current_key (KrWindow *self)
{
  return kr_map_pins_key (_kr_window_get_map_engine (self), self->rankdir);
}

GHashTable *
_kr_window_get_pins (KrWindow *self)
{
  g_autofree char *key = current_key (self);

  return kr_arrangement_get_pins (self->arrangement, key);
}

void
_kr_window_update_pin_marks (KrWindow *self)
{
  KrDataset *dataset = kr_view_get_dataset (self->view);
  GHashTable *pins = _kr_window_get_pins (self);
  g_autofree gboolean *pinned = NULL;
  guint n;

  if (dataset == NULL || pins == NULL)
    {
      kr_diagram_view_set_pinned (self->diagram, NULL, 0);
      return;
    }
  n = kr_dataset_get_n_entities (dataset);
  pinned = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    pinned[i] = g_hash_table_contains (pins, kr_dataset_get_entity (dataset, i)->id);
  kr_diagram_view_set_pinned (self->diagram, pinned, n);
}

/* ---- the views file ------------------------------------------------------------------------ */

/* Puts what the window keeps into the views file: the pins, and the saved views unless they could
 * not be read (then the file keeps them as they were). */
static void
fill_views_file (KrWindow *self)
{
  kr_views_file_set_member (self->views_file, KR_ARRANGEMENT_MEMBER,
                            kr_arrangement_to_member (self->arrangement));
  if (self->views_unreadable == NULL)
    kr_views_file_set_member (self->views_file, KR_SAVED_VIEWS_MEMBER,
                              kr_saved_views_to_json (self->saved_views));
}

gboolean
_kr_window_save_views_file (KrWindow *self, GError **error)
{
  g_autoptr (GFile) parent = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->views_file == NULL)
    return TRUE;
  fill_views_file (self);
  /* The user data folder of the built-in dataset's file may not exist yet. */
  parent = g_file_get_parent (kr_views_file_get_file (self->views_file));
  if (parent != NULL && !kr_views_file_is_empty (self->views_file))
    {
      g_autofree char *path = g_file_get_path (parent);
      if (path != NULL)
        g_mkdir_with_parents (path, 0700);
    }
  /* Written on the spot: a small file, and the next window on the dataset reads it. */
  return kr_views_file_save (self->views_file, NULL, error);
}

static gboolean
save_now (gpointer data)
{
  KrWindow *self = data;
  g_autoptr (GError) error = NULL;

  self->save_id = 0;
  if (!_kr_window_save_views_file (self, &error))
    {
      /* TRANSLATORS: %s says why, naming the file */
      g_autofree char *message
          = g_strdup_printf (_ ("The positions were not saved: %s"), error->message);
      _kr_window_toast (self, message);
    }
  return G_SOURCE_REMOVE;
}

/* Moves come in runs: the file is written once they pause. */
static void
schedule_save (KrWindow *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_now, self);
}

/* Saves what is waiting to be saved, before another dataset's file takes its place. */
static void
flush_save (KrWindow *self)
{
  if (self->save_id != 0)
    save_now (self);
}

static void arrangement_changed (KrWindow *self, const char *key, GHashTable *placed);

void
_kr_window_load_views_file (KrWindow *self, GFile *dataset)
{
  g_autoptr (GFile) file = kr_builtin_views_file_for (dataset);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr (GError) error = NULL;
  gboolean read;

  flush_save (self);
  kr_undo_stack_clear (self->undo);
  g_clear_object (&self->views_file);
  self->views_file = kr_views_file_new (file);
  read = kr_views_file_load (self->views_file, NULL, &error);
  if (!read)
    {
      /* TRANSLATORS: %s says why, naming the file */
      g_autofree char *message = g_strdup_printf (
          _ ("The saved positions and views could not be read: %s"), error->message);
      _kr_window_toast (self, message);
    }
  /* The map lays the new dataset out with these pins: nothing to lay out again now. */
  g_signal_handlers_block_by_func (self->arrangement, arrangement_changed, self);
  if (!read)
    kr_arrangement_load (self->arrangement, NULL, "", NULL);
  else if (!kr_arrangement_load (self->arrangement,
                                 kr_views_file_get_member (self->views_file, KR_ARRANGEMENT_MEMBER),
                                 name, &error))
    {
      /* Moves are kept in memory, and written over what could not be read. */
      /* TRANSLATORS: %s says why, naming the file */
      g_autofree char *message
          = g_strdup_printf (_ ("The saved positions could not be read: %s"), error->message);
      _kr_window_toast (self, message);
    }
  g_signal_handlers_unblock_by_func (self->arrangement, arrangement_changed, self);
  _kr_window_read_saved_views (self, read ? NULL : error);
}

void
_kr_window_pin_drawn (KrWindow *self, KrDataset *dataset)
{
  g_autofree char *key = current_key (self);

  if (!kr_arrangement_is_empty (self->arrangement))
    return;
  /* The map lays the dataset out with these pins: nothing to lay out again now. */
  g_signal_handlers_block_by_func (self->arrangement, arrangement_changed, self);
  if (kr_arrangement_pin_drawn (self->arrangement, key, dataset) > 0)
    schedule_save (self);
  g_signal_handlers_unblock_by_func (self->arrangement, arrangement_changed, self);
}

/* ---- moving, unpinning, undoing ---------------------------------------------------------- */

static void
arrangement_changed (KrWindow *self, const char *key, GHashTable *placed)
{
  g_autofree char *current = current_key (self);

  /* The map takes the pins with the view, then lays out what changed. */
  _kr_window_show_map (self);
  if (key == NULL)
    kr_map_relayout (self->map);
  else if (placed != NULL && g_strcmp0 (key, current) == 0)
    kr_map_place (self->map, placed);
  schedule_save (self);
}

static gboolean
entities_moved (KrWindow *self, GVariant *moved)
{
  KrScene *scene = kr_map_get_scene (self->map);
  g_autofree char *key = current_key (self);
  g_autoptr (GArray) moves = g_array_new (FALSE, FALSE, sizeof (KrMove));
  GVariantIter iter;
  guint entity;
  double x, y;

  /* Only the whole map's places are kept: a tidied or radial view has its own. */
  if (scene == NULL || kr_map_get_arrangement (self->map) != KR_MAP_WHOLE)
    return FALSE;
  g_variant_iter_init (&iter, moved);
  while (g_variant_iter_next (&iter, "(udd)", &entity, &x, &y))
    {
      int at = kr_scene_find_entity (scene, entity);
      const KrSceneNode *node;
      KrMove move;

      if (at < 0)
        return FALSE;
      node = kr_scene_get_node (scene, (guint)at);
      move = (KrMove){
        .id = kr_dataset_get_entity (kr_scene_get_dataset (scene), entity)->id,
        .from = { node->x, node->y },
        .to = { x, y },
      };
      g_array_append_val (moves, move);
    }
  if (moves->len == 0)
    return FALSE;
  kr_undo_stack_push (self->undo, kr_arrangement_move (self->arrangement, key,
                                                       (const KrMove *)moves->data, moves->len));
  return TRUE;
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  if (g_str_equal (action_name, "win.undo"))
    kr_undo_stack_undo (self->undo);
  else
    kr_undo_stack_redo (self->undo);
}

static void
unpin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autofree char *key = current_key (self);
  KrCommand *command
      = kr_arrangement_unpin (self->arrangement, key, g_variant_get_string (parameter, NULL));

  if (command != NULL)
    kr_undo_stack_push (self->undo, command);
}

static void
reset_positions_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrCommand *command = kr_arrangement_reset (self->arrangement);

  /* Releasing the pins lays the map out whole; without any, a map that edits placed piece by
   * piece is laid out whole all the same. */
  if (command != NULL)
    kr_undo_stack_push (self->undo, command);
  else
    kr_map_relayout (self->map);
}

static void
update_actions (KrWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 kr_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 kr_undo_stack_can_redo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-positions",
                                 !kr_arrangement_is_empty (self->arrangement)
                                     || kr_map_is_revised (self->map));
}

void
_kr_window_init_arrange (KrWindow *self)
{
  self->arrangement = kr_arrangement_new ();
  self->undo = kr_undo_stack_new ();
  g_signal_connect_swapped (self->arrangement, "changed", G_CALLBACK (arrangement_changed), self);
  g_signal_connect_swapped (self->arrangement, "changed", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->undo, "notify::can-undo", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->undo, "notify::can-redo", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->map, "notify::scene", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->diagram, "entities-moved", G_CALLBACK (entities_moved), self);
  update_actions (self);
}

void
_kr_window_dispose_arrange (KrWindow *self)
{
  if (self->arrangement != NULL)
    {
      /* What was moved last is written before the window goes. */
      if (self->save_id != 0)
        {
          g_autoptr (GError) error = NULL;
          if (!_kr_window_save_views_file (self, &error))
            g_warning ("%s", error->message);
        }
      g_signal_handlers_disconnect_by_data (self->arrangement, self);
    }
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (self->map, update_actions, self);
  g_clear_object (&self->undo);
  g_clear_object (&self->arrangement);
}

void
_kr_window_class_init_arrange (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.unpin", "s", unpin_action);
  gtk_widget_class_install_action (widget_class, "win.reset-positions", NULL,
                                   reset_positions_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
}
