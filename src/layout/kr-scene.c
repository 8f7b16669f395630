/* kr-scene.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-scene"

#include "config.h"

#include <math.h>

#include "kr-scene.h"

struct _KrScene
{
  GObject parent_instance;

  KrDataset *dataset;
  double width, height;
  char *engine;
  KrRankdir rankdir;
  gboolean *visible_entities;
  gboolean *visible_deals;
  GArray *nodes;    /* KrSceneNode */
  GArray *edges;    /* KrSceneEdge */
  int *entity_node; /* entity index → scene node, -1 */
  int *deal_hub;    /* deal index → scene node, -1 */
};

G_DEFINE_FINAL_TYPE (KrScene, kr_scene, G_TYPE_OBJECT)

static void
clear_node (gpointer data)
{
  KrSceneNode *node = data;
  g_clear_pointer (&node->vertices, g_free);
}

static void
clear_edge (gpointer data)
{
  KrSceneEdge *edge = data;
  g_clear_pointer (&edge->points, g_free);
}

static void
kr_scene_finalize (GObject *object)
{
  KrScene *self = KR_SCENE (object);

  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->entity_node, g_free);
  g_clear_pointer (&self->deal_hub, g_free);
  g_clear_pointer (&self->engine, g_free);
  g_clear_pointer (&self->visible_entities, g_free);
  g_clear_pointer (&self->visible_deals, g_free);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (kr_scene_parent_class)->finalize (object);
}

static void
kr_scene_class_init (KrSceneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kr_scene_finalize;
}

static void
kr_scene_init (KrScene *self)
{
  self->nodes = g_array_new (FALSE, TRUE, sizeof (KrSceneNode));
  self->edges = g_array_new (FALSE, TRUE, sizeof (KrSceneEdge));
  g_array_set_clear_func (self->nodes, clear_node);
  g_array_set_clear_func (self->edges, clear_edge);
}

KrScene *
kr_scene_new (KrDataset *dataset, double width, double height)
{
  KrScene *self;
  guint n_entities, n_deals;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);

  self = g_object_new (KR_TYPE_SCENE, NULL);
  self->dataset = g_object_ref (dataset);
  self->width = width;
  self->height = height;

  n_entities = kr_dataset_get_n_entities (dataset);
  n_deals = kr_dataset_get_n_deals (dataset);
  self->entity_node = g_new (int, MAX (n_entities, 1));
  self->deal_hub = g_new (int, MAX (n_deals, 1));
  for (guint i = 0; i < n_entities; i++)
    self->entity_node[i] = -1;
  for (guint i = 0; i < n_deals; i++)
    self->deal_hub[i] = -1;
  return self;
}

KrDataset *
kr_scene_get_dataset (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), NULL);
  return self->dataset;
}

double
kr_scene_get_width (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  return self->width;
}

double
kr_scene_get_height (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  return self->height;
}

const char *
kr_scene_get_engine (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), NULL);
  return self->engine;
}

void
kr_scene_set_options (KrScene *self, const KrLayoutOptions *options)
{
  g_return_if_fail (KR_IS_SCENE (self));
  g_return_if_fail (options != NULL);

  g_free (self->engine);
  g_free (self->visible_entities);
  g_free (self->visible_deals);
  self->engine = g_strdup (options->engine ? options->engine : "dot");
  self->rankdir = options->rankdir;
  self->visible_entities
      = options->visible_entities
            ? g_memdup2 (options->visible_entities,
                         sizeof (gboolean) * kr_dataset_get_n_entities (self->dataset))
            : NULL;
  self->visible_deals = options->visible_deals
                            ? g_memdup2 (options->visible_deals,
                                         sizeof (gboolean) * kr_dataset_get_n_deals (self->dataset))
                            : NULL;
}

void
kr_scene_get_options (KrScene *self, KrLayoutOptions *options)
{
  g_return_if_fail (KR_IS_SCENE (self));
  g_return_if_fail (options != NULL);

  *options = (KrLayoutOptions){ self->engine, self->rankdir, self->visible_entities,
                                self->visible_deals };
}

guint
kr_scene_add_node (KrScene *self, const KrSceneNode *node)
{
  guint index;

  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  g_return_val_if_fail (node != NULL, 0);

  index = self->nodes->len;
  g_array_append_vals (self->nodes, node, 1);
  if (node->type == KR_SCENE_NODE_ENTITY)
    self->entity_node[node->index] = (int)index;
  else
    self->deal_hub[node->index] = (int)index;
  return index;
}

guint
kr_scene_add_edge (KrScene *self, const KrSceneEdge *edge)
{
  KrSceneEdge *stored;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  g_return_val_if_fail (edge != NULL, 0);

  g_array_append_vals (self->edges, edge, 1);
  stored = &g_array_index (self->edges, KrSceneEdge, self->edges->len - 1);

  /* A Bézier curve lies within the hull of its control points. */
  for (guint i = 0; i < stored->n_points; i++)
    {
      x0 = MIN (x0, stored->points[i].x);
      y0 = MIN (y0, stored->points[i].y);
      x1 = MAX (x1, stored->points[i].x);
      y1 = MAX (y1, stored->points[i].y);
    }
  for (int k = 0; k < 2; k++)
    {
      const KrArrow *a = k ? &stored->arrow_end : &stored->arrow_start;
      if (!a->present)
        continue;
      x0 = MIN (x0, a->tip.x);
      y0 = MIN (y0, a->tip.y);
      x1 = MAX (x1, a->tip.x);
      y1 = MAX (y1, a->tip.y);
    }
  if (x0 > x1)
    x0 = x1 = y0 = y1 = 0;
  stored->bounds = (KrRect){ x0, y0, x1 - x0, y1 - y0 };
  return self->edges->len - 1;
}

