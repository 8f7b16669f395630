/* kr-diagram-view.c — the map widget: its properties and signals, the scene it shows, and
 * where it looks (fit, zoom, reveal), moving there smoothly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-diagram-view-private.h"

#define ANIMATION_MS 280.0

G_DEFINE_FINAL_TYPE (KrDiagramView, kr_diagram_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SCENE,
  PROP_ZOOM,
  PROP_SHOW_LEGEND,
  PROP_CONTROLS,
  N_PROPS
};

enum
{
  SELECTION_CHANGED,
  ACTIVATE_SELECTION,
  ENTITIES_MOVED,
  DEAL_DRAWN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_kr_diagram_view_emit_selection_changed (KrDiagramView *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
_kr_diagram_view_emit_activate_selection (KrDiagramView *self)
{
  g_signal_emit (self, signals[ACTIVATE_SELECTION], 0);
}

gboolean
_kr_diagram_view_emit_entities_moved (KrDiagramView *self, GVariant *moves)
{
  gboolean taken = FALSE;

  g_variant_ref_sink (moves);
  g_signal_emit (self, signals[ENTITIES_MOVED], 0, moves, &taken);
  g_variant_unref (moves);
  return taken;
}

void
_kr_diagram_view_emit_deal_drawn (KrDiagramView *self, guint from, guint to)
{
  g_signal_emit (self, signals[DEAL_DRAWN], 0, kr_scene_get_node (self->scene, from)->index,
                 kr_scene_get_node (self->scene, to)->index);
}

/* ---- view ---------------------------------------------------------------------------- */

void
_kr_diagram_view_set_view (KrDiagramView *self, double zoom, double ox, double oy)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      self->zoom_changed_at = g_get_monotonic_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  self->offset_x = ox;
  self->offset_y = oy;
  _kr_diagram_view_view_moved_card (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
animations_enabled (KrDiagramView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
_kr_diagram_view_stop_animation (KrDiagramView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->view_anim = FALSE;
  g_clear_pointer (&self->start_offsets, g_free);
  g_clear_pointer (&self->node_offsets, g_free);
}

static gboolean
animation_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->anim_start) / (ANIMATION_MS * 1000);
  double e;

  t = CLAMP (t, 0, 1);
  e = 1 - (1 - t) * (1 - t) * (1 - t); /* ease out */
  if (self->view_anim)
    _kr_diagram_view_set_view (self, self->from_zoom + (self->to_zoom - self->from_zoom) * e,
                               self->from_x + (self->to_x - self->from_x) * e,
                               self->from_y + (self->to_y - self->from_y) * e);
  if (self->node_offsets != NULL)
    {
      for (guint i = 0; i < kr_scene_get_n_nodes (self->scene); i++)
        self->node_offsets[i]
            = (KrPoint){ self->start_offsets[i].x * (1 - e), self->start_offsets[i].y * (1 - e) };
      gtk_widget_queue_draw (widget);
    }
  if (t < 1)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  self->view_anim = FALSE;
  g_clear_pointer (&self->start_offsets, g_free);
  g_clear_pointer (&self->node_offsets, g_free);
  return G_SOURCE_REMOVE;
}

static void
start_animation (KrDiagramView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->anim_start = clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick, NULL, NULL);
}

gboolean
kr_diagram_view_is_animating (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), FALSE);
  return self->tick_id != 0;
}

/* Moves the view to (zoom, x, y), smoothly unless animations are off. */
void
_kr_diagram_view_animate_view (KrDiagramView *self, double zoom, double x, double y)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  /* Already there: a glide would only draw the map again and again without its tiles. */
  if (!self->view_anim && zoom == self->zoom && x == self->offset_x && y == self->offset_y)
    return;
  if (!animations_enabled (self))
    {
      _kr_diagram_view_set_view (self, zoom, x, y);
      return;
    }
  self->view_anim = TRUE;
  self->from_zoom = self->zoom;
  self->from_x = self->offset_x;
  self->from_y = self->offset_y;
  self->to_zoom = zoom;
  self->to_x = x;
  self->to_y = y;
  start_animation (self);
}

