/* kr-scene-paint.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-scene-paint"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-scene-paint.h"
#include "kr-text.h"

#define DIM_OPACITY 0.22
#define MIN_ARROW_PIXELS 2.0
#define ARROW_HALF_WIDTH 0.38 /* of the arrow's length */

void
kr_paint_options_init (KrPaintOptions *options, const KrPalette *palette)
{
  *options = (KrPaintOptions){ 0 };
  options->palette = palette;
  options->selected_node = options->selected_edge = -1;
  options->hover_node = options->hover_edge = -1;
}

static gboolean
rects_intersect (const KrRect *a, const KrRect *b, double slack)
{
  return a->x - slack <= b->x + b->width && b->x <= a->x + a->width + slack
         && a->y - slack <= b->y + b->height && b->y <= a->y + a->height + slack;
}

static gboolean
is_culled (const KrPaintOptions *o, const KrRect *bounds)
{
  return o->viewport.width > 0 && !rects_intersect (&o->viewport, bounds, 8.0);
}

static KrColor
with_alpha (KrColor c, double alpha)
{
  c.alpha *= alpha;
  return c;
}

static char *
format_sources (KrDataset *dataset, const KrDeal *deal)
{
  g_autoptr (GString) s = g_string_new (NULL);

  g_string_append_printf (s, "%s · %s", kr_deal_kind_label (deal->kind),
                          kr_status_label (deal->status));
  if (kr_deal_is_disputed (deal))
    g_string_append_printf (s, " · %s", _ ("sources disagree"));
  for (guint i = 0; i < deal->n_evidence; i++)
    {
      const KrArticle *a = kr_dataset_get_article (dataset, deal->evidence[i].article);
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = deal->evidence[j].article == deal->evidence[i].article;
      if (seen)
        continue;
      g_string_append_printf (s, "\n%s: “%s”, %s", _ ("Source"), a->title, a->publisher);
      if (a->date != NULL)
        g_string_append_printf (s, ", %s", a->date);
      if (a->url != NULL)
        g_string_append_printf (s, ", %s", a->url);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
first_url (KrDataset *dataset, const KrDeal *deal)
{
  for (guint i = 0; i < deal->n_evidence; i++)
    {
      const KrArticle *a = kr_dataset_get_article (dataset, deal->evidence[i].article);
      if (a->url != NULL)
        return a->url;
    }
  return NULL;
}

static void
add_arrow (KrPath *path, const KrArrow *arrow)
{
  double dx = arrow->tip.x - arrow->base.x, dy = arrow->tip.y - arrow->base.y;
  double nx = -dy * ARROW_HALF_WIDTH, ny = dx * ARROW_HALF_WIDTH;

  kr_path_move_to (path, arrow->tip.x, arrow->tip.y);
  kr_path_line_to (path, arrow->base.x + nx, arrow->base.y + ny);
  kr_path_line_to (path, arrow->base.x - nx, arrow->base.y - ny);
  kr_path_close (path);
}

static KrPoint
edge_midpoint (const KrSceneEdge *edge)
{
  guint segments = (edge->n_points - 1) / 3;
  guint mid = segments / 2;

  if (segments == 0)
    return edge->points[0];
  if (segments % 2 == 1)
    return kr_bezier_point (&edge->points[mid * 3], 0.5);
  return edge->points[mid * 3];
}

static void
paint_badge (KrPainter *painter, const KrPalette *palette, KrPoint at)
{
  KrPath path;
  KrPaint paint = { TRUE, palette->disputed, TRUE, palette->background, 1.5, KR_LINE_SOLID };

  kr_path_init (&path);
  kr_path_ellipse (&path, at.x, at.y, 5.5, 5.5);
  painter->draw_path (painter, &path, &paint);
  kr_path_clear (&path);

  /* An exclamation mark, drawn as shapes so it needs no font. */
  kr_path_init (&path);
  kr_path_rounded_rect (&path, at.x - 0.9, at.y - 3.6, 1.8, 4.4, 0.9);
  kr_path_ellipse (&path, at.x, at.y + 2.4, 1.0, 1.0);
  paint = (KrPaint){ TRUE, palette->background, FALSE, palette->background, 0, KR_LINE_SOLID };
  painter->draw_path (painter, &path, &paint);
  kr_path_clear (&path);
}

/* Clips the segment a–b to @r (Liang–Barsky); FALSE when it lies outside. */
static gboolean
clip_segment (const KrRect *r, KrPoint *a, KrPoint *b)
{
  double t0 = 0, t1 = 1, dx = b->x - a->x, dy = b->y - a->y;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a->x - r->x, r->x + r->width - a->x, a->y - r->y, r->y + r->height - a->y };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double t = q[i] / p[i];
        if (p[i] < 0)
          t0 = MAX (t0, t);
        else
          t1 = MIN (t1, t);
      }
      if (t0 > t1)
        return FALSE;
    }
  *b = (KrPoint){ a->x + t1 * dx, a->y + t1 * dy };
  *a = (KrPoint){ a->x + t0 * dx, a->y + t0 * dy };
  return TRUE;
}

