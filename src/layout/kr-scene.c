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
  KrLayoutOptions *options; /* a copy: what it was laid out with */
  GArray *nodes;    /* KrSceneNode */
  GArray *edges;    /* KrSceneEdge */
  int *entity_node; /* entity index → scene node shown, -1 */
  int *deal_hub;    /* deal index → scene node shown, -1 */

  /* A scene that shows part of another holds that one, whose arrays it shares, and a flag
   * for each node and edge; NULL when it shows everything it holds. */
  KrScene *layout;
  guint8 *node_shown;
  guint8 *edge_shown;
  guint n_shown_nodes;
  KrRect shown_area;

  /* A uniform grid over the scene for hit-testing, built on first use: for each cell, the
   * nodes whose box and the edges whose curve touch it (CSR layout). */
  double cell;
  guint cols, rows;
  guint *node_start, *node_items;
  guint *edge_start, *edge_items;
};

G_DEFINE_FINAL_TYPE (KrScene, kr_scene, G_TYPE_OBJECT)

static void
clear_node (gpointer data)
{
  KrSceneNode *node = data;
  g_clear_pointer (&node->vertices, g_free);
  g_clear_pointer (&node->link_label.text, g_free);
}

static void
clear_edge (gpointer data)
{
  KrSceneEdge *edge = data;
  g_clear_pointer (&edge->points, g_free);
  g_clear_pointer (&edge->link_label.text, g_free);
}

static void
clear_grid (KrScene *self)
{
  g_clear_pointer (&self->node_start, g_free);
  g_clear_pointer (&self->node_items, g_free);
  g_clear_pointer (&self->edge_start, g_free);
  g_clear_pointer (&self->edge_items, g_free);
}

static void
kr_scene_finalize (GObject *object)
{
  KrScene *self = KR_SCENE (object);

  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->entity_node, g_free);
  g_clear_pointer (&self->deal_hub, g_free);
  g_clear_pointer (&self->node_shown, g_free);
  g_clear_pointer (&self->edge_shown, g_free);
  g_clear_object (&self->layout);
  clear_grid (self);
  g_clear_pointer (&self->options, kr_layout_options_free);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (kr_scene_parent_class)->finalize (object);
}

static void
kr_scene_class_init (KrSceneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kr_scene_finalize;
}

static void
make_arrays (KrScene *self, guint n_nodes, guint n_edges)
{
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  self->nodes = g_array_sized_new (FALSE, TRUE, sizeof (KrSceneNode), n_nodes);
  self->edges = g_array_sized_new (FALSE, TRUE, sizeof (KrSceneEdge), n_edges);
  g_array_set_clear_func (self->nodes, clear_node);
  g_array_set_clear_func (self->edges, clear_edge);
}

static void
kr_scene_init (KrScene *self)
{
  const KrLayoutOptions defaults = KR_LAYOUT_OPTIONS_INIT;

  self->options = kr_layout_options_copy (&defaults);
  make_arrays (self, 0, 0);
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
  return kr_engine_get_name (self->options->engine);
}

void
kr_scene_set_options (KrScene *self, const KrLayoutOptions *options)
{
  g_return_if_fail (KR_IS_SCENE (self));
  g_return_if_fail (options != NULL);

  g_clear_pointer (&self->options, kr_layout_options_free);
  self->options = kr_layout_options_copy (options);
  /* Not where it started: that would keep every scene laid out before it alive. */
  g_clear_object (&self->options->seed);
}

const KrLayoutOptions *
kr_scene_get_options (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), NULL);
  return self->options;
}

void
kr_scene_reserve (KrScene *self, guint n_nodes, guint n_edges)
{
  g_return_if_fail (KR_IS_SCENE (self));
  g_return_if_fail (self->nodes->len == 0 && self->edges->len == 0 && self->layout == NULL);

  make_arrays (self, n_nodes, n_edges);
}