void
kr_diagram_view_to_scene (KrDiagramView *self, double wx, double wy, double *sx, double *sy)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  *sx = (wx - self->offset_x) / self->zoom;
  *sy = (wy - self->offset_y) / self->zoom;
}

void
kr_diagram_view_to_widget (KrDiagramView *self, double sx, double sy, double *wx, double *wy)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  *wx = self->offset_x + sx * self->zoom;
  *wy = self->offset_y + sy * self->zoom;
}

static void
fit_to (KrDiagramView *self, int w, int h, gboolean animate)
{
  double zoom, ox, oy;

  self->follow_fit = TRUE;
  if (self->scene == NULL || w <= 0 || h <= 0)
    return;
  _kr_diagram_view_fit_placement (self, w, h, self->fit_readable, &zoom, &ox, &oy);
  g_debug ("fit %d×%d%s: zoom %.3f, legend in corner %d", w, h,
           self->fit_readable ? " (readable)" : "", zoom, self->legend_corner);
  if (animate)
    _kr_diagram_view_animate_view (self, zoom, ox, oy);
  else
    {
      self->view_anim = FALSE;
      _kr_diagram_view_set_view (self, zoom, ox, oy);
    }
}

/* The fit again, of the kind the view follows. */
static void
refit (KrDiagramView *self)
{
  fit_to (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
          TRUE);
}

/* Asked for, a fit shows the whole map, however small. */
void
kr_diagram_view_fit (KrDiagramView *self)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  self->fit_readable = FALSE;
  refit (self);
}

void
kr_diagram_view_get_centre (KrDiagramView *self, double *x, double *y, double *zoom)
{
  double z, ox, oy;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  z = self->view_anim ? self->to_zoom : self->zoom;
  ox = self->view_anim ? self->to_x : self->offset_x;
  oy = self->view_anim ? self->to_y : self->offset_y;
  *x = (gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - ox) / z;
  *y = (gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - oy) / z;
  *zoom = z;
}

void
kr_diagram_view_look_at (KrDiagramView *self, double x, double y, double zoom)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  /* Nodes may still glide into their new places; the view itself stops where it is put. */
  self->view_anim = FALSE;
  self->follow_fit = FALSE;
  self->check_view = FALSE;
  _kr_diagram_view_set_view (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - x * zoom,
                             gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - y * zoom);
}

void
kr_diagram_view_zoom_at (KrDiagramView *self, double factor, double x, double y)
{
  double sx, sy, zoom;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));

  self->follow_fit = FALSE;
  self->view_anim = FALSE;
  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  kr_diagram_view_to_scene (self, x, y, &sx, &sy);
  /* Keep the scene point under (x, y) where it is. */
  _kr_diagram_view_set_view (self, zoom, x - sx * zoom, y - sy * zoom);
}

void
_kr_diagram_view_bring_point (KrDiagramView *self, double sx, double sy, double zoom,
                              const graphene_rect_t *area, double margin)
{
  double x = self->offset_x + sx * self->zoom, y = self->offset_y + sy * self->zoom;
  double cx = area->origin.x + area->size.width / 2, cy = area->origin.y + area->size.height / 2;

  if (zoom == self->zoom && x > area->origin.x + margin
      && x < area->origin.x + area->size.width - margin && y > area->origin.y + margin
      && y < area->origin.y + area->size.height - margin)
    return;
  self->follow_fit = FALSE;
  _kr_diagram_view_animate_view (self, zoom, cx - sx * zoom, cy - sy * zoom);
}

void
_kr_diagram_view_reveal_point (KrDiagramView *self, double sx, double sy)
{
  /* In the part of the view the legend leaves free. */
  graphene_rect_t free = _kr_diagram_view_free_area (self);

  _kr_diagram_view_bring_point (self, sx, sy, MAX (self->zoom, 0.6), &free, 40);
}

