/* kr-diagram-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-cairo-painter.h"
#include "kr-diagram-view.h"
#include "kr-legend.h"
#include "kr-scene-paint.h"
#include "kr-text.h"
#include "kr-tile-cache.h"

#define MIN_ZOOM 0.05
#define MAX_ZOOM 6.0
#define HIT_TOLERANCE 5.0 /* widget pixels */
#define LEGEND_MARGIN 12.0
#define LEGEND_SCALE 0.85
#define ANIMATION_MS 280.0
#define TILE_SIZE 256 /* device pixels */
#define SETTLE_MS 160 /* after the last zoom step, tiles are drawn again */

struct _KrDiagramView
{
  GtkWidget parent_instance;

  KrScene *scene;
  double zoom;
  double offset_x, offset_y; /* widget position of the scene's origin */
  gboolean follow_fit;       /* refit when the widget is resized */

  int selected_node, selected_edge;
  int hover_node, hover_edge;
  guint8 *node_emphasis;
  guint8 *edge_emphasis;
  gboolean has_emphasis;
  GArray *highlighted;       /* guint dataset entity indices, e.g. search matches */
  GArray *highlighted_deals; /* guint dataset deal indices */

  gboolean show_legend;
  PangoContext *context;
  GPtrArray *layout_cache;

  double drag_start_x, drag_start_y;
  gboolean dragged;
  double gesture_start_zoom;
  AdwStyleManager *style_manager;

  /* Animation: the view eases towards a target, and after a new layout nodes glide from
   * where they were (node_offsets shrink to zero). */
  guint tick_id;
  gint64 anim_start;
  gboolean view_anim;
  double from_zoom, from_x, from_y, to_zoom, to_x, to_y;
  KrPoint *start_offsets; /* per scene node, at the start */
  KrPoint *node_offsets;  /* per scene node, now */

  /* The map without hover highlights, drawn into tiles at the current zoom and reused while
   * panning. When the zoom or what the map shows changes, frames are drawn directly and the
   * tiles redrawn while the program is idle, once the zoom has settled. */
  KrTileCache *tiles;
  guint tile_generation; /* changed with the scene, selection or colours */
  gint64 zoom_changed_at;
  gboolean pinching;
  gboolean drew_directly; /* the frame on screen was not made of tiles */
  guint settle_id;
  guint fill_id;
};

G_DEFINE_FINAL_TYPE (KrDiagramView, kr_diagram_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SCENE,
  PROP_ZOOM,
  PROP_SHOW_LEGEND,
  N_PROPS
};

enum
{
  SELECTION_CHANGED,
  ACTIVATE_SELECTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A selection brings out what is related to it; otherwise highlighted entities stand out. */
static void
update_emphasis (KrDiagramView *self)
{
  self->has_emphasis
      = self->scene != NULL
        && kr_scene_compute_emphasis (self->scene, self->selected_node, self->selected_edge,
                                      self->node_emphasis, self->edge_emphasis);
  if (!self->has_emphasis && self->scene != NULL
      && (self->highlighted->len > 0 || self->highlighted_deals->len > 0))
    {
      memset (self->node_emphasis, 0, kr_scene_get_n_nodes (self->scene));
      memset (self->edge_emphasis, 0, kr_scene_get_n_edges (self->scene));
      for (guint i = 0; i < self->highlighted->len; i++)
        {
          int node
              = kr_scene_find_entity (self->scene, g_array_index (self->highlighted, guint, i));
          if (node >= 0)
            self->node_emphasis[node] = 1;
        }
      if (self->highlighted_deals->len > 0)
        {
          g_autofree guint8 *wanted
              = g_malloc0 (MAX (kr_dataset_get_n_deals (kr_scene_get_dataset (self->scene)), 1));
          for (guint i = 0; i < self->highlighted_deals->len; i++)
            wanted[g_array_index (self->highlighted_deals, guint, i)] = 1;
          for (guint i = 0; i < kr_scene_get_n_edges (self->scene); i++)
            if (wanted[kr_scene_get_edge (self->scene, i)->deal])
              self->edge_emphasis[i] = 1;
          for (guint i = 0; i < kr_scene_get_n_nodes (self->scene); i++)
            {
              const KrSceneNode *n = kr_scene_get_node (self->scene, i);
              if (n->type == KR_SCENE_NODE_DEAL && wanted[n->index])
                self->node_emphasis[i] = 1;
            }
        }
      self->has_emphasis = TRUE;
    }
  self->tile_generation++;
}

/* What a screen reader says about the selection, or NULL. */
static char *
describe_selection (KrDiagramView *self)
{
  KrDataset *dataset;

  if (self->scene == NULL || (self->selected_node < 0 && self->selected_edge < 0))
    return NULL;
  dataset = kr_scene_get_dataset (self->scene);
  if (self->selected_node >= 0)
    {
      const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)self->selected_node);
      if (n->type == KR_SCENE_NODE_ENTITY)
        {
          const KrEntity *e = kr_dataset_get_entity (dataset, n->index);
          /* Translators: a selected entity, e.g. "Selected: Nissan, Company" */
          return g_strdup_printf (_ ("Selected: %s, %s"), e->display_name, kr_entity_kind_label (e->kind));
        }
    }
  {
    guint deal_index = self->selected_node >= 0
                           ? kr_scene_get_node (self->scene, (guint)self->selected_node)->index
                           : kr_scene_get_edge (self->scene, (guint)self->selected_edge)->deal;
    const KrDeal *d = kr_dataset_get_deal (dataset, deal_index);
    /* Translators: a selected deal: its summary, kind and status */
    return g_strdup_printf (_ ("Selected: %s (%s, %s)"), d->summary, kr_deal_kind_label (d->kind),
                            kr_status_label (d->status));
  }
}

