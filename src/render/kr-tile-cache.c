/* kr-tile-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-tile-cache"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kr-tile-cache.h"

/* Device pixels drawn around each tile and left out (draw_tile). */
#define TILE_MARGIN 16
/* How far, in points, a node or line is drawn past its bounds: a selected line's halo, a thick
 * outline, a dispute's badge on a hub's corner. What changed is taken this much larger, and
 * as much again in device pixels for antialiasing. */
#define DRAWN_PAST 8.0

struct _KrTileCache
{
  int size;
  GDestroyNotify data_free;
  GHashTable *tiles; /* packed (column, row) → KrTile */
  double device_zoom;
  guint generation;
  KrTileDrawFunc draw;
  gpointer draw_data;
};

typedef struct
{
  int c0, r0, c1, r1; /* inclusive */
} TileRange;

static gint64
tile_key (int column, int row)
{
  return (gint64)(((guint64)(guint32)column << 32) | (guint32)row);
}

static void
tile_free (gpointer data, GDestroyNotify data_free)
{
  KrTile *tile = data;

  if (tile->data != NULL && data_free != NULL)
    data_free (tile->data);
  cairo_surface_destroy (tile->surface);
  g_free (tile);
}

KrTileCache *
kr_tile_cache_new (int tile_size, GDestroyNotify data_free)
{
  KrTileCache *cache = g_new0 (KrTileCache, 1);

  g_return_val_if_fail (tile_size > 0, NULL);
  cache->size = tile_size;
  cache->data_free = data_free;
  cache->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return cache;
}

void
kr_tile_cache_clear (KrTileCache *cache)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (cache != NULL);
  g_hash_table_iter_init (&iter, cache->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      tile_free (value, cache->data_free);
      g_hash_table_iter_remove (&iter);
    }
}

void
kr_tile_cache_free (KrTileCache *cache)
{
  if (cache == NULL)
    return;
  kr_tile_cache_clear (cache);
  g_hash_table_unref (cache->tiles);
  g_free (cache);
}

void
kr_tile_cache_configure (KrTileCache *cache, double device_zoom, guint generation,
                         KrTileDrawFunc draw, gpointer user_data)
{
  g_return_if_fail (cache != NULL && device_zoom > 0 && draw != NULL);

  if (device_zoom != cache->device_zoom || generation != cache->generation || draw != cache->draw
      || user_data != cache->draw_data)
    kr_tile_cache_clear (cache);
  cache->device_zoom = device_zoom;
  cache->generation = generation;
  cache->draw = draw;
  cache->draw_data = user_data;
}

double
kr_tile_cache_get_device_zoom (KrTileCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);
  return cache->device_zoom;
}

guint
kr_tile_cache_get_n_tiles (KrTileCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);
  return g_hash_table_size (cache->tiles);
}

static TileRange
range_for (KrTileCache *cache, double x, double y, double width, double height)
{
  double s = cache->size;

  return (TileRange){ (int)floor (x / s), (int)floor (y / s),
                      (int)ceil ((x + MAX (width, 1)) / s) - 1,
                      (int)ceil ((y + MAX (height, 1)) / s) - 1 };
}

static KrTile *
draw_tile (KrTileCache *cache, int column, int row)
{
  KrTile *tile = g_new0 (KrTile, 1);
  double s = cache->size, z = cache->device_zoom;
  KrRect area = { (column * s - TILE_MARGIN) / z, (row * s - TILE_MARGIN) / z,
                  (s + 2 * TILE_MARGIN) / z, (s + 2 * TILE_MARGIN) / z };
  gint64 *key = g_new (gint64, 1);
  cairo_surface_t *drawn;
  cairo_t *cr;

  tile->column = column;
  tile->row = row;
  /* Drawn with a margin that is then left out: cairo 1.18 draws what crosses the edge of a
   * surface a little differently from what lies within it, and a tile must look as the same
   * part of one whole drawing does. */
  drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cache->size + 2 * TILE_MARGIN,
                                      cache->size + 2 * TILE_MARGIN);
  cr = cairo_create (drawn);
  cairo_translate (cr, TILE_MARGIN - column * s, TILE_MARGIN - row * s);
  cairo_scale (cr, z, z);
  cache->draw (cr, &area, cache->draw_data);
  cairo_destroy (cr);
  tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cache->size, cache->size);
  cr = cairo_create (tile->surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, drawn, -TILE_MARGIN, -TILE_MARGIN);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (drawn);
  cairo_surface_flush (tile->surface);

  *key = tile_key (column, row);
  g_hash_table_insert (cache->tiles, key, tile);
  return tile;
}

static KrTile *
lookup (KrTileCache *cache, int column, int row)
{
  gint64 key = tile_key (column, row);
  return g_hash_table_lookup (cache->tiles, &key);
}

