/* kr-tile-cache.h — a map drawn once into square tiles, reused while it is panned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "kr-scene-paint.h"
#include "kr-scene.h"

G_BEGIN_DECLS

/* Tiles live in "device space": scene coordinates times the device zoom (device pixels per
 * scene point). Tile (column, row) covers [column × size, (column + 1) × size) horizontally,
 * likewise vertically, whatever the view's offset, so panning only ever needs the tiles that
 * come into view. */
typedef struct _KrTileCache KrTileCache;

typedef struct
{
  int column, row;
  cairo_surface_t *surface; /* size × size, premultiplied ARGB32; transparent background */
  gpointer data;            /* for the caller, e.g. the surface as a texture; freed with the
                             * tile by the notify given to kr_tile_cache_new */
} KrTile;

/* Draws the part @area (scene coordinates) of the map onto @cr, which is set up so that
 * scene coordinates can be used directly. */
typedef void (*KrTileDrawFunc) (cairo_t *cr, const KrRect *area, gpointer user_data);
typedef void (*KrTileFunc) (KrTile *tile, gpointer user_data);

KrTileCache *kr_tile_cache_new (int tile_size, GDestroyNotify data_free);
void kr_tile_cache_free (KrTileCache *cache);


/* Sets how the tiles are drawn. Tiles drawn with another device zoom or @generation (which
 * the caller changes whenever anything else drawn changes: scene, colours, selection) are
 * dropped. */
void kr_tile_cache_configure (KrTileCache *cache, double device_zoom, guint generation,
                              KrTileDrawFunc draw, gpointer user_data);
double kr_tile_cache_get_device_zoom (KrTileCache *cache);
void kr_tile_cache_clear (KrTileCache *cache);
guint kr_tile_cache_get_n_tiles (KrTileCache *cache);

/* Calls @func, in row order, for every tile meeting the device-space rectangle, drawing those
 * that are missing first; drops tiles more than @keep tiles away from it. */
void kr_tile_cache_foreach (KrTileCache *cache, double x, double y, double width, double height,
                            int keep, KrTileFunc func, gpointer user_data);

/* Draws one missing tile meeting the rectangle or within @margin tiles of it, nearest first.
 * Returns FALSE when there was none to draw: for drawing tiles while the program is idle. */
gboolean kr_tile_cache_draw_ahead (KrTileCache *cache, double x, double y, double width,
                                   double height, int margin);

/* Takes @generation as that of the tiles drawn, keeping them, but drops those that meet any of
 * the scene rectangles @changed (KrRect): the caller draws something else there, and the same
 * as before everywhere else. Does nothing when no tiles are drawn. */
void kr_tile_cache_keep (KrTileCache *cache, guint generation, GArray *changed);

/* Where drawing @after with @now differs from drawing @before with @was: the scene rectangles
 * (KrRect) of every node, label and line added, removed, moved or drawn otherwise (its dataset
 * record, selection, dimming or label changed), in either scene, or painted in another order
 * than before. @after may show another version of @before's dataset: records are matched by
 * id. NULL when the two cannot be compared piece by piece (another palette, another scale, or
 * labels planned at another zoom): then everything is drawn again. */
GArray *kr_tile_changes (KrScene *before, const KrPaintOptions *was, KrScene *after,
                         const KrPaintOptions *now);

/* The smallest rectangle holding both. */
KrRect kr_rect_union (KrRect a, KrRect b);

/* Whether the tiles are drawn with @device_zoom and @generation. */
gboolean kr_tile_cache_is_current (KrTileCache *cache, double device_zoom, guint generation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrTileCache, kr_tile_cache_free)

G_END_DECLS