/* How many straight pieces a cubic Bézier needs to stay within @tolerance of the curve, at
 * @scale device pixels per unit: the chord of a step h strays at most h² / 8 · max |B''|,
 * and |B''| is at most six times the larger second difference of the control points. */
static int
flatten_steps (const KrPoint *c, double scale, double tolerance)
{
  double d1 = hypot (c[0].x - 2 * c[1].x + c[2].x, c[0].y - 2 * c[1].y + c[2].y);
  double d2 = hypot (c[1].x - 2 * c[2].x + c[3].x, c[1].y - 2 * c[2].y + c[3].y);
  double n = sqrt (0.75 * MAX (d1, d2) * scale / tolerance);

  return (int)CLAMP (ceil (n), 1, 256);
}

/* Strokes an edge's line on screen. The curve is flattened here, finely enough for the
 * zoom, and the pieces that cross @view (NULL for all of it) are stroked, each starting
 * where its dashes would be on the whole line. The line therefore looks the same whether
 * it is drawn at once or in tiles, and an edge reaching far past the window costs in
 * proportion to what is on screen: cairo cuts a dashed line into dashes along its whole
 * length, visible or not. */
static void
stroke_edge_line (KrPainter *painter, const KrSceneEdge *edge, const KrRect *view, double scale,
                  KrPaint *paint)
{
  double tolerance = scale < 0.6 ? 1.0 : 0.25; /* device pixels */
  double along = 0;
  gboolean pen_down = FALSE;
  KrPath path;

  kr_path_init (&path);
  for (guint i = 0; i + 3 < edge->n_points; i += 3)
    {
      const KrPoint *c = &edge->points[i];
      int steps = flatten_steps (c, scale, tolerance);
      KrPoint prev = c[0];

      for (int s = 1; s <= steps; s++)
        {
          KrPoint next = s == steps ? c[3] : kr_bezier_point (c, s / (double)steps);
          KrPoint a = prev, b = next;

          if (view == NULL || clip_segment (view, &a, &b))
            {
              if (!pen_down || a.x != prev.x || a.y != prev.y)
                {
                  if (path.elements->len > 0)
                    {
                      painter->draw_path (painter, &path, paint);
                      g_array_set_size (path.elements, 0);
                    }
                  paint->dash_offset = along + hypot (a.x - prev.x, a.y - prev.y);
                  kr_path_move_to (&path, a.x, a.y);
                }
              kr_path_line_to (&path, b.x, b.y);
              pen_down = b.x == next.x && b.y == next.y;
            }
          else
            pen_down = FALSE;
          along += hypot (next.x - prev.x, next.y - prev.y);
          prev = next;
        }
    }
  if (path.elements->len > 0)
    painter->draw_path (painter, &path, paint);
  kr_path_clear (&path);
}

static gboolean
rect_contains (const KrRect *outer, const KrRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y
         && inner->x + inner->width <= outer->x + outer->width
         && inner->y + inner->height <= outer->y + outer->height;
}

/* Initialises @path with the edge's curve. */
static void
edge_path (KrPath *path, const KrSceneEdge *edge)
{
  kr_path_init (path);
  kr_path_move_to (path, edge->points[0].x, edge->points[0].y);
  for (guint i = 1; i + 2 < edge->n_points; i += 3)
    kr_path_curve_to (path, edge->points[i].x, edge->points[i].y, edge->points[i + 1].x,
                      edge->points[i + 1].y, edge->points[i + 2].x, edge->points[i + 2].y);
}