void
kr_tile_cache_foreach (KrTileCache *cache, double x, double y, double width, double height,
                       int keep, KrTileFunc func, gpointer user_data)
{
  TileRange r;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (cache != NULL && cache->draw != NULL && func != NULL);

  r = range_for (cache, x, y, width, height);
  keep = MAX (keep, 0);
  g_hash_table_iter_init (&iter, cache->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KrTile *tile = value;
      if (tile->column < r.c0 - keep || tile->column > r.c1 + keep || tile->row < r.r0 - keep
          || tile->row > r.r1 + keep)
        {
          tile_free (tile, cache->data_free);
          g_hash_table_iter_remove (&iter);
        }
    }

  for (int row = r.r0; row <= r.r1; row++)
    for (int column = r.c0; column <= r.c1; column++)
      {
        KrTile *tile = lookup (cache, column, row);
        if (tile == NULL)
          tile = draw_tile (cache, column, row);
        func (tile, user_data);
      }
}

gboolean
kr_tile_cache_draw_ahead (KrTileCache *cache, double x, double y, double width, double height,
                          int margin)
{
  TileRange r;

  g_return_val_if_fail (cache != NULL, FALSE);
  if (cache->draw == NULL)
    return FALSE;

  r = range_for (cache, x, y, width, height);
  /* The rectangle's own tiles, then ring by ring outwards: the tiles the next pan is most
   * likely to need first. */
  for (int d = 0; d <= margin; d++)
    for (int row = r.r0 - d; row <= r.r1 + d; row++)
      for (int column = r.c0 - d; column <= r.c1 + d; column++)
        {
          int distance = MAX (MAX (r.c0 - column, column - r.c1), MAX (r.r0 - row, row - r.r1));
          if (MAX (distance, 0) == d && lookup (cache, column, row) == NULL)
            {
              draw_tile (cache, column, row);
              return TRUE;
            }
        }
  return FALSE;
}

void
kr_tile_cache_keep (KrTileCache *cache, guint generation, GArray *changed)
{
  GHashTableIter iter;
  gpointer value;
  double z;

  g_return_if_fail (cache != NULL && changed != NULL);
  if (cache->draw == NULL)
    return;
  cache->generation = generation;
  z = cache->device_zoom;
  g_hash_table_iter_init (&iter, cache->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KrTile *tile = value;
      double x0 = (double)tile->column * cache->size, y0 = (double)tile->row * cache->size;
      double x1 = x0 + cache->size, y1 = y0 + cache->size;

      for (guint i = 0; i < changed->len; i++)
        {
          const KrRect *r = &g_array_index (changed, KrRect, i);
          double pad = DRAWN_PAST * z + 2;

          if (r->x * z - pad < x1 && (r->x + r->width) * z + pad > x0 && r->y * z - pad < y1
              && (r->y + r->height) * z + pad > y0)
            {
              tile_free (tile, cache->data_free);
              g_hash_table_iter_remove (&iter);
              break;
            }
        }
    }
}

/* ---- what changed between two scenes ------------------------------------------------------ */

KrRect
kr_rect_union (KrRect a, KrRect b)
{
  double x1 = MAX (a.x + a.width, b.x + b.width), y1 = MAX (a.y + a.height, b.y + b.height);

  a.x = MIN (a.x, b.x);
  a.y = MIN (a.y, b.y);
  return (KrRect){ a.x, a.y, x1 - a.x, y1 - a.y };
}

static KrLabel
label_in (KrScene *scene, const KrPaintOptions *o, guint node)
{
  if (o->labels == NULL)
    return (KrLabel){ KR_LABEL_IN_NODE, 1.0 };
  return kr_label_plan_get (o->labels, node);
}

/* All that node @i draws: its outline, its name (which may be set larger than its node, or on a
 * plate), a hub's link label. */
static KrRect
node_extent (KrScene *scene, const KrPaintOptions *o, guint i)
{
  const KrSceneNode *node = kr_scene_get_node (scene, i);
  KrRect r = kr_scene_node_bounds (node);
  KrLabel label = label_in (scene, o, i);

  if (node->label != NULL && label.placement != KR_LABEL_HIDDEN)
    {
      double w = node->label_width * label.scale, h = node->label_height * label.scale;

      r = kr_rect_union (r, (KrRect){ node->x - w / 2, node->y - h / 2, w, h });
      if (label.placement == KR_LABEL_ON_PLATE && o->labels != NULL)
        r = kr_rect_union (r,
                           kr_label_plate_bounds (node, label, kr_label_plan_get_zoom (o->labels),
                                                  node->x, node->y));
    }
  if (node->link_label.text != NULL)
    r = kr_rect_union (r, kr_scene_link_label_bounds (&node->link_label));
  return r;
}

