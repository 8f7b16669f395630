/* kr-graph.h — the Graphviz graph of a dataset, built through cgraph
 *
 * Every name and label is set as an attribute value through cgraph, never pasted into DOT
 * text, so nothing a dataset says can change the graph's structure. Labels are left empty
 * for layout: node sizes come from Keiretsu's own text measurement, which is what it draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <graphviz/cgraph.h>

#include "kr-layout.h"
#include "kr-scene.h"

G_BEGIN_DECLS

typedef struct
{
  Agnode_t *node;
  KrSceneNodeType type;
  guint index;
  KrShape shape;
  gboolean dashed_outline;
} KrGraphNode;

typedef struct
{
  Agedge_t *edge;
  guint deal;
  guint tail, head; /* KrGraphNode indices */
  gboolean advocacy;
} KrGraphEdge;

typedef struct
{
  Agraph_t *graph;
  KrDataset *dataset;
  GArray *nodes; /* KrGraphNode */
  GArray *edges; /* KrGraphEdge */
} KrGraph;

/* @with_labels also sets each node's label (escaped so it stays literal), for DOT output. */
KrGraph *kr_graph_build (KrDataset *dataset, const KrLayoutOptions *options, gboolean with_labels);
void kr_graph_free (KrGraph *graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrGraph, kr_graph_free)

G_END_DECLS
