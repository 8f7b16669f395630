/* kr-diagram-view-draw.c — drawing the map: tiles drawn ahead while the program is idle, frames
 * drawn directly while the zoom changes, the hover highlight, and which labels are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <math.h>

#include "kr-cairo-painter.h"
#include "kr-diagram-view-private.h"
#include "kr-scene-paint.h"
#include "kr-text.h"

#define TILE_SIZE 256 /* device pixels */
#define SETTLE_MS 160 /* after the last zoom step, tiles are drawn again */

static const KrPalette *
current_palette (KrDiagramView *self)
{
  return kr_palette_get (adw_style_manager_get_dark (self->style_manager));
}

/* The labels at the current zoom: made again when the zoom or the scene changes. */
static const KrLabelPlan *
label_plan (KrDiagramView *self)
{
  if (self->labels != NULL && kr_label_plan_get_zoom (self->labels) != self->zoom)
    g_clear_pointer (&self->labels, kr_label_plan_free);
  if (self->labels == NULL)
    self->labels = kr_label_plan_new (self->scene, self->zoom);
  return self->labels;
}

double
kr_diagram_view_get_label_pixels (KrDiagramView *self, guint entity)
{
  int node;
  KrLabel label;

  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), 0);
  if (self->scene == NULL || (node = kr_scene_find_entity (self->scene, entity)) < 0)
    return 0;
  label = kr_label_plan_get (label_plan (self), (guint)node);
  if (label.placement == KR_LABEL_HIDDEN)
    return 0;
  return kr_scene_get_node (self->scene, (guint)node)->font_size * label.scale * self->zoom;
}

static void
init_paint_options (KrDiagramView *self, KrPaintOptions *options, const KrRect *viewport,
                    double device_zoom)
{
  kr_paint_options_init (options, current_palette (self));
  options->labels = label_plan (self);
  options->viewport = *viewport;
  options->selected_node = self->selected_node;
  options->selected_edge = self->selected_edge;
  options->hover_node = self->hover_node;
  options->hover_edge = self->hover_edge;
  options->layout_cache = self->layout_cache;
  options->scale = device_zoom;
  if (self->has_emphasis)
    {
      options->node_emphasis = self->node_emphasis;
      options->edge_emphasis = self->edge_emphasis;
    }
}

/* Far out, lines are thinner than a pixel: a coarser tolerance lets cairo draw them as
 * hairlines, several times faster, with no visible difference. */
static void
set_tolerance (KrDiagramView *self, cairo_t *cr)
{
  cairo_set_tolerance (cr, self->zoom < 0.6 ? 1.0 : 0.3);
}

static void
draw_tile (cairo_t *cr, const KrRect *area, gpointer data)
{
  KrDiagramView *self = data;
  KrPaintOptions options;

  set_tolerance (self, cr);
  init_paint_options (self, &options, area, kr_tile_cache_get_device_zoom (self->tiles));
  options.hover_node = options.hover_edge = -1; /* drawn over the tiles */
  kr_cairo_paint_scene (cr, self->context, self->scene, &options);
}

/* Where the scene's origin is, in whole device pixels, and the device-space rectangle the
 * widget shows. */
typedef struct
{
  double scale;  /* device pixels per widget pixel */
  double ox, oy; /* device pixels */
  double x, y, width, height;
} DeviceView;

static DeviceView
device_view (KrDiagramView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  DeviceView v;

  v.scale = gtk_widget_get_scale_factor (widget);
  v.ox = round (self->offset_x * v.scale);
  v.oy = round (self->offset_y * v.scale);
  v.x = -v.ox;
  v.y = -v.oy;
  v.width = gtk_widget_get_width (widget) * v.scale;
  v.height = gtk_widget_get_height (widget) * v.scale;
  return v;
}

static guint
tile_generation (KrDiagramView *self)
{
  return self->tile_generation * 2 + adw_style_manager_get_dark (self->style_manager);
}

static gboolean
zoom_is_changing (KrDiagramView *self)
{
  return self->view_anim || self->pinching
         || g_get_monotonic_time () - self->zoom_changed_at < SETTLE_MS * 1000;
}