/* An edge whose ends move with their nodes: each control point moves by a blend of the two
 * ends' displacements, weighted by its position along the curve. */
static const KrSceneEdge *
displace_edge (KrScene *scene, const KrPaintOptions *o, const KrSceneEdge *edge, KrSceneEdge *moved,
               KrPoint **storage)
{
  KrPoint dt = o->node_offsets[edge->tail], dh = o->node_offsets[edge->head];

  if (dt.x == 0 && dt.y == 0 && dh.x == 0 && dh.y == 0)
    return edge;
  *moved = *edge;
  *storage = g_new (KrPoint, edge->n_points);
  for (guint i = 0; i < edge->n_points; i++)
    {
      double s = edge->n_points > 1 ? (double)i / (edge->n_points - 1) : 0;
      (*storage)[i] = (KrPoint){ edge->points[i].x + (1 - s) * dt.x + s * dh.x,
                                 edge->points[i].y + (1 - s) * dt.y + s * dh.y };
    }
  moved->points = *storage;
  moved->arrow_start.base.x += dt.x;
  moved->arrow_start.base.y += dt.y;
  moved->arrow_start.tip.x += dt.x;
  moved->arrow_start.tip.y += dt.y;
  moved->arrow_end.base.x += dh.x;
  moved->arrow_end.base.y += dh.y;
  moved->arrow_end.tip.x += dh.x;
  moved->arrow_end.tip.y += dh.y;
  return moved;
}

static void
paint_edge (KrScene *scene, KrPainter *painter, const KrPaintOptions *o, guint index)
{
  const KrSceneEdge *edge = kr_scene_get_edge (scene, index);
  KrSceneEdge moved;
  g_autofree KrPoint *moved_points = NULL;
  KrDataset *dataset = kr_scene_get_dataset (scene);
  const KrDeal *deal = kr_dataset_get_deal (dataset, edge->deal);
  const KrPalette *palette = o->palette;
  gboolean dimmed = o->edge_emphasis != NULL && !o->edge_emphasis[index];
  gboolean selected = (int)index == o->selected_edge;
  gboolean hovered = (int)index == o->hover_edge;
  g_autofree char *group_id = NULL;
  g_autofree char *desc = NULL;
  KrGroupInfo info = { 0 };
  KrColor color = kr_palette_deal_color (palette, deal->kind, deal->status);
  KrPaint paint = { 0 };
  KrPath path;
  double width;

  if (edge->n_points < 4 || !kr_scene_is_edge_shown (scene, index) || is_culled (o, &edge->bounds))
    return;
  if (o->node_offsets != NULL)
    edge = displace_edge (scene, o, edge, &moved, &moved_points);

  width = edge->advocacy ? 1.0 : kr_deal_line_width (deal->status, kr_deal_count_sources (deal));
  if (o->with_metadata)
    {
      group_id = g_strdup_printf ("kr-deal-%s-%u", deal->id, index);
      desc = format_sources (dataset, deal);
      info = (KrGroupInfo){ group_id, edge->advocacy ? "deal advocacy" : "deal", deal->summary,
                            desc, first_url (dataset, deal) };
    }
  painter->begin_group (painter, o->with_metadata ? &info : NULL, dimmed ? DIM_OPACITY : 1.0);

  if (selected || hovered)
    {
      /* A halo under the line. */
      edge_path (&path, edge);
      paint = (KrPaint){ FALSE,     color,
                         TRUE,      with_alpha (palette->selection, selected ? 0.45 : 0.25),
                         width + 6, KR_LINE_SOLID };
      painter->draw_path (painter, &path, &paint);
      kr_path_clear (&path);
    }

  paint = (KrPaint){ FALSE, color,
                     TRUE,  color,
                     width, edge->advocacy ? KR_LINE_DASHED : kr_status_line_style (deal->status) };
  if (o->viewport.width > 0)
    {
      /* On screen. */
      KrRect view = { o->viewport.x - 16, o->viewport.y - 16, o->viewport.width + 32,
                      o->viewport.height + 32 };
      stroke_edge_line (painter, edge, rect_contains (&view, &edge->bounds) ? NULL : &view,
                        o->scale > 0 ? o->scale : 1.0, &paint);
    }
  else
    {
      edge_path (&path, edge);
      painter->draw_path (painter, &path, &paint);
      kr_path_clear (&path);
    }

  if ((edge->arrow_start.present || edge->arrow_end.present)
      && (o->scale <= 0 || 10.0 * o->scale >= MIN_ARROW_PIXELS))
    {
      kr_path_init (&path);
      if (edge->arrow_start.present)
        add_arrow (&path, &edge->arrow_start);
      if (edge->arrow_end.present)
        add_arrow (&path, &edge->arrow_end);
      paint = (KrPaint){ !edge->advocacy, color, TRUE, color, 1.0, KR_LINE_SOLID };
      painter->draw_path (painter, &path, &paint);
      kr_path_clear (&path);
    }

  /* A two-party deal whose sources disagree carries a mark on its line. */
  if (kr_deal_is_disputed (deal) && kr_scene_find_deal_hub (scene, edge->deal) < 0)
    paint_badge (painter, palette, edge_midpoint (edge));

  painter->end_group (painter);
}

