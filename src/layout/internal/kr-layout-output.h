/* kr-layout-output.h — the geometry Graphviz computed, in scene coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-scene.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y;
  KrPoint *vertices; /* relative to the centre, y down; NULL when not a polygon */
  guint n_vertices;
  gboolean has_link; /* Graphviz placed the hub's link label, */
  KrPoint link;      /* centred there */
} KrOutputNode;

typedef struct
{
  KrPoint *points; /* cubic Bézier, 1 + 3n points */
  guint n_points;
  KrArrow arrow_start;
  KrArrow arrow_end;
  gboolean has_link; /* Graphviz placed the edge's link label, */
  KrPoint link;      /* centred there */
} KrOutputEdge;

typedef struct
{
  double width, height;
  GArray *nodes; /* KrOutputNode */
  GArray *edges; /* KrOutputEdge */
} KrLayoutOutput;

KrLayoutOutput *kr_layout_output_new (double width, double height);
void kr_layout_output_free (KrLayoutOutput *output);
/* Moves everything by (@dx, @dy), the scene growing with it to keep its margin. */
void kr_layout_output_translate (KrLayoutOutput *output, double dx, double dy);
GBytes *kr_layout_output_serialize (const KrLayoutOutput *output);
/* Checks the shape of @bytes (counts, Bézier pieces), not the values of its coordinates. */
KrLayoutOutput *kr_layout_output_deserialize (GBytes *bytes, guint n_nodes, guint n_edges,
                                              GError **error);
/* Whether every coordinate is a finite number: an engine that could not place the entities
 * (sfdp built without GTS) leaves NaN or infinities, which are its failure, not a bad reply. */
gboolean kr_layout_output_is_placed (const KrLayoutOutput *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrLayoutOutput, kr_layout_output_free)

G_END_DECLS
