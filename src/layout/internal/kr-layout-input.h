/* kr-layout-input.h — what Graphviz needs to lay a dataset out, and nothing more
 *
 * The input is built from a dataset (roles decide arrow directions, label sizes decide node
 * sizes) and can be serialised to a compact GVariant, so that the layout itself can run in
 * a helper process that knows nothing of the dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-layout-output.h"
#include "kr-layout.h"
#include "kr-scene.h"

G_BEGIN_DECLS

/* Graphviz node shapes, in the order of kr_gv_shape_name (). */
typedef enum
{
  KR_GV_BOX,
  KR_GV_HEXAGON,
  KR_GV_HOUSE,
  KR_GV_OCTAGON,
  KR_GV_ELLIPSE,
  KR_GV_PARALLELOGRAM,
  KR_GV_DIAMOND,
  KR_N_GV_SHAPES
} KrGvShape;

/* A deal's link label, when the layout is asked for them: Graphviz finds it a place of that
 * size (an xlabel). The helper process knows only the size. */
typedef struct
{
  const char *text;     /* in the input's strings; NULL for none */
  double width, height; /* points; 0 for none */
} KrInputLink;

typedef struct
{
  KrSceneNodeType type;
  guint index; /* entity or deal */
  KrGvShape gv_shape;
  KrShape shape; /* how it is drawn */
  gboolean dashed_outline;
  double width, height; /* points */
  double font_size;     /* of an entity's label, in points */
  double label_width, label_height; /* the label's size at font_size */
  guint n_deals;                    /* how many deals of the dataset the entity takes part in */
  KrInputLink link;                 /* a deal hub's */
  gboolean has_pos; /* where it starts (neato, fdp, sfdp), or in DOT output where it is: */
  double x, y;      /* Graphviz's coordinates, in points, y up */
  gboolean pinned;  /* placed exactly at */
  double pin_x, pin_y; /* scene coordinates, in points, y down */
} KrInputNode;

typedef struct
{
  guint deal;
  guint tail, head; /* input node indices */
  gboolean directed;
  gboolean advocacy;
  KrInputLink link; /* a deal between two parties: on its one edge */
} KrInputEdge;

typedef struct
{
  KrEngine engine;
  KrRankdir rankdir;
  int root;      /* input node a radial layout centres on, or -1 */
  GArray *nodes; /* KrInputNode */
  GArray *edges; /* KrInputEdge */
  GStringChunk *strings; /* the texts of link labels */
  gboolean route;        /* every node is pinned: Graphviz only lays the lines out (neato -n2) */
  gboolean anchored;     /* nodes with a starting place keep it while neato or fdp lay the
                          * rest out; only overlap removal may move them */
  gboolean draft;        /* a quick first placement around the hubs (kr-draft.h) */
} KrLayoutInput;

const char *kr_gv_shape_name (KrGvShape shape);

KrLayoutInput *kr_layout_input_new (KrDataset *dataset, const KrLayoutOptions *options);
/* No nodes and no edges yet, room made for as many. */
KrLayoutInput *kr_layout_input_new_empty (KrEngine engine, KrRankdir rankdir, guint n_nodes,
                                          guint n_edges);
/* The graph of what @scene shows, each node where the scene has it. */
KrLayoutInput *kr_layout_input_new_shown (KrScene *scene);
void kr_layout_input_free (KrLayoutInput *input);

/* Whether some nodes are pinned, and whether all are. */
gboolean kr_layout_input_has_pins (const KrLayoutInput *input, gboolean *all);
/* The same graph with every node pinned, for Graphviz to lay the lines out again: each pinned
 * node of @input at its pin, every other where @placed (a layout of @input, or NULL when all are
 * pinned) put it, moved as the pins moved with neato, fdp and sfdp. */
KrLayoutInput *kr_layout_input_new_held (const KrLayoutInput *input, const KrLayoutOutput *placed);
/* Moves @output, a layout of @held, so that each node is exactly at its pin. */
void kr_layout_input_hold (const KrLayoutInput *held, KrLayoutOutput *output);

/* Only what the layout needs: engine, direction, node shapes and sizes, edges, where nodes
 * start, the sizes of link labels. */
GBytes *kr_layout_input_serialize (const KrLayoutInput *input);
KrLayoutInput *kr_layout_input_deserialize (GBytes *bytes, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrLayoutInput, kr_layout_input_free)

G_END_DECLS
