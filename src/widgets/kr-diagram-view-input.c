/* kr-diagram-view-input.c — what people do to the map: drag an entity to move it, Shift+drag
 * from one to another to draw a deal, drag elsewhere to pan, click to select, right-click for an
 * entity's menu, scroll and pinch to zoom, hover, and the keys that zoom, pan and walk the
 * entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kr-diagram-view-private.h"

#define HIT_TOLERANCE 5.0 /* widget pixels */

KrHit
_kr_diagram_view_hit_at (KrDiagramView *self, double wx, double wy)
{
  double sx, sy;

  if (self->scene == NULL)
    return (KrHit){ KR_HIT_NONE, 0 };
  kr_diagram_view_to_scene (self, wx, wy, &sx, &sy);
  /* Plates are drawn over the map: what is under one is hidden by it. */
  if (self->labels != NULL)
    {
      int plate = kr_label_plan_plate_at (self->labels, self->scene, sx, sy);
      if (plate >= 0)
        return (KrHit){ KR_HIT_NODE, (guint)plate };
    }
  return kr_scene_hit_test (self->scene, sx, sy, HIT_TOLERANCE / self->zoom);
}

KrHit
kr_diagram_view_hit_at (KrDiagramView *self, double x, double y)
{
  KrHit none = { KR_HIT_NONE, 0 };

  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), none);
  return _kr_diagram_view_hit_at (self, x, y);
}