/* In the window, as the label plan says; without a plan, every label that can be made out. */
static gboolean
shows_link (KrScene *scene, const KrPaintOptions *o, const KrSceneLinkLabel *link,
            gboolean on_hub, guint index)
{
  if (link->text == NULL
      || !(on_hub ? kr_scene_is_node_shown (scene, index) : kr_scene_is_edge_shown (scene, index)))
    return FALSE;
  if (o->labels != NULL)
    return on_hub ? kr_label_plan_shows_hub_link (o->labels, index)
                  : kr_label_plan_shows_edge_link (o->labels, index);
  return o->scale <= 0 || KR_SCENE_LINK_FONT_SIZE * o->scale >= KR_LABEL_MIN_PIXELS;
}

/* The label of a deal's line on a plate, moved by @offset (animation). */
static void
paint_link (KrScene *scene, KrPainter *painter, const KrPaintOptions *o,
            const KrSceneLinkLabel *link, guint deal, gboolean dimmed, KrPoint offset)
{
  const KrDeal *d = kr_dataset_get_deal (kr_scene_get_dataset (scene), deal);
  KrRect r = kr_scene_link_label_bounds (link);
  KrPaint paint = { TRUE, o->palette->background, FALSE, o->palette->background, 0, KR_LINE_SOLID };
  g_autofree char *group_id = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  KrGroupInfo info = { 0 };
  KrPath path;

  r.x += offset.x;
  r.y += offset.y;
  if (is_culled (o, &r))
    return;
  if (o->with_metadata)
    {
      group_id = g_strdup_printf ("kr-deal-label-%s", d->id);
      info = (KrGroupInfo){ group_id, "deal label", d->summary, NULL, NULL };
    }
  painter->begin_group (painter, o->with_metadata ? &info : NULL, dimmed ? DIM_OPACITY : 1.0);
  paint.fill.alpha = 0.85;
  kr_path_init (&path);
  kr_path_rounded_rect (&path, r.x, r.y, r.width, r.height, MIN (r.height / 2, 3.0));
  painter->draw_path (painter, &path, &paint);
  kr_path_clear (&path);
  layout = kr_text_link_layout_new (painter->context, link->text);
  painter->draw_text (painter, layout, r.x + r.width / 2, r.y + r.height / 2, 1.0,
                      o->palette->text);
  painter->end_group (painter);
}

static void
paint_edge_link (KrScene *scene, KrPainter *painter, const KrPaintOptions *o, guint index)
{
  const KrSceneEdge *edge = kr_scene_get_edge (scene, index);
  KrPoint offset = { 0, 0 };

  if (!shows_link (scene, o, &edge->link_label, FALSE, index))
    return;
  if (o->node_offsets != NULL)
    {
      /* Halfway along the line, it moves by half of each end's move. */
      offset.x = (o->node_offsets[edge->tail].x + o->node_offsets[edge->head].x) / 2;
      offset.y = (o->node_offsets[edge->tail].y + o->node_offsets[edge->head].y) / 2;
    }
  paint_link (scene, painter, o, &edge->link_label, edge->deal,
              o->edge_emphasis != NULL && !o->edge_emphasis[index], offset);
}