/* Draws tiles one at a time while the program is idle: first those the view needs, then
 * shows them, then a ring around the view for the next pan. */
static gboolean
fill_tiles (gpointer data)
{
  KrDiagramView *self = data;
  DeviceView v = device_view (self);

  if (self->scene != NULL && self->node_offsets == NULL && !zoom_is_changing (self))
    {
      kr_tile_cache_configure (self->tiles, self->zoom * v.scale, tile_generation (self), draw_tile,
                               self);
      if (kr_tile_cache_draw_ahead (self->tiles, v.x, v.y, v.width, v.height, 0))
        return G_SOURCE_CONTINUE;
      if (self->drew_directly)
        {
          self->drew_directly = FALSE;
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      if (kr_tile_cache_draw_ahead (self->tiles, v.x, v.y, v.width, v.height, 1))
        return G_SOURCE_CONTINUE;
    }
  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_filling (KrDiagramView *self)
{
  if (self->fill_id == 0)
    self->fill_id = g_idle_add_full (G_PRIORITY_LOW, fill_tiles, self, NULL);
}

static gboolean
zoom_settled (gpointer data)
{
  KrDiagramView *self = data;

  self->settle_id = 0;
  if (zoom_is_changing (self))
    self->settle_id = g_timeout_add (SETTLE_MS, zoom_settled, self);
  else
    start_filling (self);
  return G_SOURCE_REMOVE;
}

/* Whether to draw this frame from tiles. Tiles that are current are used, drawing any that
 * are missing; otherwise the frame is drawn directly, which is cheaper than drawing tiles
 * while the zoom changes every frame, and the tiles are redrawn when the program is idle. */
static gboolean
use_tiles (KrDiagramView *self, double device_zoom)
{
  if (self->node_offsets != NULL)
    return FALSE; /* nodes are gliding */
  if (kr_tile_cache_is_current (self->tiles, device_zoom, tile_generation (self)))
    return TRUE;
  if (zoom_is_changing (self))
    {
      if (self->settle_id == 0)
        self->settle_id = g_timeout_add (SETTLE_MS, zoom_settled, self);
    }
  else
    start_filling (self);
  return FALSE;
}

typedef struct
{
  GtkSnapshot *snapshot;
  const DeviceView *view;
} TileSnapshot;

/* A texture of what is painted on @surface (ARGB32), which it keeps. */
static GdkTexture *
surface_texture (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr (GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize)stride * height, (GDestroyNotify)cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
append_tile (KrTile *tile, gpointer data)
{
  TileSnapshot *ts = data;
  const DeviceView *v = ts->view;
  double size = TILE_SIZE / v->scale;

  if (tile->data == NULL)
    tile->data = surface_texture (tile->surface);
  gtk_snapshot_append_texture (ts->snapshot, tile->data,
                               &GRAPHENE_RECT_INIT ((v->ox + tile->column * TILE_SIZE) / v->scale,
                                                    (v->oy + tile->row * TILE_SIZE) / v->scale,
                                                    size, size));
}

/* The hovered node or edge, with the ends of the edge and its link label, in scene
 * coordinates. */
static gboolean
hover_bounds (KrDiagramView *self, KrRect *bounds)
{
  const KrSceneLinkLabel *link;
  KrRect r;

  if (self->hover_edge >= 0)
    {
      const KrSceneEdge *edge = kr_scene_get_edge (self->scene, (guint)self->hover_edge);
      r = kr_rect_union (edge->bounds,
                         kr_scene_node_bounds (kr_scene_get_node (self->scene, edge->tail)));
      r = kr_rect_union (r, kr_scene_node_bounds (kr_scene_get_node (self->scene, edge->head)));
      link = &edge->link_label;
    }
  else if (self->hover_node >= 0)
    {
      const KrSceneNode *node = kr_scene_get_node (self->scene, (guint)self->hover_node);
      r = kr_scene_node_bounds (node);
      link = &node->link_label;
    }
  else
    return FALSE;
  if (link->text != NULL)
    r = kr_rect_union (r, kr_scene_link_label_bounds (link));
  /* Room for the highlight's stroke. */
  *bounds = (KrRect){ r.x - 4, r.y - 4, r.width + 8, r.height + 8 };
  return TRUE;
}

/* Paints the scene, or only its hover highlight, into the widget rectangle @area: on a surface
 * of the area's pixels, shown as a texture. (A cairo node would record every line and name of
 * the map to play them back later: 57 MB for the full view of 20 000 entities.) */
static void
paint_area (KrDiagramView *self, GtkSnapshot *snapshot, const DeviceView *v,
            const graphene_rect_t *area, gboolean hover_only)
{
  cairo_surface_t *surface
      = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)ceil (area->size.width * v->scale),
                                    (int)ceil (area->size.height * v->scale));
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GdkTexture) texture = NULL;
  double ox = v->ox / v->scale, oy = v->oy / v->scale;
  KrRect viewport = { (area->origin.x - ox) / self->zoom, (area->origin.y - oy) / self->zoom,
                      area->size.width / self->zoom, area->size.height / self->zoom };
  KrPaintOptions options;

  cairo_surface_set_device_scale (surface, v->scale, v->scale);
  set_tolerance (self, cr);
  cairo_translate (cr, ox - area->origin.x, oy - area->origin.y);
  cairo_scale (cr, self->zoom, self->zoom);
  init_paint_options (self, &options, &viewport, self->zoom * v->scale);
  options.hover_only = hover_only;
  if (self->node_offsets != NULL)
    {
      /* Moving nodes are not where the scene says: draw everything while they glide. */
      options.node_offsets = self->node_offsets;
      options.viewport.width = 0;
    }
  kr_cairo_paint_scene (cr, self->context, self->scene, &options);
  cairo_destroy (cr);
  texture = surface_texture (surface);
  cairo_surface_destroy (surface);
  gtk_snapshot_append_texture (snapshot, texture, area);
}