static void
zoom_centre (KrDiagramView *self, double factor)
{
  kr_diagram_view_zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* The scene node of the entity at the widget point (x, y), or -1. */
static int
entity_at (KrDiagramView *self, double x, double y)
{
  KrHit hit = _kr_diagram_view_hit_at (self, x, y);

  return hit.type == KR_HIT_NODE
                 && kr_scene_get_node (self->scene, hit.index)->type == KR_SCENE_NODE_ENTITY
             ? (int)hit.index
             : -1;
}

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, KrDiagramView *self)
{
  GdkModifierType mods
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int entity = entity_at (self, x, y);

  self->drag_start_x = self->offset_x;
  self->drag_start_y = self->offset_y;
  self->dragged = FALSE;
  _kr_diagram_view_forget_drag (self);
  if (entity < 0)
    return;
  /* With Shift held a drag from an entity draws a deal; a Shift+click still marks it. */
  if (mods & GDK_SHIFT_MASK)
    {
      self->linking = entity;
      self->link_x = x;
      self->link_y = y;
      /* Where Escape goes. */
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  else
    self->moving = entity;
}

static gboolean
is_marked (KrDiagramView *self, guint entity)
{
  for (guint i = 0; i < self->marked->len; i++)
    if (g_array_index (self->marked, guint, i) == entity)
      return TRUE;
  return FALSE;
}

/* The scene nodes that move with the one being dragged: the marked entities shown, when it is
 * one of them; otherwise it alone. */
static GArray *
moving_nodes (KrDiagramView *self)
{
  GArray *nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  guint moving = (guint)self->moving;

  if (is_marked (self, kr_scene_get_node (self->scene, moving)->index))
    for (guint i = 0; i < self->marked->len; i++)
      {
        int at = kr_scene_find_entity (self->scene, g_array_index (self->marked, guint, i));
        if (at >= 0)
          g_array_append_val (nodes, at);
      }
  else
    g_array_append_val (nodes, moving);
  return nodes;
}

/* How far node @index moves by a drag of (@dx, @dy) widget pixels from where it was drawn when
 * the drag began, in scene coordinates, kept inside the scene. */
static KrPoint
node_move (KrDiagramView *self, guint index, KrPoint base, double dx, double dy)
{
  const KrSceneNode *node = kr_scene_get_node (self->scene, index);
  double half_w = node->width / 2, half_h = node->height / 2;
  double x = CLAMP (node->x + base.x + dx / self->zoom, half_w,
                    MAX (half_w, kr_scene_get_width (self->scene) - half_w));
  double y = CLAMP (node->y + base.y + dy / self->zoom, half_h,
                    MAX (half_h, kr_scene_get_height (self->scene) - half_h));

  return (KrPoint){ x - node->x, y - node->y };
}

void
_kr_diagram_view_forget_drag (KrDiagramView *self)
{
  if (self->linking >= 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->linking = self->link_target = -1;
  self->moving = -1;
  g_clear_pointer (&self->dragging, g_array_unref);
  g_clear_pointer (&self->drag_bases, g_free);
}

/* The entities dragged and their lines follow the pointer, drawn displaced as in a glide.
 * Those dropped before stay where they were dropped until the map is laid out again. */
static void
start_moving (KrDiagramView *self)
{
  if (self->node_offsets == NULL || self->start_offsets != NULL)
    {
      _kr_diagram_view_stop_animation (self);
      self->node_offsets = g_new0 (KrPoint, MAX (kr_scene_get_n_nodes (self->scene), 1));
    }
  self->dragging = moving_nodes (self);
  self->drag_bases = g_new (KrPoint, MAX (self->dragging->len, 1));
  for (guint i = 0; i < self->dragging->len; i++)
    self->drag_bases[i] = self->node_offsets[g_array_index (self->dragging, guint, i)];
}

/* The line of a deal being drawn follows the pointer to (@x, @y), and finds the entity there. */
static void
follow_link (KrDiagramView *self, double x, double y)
{
  int target = entity_at (self, x, y);

  self->link_x = x;
  self->link_y = y;
  self->link_target = target != self->linking ? target : -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, KrDiagramView *self)
{
  double x, y;

  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  if (!self->dragged)
    {
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       self->linking >= 0 ? "crosshair" : "grabbing");
      if (self->moving >= 0)
        start_moving (self);
    }
  self->dragged = TRUE;
  if (self->linking >= 0 && gtk_gesture_drag_get_start_point (gesture, &x, &y))
    {
      follow_link (self, x + dx, y + dy);
      return;
    }
  if (self->dragging != NULL && self->node_offsets != NULL)
    {
      for (guint i = 0; i < self->dragging->len; i++)
        {
          guint node = g_array_index (self->dragging, guint, i);
          self->node_offsets[node] = node_move (self, node, self->drag_bases[i], dx, dy);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  self->follow_fit = FALSE;
  self->view_anim = FALSE;
  _kr_diagram_view_set_view (self, self->zoom, self->drag_start_x + dx, self->drag_start_y + dy);
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, KrDiagramView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (self->dragged && self->linking >= 0)
    {
      int from = self->linking, to = self->link_target;

      _kr_diagram_view_forget_drag (self);
      if (to >= 0)
        _kr_diagram_view_emit_deal_drawn (self, (guint)from, (guint)to);
      return;
    }
  if (self->dragged && self->dragging != NULL && self->node_offsets != NULL)
    {
      GVariantBuilder moves;

      g_variant_builder_init (&moves, G_VARIANT_TYPE ("a(udd)"));
      for (guint i = 0; i < self->dragging->len; i++)
        {
          guint index = g_array_index (self->dragging, guint, i);
          const KrSceneNode *node = kr_scene_get_node (self->scene, index);
          KrPoint offset = node_move (self, index, self->drag_bases[i], dx, dy);

          g_variant_builder_add (&moves, "(udd)", node->index, node->x + offset.x,
                                 node->y + offset.y);
        }
      _kr_diagram_view_forget_drag (self);
      /* Drawn where they were dropped until the map is laid out around them, or back if the
       * move is not taken. */
      if (!_kr_diagram_view_emit_entities_moved (self, g_variant_builder_end (&moves)))
        _kr_diagram_view_stop_animation (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  _kr_diagram_view_forget_drag (self);
}

static void
close_node_menu (KrDiagramView *self)
{
  if (self->menu_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->menu_tick_id);
  self->menu_tick_id = 0;
  g_clear_pointer (&self->node_menu, gtk_widget_unparent);
}

/* Each frame while the menu is open: it points where it was opened, as the map moves under it;
 * and when the cover comes over that place (a panel sliding in as the entity is selected), the
 * view brings it back to the part of the map left visible. */
static gboolean
follow_node_menu (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  graphene_rect_t visible = _kr_diagram_view_visible_area (self);
  const graphene_rect_t *at = &self->menu_at;
  double sx = at->origin.x + at->size.width / 2, sy = at->origin.y + at->size.height / 2;
  double x0, y0, x1, y1;
  GdkRectangle now, was;

  /* Once the view has stopped, so as not to start its glide again at every frame. */
  if (!self->view_anim && visible.size.width >= 1 && visible.size.height >= 1)
    _kr_diagram_view_bring_point (self, sx, sy, self->zoom, &visible, 0);
  kr_diagram_view_to_widget (self, at->origin.x, at->origin.y, &x0, &y0);
  kr_diagram_view_to_widget (self, at->origin.x + at->size.width, at->origin.y + at->size.height,
                             &x1, &y1);
  now = (GdkRectangle){ (int)x0, (int)y0, MAX ((int)(x1 - x0), 1), MAX ((int)(y1 - y0), 1) };
  if (gtk_popover_get_pointing_to (GTK_POPOVER (self->node_menu), &was)
      && gdk_rectangle_equal (&was, &now))
    return G_SOURCE_CONTINUE;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->node_menu), &now);
  if (gtk_widget_get_visible (self->node_menu))
    gtk_popover_present (GTK_POPOVER (self->node_menu));
  return G_SOURCE_CONTINUE;
}

static gboolean
unparent_menu_later (gpointer data)
{
  close_node_menu (data);
  return G_SOURCE_REMOVE;
}

static void
node_menu_closed (KrDiagramView *self)
{
  /* After the menu's action ran. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_menu_later, g_object_ref (self),
                   g_object_unref);
}

/* The menu of entity scene node @index, pointing at @at on the scene: a deal from it, and Unpin
 * when it is pinned. */
static void
open_node_menu (KrDiagramView *self, guint index, const graphene_rect_t *at)
{
  const KrSceneNode *node = kr_scene_get_node (self->scene, index);
  const char *id = kr_dataset_get_entity (kr_scene_get_dataset (self->scene), node->index)->id;
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) add_deal = g_menu_item_new (_ ("Add Deal From Here…"), NULL);

  _kr_diagram_view_set_selection (self, (int)index, -1);
  g_menu_item_set_action_and_target_value (add_deal, "win.add-deal-from",
                                           g_variant_new_string (id));
  g_menu_append_item (menu, add_deal);
  if (self->pinned != NULL && node->index < self->n_pinned && self->pinned[node->index])
    {
      g_autoptr (GMenuItem) unpin = g_menu_item_new (_ ("Unpin"), NULL);

      g_menu_item_set_action_and_target_value (unpin, "win.unpin", g_variant_new_string (id));
      g_menu_append_item (menu, unpin);
    }

  close_node_menu (self);
  self->node_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  self->menu_at = *at;
  gtk_widget_set_parent (self->node_menu, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->node_menu), FALSE);
  g_signal_connect_swapped (self->node_menu, "closed", G_CALLBACK (node_menu_closed), self);
  follow_node_menu (GTK_WIDGET (self), NULL, NULL);
  gtk_popover_popup (GTK_POPOVER (self->node_menu));
  self->menu_tick_id
      = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_node_menu, NULL, NULL);
}

/* The menu of an entity, beside the pointer. */
static void
secondary_pressed (GtkGestureClick *gesture, int n_press, double x, double y, KrDiagramView *self)
{
  int entity = entity_at (self, x, y);
  double sx, sy;

  if (entity < 0)
    return;
  kr_diagram_view_to_scene (self, x, y, &sx, &sy);
  open_node_menu (self, (guint)entity, &GRAPHENE_RECT_INIT (sx, sy, 0, 0));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The Menu key, or Shift+F10: the menu of the entity selected, at its box. */
static gboolean
key_menu (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  const KrSceneNode *node;
  KrRect box;

  if (self->scene == NULL || self->selected_node < 0)
    return FALSE;
  node = kr_scene_get_node (self->scene, (guint)self->selected_node);
  if (node->type != KR_SCENE_NODE_ENTITY)
    return FALSE;
  box = kr_scene_node_bounds (node);
  open_node_menu (self, (guint)self->selected_node,
                  &GRAPHENE_RECT_INIT (box.x, box.y, box.width, box.height));
  return TRUE;
}

void
_kr_diagram_view_dispose_input (KrDiagramView *self)
{
  close_node_menu (self);
  _kr_diagram_view_forget_drag (self);
}

/* Ctrl+click or Shift+click on an entity marks it, or unmarks it, to move with the others
 * marked; any other click forgets the marks. */
static void
toggle_mark (KrDiagramView *self, GtkGestureClick *gesture, KrHit hit)
{
  GdkModifierType mods
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  const KrSceneNode *node
      = hit.type == KR_HIT_NODE ? kr_scene_get_node (self->scene, hit.index) : NULL;

  if (node == NULL || node->type != KR_SCENE_NODE_ENTITY
      || !(mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)))
    {
      if (self->marked->len > 0)
        gtk_widget_queue_draw (GTK_WIDGET (self));
      g_array_set_size (self->marked, 0);
      return;
    }
  for (guint i = 0; i < self->marked->len; i++)
    if (g_array_index (self->marked, guint, i) == node->index)
      {
        g_array_remove_index (self->marked, i);
        gtk_widget_queue_draw (GTK_WIDGET (self));
        return;
      }
  g_array_append_val (self->marked, node->index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_released (GtkGestureClick *gesture, int n_press, double x, double y, KrDiagramView *self)
{
  KrHit hit;

  if (self->dragged)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit = _kr_diagram_view_hit_at (self, x, y);
  toggle_mark (self, gesture, hit);
  if (hit.type == KR_HIT_NODE)
    _kr_diagram_view_set_selection (self, (int)hit.index, -1);
  else if (hit.type == KR_HIT_EDGE)
    _kr_diagram_view_set_selection (self, -1, (int)hit.index);
  else
    _kr_diagram_view_set_selection (self, -1, -1);

  if (n_press == 2 && hit.type == KR_HIT_NODE)
    {
      /* Closer, in the middle of what the legend leaves free. */
      const KrSceneNode *node = kr_scene_get_node (self->scene, hit.index);
      graphene_rect_t free = _kr_diagram_view_free_area (self);
      double cx = free.origin.x + free.size.width / 2, cy = free.origin.y + free.size.height / 2;
      double zoom = CLAMP (MAX (self->zoom * 1.8, 1.2), MIN_ZOOM, MAX_ZOOM);
      self->follow_fit = FALSE;
      _kr_diagram_view_animate_view (self, zoom, cx - node->x * zoom, cy - node->y * zoom);
    }
}

static gboolean
scrolled (GtkEventControllerScroll *controller, double dx, double dy, KrDiagramView *self)
{
  GdkModifierType mods
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean pixels = FALSE;

#if GTK_CHECK_VERSION(4, 8, 0)
  pixels = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;
#endif

  if (mods & GDK_CONTROL_MASK)
    {
      /* Around the pointer. A scroll event does not say where it is (X11 wheel events have
       * no position, and others are the window's): the motion controller does. */
      double x = self->pointer_x, y = self->pointer_y;
      if (!self->has_pointer)
        {
          x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
          y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
        }
      kr_diagram_view_zoom_at (self, pow (1.15, -(pixels ? dy / 10.0 : dy)), x, y);
      return TRUE;
    }
  self->follow_fit = FALSE;
  self->view_anim = FALSE;
  _kr_diagram_view_set_view (self, self->zoom, self->offset_x - (pixels ? dx : dx * 40),
                             self->offset_y - (pixels ? dy : dy * 40));
  return TRUE;
}

static void
zoom_begin (GtkGesture *gesture, GdkEventSequence *sequence, KrDiagramView *self)
{
  self->gesture_start_zoom = self->zoom;
  self->pinching = TRUE;
}

static void
zoom_end (GtkGesture *gesture, GdkEventSequence *sequence, KrDiagramView *self)
{
  self->pinching = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_scale_changed (GtkGestureZoom *gesture, double scale, KrDiagramView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  kr_diagram_view_zoom_at (self, self->gesture_start_zoom * scale / self->zoom, x, y);
}

static void
motion (GtkEventControllerMotion *controller, double x, double y, KrDiagramView *self)
{
  KrHit hit = _kr_diagram_view_hit_at (self, x, y);
  int node = hit.type == KR_HIT_NODE ? (int)hit.index : -1;
  int edge = hit.type == KR_HIT_EDGE ? (int)hit.index : -1;

  /* Where Ctrl+scroll zooms around. */
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (node == self->hover_node && edge == self->hover_edge)
    return;
  self->hover_node = node;
  self->hover_edge = edge;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit.type != KR_HIT_NONE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave (GtkEventControllerMotion *controller, KrDiagramView *self)
{
  self->has_pointer = FALSE;
  if (self->hover_node < 0 && self->hover_edge < 0)
    return;
  self->hover_node = self->hover_edge = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_zoom_in (GtkWidget *widget, GVariant *args, gpointer data)
{
  zoom_centre (KR_DIAGRAM_VIEW (widget), 1.25);
  return TRUE;
}

static gboolean
key_zoom_out (GtkWidget *widget, GVariant *args, gpointer data)
{
  zoom_centre (KR_DIAGRAM_VIEW (widget), 0.8);
  return TRUE;
}

static gboolean
key_fit (GtkWidget *widget, GVariant *args, gpointer data)
{
  kr_diagram_view_fit (KR_DIAGRAM_VIEW (widget));
  return TRUE;
}

static gboolean
key_actual_size (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  zoom_centre (self, 1.0 / self->zoom);
  return TRUE;
}

static gboolean
key_escape (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);

  /* A deal being drawn is given up, before the drag ends and would drop it. */
  if (self->linking >= 0)
    {
      _kr_diagram_view_forget_drag (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
      return TRUE;
    }
  if (self->selected_node < 0 && self->selected_edge < 0)
    return FALSE;
  kr_diagram_view_clear_selection (self);
  return TRUE;
}

static int
compare_reading_order (gconstpointer a, gconstpointer b, gpointer data)
{
  KrScene *scene = data;
  const KrSceneNode *na = kr_scene_get_node (scene, *(const guint *)a);
  const KrSceneNode *nb = kr_scene_get_node (scene, *(const guint *)b);
  /* Rows of about a label's height, then left to right. */
  int ra = (int)(na->y / 36.0), rb = (int)(nb->y / 36.0);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return na->x < nb->x ? -1 : na->x > nb->x ? 1 : 0;
}

/* Tab and Shift+Tab walk the entities in reading order; past the last one, focus moves on. */
static gboolean
key_walk (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  int step = g_variant_get_int32 (args);
  g_autoptr (GArray) order = NULL;
  int position = -1, next;

  if (self->scene == NULL)
    return FALSE;
  order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < kr_scene_get_n_nodes (self->scene); i++)
    if (kr_scene_get_node (self->scene, i)->type == KR_SCENE_NODE_ENTITY
        && kr_scene_is_node_shown (self->scene, i))
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_reading_order, self->scene);
  for (guint k = 0; k < order->len; k++)
    if ((int)g_array_index (order, guint, k) == self->selected_node)
      position = (int)k;

  next = position < 0 ? (step > 0 ? 0 : (int)order->len - 1) : position + step;
  if (next < 0 || next >= (int)order->len)
    return FALSE; /* let the focus leave the map */
  {
    const KrSceneNode *n = kr_scene_get_node (self->scene, g_array_index (order, guint, next));
    kr_diagram_view_select_entity (self, (int)n->index, TRUE);
  }
  /* What the pointer would show on hovering, beside the entity the keys reached. */
  _kr_diagram_view_show_selection_card (self);
  return TRUE;
}

static gboolean
key_activate (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);

  if (self->selected_node < 0 && self->selected_edge < 0)
    return FALSE;
  _kr_diagram_view_emit_activate_selection (self);
  return TRUE;
}

static gboolean
key_pan (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  int dx, dy;

  g_variant_get (args, "(ii)", &dx, &dy);
  self->follow_fit = FALSE;
  self->view_anim = FALSE;
  _kr_diagram_view_set_view (self, self->zoom, self->offset_x + dx * 60, self->offset_y + dy * 60);
  return TRUE;
}

void
_kr_diagram_view_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, key_zoom_in, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, key_zoom_in, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, key_zoom_in, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, key_zoom_out, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, key_zoom_out, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, 0, key_fit, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_1, 0, key_actual_size, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, key_escape, NULL);
  /* Shift is held while a deal is drawn. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, GDK_SHIFT_MASK, key_escape, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, key_menu, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, key_menu, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, key_walk, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, key_walk, "i",
                                -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, key_walk, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, key_activate, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, key_activate, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, key_pan, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, key_pan, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, key_pan, "(ii)", 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, key_pan, "(ii)", 0, -1);
}

void
_kr_diagram_view_init_input (KrDiagramView *self)
{
  GtkGesture *drag, *click, *zoom;
  GtkEventController *scroll, *motion_controller;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  drag = self->drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed), self);
  g_signal_connect (zoom, "end", G_CALLBACK (zoom_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion_controller = gtk_event_controller_motion_new ();
  g_signal_connect (motion_controller, "enter", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);
}