static void
set_selection (KrDiagramView *self, int node, int edge)
{
  g_autofree char *description = NULL;

  if (self->selected_node == node && self->selected_edge == edge)
    return;
  self->selected_node = node;
  self->selected_edge = edge;
  update_emphasis (self);
  description = describe_selection (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _ ("Nothing selected"), -1);
#if GTK_CHECK_VERSION(4, 14, 0)
  if (description != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (self), description,
                             GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
set_view (KrDiagramView *self, double zoom, double ox, double oy)
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

static void
stop_animation (KrDiagramView *self)
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
    set_view (self, self->from_zoom + (self->to_zoom - self->from_zoom) * e,
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
static void
animate_view (KrDiagramView *self, double zoom, double x, double y)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (!animations_enabled (self))
    {
      set_view (self, zoom, x, y);
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

static KrHit
hit_at (KrDiagramView *self, double wx, double wy)
{
  double sx, sy;

  if (self->scene == NULL)
    return (KrHit){ KR_HIT_NONE, 0 };
  kr_diagram_view_to_scene (self, wx, wy, &sx, &sy);
  return kr_scene_hit_test (self->scene, sx, sy, HIT_TOLERANCE / self->zoom);
}

/* The legend's size on screen, or 0 × 0 when it is hidden or there is no room for it. */
static void
legend_size (KrDiagramView *self, int w, int h, double *lw, double *lh)
{
  *lw = *lh = 0;
  if (!self->show_legend || self->scene == NULL)
    return;
  kr_legend_measure (self->scene, self->context, lw, lh);
  *lw *= LEGEND_SCALE;
  *lh *= LEGEND_SCALE;
  /* In a narrow or small view the legend would hide the map: leave it out. */
  if (*lw + 2 * LEGEND_MARGIN > w * 0.4 || *lh + 2 * LEGEND_MARGIN > h
      || (*lw + 2 * LEGEND_MARGIN) * (*lh + 2 * LEGEND_MARGIN) > 0.25 * w * h)
    *lw = *lh = 0;
}

static void
fit_to (KrDiagramView *self, int w, int h, gboolean animate)
{
  double sw, sh, zoom, lw, lh, left = 0;

  self->follow_fit = TRUE;
  if (self->scene == NULL || w <= 0 || h <= 0)
    return;
  sw = kr_scene_get_width (self->scene);
  sh = kr_scene_get_height (self->scene);
  zoom = CLAMP (MIN ((w - 24) / sw, (h - 24) / sh), MIN_ZOOM, 1.5);

  /* Keep the legend clear of the diagram when that costs little of its size. */
  legend_size (self, w, h, &lw, &lh);
  if (lw > 0)
    {
      double beside
          = CLAMP (MIN ((w - lw - LEGEND_MARGIN - 24) / sw, (h - 24) / sh), MIN_ZOOM, 1.5);
      if (beside >= zoom * 0.8)
        {
          zoom = beside;
          left = lw + LEGEND_MARGIN;
        }
    }
  g_debug ("fit %d×%d: zoom %.3f, legend %.0f, left %.0f", w, h, zoom, lw, left);
  if (animate)
    animate_view (self, zoom, left + (w - left - sw * zoom) / 2, (h - sh * zoom) / 2);
  else
    {
      self->view_anim = FALSE;
      set_view (self, zoom, left + (w - left - sw * zoom) / 2, (h - sh * zoom) / 2);
    }
}

void
kr_diagram_view_fit (KrDiagramView *self)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  fit_to (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
          TRUE);
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
  set_view (self, zoom, x - sx * zoom, y - sy * zoom);
}

static void
zoom_centre (KrDiagramView *self, double factor)
{
  kr_diagram_view_zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
reveal_point (KrDiagramView *self, double sx, double sy)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom = MAX (self->zoom, 0.6);
  double x = self->offset_x + sx * self->zoom, y = self->offset_y + sy * self->zoom;

  if (zoom == self->zoom && x > 40 && x < w - 40 && y > 40 && y < h - 40)
    return;
  self->follow_fit = FALSE;
  animate_view (self, zoom, w / 2 - sx * zoom, h / 2 - sy * zoom);
}

/* ---- drawing ------------------------------------------------------------------------- */

static const KrPalette *
current_palette (KrDiagramView *self)
{
  return kr_palette_get (adw_style_manager_get_dark (self->style_manager));
}

static void
init_paint_options (KrDiagramView *self, KrPaintOptions *options, const KrRect *viewport,
                    double device_zoom)
{
  kr_paint_options_init (options, current_palette (self));
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

static void
append_tile (KrTile *tile, gpointer data)
{
  TileSnapshot *ts = data;
  const DeviceView *v = ts->view;
  double size = TILE_SIZE / v->scale;

  if (tile->data == NULL)
    {
      int stride = cairo_image_surface_get_stride (tile->surface);
      g_autoptr (GBytes) bytes = g_bytes_new_with_free_func (
          cairo_image_surface_get_data (tile->surface), (gsize)stride * TILE_SIZE,
          (GDestroyNotify)cairo_surface_destroy, cairo_surface_reference (tile->surface));
      /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout. */
      tile->data = gdk_memory_texture_new (TILE_SIZE, TILE_SIZE, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  gtk_snapshot_append_texture (ts->snapshot, tile->data,
                               &GRAPHENE_RECT_INIT ((v->ox + tile->column * TILE_SIZE) / v->scale,
                                                    (v->oy + tile->row * TILE_SIZE) / v->scale,
                                                    size, size));
}

/* The hovered node or edge, with the ends of the edge, in scene coordinates. */
static gboolean
hover_bounds (KrDiagramView *self, KrRect *bounds)
{
  KrRect r;
  double x1, y1;

  if (self->hover_edge >= 0)
    {
      const KrSceneEdge *edge = kr_scene_get_edge (self->scene, (guint)self->hover_edge);
      KrRect t = kr_scene_node_bounds (kr_scene_get_node (self->scene, edge->tail));
      KrRect h = kr_scene_node_bounds (kr_scene_get_node (self->scene, edge->head));
      r = edge->bounds;
      x1 = MAX (MAX (r.x + r.width, t.x + t.width), h.x + h.width);
      y1 = MAX (MAX (r.y + r.height, t.y + t.height), h.y + h.height);
      r.x = MIN (MIN (r.x, t.x), h.x);
      r.y = MIN (MIN (r.y, t.y), h.y);
      r.width = x1 - r.x;
      r.height = y1 - r.y;
    }
  else if (self->hover_node >= 0)
    r = kr_scene_node_bounds (kr_scene_get_node (self->scene, (guint)self->hover_node));
  else
    return FALSE;
  /* Room for the highlight's stroke. */
  *bounds = (KrRect){ r.x - 4, r.y - 4, r.width + 8, r.height + 8 };
  return TRUE;
}

/* Paints the scene, or only its hover highlight, into the widget rectangle @area. */
static void
paint_area (KrDiagramView *self, GtkSnapshot *snapshot, const DeviceView *v,
            const graphene_rect_t *area, gboolean hover_only)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, area);
  double ox = v->ox / v->scale, oy = v->oy / v->scale;
  KrRect viewport = { (area->origin.x - ox) / self->zoom, (area->origin.y - oy) / self->zoom,
                      area->size.width / self->zoom, area->size.height / self->zoom };
  KrPaintOptions options;

  set_tolerance (self, cr);
  cairo_translate (cr, ox, oy);
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
}

static void
kr_diagram_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  DeviceView v = device_view (self);
  double device_zoom = self->zoom * v.scale;
  KrRect hover;
  double lw, lh;

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

  legend_size (self, w, h, &lw, &lh);
  if (lw > 0)
    {
      double top = h - lh - LEGEND_MARGIN;
      cairo_t *cr = gtk_snapshot_append_cairo (
          snapshot, &GRAPHENE_RECT_INIT (LEGEND_MARGIN, top, ceil (lw), ceil (lh)));
      KrCairoPainter painter;

      kr_cairo_painter_init (&painter, cr, self->context);
      cairo_translate (cr, LEGEND_MARGIN, top);
      cairo_scale (cr, LEGEND_SCALE, LEGEND_SCALE);
      kr_legend_paint (self->scene, &painter.parent, current_palette (self), 0, 0);
      kr_cairo_painter_clear (&painter);
      cairo_destroy (cr);
    }
}

static void
kr_diagram_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);

  if (self->follow_fit)
    fit_to (self, width, height, FALSE);
}

static void
kr_diagram_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                         int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 120;
  *natural = 640;
}

