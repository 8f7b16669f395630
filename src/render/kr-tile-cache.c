/* kr-tile-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-tile-cache"

#include "config.h"

#include <math.h>

#include "kr-tile-cache.h"

/* Device pixels drawn around each tile and left out (draw_tile). */
#define TILE_MARGIN 16

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

gboolean
kr_tile_cache_is_current (KrTileCache *cache, double device_zoom, guint generation)
{
  g_return_val_if_fail (cache != NULL, FALSE);
  return cache->draw != NULL && cache->device_zoom == device_zoom
         && cache->generation == generation;
}