/* A ring of @colour around scene node @at, where it is drawn, the same size at any zoom. */
static void
append_ring (KrDiagramView *self, GtkSnapshot *snapshot, const DeviceView *v, guint at,
             GdkRGBA colour)
{
  double ox = v->ox / v->scale, oy = v->oy / v->scale;
  KrRect box = kr_scene_node_bounds (kr_scene_get_node (self->scene, at));
  const float width = 2;
  GskRoundedRect outline;

  if (self->node_offsets != NULL)
    {
      box.x += self->node_offsets[at].x;
      box.y += self->node_offsets[at].y;
    }
  gsk_rounded_rect_init_from_rect (
      &outline,
      &GRAPHENE_RECT_INIT (ox + box.x * self->zoom - 4, oy + box.y * self->zoom - 4,
                           box.width * self->zoom + 8, box.height * self->zoom + 8),
      6);
  gtk_snapshot_append_border (snapshot, &outline, (float[]){ width, width, width, width },
                              (GdkRGBA[]){ colour, colour, colour, colour });
}

/* A ring around each entity marked to move together, and a small dot at the top right of each
 * pinned entity, the same size at any zoom: the colour of the selection, the dot ringed with the
 * background so that it shows on any line or box. */
static void
snapshot_marks (KrDiagramView *self, GtkSnapshot *snapshot, const DeviceView *v)
{
  const KrPalette *palette = current_palette (self);
  GdkRGBA fill = { palette->selection.red, palette->selection.green, palette->selection.blue, 1 };
  GdkRGBA ring
      = { palette->background.red, palette->background.green, palette->background.blue, 1 };
  double ox = v->ox / v->scale, oy = v->oy / v->scale;
  const double radius = 4.0;

  for (guint i = 0; i < self->marked->len; i++)
    {
      int at = kr_scene_find_entity (self->scene, g_array_index (self->marked, guint, i));

      if (at >= 0)
        append_ring (self, snapshot, v, (guint)at, fill);
    }
  if (self->pinned == NULL)
    return;
  for (guint i = 0; i < kr_scene_get_n_nodes (self->scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (self->scene, i);
      KrRect box;
      double x, y;
      GskRoundedRect dot;

      if (node->type != KR_SCENE_NODE_ENTITY || node->index >= self->n_pinned
          || !self->pinned[node->index] || !kr_scene_is_node_shown (self->scene, i))
        continue;
      box = kr_scene_node_bounds (node);
      x = ox + (box.x + box.width) * self->zoom;
      y = oy + box.y * self->zoom;
      if (self->node_offsets != NULL)
        {
          x += self->node_offsets[i].x * self->zoom;
          y += self->node_offsets[i].y * self->zoom;
        }
      gsk_rounded_rect_init_from_rect (
          &dot,
          &GRAPHENE_RECT_INIT (x - radius - 1.5, y - radius - 1.5, 2 * radius + 3, 2 * radius + 3),
          radius + 1.5);
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      gtk_snapshot_append_color (snapshot, &ring, &dot.bounds);
      gtk_snapshot_pop (snapshot);
      gsk_rounded_rect_init_from_rect (
          &dot, &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius), radius);
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      gtk_snapshot_append_color (snapshot, &fill, &dot.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

/* A deal being drawn: a dashed line from the entity it starts from to the pointer, in the
 * colour of the selection, and rings around that entity and the one under the pointer (a dot at
 * the pointer while there is none). */
static void
snapshot_link (KrDiagramView *self, GtkSnapshot *snapshot, const DeviceView *v)
{
  const KrPalette *palette = current_palette (self);
  GdkRGBA colour = { palette->selection.red, palette->selection.green, palette->selection.blue, 1 };
  const KrSceneNode *from;
  double x, y;
  cairo_t *cr;

  if (self->linking < 0 || !self->dragged)
    return;
  from = kr_scene_get_node (self->scene, (guint)self->linking);
  x = v->ox / v->scale + from->x * self->zoom;
  y = v->oy / v->scale + from->y * self->zoom;
  if (self->node_offsets != NULL)
    {
      x += self->node_offsets[self->linking].x * self->zoom;
      y += self->node_offsets[self->linking].y * self->zoom;
    }
  cr = gtk_snapshot_append_cairo (
      snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                     gtk_widget_get_height (GTK_WIDGET (self))));
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, (const double[]){ 7, 5 }, 2, 0);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, self->link_x, self->link_y);
  cairo_stroke (cr);
  /* Over an entity, its ring says where the line ends: the name stays legible. */
  if (self->link_target < 0)
    {
      cairo_arc (cr, self->link_x, self->link_y, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  append_ring (self, snapshot, v, (guint)self->linking, colour);
  if (self->link_target >= 0)
    append_ring (self, snapshot, v, (guint)self->link_target, colour);
}

static void
kr_diagram_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  DeviceView v = device_view (self);
  double device_zoom = self->zoom * v.scale;
  KrRect hover;

  if (self->scene == NULL || w <= 0 || h <= 0)
    return;

  self->drew_directly = !use_tiles (self, device_zoom);
  if (self->drew_directly)
    paint_area (self, snapshot, &v, &GRAPHENE_RECT_INIT (0, 0, w, h), FALSE);
  else
    {
      TileSnapshot ts = { snapshot, &v };

      kr_tile_cache_foreach (self->tiles, v.x, v.y, v.width, v.height, 1, append_tile, &ts);
      start_filling (self); /* the ring around the view */

      if (hover_bounds (self, &hover))
        {
          double ox = v.ox / v.scale, oy = v.oy / v.scale;
          double x0 = MAX (floor (ox + hover.x * self->zoom) - 2, 0);
          double y0 = MAX (floor (oy + hover.y * self->zoom) - 2, 0);
          double x1 = MIN (ceil (ox + (hover.x + hover.width) * self->zoom) + 2, w);
          double y1 = MIN (ceil (oy + (hover.y + hover.height) * self->zoom) + 2, h);
          if (x1 > x0 && y1 > y0)
            paint_area (self, snapshot, &v, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0), TRUE);
        }
    }

  snapshot_marks (self, snapshot, &v);
  snapshot_link (self, snapshot, &v);
  _kr_diagram_view_snapshot_legend (self, snapshot, current_palette (self));
}

