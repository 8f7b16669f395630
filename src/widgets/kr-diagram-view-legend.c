/* kr-diagram-view-legend.c — the legend on the map: open in a corner, or collapsed to a button
 * that opens it, and fitting the map around whichever is shown so that it hides no node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-cairo-painter.h"
#include "kr-diagram-view-private.h"
#include "kr-legend.h"

#define LEGEND_SCALE 0.85
#define MIN_LEGEND_SCALE 0.6 /* a smaller legend is not worth reading */
#define NODE_GAP 8.0         /* pixels between the legend and the nearest node after a fit */
#define FIT_MARGIN 8.0       /* pixels between the map and the edges of the view */
#define MAX_FIT_ZOOM 1.5
#define SEARCH_STEPS 14
/* A first view's names are at least this high on screen, in pixels, as long as the map then
 * still fits the view's width, and is at most MAX_READABLE_GROWTH times as large as seen whole:
 * what is out of view is then above or below it, a scroll away, never beyond its sides too.
 * Larger, too little of it would be in view, and its hubs, named on plates, say more of it
 * (kr-label-plan.h). */
#define READABLE_PIXELS 9.0
#define MAX_READABLE_GROWTH 1.5
#define READABLE_TRIES 16 /* places tried along each axis for one that leaves the legend free */

/* The corners the legend may take, in order of preference: the top right is the zoom
 * buttons' place. */
static const LegendCorner corners[] = { LEGEND_BOTTOM_LEFT, LEGEND_TOP_LEFT, LEGEND_BOTTOM_RIGHT };

static gboolean
at_right (LegendCorner corner)
{
  return corner == LEGEND_BOTTOM_RIGHT;
}

static gboolean
at_bottom (LegendCorner corner)
{
  return corner == LEGEND_BOTTOM_LEFT || corner == LEGEND_BOTTOM_RIGHT;
}

/* ---- the legend and its button --------------------------------------------------------- */

/* The scale at which the open legend is drawn in a w × h view, and its size there: smaller in
 * a view too small for it, down to the smallest worth reading. 0 when it is collapsed. */
static double
legend_scale (KrDiagramView *self, int w, int h, double *lw, double *lh)
{
  double scale;

  *lw = *lh = 0;
  if (!self->show_legend || self->scene == NULL)
    return 0;
  if (self->legend_width <= 0)
    kr_legend_measure (self->scene, self->context, &self->legend_width, &self->legend_height);
  *lw = self->legend_width;
  *lh = self->legend_height;
  scale = CLAMP (MIN ((h - 2 * LEGEND_MARGIN) / *lh, (w / 2.0) / *lw), MIN_LEGEND_SCALE,
                 LEGEND_SCALE);
  *lw *= scale;
  *lh *= scale;
  return scale;
}

static void
button_size (KrDiagramView *self, int *bw, int *bh)
{
  GtkRequisition natural;

  gtk_widget_get_preferred_size (self->legend_button, NULL, &natural);
  *bw = natural.width;
  *bh = natural.height;
}

/* What the legend takes at @corner of a w × h view: the open legend, or its button. */
static graphene_rect_t
legend_area (KrDiagramView *self, int w, int h, LegendCorner corner)
{
  double lw, lh;
  int bw, bh;

  if (legend_scale (self, w, h, &lw, &lh) <= 0)
    {
      button_size (self, &bw, &bh);
      lw = bw;
      lh = bh;
    }
  return GRAPHENE_RECT_INIT (at_right (corner) ? w - LEGEND_MARGIN - lw : LEGEND_MARGIN,
                             at_bottom (corner) ? h - LEGEND_MARGIN - lh : LEGEND_MARGIN, lw, lh);
}

/* Where the controls go at the top right of a w × h view; empty without them. */
static graphene_rect_t
controls_area (KrDiagramView *self, int w, int h)
{
  GtkRequisition natural;

  if (self->controls == NULL || !gtk_widget_get_visible (self->controls))
    return GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gtk_widget_get_preferred_size (self->controls, NULL, &natural);
  return GRAPHENE_RECT_INIT (w - LEGEND_MARGIN - natural.width, LEGEND_MARGIN, natural.width,
                             natural.height);
}