static KrRect
edge_extent (KrScene *scene, guint i)
{
  const KrSceneEdge *edge = kr_scene_get_edge (scene, i);

  if (edge->link_label.text == NULL)
    return edge->bounds;
  return kr_rect_union (edge->bounds, kr_scene_link_label_bounds (&edge->link_label));
}

static gboolean
same_link_label (const KrSceneLinkLabel *a, const KrSceneLinkLabel *b)
{
  return g_strcmp0 (a->text, b->text) == 0
         && (a->text == NULL
             || (a->centre.x == b->centre.x && a->centre.y == b->centre.y && a->width == b->width
                 && a->height == b->height));
}

static gboolean
dimmed (const guint8 *emphasis, guint i)
{
  return emphasis != NULL && !emphasis[i];
}

/* Whether a deal is drawn the same in both: its colour, its line, its badge. */
static gboolean
same_deal (const KrDeal *a, const KrDeal *b)
{
  return a->kind == b->kind && a->status == b->status
         && kr_deal_count_sources (a) == kr_deal_count_sources (b)
         && !kr_deal_is_disputed (a) == !kr_deal_is_disputed (b);
}

static gboolean
same_node (KrScene *before, const KrPaintOptions *was, guint j, KrScene *after,
           const KrPaintOptions *now, guint i)
{
  const KrSceneNode *a = kr_scene_get_node (before, j), *b = kr_scene_get_node (after, i);
  KrLabel la = label_in (before, was, j), lb = label_in (after, now, i);

  if (a->x != b->x || a->y != b->y || a->width != b->width || a->height != b->height
      || a->shape != b->shape || a->n_vertices != b->n_vertices
      || !a->dashed_outline != !b->dashed_outline || g_strcmp0 (a->label, b->label) != 0
      || a->font_size != b->font_size || la.placement != lb.placement || la.scale != lb.scale
      || dimmed (was->node_emphasis, j) != dimmed (now->node_emphasis, i)
      || ((int)j == was->selected_node) != ((int)i == now->selected_node)
      || !same_link_label (&a->link_label, &b->link_label)
      || (a->n_vertices > 0
          && memcmp (a->vertices, b->vertices, a->n_vertices * sizeof (KrPoint)) != 0))
    return FALSE;
  if (a->link_label.text != NULL && was->labels != NULL
      && !kr_label_plan_shows_hub_link (was->labels, j)
             != !kr_label_plan_shows_hub_link (now->labels, i))
    return FALSE;
  if (a->type == KR_SCENE_NODE_ENTITY)
    return kr_dataset_get_entity (kr_scene_get_dataset (before), a->index)->kind
           == kr_dataset_get_entity (kr_scene_get_dataset (after), b->index)->kind;
  return same_deal (kr_dataset_get_deal (kr_scene_get_dataset (before), a->index),
                    kr_dataset_get_deal (kr_scene_get_dataset (after), b->index));
}

static gboolean
same_edge (KrScene *before, const KrPaintOptions *was, guint j, KrScene *after,
           const KrPaintOptions *now, guint i)
{
  const KrSceneEdge *a = kr_scene_get_edge (before, j), *b = kr_scene_get_edge (after, i);

  if (a->n_points != b->n_points || memcmp (a->points, b->points, a->n_points * sizeof (KrPoint))
      || memcmp (&a->arrow_start, &b->arrow_start, sizeof (KrArrow))
      || memcmp (&a->arrow_end, &b->arrow_end, sizeof (KrArrow))
      || !same_link_label (&a->link_label, &b->link_label)
      || dimmed (was->edge_emphasis, j) != dimmed (now->edge_emphasis, i)
      || ((int)j == was->selected_edge) != ((int)i == now->selected_edge)
      /* A two-party deal's badge is on its line, a larger deal's on its hub. */
      || (kr_scene_find_deal_hub (before, a->deal) < 0)
             != (kr_scene_find_deal_hub (after, b->deal) < 0))
    return FALSE;
  if (a->link_label.text != NULL && was->labels != NULL
      && !kr_label_plan_shows_edge_link (was->labels, j)
             != !kr_label_plan_shows_edge_link (now->labels, i))
    return FALSE;
  return same_deal (kr_dataset_get_deal (kr_scene_get_dataset (before), a->deal),
                    kr_dataset_get_deal (kr_scene_get_dataset (after), b->deal));
}

/* The edge of @before between the nodes @tail and @head of @before for deal @deal of @before,
 * as edge @i of @after is, or -1. A deal's edges are one run (first_edge). */