struct _KrTilesBefore
{
  KrScene *scene;
  KrLabelPlan *labels;
  guint8 *node_emphasis, *edge_emphasis; /* NULL without emphasis */
  int selected_node, selected_edge;
  double device_zoom;
  guint generation;
};

static void
tiles_before_free (KrTilesBefore *before)
{
  g_clear_object (&before->scene);
  g_clear_pointer (&before->labels, kr_label_plan_free);
  g_clear_pointer (&before->node_emphasis, g_free);
  g_clear_pointer (&before->edge_emphasis, g_free);
  g_free (before);
}

KrTilesBefore *
_kr_diagram_view_tiles_before (KrDiagramView *self)
{
  DeviceView v = device_view (self);
  double device_zoom = self->zoom * v.scale;
  KrTilesBefore *before;

  if (self->scene == NULL || self->labels == NULL
      || kr_label_plan_get_zoom (self->labels) != self->zoom
      || !kr_tile_cache_is_current (self->tiles, device_zoom, tile_generation (self))
      || kr_tile_cache_get_n_tiles (self->tiles) == 0)
    return NULL;
  before = g_new0 (KrTilesBefore, 1);
  before->scene = g_object_ref (self->scene);
  /* The plan is made again for the new scene anyway. */
  before->labels = g_steal_pointer (&self->labels);
  if (self->has_emphasis)
    {
      before->node_emphasis
          = g_memdup2 (self->node_emphasis, MAX (kr_scene_get_n_nodes (self->scene), 1));
      before->edge_emphasis
          = g_memdup2 (self->edge_emphasis, MAX (kr_scene_get_n_edges (self->scene), 1));
    }
  before->selected_node = self->selected_node;
  before->selected_edge = self->selected_edge;
  before->device_zoom = device_zoom;
  before->generation = tile_generation (self);
  return before;
}