void
_kr_diagram_view_allocate_controls (KrDiagramView *self, int w, int h)
{
  graphene_rect_t area = controls_area (self, w, h);

  if (area.size.width > 0)
    gtk_widget_size_allocate (self->controls,
                              &(GtkAllocation){ (int)area.origin.x, (int)area.origin.y,
                                                (int)area.size.width, (int)area.size.height },
                              -1);
}

/* Says on the button what it does: close the open legend, or open it. Its parts stay the
 * same widgets, so that no allocation is lost when it changes. */
static void
update_button (KrDiagramView *self)
{
  const char *tip = self->show_legend ? _ ("Hide the Legend") : _ ("Show the Legend");

  gtk_image_set_from_icon_name (GTK_IMAGE (self->legend_icon),
                                self->show_legend ? "window-close-symbolic" : "view-list-symbolic");
  gtk_widget_set_visible (self->legend_label, !self->show_legend);
  if (self->show_legend)
    {
      gtk_widget_remove_css_class (self->legend_button, "osd");
      gtk_widget_add_css_class (self->legend_button, "flat");
      gtk_widget_add_css_class (self->legend_button, "circular");
    }
  else
    {
      gtk_widget_remove_css_class (self->legend_button, "flat");
      gtk_widget_remove_css_class (self->legend_button, "circular");
      gtk_widget_add_css_class (self->legend_button, "osd");
    }
  gtk_widget_set_tooltip_text (self->legend_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

static void
button_clicked (KrDiagramView *self)
{
  kr_diagram_view_set_show_legend (self, !self->show_legend);
}

void
_kr_diagram_view_init_legend (KrDiagramView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->legend_corner = LEGEND_BOTTOM_LEFT;
  self->legend_icon = gtk_image_new ();
  self->legend_label = gtk_label_new (_ ("Legend"));
  gtk_box_append (GTK_BOX (box), self->legend_icon);
  gtk_box_append (GTK_BOX (box), self->legend_label);
  self->legend_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->legend_button), box);
  /* Keys keep going to the map. */
  gtk_widget_set_focus_on_click (self->legend_button, FALSE);
  gtk_widget_set_parent (self->legend_button, GTK_WIDGET (self));
  g_signal_connect_swapped (self->legend_button, "clicked", G_CALLBACK (button_clicked), self);
  _kr_diagram_view_legend_changed (self);
  _kr_diagram_view_legend_scene_changed (self);
}