guint
kr_scene_add_node (KrScene *self, const KrSceneNode *node)
{
  guint index;

  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  g_return_val_if_fail (node != NULL, 0);
  g_return_val_if_fail (self->layout == NULL, 0);

  clear_grid (self);
  index = self->nodes->len;
  g_array_append_vals (self->nodes, node, 1);
  self->n_shown_nodes++;
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
  g_return_val_if_fail (self->layout == NULL, 0);

  clear_grid (self);
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

int
kr_scene_find_record (KrScene *self, KrDataset *dataset, KrSceneNodeType type, guint index)
{
  int found;

  g_return_val_if_fail (KR_IS_SCENE (self), -1);
  g_return_val_if_fail (KR_IS_DATASET (dataset), -1);

  if (type == KR_SCENE_NODE_ENTITY)
    {
      found = dataset == self->dataset
                  ? (int)index
                  : kr_dataset_find_entity (self->dataset,
                                            kr_dataset_get_entity (dataset, index)->id);
      return found >= 0 ? kr_scene_find_entity (self, (guint)found) : -1;
    }
  found = dataset == self->dataset
              ? (int)index
              : kr_dataset_find_deal (self->dataset, kr_dataset_get_deal (dataset, index)->id);
  return found >= 0 ? kr_scene_find_deal_hub (self, (guint)found) : -1;
}

/* ---- showing part of a scene ------------------------------------------------------------- */

static void
add_to_area (double box[4], KrRect r)
{
  box[0] = MIN (box[0], r.x);
  box[1] = MIN (box[1], r.y);
  box[2] = MAX (box[2], r.x + r.width);
  box[3] = MAX (box[3], r.y + r.height);
}

/* The flags of nodes and edges from those of entities and deals; FALSE when they hide
 * nothing. */
static gboolean
compute_mask (KrScene *self, const gboolean *entities, const gboolean *deals)
{
  guint n_nodes = self->nodes->len, n_edges = self->edges->len;
  g_autofree guint *parties = g_new0 (guint, MAX (n_nodes, 1));
  gboolean hides = FALSE;

  self->node_shown = g_malloc0 (MAX (n_nodes, 1));
  self->edge_shown = g_malloc0 (MAX (n_edges, 1));
  for (guint i = 0; i < n_nodes; i++)
    {
      const KrSceneNode *n = &g_array_index (self->nodes, KrSceneNode, i);
      if (n->type == KR_SCENE_NODE_ENTITY)
        self->node_shown[i] = entities == NULL || entities[n->index];
    }
  /* A hub is drawn for a deal between at least two of the entities shown. */
  for (guint i = 0; i < n_edges; i++)
    {
      const KrSceneEdge *e = &g_array_index (self->edges, KrSceneEdge, i);
      if (e->advocacy)
        continue;
      if (g_array_index (self->nodes, KrSceneNode, e->head).type == KR_SCENE_NODE_DEAL
          && self->node_shown[e->tail])
        parties[e->head]++;
      else if (g_array_index (self->nodes, KrSceneNode, e->tail).type == KR_SCENE_NODE_DEAL
               && self->node_shown[e->head])
        parties[e->tail]++;
    }
  for (guint i = 0; i < n_nodes; i++)
    {
      const KrSceneNode *n = &g_array_index (self->nodes, KrSceneNode, i);
      if (n->type == KR_SCENE_NODE_DEAL)
        self->node_shown[i] = (deals == NULL || deals[n->index]) && parties[i] >= 2;
      hides |= !self->node_shown[i];
    }
  for (guint i = 0; i < n_edges; i++)
    {
      const KrSceneEdge *e = &g_array_index (self->edges, KrSceneEdge, i);
      self->edge_shown[i] = (deals == NULL || deals[e->deal]) && self->node_shown[e->tail]
                            && self->node_shown[e->head];
      hides |= !self->edge_shown[i];
    }
  return hides;
}

KrScene *
kr_scene_new_masked (KrScene *scene, const gboolean *entities, const gboolean *deals)
{
  KrScene *layout, *self;
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  layout = scene->layout != NULL ? scene->layout : scene;
  self = kr_scene_new (layout->dataset, layout->width, layout->height);
  kr_scene_set_options (self, layout->options);
  self->layout = g_object_ref (layout);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  self->nodes = g_array_ref (layout->nodes);
  self->edges = g_array_ref (layout->edges);
  self->shown_area = (KrRect){ 0, 0, layout->width, layout->height };
  if (!compute_mask (self, entities, deals))
    {
      g_clear_pointer (&self->node_shown, g_free);
      g_clear_pointer (&self->edge_shown, g_free);
    }

  self->n_shown_nodes = 0;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const KrSceneNode *n = &g_array_index (self->nodes, KrSceneNode, i);
      if (!kr_scene_is_node_shown (self, i))
        continue;
      self->n_shown_nodes++;
      if (n->type == KR_SCENE_NODE_ENTITY)
        self->entity_node[n->index] = (int)i;
      else
        self->deal_hub[n->index] = (int)i;
      add_to_area (box, kr_scene_node_bounds (n));
    }
  if (self->node_shown == NULL)
    return self;
  for (guint i = 0; i < self->edges->len; i++)
    if (self->edge_shown[i])
      add_to_area (box, g_array_index (self->edges, KrSceneEdge, i).bounds);
  if (box[0] > box[2])
    self->shown_area = (KrRect){ 0, 0, 0, 0 };
  else
    self->shown_area
        = (KrRect){ box[0] - KR_SCENE_MARGIN, box[1] - KR_SCENE_MARGIN,
                    box[2] - box[0] + 2 * KR_SCENE_MARGIN, box[3] - box[1] + 2 * KR_SCENE_MARGIN };
  return self;
}