void
kr_diagram_view_set_cover (KrDiagramView *self, GtkWidget *cover)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (cover == NULL || GTK_IS_WIDGET (cover));

  g_set_weak_pointer (&self->cover, cover);
}

graphene_rect_t
_kr_diagram_view_visible_area (KrDiagramView *self)
{
  float w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, w, h), over, best;
  float left, right, top, bottom;

  /* Where it is now, sliding in or out too. */
  if (self->cover == NULL || !gtk_widget_get_mapped (self->cover)
      || !gtk_widget_compute_bounds (self->cover, GTK_WIDGET (self), &over)
      || !graphene_rect_intersection (&all, &over, &over))
    return all;
  left = over.origin.x;
  right = w - (over.origin.x + over.size.width);
  top = over.origin.y;
  bottom = h - (over.origin.y + over.size.height);
  best = GRAPHENE_RECT_INIT (0, 0, left, h);
  if (right * h > best.size.width * best.size.height)
    best = GRAPHENE_RECT_INIT (w - right, 0, right, h);
  if (top * w > best.size.width * best.size.height)
    best = GRAPHENE_RECT_INIT (0, 0, w, top);
  if (bottom * w > best.size.width * best.size.height)
    best = GRAPHENE_RECT_INIT (0, h - bottom, w, bottom);
  return best;
}

static void
kr_diagram_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  double x = 0, y = 0;
  gboolean placed = FALSE;

  /* Moved in its window (a bar above it came or went): unless it follows the fit, the map
   * stays where it was on screen. */
  if (root != NULL)
    {
#if GTK_CHECK_VERSION(4, 12, 0)
      graphene_point_t at;
      placed = gtk_widget_compute_point (widget, root, &GRAPHENE_POINT_INIT (0, 0), &at);
      x = at.x;
      y = at.y;
#else
      placed = gtk_widget_translate_coordinates (widget, root, 0, 0, &x, &y);
#endif
    }
  if (placed && self->placed && !self->follow_fit && (x != self->screen_x || y != self->screen_y))
    _kr_diagram_view_set_view (self, self->zoom, self->offset_x - (x - self->screen_x),
                               self->offset_y - (y - self->screen_y));
  self->placed = placed;
  self->screen_x = x;
  self->screen_y = y;

  if (self->follow_fit)
    fit_to (self, width, height, FALSE);
  _kr_diagram_view_allocate_legend (self, width, height);
  _kr_diagram_view_allocate_controls (self, width, height);
  if (self->check_view && width > 0 && height > 0)
    {
      self->check_view = FALSE;
      if (self->scene != NULL && !_kr_diagram_view_shows_all (self, self->check_wholly))
        kr_diagram_view_fit (self);
    }
  _kr_diagram_view_allocate_card (self);
  if (self->node_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->node_menu));
}

static void
kr_diagram_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                         int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 120;
  *natural = 640;
}

/* ---- object -------------------------------------------------------------------------- */

static void
kr_diagram_view_dispose (GObject *object)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (object);

  _kr_diagram_view_dispose_legend (self);
  g_clear_pointer (&self->controls, gtk_widget_unparent);
  _kr_diagram_view_dispose_card (self);
  _kr_diagram_view_dispose_input (self);
  _kr_diagram_view_dispose_draw (self);
  _kr_diagram_view_stop_animation (self);
  g_clear_weak_pointer (&self->cover);
  g_clear_pointer (&self->highlighted, g_array_unref);
  g_clear_pointer (&self->highlighted_deals, g_array_unref);
  g_clear_object (&self->scene);
  g_clear_pointer (&self->node_emphasis, g_free);
  g_clear_pointer (&self->edge_emphasis, g_free);
  g_clear_pointer (&self->pinned, g_free);
  g_clear_pointer (&self->marked, g_array_unref);

  G_OBJECT_CLASS (kr_diagram_view_parent_class)->dispose (object);
}