void
_kr_diagram_view_legend_changed (KrDiagramView *self)
{
  update_button (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_kr_diagram_view_legend_scene_changed (KrDiagramView *self)
{
  /* What the legend lists, and so its size, comes from the scene. */
  self->legend_width = self->legend_height = 0;
  gtk_widget_set_visible (self->legend_button, self->scene != NULL);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_kr_diagram_view_dispose_legend (KrDiagramView *self)
{
  g_clear_pointer (&self->legend_button, gtk_widget_unparent);
}

void
_kr_diagram_view_allocate_legend (KrDiagramView *self, int w, int h)
{
  graphene_rect_t area = legend_area (self, w, h, self->legend_corner);
  int bw, bh;

  button_size (self, &bw, &bh);
  if (self->show_legend)
    /* In the open legend's top right corner. */
    gtk_widget_size_allocate (self->legend_button,
                              &(GtkAllocation){ (int)(area.origin.x + area.size.width) - bw - 2,
                                                (int)area.origin.y + 2, bw, bh },
                              -1);
  else
    gtk_widget_size_allocate (self->legend_button,
                              &(GtkAllocation){ (int)area.origin.x, (int)area.origin.y, bw, bh },
                              -1);
}

void
_kr_diagram_view_snapshot_legend (KrDiagramView *self, GtkSnapshot *snapshot,
                                  const KrPalette *palette)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double lw, lh, scale = legend_scale (self, w, h, &lw, &lh);

  if (scale > 0)
    {
      graphene_rect_t area = legend_area (self, w, h, self->legend_corner);
      cairo_t *cr = gtk_snapshot_append_cairo (
          snapshot, &GRAPHENE_RECT_INIT (area.origin.x, area.origin.y, ceil (lw), ceil (lh)));
      KrCairoPainter painter;

      kr_cairo_painter_init (&painter, cr, self->context);
      cairo_translate (cr, area.origin.x, area.origin.y);
      cairo_scale (cr, scale, scale);
      kr_legend_paint (self->scene, &painter.parent, palette, 0, 0);
      kr_cairo_painter_clear (&painter);
      cairo_destroy (cr);
    }
  gtk_widget_snapshot_child (GTK_WIDGET (self), self->legend_button, snapshot);
  if (self->controls != NULL)
    gtk_widget_snapshot_child (GTK_WIDGET (self), self->controls, snapshot);
}

/* ---- fitting around it ------------------------------------------------------------------ */

typedef struct
{
  KrScene *scene;
  KrRect area;               /* what the scene shows: what a fit shows */
  graphene_rect_t keep_free; /* the legend's area and a gap around it, widget coordinates */
  graphene_rect_t controls;  /* the same for the controls at the top right */
} Placement;

static gboolean
meets (const graphene_rect_t *r, double x0, double y0, double w, double h)
{
  return r->size.width > 0 && x0 < r->origin.x + r->size.width && x0 + w > r->origin.x
         && y0 < r->origin.y + r->size.height && y0 + h > r->origin.y;
}

/* Whether, with the scene at @zoom and its origin at (ox, oy), no node meets the areas. */
static gboolean
leaves_free (const Placement *p, double zoom, double ox, double oy)
{
  for (guint i = 0; i < kr_scene_get_n_nodes (p->scene); i++)
    {
      KrRect b = kr_scene_node_bounds (kr_scene_get_node (p->scene, i));
      double x0 = ox + b.x * zoom, y0 = oy + b.y * zoom;

      if (kr_scene_is_node_shown (p->scene, i)
          && (meets (&p->keep_free, x0, y0, b.width * zoom, b.height * zoom)
              || meets (&p->controls, x0, y0, b.width * zoom, b.height * zoom)))
        return FALSE;
    }
  return TRUE;
}

/* The map at @zoom, centred in the view. */
static void
centred (const Placement *p, int w, int h, double zoom, double *ox, double *oy)
{
  *ox = (w - p->area.width * zoom) / 2 - p->area.x * zoom;
  *oy = (h - p->area.height * zoom) / 2 - p->area.y * zoom;
}

/* The map at @zoom pushed as far as the margins allow away from the legend at @corner: where
 * it is most likely to leave the legend's area free. */
static void
pushed_away (const Placement *p, int w, int h, double zoom, LegendCorner corner, double *ox,
             double *oy)
{
  double sw = p->area.width * zoom, sh = p->area.height * zoom;

  *ox = at_right (corner) ? FIT_MARGIN : MAX (w - FIT_MARGIN - sw, (w - sw) / 2);
  *oy = at_bottom (corner) ? FIT_MARGIN : MAX (h - FIT_MARGIN - sh, (h - sh) / 2);
  if (at_right (corner))
    *ox = MIN (*ox, (w - sw) / 2);
  if (at_bottom (corner))
    *oy = MIN (*oy, (h - sh) / 2);
  *ox -= p->area.x * zoom;
  *oy -= p->area.y * zoom;
}

/* The parts of a w × h view beside @keep_free (the legend's area at @corner) and above or
 * below it. */
static void
free_parts (int w, int h, const graphene_rect_t *keep_free, LegendCorner corner,
            graphene_rect_t *beside, graphene_rect_t *across)
{
  double right = keep_free->origin.x + keep_free->size.width;
  double bottom = keep_free->origin.y + keep_free->size.height;

  if (at_right (corner))
    *beside = GRAPHENE_RECT_INIT (0, 0, keep_free->origin.x, h);
  else
    *beside = GRAPHENE_RECT_INIT (right, 0, w - right, h);
  if (at_bottom (corner))
    *across = GRAPHENE_RECT_INIT (0, 0, w, keep_free->origin.y);
  else
    *across = GRAPHENE_RECT_INIT (0, bottom, w, h - bottom);
}

/* The zoom at which the map fits in @part of the view, leaving a margin at the view's edges. */
static double
zoom_within (const Placement *p, int w, int h, const graphene_rect_t *part)
{
  double left = part->origin.x > 0 ? 0 : FIT_MARGIN, top = part->origin.y > 0 ? 0 : FIT_MARGIN;
  double right = part->origin.x + part->size.width < w ? 0 : FIT_MARGIN;
  double bottom = part->origin.y + part->size.height < h ? 0 : FIT_MARGIN;

  return MIN ((part->size.width - left - right) / p->area.width,
              (part->size.height - top - bottom) / p->area.height);
}

/* A place for the map at @zoom that leaves the legend at @corner and the controls free:
 * pushed away from the legend both ways, or only across or only up or down (the controls may
 * be where both ways lead). FALSE, with the map pushed both ways, when none does. */
static gboolean
free_place (const Placement *p, int w, int h, double zoom, LegendCorner corner, double *ox,
            double *oy)
{
  double cx, cy, fx, fy;

  centred (p, w, h, zoom, &cx, &cy);
  pushed_away (p, w, h, zoom, corner, &fx, &fy);
  {
    const double tries[][2] = { { fx, fy }, { fx, cy }, { cx, fy } };
    for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
      if (i == 0 || p->controls.size.width > 0)
        if (leaves_free (p, zoom, tries[i][0], tries[i][1]))
          {
            *ox = tries[i][0];
            *oy = tries[i][1];
            return TRUE;
          }
  }
  *ox = fx;
  *oy = fy;
  return FALSE;
}

/* The largest zoom, up to @most, at which the map leaves the legend at @corner free. */
static double
largest_zoom (const Placement *p, int w, int h, LegendCorner corner, double most)
{
  graphene_rect_t beside, across;
  double lo, hi = most, ox, oy;

  if (free_place (p, w, h, most, corner, &ox, &oy))
    return most;
  /* Beside the legend, or above or below it, the map leaves it free; failing that (a node
   * wider than the rest of the view), smaller still. */
  free_parts (w, h, &p->keep_free, corner, &beside, &across);
  lo = CLAMP (MAX (zoom_within (p, w, h, &beside), zoom_within (p, w, h, &across)), MIN_ZOOM, most);
  for (;;)
    {
      if (lo <= MIN_ZOOM || free_place (p, w, h, lo, corner, &ox, &oy))
        break;
      lo = MAX (lo * 0.8, MIN_ZOOM);
    }
  for (int i = 0; i < SEARCH_STEPS; i++)
    {
      double mid = (lo + hi) / 2;

      if (free_place (p, w, h, mid, corner, &ox, &oy))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The centre of the entities, each counted as many times as it has deals: where the view of a
 * map too large to be read whole looks. */
static KrPoint
connected_centre (const Placement *p)
{
  KrPoint sum = { 0, 0 };
  double weight = 0;

  for (guint i = 0; i < kr_scene_get_n_nodes (p->scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (p->scene, i);

      if (node->type == KR_SCENE_NODE_ENTITY && kr_scene_is_node_shown (p->scene, i))
        {
          sum.x += node->x * node->n_deals;
          sum.y += node->y * node->n_deals;
          weight += node->n_deals;
        }
    }
  if (weight == 0)
    return (KrPoint){ p->area.x + p->area.width / 2, p->area.y + p->area.height / 2 };
  return (KrPoint){ sum.x / weight, sum.y / weight };
}

/* The places tried along one axis of a view @view pixels long for a map from @start to @end at
 * @zoom, nearest to @centre first: the map no further in than the margin at either end when it
 * is longer than the view, and within the margins when it is not (centred, if nothing is in
 * the way). Returns how many. */
static guint
axis_places (double view, double start, double end, double zoom, double centre,
             double places[READABLE_TRIES])
{
  double a = FIT_MARGIN - start * zoom, b = view - FIT_MARGIN - end * zoom;
  double lo = MIN (a, b), hi = MAX (a, b), step = (hi - lo) / (READABLE_TRIES - 1);
  double target = (end - start) * zoom > view - 2 * FIT_MARGIN
                      ? CLAMP (view / 2 - centre * zoom, lo, hi)
                      : (view - (end - start) * zoom) / 2 - start * zoom;
  guint n = 0;

  places[n++] = target;
  /* Outwards from the target, a step at a time each way. */
  for (int k = 1; n < READABLE_TRIES && step > 0; k++)
    {
      double before = target - k * step, after = target + k * step;
      guint had = n;

      if (before >= lo - 1e-6)
        places[n++] = before;
      if (n < READABLE_TRIES && after <= hi + 1e-6)
        places[n++] = after;
      if (n == had)
        break;
    }
  return n;
}

/* A place for the map at @zoom, as near its most connected part as leaves the areas of @p free;
 * FALSE when there is none. */
static gboolean
readable_at (const Placement *p, int w, int h, double zoom, double *ox, double *oy)
{
  double xs[READABLE_TRIES], ys[READABLE_TRIES], best = G_MAXDOUBLE;
  KrPoint centre = connected_centre (p);
  guint nx = axis_places (w, p->area.x, p->area.x + p->area.width, zoom, centre.x, xs);
  guint ny = axis_places (h, p->area.y, p->area.y + p->area.height, zoom, centre.y, ys);

  for (guint i = 0; i < nx; i++)
    for (guint j = 0; j < ny; j++)
      {
        double away = hypot (xs[i] - xs[0], ys[j] - ys[0]);

        if (away < best && leaves_free (p, zoom, xs[i], ys[j]))
          {
            best = away;
            *ox = xs[i];
            *oy = ys[j];
          }
      }
  return best < G_MAXDOUBLE;
}

/* Replaces the whole map's placement (@zoom, @ox, @oy) with a closer one at which its names are
 * legible, when one leaves the legend, in its corner or another, and the controls free. */
static void
readable_place (KrDiagramView *self, Placement *p, int w, int h, double *zoom, double *ox,
                double *oy)
{
  double least = READABLE_PIXELS / KR_SCENE_FONT_SIZE;

  if (*zoom >= least || least > *zoom * MAX_READABLE_GROWTH
      || p->area.width * least > w - 2 * FIT_MARGIN)
    return;
  for (guint i = 0; i <= G_N_ELEMENTS (corners); i++)
    {
      /* The legend's corner first, then the others in order. */
      LegendCorner corner = i == 0 ? self->legend_corner : corners[i - 1];

      if (i > 0 && corner == self->legend_corner)
        continue;
      p->keep_free = legend_area (self, w, h, corner);
      graphene_rect_inset (&p->keep_free, -NODE_GAP, -NODE_GAP);
      if (readable_at (p, w, h, least, ox, oy))
        {
          *zoom = least;
          if (corner != self->legend_corner)
            {
              self->legend_corner = corner;
              gtk_widget_queue_allocate (GTK_WIDGET (self));
            }
          return;
        }
    }
}

void
_kr_diagram_view_fit_placement (KrDiagramView *self, int w, int h, gboolean readable, double *zoom,
                                double *ox, double *oy)
{
  Placement p = { self->scene, kr_scene_get_shown_area (self->scene) };
  double sw = MAX (p.area.width, 1), sh = MAX (p.area.height, 1);
  double most
      = CLAMP (MIN ((w - 2 * FIT_MARGIN) / sw, (h - 2 * FIT_MARGIN) / sh), MIN_ZOOM, MAX_FIT_ZOOM);
  LegendCorner best = self->legend_corner;
  double best_zoom = -1, cx, cy, fx, fy, lo = 0, hi = 1;

  p.controls = controls_area (self, w, h);
  if (p.controls.size.width > 0)
    graphene_rect_inset (&p.controls, -NODE_GAP, -NODE_GAP);

  /* The corner where the map can be largest; the one the legend is in when it is as good. */
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      graphene_rect_t area = legend_area (self, w, h, corners[i]);
      double z;

      graphene_rect_inset (&area, -NODE_GAP, -NODE_GAP);
      p.keep_free = area;
      z = largest_zoom (&p, w, h, corners[i], most);
      if (z > best_zoom * 1.02 || (z >= best_zoom && corners[i] == self->legend_corner))
        {
          best_zoom = z;
          best = corners[i];
        }
    }
  if (best != self->legend_corner)
    {
      self->legend_corner = best;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }

  /* As near the centre as leaves the legend and the controls free. */
  p.keep_free = legend_area (self, w, h, best);
  graphene_rect_inset (&p.keep_free, -NODE_GAP, -NODE_GAP);
  centred (&p, w, h, best_zoom, &cx, &cy);
  free_place (&p, w, h, best_zoom, best, &fx, &fy);
  if (!leaves_free (&p, best_zoom, cx, cy))
    {
      for (int i = 0; i < SEARCH_STEPS; i++)
        {
          double mid = (lo + hi) / 2;
          if (leaves_free (&p, best_zoom, cx + (fx - cx) * mid, cy + (fy - cy) * mid))
            hi = mid;
          else
            lo = mid;
        }
      cx += (fx - cx) * hi;
      cy += (fy - cy) * hi;
    }
  *zoom = best_zoom;
  *ox = cx;
  *oy = cy;
  if (readable)
    readable_place (self, &p, w, h, zoom, ox, oy);
}

gboolean
_kr_diagram_view_shows_all (KrDiagramView *self, gboolean wholly)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t legend = legend_area (self, w, h, self->legend_corner);
  graphene_rect_t controls = controls_area (self, w, h);
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, w, h);

  if (w <= 0 || h <= 0)
    return TRUE;
  for (guint i = 0; i < kr_scene_get_n_nodes (self->scene); i++)
    {
      KrRect b = kr_scene_node_bounds (kr_scene_get_node (self->scene, i));
      graphene_rect_t on_screen = GRAPHENE_RECT_INIT (self->offset_x + b.x * self->zoom,
                                                      self->offset_y + b.y * self->zoom,
                                                      b.width * self->zoom, b.height * self->zoom);

      /* Unless @wholly, a node cut by an edge of the view is still in it; one out of it, or
       * wholly under the legend, is not. */
      if (!kr_scene_is_node_shown (self->scene, i))
        continue;
      if (wholly ? !graphene_rect_contains_rect (&view, &on_screen)
                 : !graphene_rect_intersection (&view, &on_screen, NULL))
        return FALSE;
      if (graphene_rect_contains_rect (&legend, &on_screen)
          || (controls.size.width > 0 && graphene_rect_contains_rect (&controls, &on_screen)))
        return FALSE;
    }
  return TRUE;
}

graphene_rect_t
_kr_diagram_view_free_area (KrDiagramView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t keep_free = legend_area (self, w, h, self->legend_corner);
  graphene_rect_t beside, across;

  graphene_rect_inset (&keep_free, -NODE_GAP, -NODE_GAP);
  free_parts (w, h, &keep_free, self->legend_corner, &beside, &across);
  return beside.size.width * beside.size.height >= across.size.width * across.size.height ? beside
                                                                                          : across;
}

graphene_rect_t
_kr_diagram_view_legend_area (KrDiagramView *self)
{
  return legend_area (self, gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)), self->legend_corner);
}