/* ---- input --------------------------------------------------------------------------- */

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, KrDiagramView *self)
{
  self->drag_start_x = self->offset_x;
  self->drag_start_y = self->offset_y;
  self->dragged = FALSE;
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, KrDiagramView *self)
{
  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  if (!self->dragged)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  self->dragged = TRUE;
  self->follow_fit = FALSE;
  self->view_anim = FALSE;
  set_view (self, self->zoom, self->drag_start_x + dx, self->drag_start_y + dy);
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, KrDiagramView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
click_released (GtkGestureClick *gesture, int n_press, double x, double y, KrDiagramView *self)
{
  KrHit hit;

  if (self->dragged)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit = hit_at (self, x, y);
  if (hit.type == KR_HIT_NODE)
    set_selection (self, (int)hit.index, -1);
  else if (hit.type == KR_HIT_EDGE)
    set_selection (self, -1, (int)hit.index);
  else
    set_selection (self, -1, -1);

  if (n_press == 2 && hit.type == KR_HIT_NODE)
    {
      const KrSceneNode *node = kr_scene_get_node (self->scene, hit.index);
      double w = gtk_widget_get_width (GTK_WIDGET (self));
      double h = gtk_widget_get_height (GTK_WIDGET (self));
      double zoom = CLAMP (MAX (self->zoom * 1.8, 1.2), MIN_ZOOM, MAX_ZOOM);
      self->follow_fit = FALSE;
      animate_view (self, zoom, w / 2 - node->x * zoom, h / 2 - node->y * zoom);
    }
}

static gboolean
scrolled (GtkEventControllerScroll *controller, double dx, double dy, KrDiagramView *self)
{
  GdkModifierType mods
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean pixels = FALSE;
  double x = 0, y = 0;

#if GTK_CHECK_VERSION(4, 8, 0)
  pixels = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;
#endif

  if (mods & GDK_CONTROL_MASK)
    {
      GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
      if (event == NULL || !gdk_event_get_position (event, &x, &y))
        {
          x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
          y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
        }
      kr_diagram_view_zoom_at (self, pow (1.15, -(pixels ? dy / 10.0 : dy)), x, y);
      return TRUE;
    }
  self->follow_fit = FALSE;
  self->view_anim = FALSE;
  set_view (self, self->zoom, self->offset_x - (pixels ? dx : dx * 40),
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
  KrHit hit = hit_at (self, x, y);
  int node = hit.type == KR_HIT_NODE ? (int)hit.index : -1;
  int edge = hit.type == KR_HIT_EDGE ? (int)hit.index : -1;

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
  if (self->hover_node < 0 && self->hover_edge < 0)
    return;
  self->hover_node = self->hover_edge = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
               gpointer user_data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  KrHit hit = hit_at (self, x, y);
  KrDataset *dataset;
  g_autofree char *text = NULL;

  if (hit.type == KR_HIT_NONE)
    return FALSE;
  dataset = kr_scene_get_dataset (self->scene);
  if (hit.type == KR_HIT_NODE
      && kr_scene_get_node (self->scene, hit.index)->type == KR_SCENE_NODE_ENTITY)
    {
      const KrEntity *e
          = kr_dataset_get_entity (dataset, kr_scene_get_node (self->scene, hit.index)->index);
      text = g_strdup_printf ("%s\n%s", e->display_name, kr_entity_kind_label (e->kind));
    }
  else
    {
      guint deal_index = hit.type == KR_HIT_NODE ? kr_scene_get_node (self->scene, hit.index)->index
                                                 : kr_scene_get_edge (self->scene, hit.index)->deal;
      const KrDeal *d = kr_dataset_get_deal (dataset, deal_index);
      guint sources = kr_deal_count_sources (d);
      g_autofree char *count = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources", sources), sources);
      text = g_strdup_printf ("%s\n%s · %s · %s", d->summary, kr_deal_kind_label (d->kind),
                              kr_status_label (d->status), count);
    }
  /* Plain text: dataset strings are never markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
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
    if (kr_scene_get_node (self->scene, i)->type == KR_SCENE_NODE_ENTITY)
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
  return TRUE;
}

static gboolean
key_activate (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);

  if (self->selected_node < 0 && self->selected_edge < 0)
    return FALSE;
  g_signal_emit (self, signals[ACTIVATE_SELECTION], 0);
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
  set_view (self, self->zoom, self->offset_x + dx * 60, self->offset_y + dy * 60);
  return TRUE;
}

/* ---- object -------------------------------------------------------------------------- */

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

static void
kr_diagram_view_dispose (GObject *object)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (object);

  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->style_manager, dark_changed, self);
  self->style_manager = NULL;
  stop_animation (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->tiles, kr_tile_cache_free);
  g_clear_pointer (&self->highlighted, g_array_unref);
  g_clear_pointer (&self->highlighted_deals, g_array_unref);
  g_clear_object (&self->scene);
  g_clear_object (&self->context);
  g_clear_pointer (&self->layout_cache, g_ptr_array_unref);
  g_clear_pointer (&self->node_emphasis, g_free);
  g_clear_pointer (&self->edge_emphasis, g_free);

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
  widget_class->snapshot = kr_diagram_view_snapshot;
  widget_class->size_allocate = kr_diagram_view_size_allocate;
  widget_class->measure = kr_diagram_view_measure;

  properties[PROP_SCENE]
      = g_param_spec_object ("scene", NULL, NULL, KR_TYPE_SCENE,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND]
      = g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED]
      = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  /* Enter on a selection: open it for reading. */
  signals[ACTIVATE_SELECTION]
      = g_signal_new ("activate-selection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, key_zoom_in, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, key_zoom_in, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, key_zoom_in, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, key_zoom_out, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, key_zoom_out, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, 0, key_fit, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_1, 0, key_actual_size, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, key_escape, NULL);
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

  gtk_widget_class_set_css_name (widget_class, "diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kr_diagram_view_init (KrDiagramView *self)
{
  GtkGesture *drag, *click, *zoom;
  GtkEventController *scroll, *motion_controller;

  self->zoom = 1.0;
  self->follow_fit = TRUE;
  self->selected_node = self->selected_edge = -1;
  self->hover_node = self->hover_edge = -1;
  self->show_legend = TRUE;
  self->context = kr_text_context_new ();
  self->layout_cache = g_ptr_array_new_with_free_func (unref_layout);
  self->tiles = kr_tile_cache_new (TILE_SIZE, g_object_unref);
  self->highlighted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlighted_deals = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Alliance diagram"), -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (click_released), self);
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
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (dark_changed), self);
}

GtkWidget *
kr_diagram_view_new (void)
{
  return g_object_new (KR_TYPE_DIAGRAM_VIEW, NULL);
}

/* For each node of @next, how far it is from where the same entity or deal hub was in
 * @prev (zero for newcomers), so that it can glide into place. NULL if nothing moved. */
static KrPoint *
glide_offsets (KrScene *prev, KrScene *next)
{
  KrDataset *pd = kr_scene_get_dataset (prev), *nd = kr_scene_get_dataset (next);
  guint n = kr_scene_get_n_nodes (next);
  KrPoint *offsets = g_new0 (KrPoint, MAX (n, 1));
  gboolean moved = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const KrSceneNode *node = kr_scene_get_node (next, i);
      int old = -1;

      if (node->type == KR_SCENE_NODE_ENTITY)
        {
          int e = pd == nd
                      ? (int)node->index
                      : kr_dataset_find_entity (pd, kr_dataset_get_entity (nd, node->index)->id);
          old = e >= 0 ? kr_scene_find_entity (prev, (guint)e) : -1;
        }
      else
        {
          int d = pd == nd ? (int)node->index
                           : kr_dataset_find_deal (pd, kr_dataset_get_deal (nd, node->index)->id);
          old = d >= 0 ? kr_scene_find_deal_hub (prev, (guint)d) : -1;
        }
      if (old < 0)
        continue;
      offsets[i].x = kr_scene_get_node (prev, (guint)old)->x - node->x;
      offsets[i].y = kr_scene_get_node (prev, (guint)old)->y - node->y;
      moved |= offsets[i].x != 0 || offsets[i].y != 0;
    }
  if (!moved)
    g_clear_pointer (&offsets, g_free);
  return offsets;
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
  int entity = -1, deal = -1;
  gboolean had_scene;
  g_autofree KrPoint *offsets = NULL;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (scene == NULL || KR_IS_SCENE (scene));

  if (self->scene == scene)
    return;

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
  /* Highlights name entities of one dataset. */
  if (scene == NULL || !had_scene
      || kr_scene_get_dataset (self->scene) != kr_scene_get_dataset (scene))
    {
      g_array_set_size (self->highlighted, 0);
      g_array_set_size (self->highlighted_deals, 0);
    }
  offsets = scene != NULL && had_scene ? glide_offsets (self->scene, scene) : NULL;
  stop_animation (self);
  g_set_object (&self->scene, scene);
  g_ptr_array_set_size (self->layout_cache, 0);
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
      update_emphasis (self); /* the highlights */
    }

  if (!had_scene)
    fit_to (self, gtk_widget_get_width (GTK_WIDGET (self)),
            gtk_widget_get_height (GTK_WIDGET (self)), FALSE);
  else if (self->follow_fit)
    kr_diagram_view_fit (self);
  if (offsets != NULL && animations_enabled (self))
    {
      self->start_offsets = g_steal_pointer (&offsets);
      self->node_offsets = g_memdup2 (self->start_offsets,
                                      sizeof (KrPoint) * MAX (kr_scene_get_n_nodes (scene), 1));
      start_animation (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENE]);

  if (entity >= 0)
    kr_diagram_view_select_entity (self, entity, FALSE);
  else if (deal >= 0)
    kr_diagram_view_select_deal (self, deal, FALSE);
  else
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
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
  if (self->follow_fit)
    kr_diagram_view_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

KrHit
kr_diagram_view_get_selection (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), ((KrHit){ KR_HIT_NONE, 0 }));
  if (self->selected_node >= 0)
    return (KrHit){ KR_HIT_NODE, (guint)self->selected_node };
  if (self->selected_edge >= 0)
    return (KrHit){ KR_HIT_EDGE, (guint)self->selected_edge };
  return (KrHit){ KR_HIT_NONE, 0 };
}