static void
kr_diagram_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCENE:
      g_value_set_object (value, self->scene);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_CONTROLS:
      g_value_set_object (value, self->controls);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_diagram_view_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCENE:
      kr_diagram_view_set_scene (self, g_value_get_object (value));
      break;
    case PROP_SHOW_LEGEND:
      kr_diagram_view_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_CONTROLS:
      kr_diagram_view_set_controls (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_diagram_view_class_init (KrDiagramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_diagram_view_dispose;
  object_class->get_property = kr_diagram_view_get_property;
  object_class->set_property = kr_diagram_view_set_property;
  widget_class->size_allocate = kr_diagram_view_size_allocate;
  widget_class->measure = kr_diagram_view_measure;

  properties[PROP_SCENE]
      = g_param_spec_object ("scene", NULL, NULL, KR_TYPE_SCENE,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND]
      = g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Buttons over the top right corner of the map, which fitting leaves free. */
  properties[PROP_CONTROLS]
      = g_param_spec_object ("controls", NULL, NULL, GTK_TYPE_WIDGET,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED]
      = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  /* Enter on a selection: open it for reading. */
  signals[ACTIVATE_SELECTION]
      = g_signal_new ("activate-selection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KrDiagramView::entities-moved:
   * @moves: a(udd): each entity dragged (its dataset index) and where it was dropped, in scene
   *   coordinates
   *
   * Returns: TRUE when the move is taken: the entities are drawn there until the next scene;
   * otherwise they go back.
   */
  signals[ENTITIES_MOVED] = g_signal_new ("entities-moved", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled,
                                          NULL, NULL, G_TYPE_BOOLEAN, 1, G_TYPE_VARIANT);
  /**
   * KrDiagramView::deal-drawn:
   * @from: the entity a line was drawn from with Shift+drag (its index in the scene's dataset)
   * @to: the entity it was dropped on
   */
  signals[DEAL_DRAWN] = g_signal_new ("deal-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  _kr_diagram_view_class_init_draw (widget_class);
  _kr_diagram_view_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kr_diagram_view_init (KrDiagramView *self)
{
  self->zoom = 1.0;
  self->follow_fit = TRUE;
  self->selected_node = self->selected_edge = -1;
  self->moving = -1;
  self->linking = self->link_target = -1;
  self->marked = g_array_new (FALSE, FALSE, sizeof (guint));
  self->hover_node = self->hover_edge = -1;
  self->highlighted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlighted_deals = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Alliance diagram"), -1);
  _kr_diagram_view_init_draw (self);
  _kr_diagram_view_init_input (self);
  _kr_diagram_view_init_legend (self);
  _kr_diagram_view_init_card (self);
}

GtkWidget *
kr_diagram_view_new (void)
{
  return g_object_new (KR_TYPE_DIAGRAM_VIEW, NULL);
}

/* For each node of @next, how far it is from where the same entity or deal hub was drawn in
 * @prev, moved by @displaced (nullable, per node of @prev) (zero for newcomers), so that it can
 * glide into place; less @shift, the mean of those distances when @shift is given (the view moves
 * by that much instead). NULL if nothing moves. */
static KrPoint *
glide_offsets (KrScene *prev, const KrPoint *displaced, KrScene *next, KrPoint *shift)
{
  KrDataset *nd = kr_scene_get_dataset (next);
  guint n = kr_scene_get_n_nodes (next), found = 0;
  KrPoint *offsets = g_new0 (KrPoint, MAX (n, 1));
  gboolean *was = g_new0 (gboolean, MAX (n, 1));
  KrPoint mean = { 0, 0 };
  gboolean moved = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const KrSceneNode *node = kr_scene_get_node (next, i);
      int old = kr_scene_find_record (prev, nd, node->type, node->index);

      if (old < 0 || !kr_scene_is_node_shown (next, i))
        continue;
      offsets[i].x = kr_scene_get_node (prev, (guint)old)->x - node->x;
      offsets[i].y = kr_scene_get_node (prev, (guint)old)->y - node->y;
      if (displaced != NULL)
        {
          offsets[i].x += displaced[old].x;
          offsets[i].y += displaced[old].y;
        }
      mean.x += offsets[i].x;
      mean.y += offsets[i].y;
      was[i] = TRUE;
      found++;
    }
  if (shift != NULL && found > 0)
    {
      mean.x /= found;
      mean.y /= found;
      *shift = mean;
    }
  for (guint i = 0; i < n; i++)
    {
      if (shift != NULL && was[i])
        {
          offsets[i].x -= mean.x;
          offsets[i].y -= mean.y;
        }
      moved |= offsets[i].x != 0 || offsets[i].y != 0;
    }
  g_free (was);
  if (!moved)
    g_clear_pointer (&offsets, g_free);
  return offsets;
}

void
kr_diagram_view_set_pinned (KrDiagramView *self, const gboolean *entities, guint n)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));

  g_clear_pointer (&self->pinned, g_free);
  self->n_pinned = 0;
  if (entities != NULL && n > 0)
    {
      self->pinned = g_memdup2 (entities, n * sizeof (gboolean));
      self->n_pinned = n;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

KrScene *
kr_diagram_view_get_scene (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), NULL);
  return self->scene;
}