gboolean
kr_scene_same_layout (KrScene *a, KrScene *b)
{
  g_return_val_if_fail (KR_IS_SCENE (a) && KR_IS_SCENE (b), FALSE);
  return (a->layout != NULL ? a->layout : a) == (b->layout != NULL ? b->layout : b);
}

gboolean
kr_scene_is_node_shown (KrScene *self, guint node)
{
  g_return_val_if_fail (KR_IS_SCENE (self), FALSE);
  g_return_val_if_fail (node < self->nodes->len, FALSE);
  return self->node_shown == NULL || self->node_shown[node];
}

gboolean
kr_scene_is_edge_shown (KrScene *self, guint edge)
{
  g_return_val_if_fail (KR_IS_SCENE (self), FALSE);
  g_return_val_if_fail (edge < self->edges->len, FALSE);
  return self->edge_shown == NULL || self->edge_shown[edge];
}

gboolean
kr_scene_shows_everything (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), TRUE);
  return self->node_shown == NULL;
}

guint
kr_scene_get_n_shown_nodes (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), 0);
  return self->n_shown_nodes;
}

KrRect
kr_scene_get_shown_area (KrScene *self)
{
  g_return_val_if_fail (KR_IS_SCENE (self), ((KrRect){ 0, 0, 0, 0 }));
  if (self->layout == NULL)
    return (KrRect){ 0, 0, self->width, self->height };
  return self->shown_area;
}

KrRect
kr_scene_node_bounds (const KrSceneNode *node)
{
  return (KrRect){ node->x - node->width / 2, node->y - node->height / 2, node->width,
                   node->height };
}