static int
find_edge (KrScene *before, const int *first_edge, guint n_deals, const int *node_before,
           KrScene *after, guint i)
{
  const KrSceneEdge *e = kr_scene_get_edge (after, i);
  KrDataset *dataset = kr_scene_get_dataset (before);
  int deal = dataset == kr_scene_get_dataset (after)
                 ? (int)e->deal
                 : kr_dataset_find_deal (
                     dataset, kr_dataset_get_deal (kr_scene_get_dataset (after), e->deal)->id);

  if (deal < 0 || (guint)deal >= n_deals || first_edge[deal] < 0)
    return -1;
  for (guint s = (guint)first_edge[deal]; s < kr_scene_get_n_edges (before); s++)
    {
      const KrSceneEdge *was = kr_scene_get_edge (before, s);

      if (was->deal != (guint)deal)
        break;
      if ((int)was->tail == node_before[e->tail] && (int)was->head == node_before[e->head]
          && !was->advocacy == !e->advocacy)
        return (int)s;
    }
  return -1;
}

static void
add_change (GArray *changed, KrRect r)
{
  g_array_append_val (changed, r);
}

/* Items are painted in index order: one whose match in @before comes before the match of an
 * item painted earlier would be painted in another order against it, so it counts as changed
 * (last: the latest match kept). */
GArray *
kr_tile_changes (KrScene *before, const KrPaintOptions *was, KrScene *after,
                 const KrPaintOptions *now)
{
  GArray *changed;
  guint n_before = kr_scene_get_n_nodes (before), n_after = kr_scene_get_n_nodes (after);
  guint e_before = kr_scene_get_n_edges (before), e_after = kr_scene_get_n_edges (after);
  guint n_deals = kr_dataset_get_n_deals (kr_scene_get_dataset (before));
  KrDataset *dataset = kr_scene_get_dataset (after);
  g_autofree int *node_before = g_new (int, MAX (n_after, 1));
  g_autofree gboolean *kept = g_new0 (gboolean, MAX (MAX (n_before, e_before), 1));
  g_autofree int *first_edge = g_new (int, MAX (n_deals, 1));
  int last = -1;

  g_return_val_if_fail (KR_IS_SCENE (before) && KR_IS_SCENE (after), NULL);
  g_return_val_if_fail (was != NULL && now != NULL, NULL);

  if (was->palette != now->palette || was->scale != now->scale || !was->labels != !now->labels
      || (was->labels != NULL
          && kr_label_plan_get_zoom (was->labels) != kr_label_plan_get_zoom (now->labels))
      || was->node_offsets != NULL || now->node_offsets != NULL)
    return NULL;
  changed = g_array_new (FALSE, FALSE, sizeof (KrRect));

  for (guint i = 0; i < n_after; i++)
    {
      const KrSceneNode *node = kr_scene_get_node (after, i);
      int j = kr_scene_is_node_shown (after, i)
                  ? kr_scene_find_record (before, dataset, node->type, node->index)
                  : -1;

      node_before[i] = j;
      if (!kr_scene_is_node_shown (after, i))
        continue;
      if (j >= 0 && j > last && same_node (before, was, (guint)j, after, now, i))
        {
          kept[j] = TRUE;
          last = j;
          continue;
        }
      add_change (changed, node_extent (after, now, i));
      if (j >= 0)
        add_change (changed, node_extent (before, was, (guint)j));
    }
  for (guint j = 0; j < n_before; j++)
    if (!kept[j] && kr_scene_is_node_shown (before, j))
      add_change (changed, node_extent (before, was, j));

  memset (kept, 0, MAX (MAX (n_before, e_before), 1) * sizeof (gboolean));
  for (guint d = 0; d < n_deals; d++)
    first_edge[d] = -1;
  for (guint s = e_before; s-- > 0;)
    first_edge[kr_scene_get_edge (before, s)->deal] = (int)s;
  last = -1;
  for (guint i = 0; i < e_after; i++)
    {
      int j;

      if (!kr_scene_is_edge_shown (after, i))
        continue;
      j = find_edge (before, first_edge, n_deals, node_before, after, i);
      if (j >= 0 && j > last && kr_scene_is_edge_shown (before, (guint)j)
          && same_edge (before, was, (guint)j, after, now, i))
        {
          kept[j] = TRUE;
          last = j;
          continue;
        }
      add_change (changed, edge_extent (after, i));
      if (j >= 0)
        add_change (changed, edge_extent (before, (guint)j));
    }
  for (guint j = 0; j < e_before; j++)
    if (!kept[j] && kr_scene_is_edge_shown (before, j))
      add_change (changed, edge_extent (before, j));
  return changed;
}

gboolean
kr_tile_cache_is_current (KrTileCache *cache, double device_zoom, guint generation)
{
  g_return_val_if_fail (cache != NULL, FALSE);
  return cache->draw != NULL && cache->device_zoom == device_zoom
         && cache->generation == generation;
}