static void
paint_hub_link (KrScene *scene, KrPainter *painter, const KrPaintOptions *o, guint index)
{
  const KrSceneNode *node = kr_scene_get_node (scene, index);

  if (!shows_link (scene, o, &node->link_label, TRUE, index))
    return;
  paint_link (scene, painter, o, &node->link_label, node->index,
              o->node_emphasis != NULL && !o->node_emphasis[index],
              o->node_offsets != NULL ? o->node_offsets[index] : (KrPoint){ 0, 0 });
}

static void
node_outline (const KrSceneNode *node, KrPath *path)
{
  KrRect r = kr_scene_node_bounds (node);

  switch (node->shape)
    {
    case KR_SHAPE_ELLIPSE:
      kr_path_ellipse (path, node->x, node->y, node->width / 2, node->height / 2);
      break;
    case KR_SHAPE_ROUNDED_BOX:
      kr_path_rounded_rect (path, r.x, r.y, r.width, r.height, 7.0);
      break;
    case KR_SHAPE_POLYGON:
      if (node->n_vertices >= 3)
        {
          kr_path_move_to (path, node->x + node->vertices[0].x, node->y + node->vertices[0].y);
          for (guint i = 1; i < node->n_vertices; i++)
            kr_path_line_to (path, node->x + node->vertices[i].x, node->y + node->vertices[i].y);
          kr_path_close (path);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case KR_SHAPE_BOX:
    default:
      kr_path_rect (path, r.x, r.y, r.width, r.height);
      break;
    }
}

/* Without a plan, every label is drawn at its own size unless it is too small to see. */
static KrLabel
label_of (KrScene *scene, const KrPaintOptions *o, guint index)
{
  if (o->labels != NULL)
    return kr_label_plan_get (o->labels, index);
  if (o->scale <= 0
      || kr_scene_get_node (scene, index)->font_size * o->scale >= KR_LABEL_MIN_PIXELS)
    return (KrLabel){ KR_LABEL_IN_NODE, 1.0 };
  return (KrLabel){ KR_LABEL_HIDDEN, 0 };
}

static PangoLayout *
label_layout (KrPainter *painter, const KrPaintOptions *o, guint index, const KrSceneNode *node)
{
  PangoLayout *layout;

  if (o->layout_cache != NULL && index < o->layout_cache->len
      && o->layout_cache->pdata[index] != NULL)
    return g_object_ref (o->layout_cache->pdata[index]);

  layout = kr_text_layout_new (painter->context, node->label, node->font_size);
  if (o->layout_cache != NULL)
    {
      if (o->layout_cache->len <= index)
        g_ptr_array_set_size (o->layout_cache, (int)index + 1);
      o->layout_cache->pdata[index] = g_object_ref (layout);
    }
  return layout;
}

static void
paint_node (KrScene *scene, KrPainter *painter, const KrPaintOptions *o, guint index)
{
  const KrSceneNode *node = kr_scene_get_node (scene, index);
  KrSceneNode moved;
  KrDataset *dataset = kr_scene_get_dataset (scene);
  const KrPalette *palette = o->palette;
  gboolean dimmed = o->node_emphasis != NULL && !o->node_emphasis[index];
  gboolean selected = (int)index == o->selected_node;
  gboolean hovered = (int)index == o->hover_node;
  KrRect bounds;
  g_autofree char *group_id = NULL;
  g_autofree char *desc = NULL;
  KrGroupInfo info = { 0 };
  KrPaint paint;
  KrPath path;

  if (!kr_scene_is_node_shown (scene, index))
    return;
  if (o->node_offsets != NULL)
    {
      moved = *node;
      moved.x += o->node_offsets[index].x;
      moved.y += o->node_offsets[index].y;
      node = &moved;
    }
  bounds = kr_scene_node_bounds (node);
  if (is_culled (o, &bounds))
    return;

  if (o->with_metadata)
    {
      if (node->type == KR_SCENE_NODE_ENTITY)
        {
          const KrEntity *e = kr_dataset_get_entity (dataset, node->index);
          group_id = g_strdup_printf ("kr-entity-%s", e->id);
          desc = g_strdup_printf ("%s%s%s%s%s", kr_entity_kind_label (e->kind),
                                  e->country ? " · " : "", e->country ? e->country : "",
                                  e->description ? "\n" : "", e->description ? e->description : "");
          info = (KrGroupInfo){ group_id, "entity", e->display_name, desc, NULL };
        }
      else
        {
          const KrDeal *d = kr_dataset_get_deal (dataset, node->index);
          group_id = g_strdup_printf ("kr-deal-%s", d->id);
          desc = format_sources (dataset, d);
          info = (KrGroupInfo){ group_id, "deal hub", d->summary, desc, first_url (dataset, d) };
        }
    }
  painter->begin_group (painter, o->with_metadata ? &info : NULL, dimmed ? DIM_OPACITY : 1.0);

  kr_path_init (&path);
  node_outline (node, &path);
  if (node->type == KR_SCENE_NODE_ENTITY)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, node->index);
      paint = (KrPaint){ TRUE,
                         palette->entity_fill[e->kind],
                         TRUE,
                         selected ? palette->selection : palette->node_stroke,
                         selected  ? 3.0
                         : hovered ? 2.0
                                   : 1.0,
                         node->dashed_outline ? KR_LINE_DASHED : KR_LINE_SOLID };
    }
  else
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, node->index);
      KrColor c = kr_palette_deal_color (palette, d->kind, d->status);
      paint = (KrPaint){
        TRUE, c, selected || hovered, palette->selection, selected ? 3.0 : 2.0, KR_LINE_SOLID
      };
    }
  painter->draw_path (painter, &path, &paint);
  kr_path_clear (&path);

  if (node->label != NULL)
    {
      KrLabel label = label_of (scene, o, index);

      if (label.placement == KR_LABEL_IN_NODE)
        {
          g_autoptr (PangoLayout) layout = label_layout (painter, o, index, node);
          painter->draw_text (painter, layout, node->x, node->y, label.scale, palette->text);
        }
    }
  else if (node->type == KR_SCENE_NODE_DEAL
           && kr_deal_is_disputed (kr_dataset_get_deal (dataset, node->index)))
    paint_badge (painter, palette,
                 (KrPoint){ node->x + node->width / 2, node->y - node->height / 2 });

  painter->end_group (painter);
}