guint
kr_scene_get_n_nodes (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  return self->nodes->len;
}

const KrSceneNode *
kr_scene_get_node (KrScene *self, guint index)
{
  g_return_val_if_fail (KR_IS_SCENE (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return &g_array_index (self->nodes, KrSceneNode, index);
}

guint
kr_scene_get_n_edges (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  return self->edges->len;
}

const KrSceneEdge *
kr_scene_get_edge (KrScene *self, guint index)
{
  g_return_val_if_fail (KR_IS_SCENE (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, KrSceneEdge, index);
}

int
kr_scene_find_entity (KrScene *self, guint entity)
{
  g_return_val_if_fail (KR_IS_SCENE (self), -1);
  if (entity >= kr_dataset_get_n_entities (self->dataset))
    return -1;
  return self->entity_node[entity];
}

int
kr_scene_find_deal_hub (KrScene *self, guint deal)
{
  g_return_val_if_fail (KR_IS_SCENE (self), -1);
  if (deal >= kr_dataset_get_n_deals (self->dataset))
    return -1;
  return self->deal_hub[deal];
}

KrRect
kr_scene_node_bounds (const KrSceneNode *node)
{
  return (KrRect){ node->x - node->width / 2, node->y - node->height / 2, node->width,
                   node->height };
}

KrPoint
kr_bezier_point (const KrPoint *p, double t)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  return (KrPoint){ a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
                    a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y };
}

static gboolean
point_in_polygon (const KrPoint *v, guint n, double x, double y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      if (((v[i].y > y) != (v[j].y > y))
          && (x < (v[j].x - v[i].x) * (y - v[i].y) / (v[j].y - v[i].y) + v[i].x))
        inside = !inside;
    }
  return inside;
}

static gboolean
node_contains (const KrSceneNode *node, double x, double y)
{
  double dx = x - node->x, dy = y - node->y;
  double rx = node->width / 2, ry = node->height / 2;

  if (fabs (dx) > rx || fabs (dy) > ry)
    return FALSE;
  switch (node->shape)
    {
    case KR_SHAPE_ELLIPSE:
      return (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) <= 1.0;
    case KR_SHAPE_POLYGON:
      return node->n_vertices < 3 || point_in_polygon (node->vertices, node->n_vertices, dx, dy);
    case KR_SHAPE_BOX:
    case KR_SHAPE_ROUNDED_BOX:
    default:
      return TRUE;
    }
}

static double
segment_distance2 (KrPoint a, KrPoint b, double x, double y)
{
  double vx = b.x - a.x, vy = b.y - a.y;
  double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((x - a.x) * vx + (y - a.y) * vy) / len2 : 0;
  double px, py;

  t = CLAMP (t, 0, 1);
  px = a.x + t * vx - x;
  py = a.y + t * vy - y;
  return px * px + py * py;
}

static double
edge_distance2 (const KrSceneEdge *edge, double x, double y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i + 3 < edge->n_points; i += 3)
    {
      KrPoint prev = edge->points[i];
      for (int s = 1; s <= 16; s++)
        {
          KrPoint next = kr_bezier_point (&edge->points[i], s / 16.0);
          best = MIN (best, segment_distance2 (prev, next, x, y));
          prev = next;
        }
    }
  for (int k = 0; k < 2; k++)
    {
      const KrArrow *a = k ? &edge->arrow_end : &edge->arrow_start;
      if (a->present)
        best = MIN (best, segment_distance2 (a->base, a->tip, x, y));
    }
  return best;
}

KrHit
kr_scene_hit_test (KrScene *self, double x, double y, double tolerance)
{
  KrHit hit = { KR_HIT_NONE, 0 };
  double best = tolerance * tolerance;

  g_return_val_if_fail (KR_IS_SCENE (self), hit);

  /* Nodes are drawn over edges, so they win; the last drawn is on top. */
  for (guint i = self->nodes->len; i-- > 0;)
    {
      const KrSceneNode *node = &g_array_index (self->nodes, KrSceneNode, i);
      if (node_contains (node, x, y))
        return (KrHit){ KR_HIT_NODE, i };
    }

  for (guint i = 0; i < self->edges->len; i++)
    {
      const KrSceneEdge *edge = &g_array_index (self->edges, KrSceneEdge, i);
      double d;

      if (x < edge->bounds.x - tolerance || x > edge->bounds.x + edge->bounds.width + tolerance
          || y < edge->bounds.y - tolerance || y > edge->bounds.y + edge->bounds.height + tolerance)
        continue;
      d = edge_distance2 (edge, x, y);
      if (d <= best)
        {
          best = d;
          hit = (KrHit){ KR_HIT_EDGE, i };
        }
    }
  return hit;
}
