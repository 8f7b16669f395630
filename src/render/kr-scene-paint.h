/* kr-scene-paint.h — draws a scene, and its legend, through a painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-label-plan.h"
#include "kr-painter.h"
#include "kr-scene.h"

G_BEGIN_DECLS

typedef struct
{
  const KrPalette *palette;
  KrRect viewport;             /* scene coordinates; width <= 0 draws everything */
  const guint8 *node_emphasis; /* per scene node: 0 dims it; NULL dims nothing */
  const guint8 *edge_emphasis; /* per scene edge, likewise */
  int selected_node;           /* scene indices, -1 for none */
  int selected_edge;
  int hover_node;
  int hover_edge;
  gboolean with_metadata;      /* groups carry ids, titles and citations (export) */
  gboolean background;         /* fill the whole scene with the palette's background */
  GPtrArray *layout_cache;     /* nullable; PangoLayout per scene node, kept by caller */
  gboolean hover_only;         /* only the hovered node or edge, highlighted: drawn over a
                                * cached picture of the rest */
  const KrPoint *node_offsets; /* nullable; per scene node, drawn displaced (animation) */
  double scale;                /* device pixels per scene point; details too small to see are
                                * left out (0 draws everything, as export does) */
  const KrLabelPlan *labels;   /* nullable: which labels to draw, and how large; without, every
                                * label at its own size, as exports show them */
} KrPaintOptions;

void kr_paint_options_init (KrPaintOptions *options, const KrPalette *palette);

void kr_scene_paint (KrScene *scene, KrPainter *painter, const KrPaintOptions *options);

/* Fills @node_emphasis (n_nodes) and @edge_emphasis (n_edges) with 1 for what is related to
 * the selection: the selected entity, its deals and their other parties; or the selected
 * deal and its parties. Returns FALSE, leaving them untouched, when nothing is selected. */
gboolean kr_scene_compute_emphasis (KrScene *scene, int selected_node, int selected_edge,
                                    guint8 *node_emphasis, guint8 *edge_emphasis);

G_END_DECLS