/* A hub's label set larger than its node, on a plate over the map. */
static void
paint_plate (KrScene *scene, KrPainter *painter, const KrPaintOptions *o, guint index)
{
  const KrSceneNode *node = kr_scene_get_node (scene, index);
  KrLabel label = label_of (scene, o, index);
  double x = node->x, y = node->y;
  double zoom = kr_label_plan_get_zoom (o->labels);
  gboolean dimmed = o->node_emphasis != NULL && !o->node_emphasis[index];
  g_autoptr (PangoLayout) layout = NULL;
  KrPaint paint = { TRUE, o->palette->background, FALSE, o->palette->background, 0, KR_LINE_SOLID };
  KrRect r;
  KrPath path;

  if (label.placement != KR_LABEL_ON_PLATE)
    return;
  if (o->node_offsets != NULL)
    {
      x += o->node_offsets[index].x;
      y += o->node_offsets[index].y;
    }
  r = kr_label_plate_bounds (node, label, zoom, x, y);
  if (is_culled (o, &r))
    return;

  painter->begin_group (painter, NULL, dimmed ? DIM_OPACITY : 1.0);
  paint.fill.alpha = 0.85;
  kr_path_init (&path);
  kr_path_rounded_rect (&path, r.x, r.y, r.width, r.height, MIN (r.height / 2, 4.0 / zoom));
  painter->draw_path (painter, &path, &paint);
  kr_path_clear (&path);
  layout = label_layout (painter, o, index, node);
  painter->draw_text (painter, layout, x, y, label.scale, o->palette->text);
  painter->end_group (painter);
}

