/* kr-graph.h — the Graphviz graph of a layout input, built through cgraph
 *
 * Every name and label is set as an attribute value through cgraph, never pasted into DOT
 * text, so nothing a dataset says can change the graph's structure. For layout the nodes
 * carry no labels: their sizes come from Keiretsu's own text measurement, which is what it
 * draws. Call only while holding the Graphviz lock (see kr-layout.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <graphviz/cgraph.h>

#include "kr-layout-input.h"

G_BEGIN_DECLS

/* Above this many nodes, every engine but dot draws edges straight: routing splines
 * around nodes is quadratic. */
#define KR_GRAPH_MAX_SPLINE_NODES 400

typedef struct
{
  Agraph_t *graph;
  Agnode_t **nodes; /* one per input node */
  Agedge_t **edges; /* one per input edge */
} KrGraph;

/* With @dataset, nodes are named by dataset id and carry labels, tooltips and colours
 * (for DOT output); without, nodes are named by index and carry only what layout needs. */
KrGraph *kr_graph_new (const KrLayoutInput *input, KrDataset *dataset, Agiodisc_t *io);
void kr_graph_free (KrGraph *graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrGraph, kr_graph_free)

G_END_DECLS