void
_kr_diagram_view_tiles_after (KrDiagramView *self, KrTilesBefore *before)
{
  DeviceView v = device_view (self);
  KrPaintOptions was, now;
  g_autoptr (GArray) changed = NULL;

  if (before == NULL)
    return;
  /* The same scene keeps its labels. */
  if (before->scene == self->scene && self->labels == NULL)
    self->labels = g_steal_pointer (&before->labels);
  /* Tiles drawn at another zoom, or redrawn since, are dropped as they are used. */
  if (self->scene != NULL && self->zoom * v.scale == before->device_zoom
      && kr_tile_cache_is_current (self->tiles, before->device_zoom, before->generation))
    {
      init_paint_options (self, &now, &(KrRect){ 0, 0, 0, 0 }, before->device_zoom);
      now.hover_node = now.hover_edge = -1;
      was = now;
      if (before->labels != NULL)
        was.labels = before->labels;
      was.node_emphasis = before->node_emphasis;
      was.edge_emphasis = before->edge_emphasis;
      was.selected_node = before->selected_node;
      was.selected_edge = before->selected_edge;
      changed = kr_tile_changes (before->scene, &was, self->scene, &now);
      if (changed != NULL)
        {
          guint n = kr_tile_cache_get_n_tiles (self->tiles);

          kr_tile_cache_keep (self->tiles, tile_generation (self), changed);
          g_debug ("%u changes drawn again, %u of %u tiles kept", changed->len,
                   kr_tile_cache_get_n_tiles (self->tiles), n);
        }
    }
  tiles_before_free (before);
}

static void
unref_layout (gpointer layout)
{
  /* The cache has holes for nodes not drawn yet. */
  if (layout != NULL)
    g_object_unref (layout);
}

static void
dark_changed (KrDiagramView *self)
{
  /* The tiles notice the change of palette themselves. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_kr_diagram_view_class_init_draw (GtkWidgetClass *widget_class)
{
  widget_class->snapshot = kr_diagram_view_snapshot;
}

void
_kr_diagram_view_init_draw (KrDiagramView *self)
{
  self->context = kr_text_context_new ();
  self->layout_cache = g_ptr_array_new_with_free_func (unref_layout);
  self->tiles = kr_tile_cache_new (TILE_SIZE, g_object_unref);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (dark_changed), self);
}

void
_kr_diagram_view_dispose_draw (KrDiagramView *self)
{
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->style_manager, dark_changed, self);
  self->style_manager = NULL;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->tiles, kr_tile_cache_free);
  g_clear_object (&self->context);
  g_clear_pointer (&self->layout_cache, g_ptr_array_unref);
  g_clear_pointer (&self->labels, kr_label_plan_free);
}