void
kr_scene_paint (KrScene *scene, KrPainter *painter, const KrPaintOptions *o)
{
  guint n_nodes, n_edges;

  g_return_if_fail (KR_IS_SCENE (scene));
  g_return_if_fail (painter != NULL && o != NULL && o->palette != NULL);

  if (o->background)
    {
      KrPath path;
      KrPaint paint
          = { TRUE, o->palette->background, FALSE, o->palette->background, 0, KR_LINE_SOLID };
      kr_path_init (&path);
      kr_path_rect (&path, 0, 0, kr_scene_get_width (scene), kr_scene_get_height (scene));
      painter->draw_path (painter, &path, &paint);
      kr_path_clear (&path);
    }

  n_edges = kr_scene_get_n_edges (scene);
  n_nodes = kr_scene_get_n_nodes (scene);

  if (o->hover_only)
    {
      if (o->hover_edge >= 0 && (guint)o->hover_edge < n_edges)
        {
          const KrSceneEdge *edge = kr_scene_get_edge (scene, (guint)o->hover_edge);
          paint_edge (scene, painter, o, (guint)o->hover_edge);
          paint_edge_link (scene, painter, o, (guint)o->hover_edge);
          /* Its ends stay on top of it, as in the full picture. */
          paint_node (scene, painter, o, edge->tail);
          paint_node (scene, painter, o, edge->head);
        }
      if (o->hover_node >= 0 && (guint)o->hover_node < n_nodes)
        {
          paint_hub_link (scene, painter, o, (guint)o->hover_node);
          paint_node (scene, painter, o, (guint)o->hover_node);
          if (o->labels != NULL)
            paint_plate (scene, painter, o, (guint)o->hover_node);
        }
      return;
    }

  for (guint i = 0; i < n_edges; i++)
    if ((int)i != o->selected_edge && (int)i != o->hover_edge)
      paint_edge (scene, painter, o, i);
  /* The selected and hovered edges go on top of the others. */
  if (o->hover_edge >= 0 && (guint)o->hover_edge < n_edges && o->hover_edge != o->selected_edge)
    paint_edge (scene, painter, o, (guint)o->hover_edge);
  if (o->selected_edge >= 0 && (guint)o->selected_edge < n_edges)
    paint_edge (scene, painter, o, (guint)o->selected_edge);
  /* Link labels over every line, under the nodes. */
  for (guint i = 0; i < n_edges; i++)
    paint_edge_link (scene, painter, o, i);
  for (guint i = 0; i < n_nodes; i++)
    paint_hub_link (scene, painter, o, i);
  for (guint i = 0; i < n_nodes; i++)
    paint_node (scene, painter, o, i);
  /* Plates go over every node. */
  for (guint i = 0; o->labels != NULL && i < n_nodes; i++)
    paint_plate (scene, painter, o, i);
}

gboolean
kr_scene_compute_emphasis (KrScene *scene, int selected_node, int selected_edge,
                           guint8 *node_emphasis, guint8 *edge_emphasis)
{
  KrDataset *dataset = kr_scene_get_dataset (scene);
  guint n_nodes = kr_scene_get_n_nodes (scene);
  guint n_edges = kr_scene_get_n_edges (scene);
  int entity = -1, deal = -1;

  if (selected_node >= 0 && (guint)selected_node < n_nodes)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, (guint)selected_node);
      if (node->type == KR_SCENE_NODE_ENTITY)
        entity = (int)node->index;
      else
        deal = (int)node->index;
    }
  else if (selected_edge >= 0 && (guint)selected_edge < n_edges)
    deal = (int)kr_scene_get_edge (scene, (guint)selected_edge)->deal;
  else
    return FALSE;

  memset (node_emphasis, 0, n_nodes);
  memset (edge_emphasis, 0, n_edges);
  if (selected_node >= 0)
    node_emphasis[selected_node] = 1;

  for (guint i = 0; i < n_edges; i++)
    {
      const KrSceneEdge *edge = kr_scene_get_edge (scene, i);
      gboolean related
          = deal >= 0 ? edge->deal == (guint)deal
                      : kr_deal_involves (kr_dataset_get_deal (dataset, edge->deal), (guint)entity);
      if (related)
        {
          edge_emphasis[i] = 1;
          node_emphasis[edge->tail] = 1;
          node_emphasis[edge->head] = 1;
        }
    }
  return TRUE;
}