void
kr_diagram_view_set_scene (KrDiagramView *self, KrScene *scene)
{
  int entity = -1, deal = -1, kept_node = -1, kept_edge = -1;
  gboolean had_scene, same, had_selection;
  g_autofree KrPoint *offsets = NULL;
  KrTilesBefore *tiles_before;
  KrPoint shift = { 0, 0 };

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (scene == NULL || KR_IS_SCENE (scene));

  if (self->scene == scene)
    return;

  had_selection = self->selected_node >= 0 || self->selected_edge >= 0;
  /* Remember what was selected, by dataset identity, to find it in the new scene. */
  if (self->scene != NULL && (self->selected_node >= 0 || self->selected_edge >= 0))
    {
      KrDataset *old = kr_scene_get_dataset (self->scene);
      const char *id = NULL;
      if (self->selected_node >= 0)
        {
          const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)self->selected_node);
          id = n->type == KR_SCENE_NODE_ENTITY ? kr_dataset_get_entity (old, n->index)->id
                                               : kr_dataset_get_deal (old, n->index)->id;
        }
      else
        id = kr_dataset_get_deal (old,
                                  kr_scene_get_edge (self->scene, (guint)self->selected_edge)->deal)
                 ->id;
      if (scene != NULL)
        {
          entity = kr_dataset_find_entity (kr_scene_get_dataset (scene), id);
          deal = kr_dataset_find_deal (kr_scene_get_dataset (scene), id);
        }
    }

  had_scene = self->scene != NULL;
  /* The same layout showing more or less of it: nothing moves, and a selection still shown
   * stays as it is, without a word. */
  same = had_scene && scene != NULL && kr_scene_same_layout (self->scene, scene);
  if (same && self->selected_node >= 0
      && kr_scene_is_node_shown (scene, (guint)self->selected_node))
    kept_node = self->selected_node;
  if (same && self->selected_edge >= 0
      && kr_scene_is_edge_shown (scene, (guint)self->selected_edge))
    kept_edge = self->selected_edge;
  /* Highlights name entities of one dataset. */
  if (scene == NULL || !had_scene
      || kr_scene_get_dataset (self->scene) != kr_scene_get_dataset (scene))
    {
      g_array_set_size (self->highlighted, 0);
      g_array_set_size (self->highlighted_deals, 0);
      g_array_set_size (self->marked, 0);
    }
  /* Another layout: what it has in common with the one shown glides from where it was. Unless
   * the view follows the fit, the view moves as they do on average, and they glide by what is
   * left. */
  if (scene != NULL && had_scene && !same)
    offsets
        = glide_offsets (self->scene, self->node_offsets, scene, self->follow_fit ? NULL : &shift);
  /* A node dragged over the old scene is dropped with it. */
  _kr_diagram_view_forget_drag (self);
  _kr_diagram_view_stop_animation (self);
  tiles_before = _kr_diagram_view_tiles_before (self);
  g_set_object (&self->scene, scene);
  if (!same)
    g_ptr_array_set_size (self->layout_cache, 0);
  g_clear_pointer (&self->labels, kr_label_plan_free);
  _kr_diagram_view_legend_scene_changed (self);
  self->tile_generation++;
  g_clear_pointer (&self->node_emphasis, g_free);
  g_clear_pointer (&self->edge_emphasis, g_free);
  self->selected_node = self->selected_edge = -1;
  self->hover_node = self->hover_edge = -1;
  self->has_emphasis = FALSE;
  if (scene != NULL)
    {
      self->node_emphasis = g_malloc0 (MAX (kr_scene_get_n_nodes (scene), 1));
      self->edge_emphasis = g_malloc0 (MAX (kr_scene_get_n_edges (scene), 1));
      _kr_diagram_view_update_emphasis (self); /* the highlights */
    }

  /* The view stays where it is while all the map shows is in it, and fits it otherwise. The
   * first view of a map names what it shows legibly. */
  if (!had_scene)
    {
      self->fit_readable = TRUE;
      fit_to (self, gtk_widget_get_width (GTK_WIDGET (self)),
              gtk_widget_get_height (GTK_WIDGET (self)), FALSE);
    }
  else if (scene != NULL && !same && self->follow_fit)
    refit (self);
  else if (scene != NULL)
    {
      /* What stays stays where it is on screen too, even when the legend changes size. */
      if (same)
        self->follow_fit = FALSE;
      _kr_diagram_view_set_view (self, self->zoom, self->offset_x + shift.x * self->zoom,
                                 self->offset_y + shift.y * self->zoom);
      /* Once bars above or below the map have come or gone with the view. */
      self->check_view = TRUE;
      self->check_wholly = !same;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  if (offsets != NULL && animations_enabled (self))
    {
      self->start_offsets = g_steal_pointer (&offsets);
      self->node_offsets = g_memdup2 (self->start_offsets,
                                      sizeof (KrPoint) * MAX (kr_scene_get_n_nodes (scene), 1));
      start_animation (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENE]);

  if (kept_node >= 0 || kept_edge >= 0)
    {
      self->selected_node = kept_node;
      self->selected_edge = kept_edge;
      _kr_diagram_view_update_emphasis (self);
    }
  else if (entity >= 0)
    kr_diagram_view_select_entity (self, entity, FALSE);
  else if (deal >= 0)
    kr_diagram_view_select_deal (self, deal, FALSE);
  else if (had_selection)
    /* Gone with the scene before. Nothing selected before nor after is no change: what the
     * panel shows without a selection on the map (a record just added, an article) stays. */
    _kr_diagram_view_emit_selection_changed (self);
  _kr_diagram_view_tiles_after (self, tiles_before);
}