KrRect
kr_scene_link_label_bounds (const KrSceneLinkLabel *label)
{
  return (KrRect){ label->centre.x - label->width / 2, label->centre.y - label->height / 2,
                   label->width, label->height };
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

#define GRID_SLACK 8.0 /* points: the largest hit tolerance the grid serves */
#define CURVE_STEPS 16

typedef void (*CellFunc) (KrScene *self, guint cell, guint item, gpointer data);

static void
for_cells_in_rect (KrScene *self, double x0, double y0, double x1, double y1, guint item,
                   CellFunc func, gpointer data)
{
  int c0 = CLAMP ((int)floor ((x0 - GRID_SLACK) / self->cell), 0, (int)self->cols - 1);
  int c1 = CLAMP ((int)floor ((x1 + GRID_SLACK) / self->cell), 0, (int)self->cols - 1);
  int r0 = CLAMP ((int)floor ((y0 - GRID_SLACK) / self->cell), 0, (int)self->rows - 1);
  int r1 = CLAMP ((int)floor ((y1 + GRID_SLACK) / self->cell), 0, (int)self->rows - 1);

  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      func (self, (guint)r * self->cols + (guint)c, item, data);
}

static void
mark_seen (KrScene *self, guint cell, guint item, gpointer data)
{
  g_hash_table_add (data, GUINT_TO_POINTER (cell + 1));
}

static void
count_item (KrScene *self, guint cell, guint item, gpointer data)
{
  ((guint *)data)[cell + 1]++;
}

static void
place_item (KrScene *self, guint cell, guint item, gpointer data)
{
  guint **fill_items = data;
  fill_items[1][fill_items[0][cell]++] = item;
}

typedef enum
{
  GRID_NODES,
  GRID_EDGES
} GridKind;

static void
visit (KrScene *self, GridKind kind, guint item, CellFunc func, gpointer data)
{
  if (kind == GRID_NODES)
    {
      KrRect r = kr_scene_node_bounds (&g_array_index (self->nodes, KrSceneNode, item));
      for_cells_in_rect (self, r.x, r.y, r.x + r.width, r.y + r.height, item, func, data);
    }
  else
    {
      /* Edges first collect their cells, so each is reported once. */
      g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
      GHashTableIter iter;
      gpointer key;
      const KrSceneEdge *edge = &g_array_index (self->edges, KrSceneEdge, item);

      for (guint i = 0; i + 3 < edge->n_points; i += 3)
        {
          KrPoint prev = edge->points[i];
          for (int step = 1; step <= CURVE_STEPS; step++)
            {
              KrPoint next = kr_bezier_point (&edge->points[i], step / (double)CURVE_STEPS);
              for_cells_in_rect (self, MIN (prev.x, next.x), MIN (prev.y, next.y),
                                 MAX (prev.x, next.x), MAX (prev.y, next.y), item, mark_seen, seen);
              prev = next;
            }
        }
      for (int k = 0; k < 2; k++)
        {
          const KrArrow *a = k ? &edge->arrow_end : &edge->arrow_start;
          if (a->present)
            for_cells_in_rect (self, MIN (a->base.x, a->tip.x), MIN (a->base.y, a->tip.y),
                               MAX (a->base.x, a->tip.x), MAX (a->base.y, a->tip.y), item,
                               mark_seen, seen);
        }
      g_hash_table_iter_init (&iter, seen);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        func (self, GPOINTER_TO_UINT (key) - 1, item, data);
    }
}

static void
build_index (KrScene *self, GridKind kind, guint n, guint **start_out, guint **items_out)
{
  guint n_cells = self->cols * self->rows;
  guint *start = g_new0 (guint, n_cells + 1);
  guint *fill, *items;
  guint *fill_items[2];

  for (guint i = 0; i < n; i++)
    visit (self, kind, i, count_item, start);
  for (guint c = 0; c < n_cells; c++)
    start[c + 1] += start[c];
  items = g_new (guint, MAX (start[n_cells], 1));
  fill = g_memdup2 (start, sizeof (guint) * n_cells);
  fill_items[0] = fill;
  fill_items[1] = items;
  for (guint i = 0; i < n; i++)
    visit (self, kind, i, place_item, fill_items);
  g_free (fill);
  *start_out = start;
  *items_out = items;
}

static void
ensure_grid (KrScene *self)
{
  guint n = self->nodes->len + self->edges->len;

  if (self->node_start != NULL)
    return;
  /* About two items per cell, and never cells smaller than a short label. */
  self->cell = MAX (24.0, sqrt (MAX (self->width * self->height, 1.0) / MAX (n / 2.0, 1.0)));
  self->cols = MAX (1, (guint)ceil (self->width / self->cell));
  self->rows = MAX (1, (guint)ceil (self->height / self->cell));
  build_index (self, GRID_NODES, self->nodes->len, &self->node_start, &self->node_items);
  build_index (self, GRID_EDGES, self->edges->len, &self->edge_start, &self->edge_items);
}

KrHit
kr_scene_hit_test (KrScene *self, double x, double y, double tolerance)
{
  KrHit hit = { KR_HIT_NONE, 0 };
  double best = tolerance * tolerance;
  gboolean found_node = FALSE;
  KrScene *grid;
  guint cell, top = 0;
  int c, r;

  g_return_val_if_fail (KR_IS_SCENE (self), hit);

  /* A scene that shows part of another uses that one's grid, and skips what it hides. */
  grid = self->layout != NULL ? self->layout : self;
  ensure_grid (grid);
  tolerance = MIN (tolerance, GRID_SLACK);
  c = (int)floor (x / grid->cell);
  r = (int)floor (y / grid->cell);
  if (c < 0 || r < 0 || c >= (int)grid->cols || r >= (int)grid->rows)
    return hit;
  cell = (guint)r * grid->cols + (guint)c;

  /* Nodes are drawn over edges, so they win; the last drawn is on top. */
  for (guint k = grid->node_start[cell]; k < grid->node_start[cell + 1]; k++)
    {
      guint i = grid->node_items[k];
      if ((!found_node || i > top) && kr_scene_is_node_shown (self, i)
          && node_contains (&g_array_index (self->nodes, KrSceneNode, i), x, y))
        {
          found_node = TRUE;
          top = i;
        }
    }
  if (found_node)
    return (KrHit){ KR_HIT_NODE, top };

  for (guint k = grid->edge_start[cell]; k < grid->edge_start[cell + 1]; k++)
    {
      guint i = grid->edge_items[k];
      const KrSceneEdge *edge = &g_array_index (self->edges, KrSceneEdge, i);
      double d;

      if (!kr_scene_is_edge_shown (self, i) || x < edge->bounds.x - tolerance
          || x > edge->bounds.x + edge->bounds.width + tolerance || y < edge->bounds.y - tolerance
          || y > edge->bounds.y + edge->bounds.height + tolerance)
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