void
kr_diagram_view_set_highlighted (KrDiagramView *self, const guint *entities, guint n,
                                 const guint *deals, guint n_deals)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  g_array_set_size (self->highlighted, 0);
  g_array_set_size (self->highlighted_deals, 0);
  if (entities != NULL)
    g_array_append_vals (self->highlighted, entities, n);
  if (deals != NULL)
    g_array_append_vals (self->highlighted_deals, deals, n_deals);
  update_emphasis (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kr_diagram_view_select_entity (KrDiagramView *self, int entity, gboolean reveal)
{
  int node;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  if (self->scene == NULL || entity < 0)
    return;
  node = kr_scene_find_entity (self->scene, (guint)entity);
  if (node < 0)
    return;
  set_selection (self, node, -1);
  if (reveal)
    {
      const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)node);
      reveal_point (self, n->x, n->y);
    }
}

void
kr_diagram_view_select_deal (KrDiagramView *self, int deal, gboolean reveal)
{
  int hub;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  if (self->scene == NULL || deal < 0)
    return;
  hub = kr_scene_find_deal_hub (self->scene, (guint)deal);
  if (hub >= 0)
    {
      const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)hub);
      set_selection (self, hub, -1);
      if (reveal)
        reveal_point (self, n->x, n->y);
      return;
    }
  for (guint i = 0; i < kr_scene_get_n_edges (self->scene); i++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (self->scene, i);
      if (e->deal != (guint)deal)
        continue;
      set_selection (self, -1, (int)i);
      if (reveal && e->n_points >= 4)
        {
          KrPoint mid = kr_bezier_point (e->points, 0.5);
          reveal_point (self, mid.x, mid.y);
        }
      return;
    }
}

void
kr_diagram_view_clear_selection (KrDiagramView *self)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  set_selection (self, -1, -1);
}