double
kr_diagram_view_get_zoom (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), 1.0);
  return self->zoom;
}

gboolean
kr_diagram_view_get_show_legend (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), FALSE);
  return self->show_legend;
}

void
kr_diagram_view_set_show_legend (KrDiagramView *self, gboolean show)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  show = !!show;
  if (self->show_legend == show)
    return;
  self->show_legend = show;
  _kr_diagram_view_legend_changed (self);
  if (self->follow_fit)
    refit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
kr_diagram_view_get_legend_area (KrDiagramView *self, graphene_rect_t *area)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  *area = _kr_diagram_view_legend_area (self);
  return self->scene != NULL && gtk_widget_get_visible (self->legend_button);
}

void
kr_diagram_view_set_controls (KrDiagramView *self, GtkWidget *controls)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (controls == NULL || GTK_IS_WIDGET (controls));

  if (self->controls == controls)
    return;
  g_clear_pointer (&self->controls, gtk_widget_unparent);
  if (controls != NULL)
    {
      self->controls = controls;
      gtk_widget_set_parent (controls, GTK_WIDGET (self));
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLS]);
}

const guint *
kr_diagram_view_get_marked (KrDiagramView *self, guint *n)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), NULL);
  g_return_val_if_fail (n != NULL, NULL);
  *n = self->marked->len;
  return (const guint *)(gpointer)self->marked->data;
}
