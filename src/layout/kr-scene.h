/* kr-scene.h — a laid-out diagram as plain geometry, ready to draw or hit-test
 *
 * Coordinates are in points (1/72 inch), x to the right and y downwards, with the origin at
 * the top-left corner of the diagram's bounds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kr-dataset.h"
#include "kr-layout-options.h"

G_BEGIN_DECLS

/* The font of node labels; sizes are in points, measured at 72 dpi. Most labels are set at
 * KR_SCENE_FONT_SIZE, those of hubs larger (kr_text_label_size). At 100 % a label is about as
 * large as the text of the interface around the map. */
#define KR_SCENE_FONT_FAMILY "Cantarell, Noto Sans, Sans"
#define KR_SCENE_FONT_SIZE 13.0
#define KR_SCENE_LABEL_WRAP 90.0 /* labels at KR_SCENE_FONT_SIZE wrap beyond this width */
/* Room left around what a layout placed, in points: the picture's margin. */
#define KR_SCENE_MARGIN 12.0
/* Labels on the lines of deals, smaller, on one line. */
#define KR_SCENE_LINK_FONT_SIZE 10.0

typedef struct
{
  double x, y;
} KrPoint;

typedef struct
{
  double x, y, width, height;
} KrRect;

/* The label of a deal's line (kr_format_link_label), where Graphviz placed it: on the line of a
 * deal between two parties, beside the hub of a deal between more. Scenes laid out without
 * labels (KrLayoutOptions.link_labels), and labels Graphviz found no place for, have no text. */
typedef struct
{
  char *text;           /* owned by the scene; NULL for none */
  KrPoint centre;       /* of the rectangle Graphviz kept for it */
  double width, height; /* of that rectangle: the text at KR_SCENE_LINK_FONT_SIZE, and a margin */
} KrSceneLinkLabel;

typedef enum
{
  KR_SCENE_NODE_ENTITY,
  KR_SCENE_NODE_DEAL, /* the hub of a deal with more than two parties */
} KrSceneNodeType;

typedef enum
{
  KR_SHAPE_BOX,
  KR_SHAPE_ROUNDED_BOX,
  KR_SHAPE_ELLIPSE,
  KR_SHAPE_POLYGON,
} KrShape;

typedef struct
{
  KrSceneNodeType type;
  guint index; /* entity or deal index in the dataset */
  double x, y; /* centre */
  double width, height;
  KrShape shape;
  KrPoint *vertices; /* relative to the centre, for KR_SHAPE_POLYGON */
  guint n_vertices;
  gboolean dashed_outline;
  const char *label; /* owned by the dataset; NULL for deal hubs */
  double font_size;  /* of the label, in points */
  double label_width, label_height; /* the label's size at font_size */
  guint n_deals;                    /* how many deals of the dataset the entity takes part in */
  KrSceneLinkLabel link_label;      /* a deal hub's */
} KrSceneNode;

typedef struct
{
  gboolean present;
  KrPoint base; /* where the line ends */
  KrPoint tip;
} KrArrow;

typedef struct
{
  guint deal;        /* deal index in the dataset */
  guint tail, head;  /* scene node indices */
  gboolean advocacy; /* joins a deal hub to someone who urged the deal */
  KrPoint *points;   /* cubic Bézier: 1 + 3n points */
  guint n_points;
  KrArrow arrow_start;
  KrArrow arrow_end;
  KrRect bounds;
  KrSceneLinkLabel link_label; /* that of a deal between two parties; none on a hub's edges */
} KrSceneEdge;

typedef enum
{
  KR_HIT_NONE,
  KR_HIT_NODE,
  KR_HIT_EDGE,
} KrHitType;

typedef struct
{
  KrHitType type;
  guint index; /* scene node or edge index */
} KrHit;

#define KR_TYPE_SCENE (kr_scene_get_type ())
G_DECLARE_FINAL_TYPE (KrScene, kr_scene, KR, SCENE, GObject)

KrScene *kr_scene_new (KrDataset *dataset, double width, double height);
/* The same scene showing only what the flags show (one per entity and per deal of the dataset;
 * NULL shows them all): an entity's node when its flag is set; a deal's hub when its deal's flag
 * is set and two of its parties are shown; an edge when its deal's flag is set and both its
 * ends are shown. Nothing moves: the new scene shares the geometry of @scene, and its nodes and
 * edges keep their indices. Hidden nodes are not found (kr_scene_find_entity() gives -1),
 * hit-tested, drawn or exported. A scene that already hides some starts again from all it
 * holds. */
KrScene *kr_scene_new_masked (KrScene *scene, const gboolean *entities, const gboolean *deals);
/* Whether both show parts of one layout: the same positions, the same indices. */
gboolean kr_scene_same_layout (KrScene *a, KrScene *b);
gboolean kr_scene_is_node_shown (KrScene *self, guint node);
gboolean kr_scene_is_edge_shown (KrScene *self, guint edge);
gboolean kr_scene_shows_everything (KrScene *self);
guint kr_scene_get_n_shown_nodes (KrScene *self);
/* What the shown part covers, with the margin a layout leaves around it: the whole scene
 * when everything is shown, an empty rectangle when nothing is. */
KrRect kr_scene_get_shown_area (KrScene *self);
KrDataset *kr_scene_get_dataset (KrScene *self);
double kr_scene_get_width (KrScene *self);
double kr_scene_get_height (KrScene *self);
/* The name of the engine it was laid out with ("dot"). */
const char *kr_scene_get_engine (KrScene *self);
/* The options the scene was laid out with: a copy, owned by the scene, less the seed (the
 * defaults until set). */
void kr_scene_set_options (KrScene *self, const KrLayoutOptions *options);
const KrLayoutOptions *kr_scene_get_options (KrScene *self);

/* Makes room for so many nodes and edges before any is added: a large map's arrays are made
 * once, at their size, not grown step by step. */
void kr_scene_reserve (KrScene *self, guint n_nodes, guint n_edges);
/* Takes ownership of the vertices/points arrays and of the link label's text. */
guint kr_scene_add_node (KrScene *self, const KrSceneNode *node);
guint kr_scene_add_edge (KrScene *self, const KrSceneEdge *edge);

guint kr_scene_get_n_nodes (KrScene *self);
const KrSceneNode *kr_scene_get_node (KrScene *self, guint index);
guint kr_scene_get_n_edges (KrScene *self);
const KrSceneEdge *kr_scene_get_edge (KrScene *self, guint index);

/* The scene node of an entity or of a deal hub, or -1 when not in the scene. */
int kr_scene_find_entity (KrScene *self, guint entity);
int kr_scene_find_deal_hub (KrScene *self, guint deal);
/* The node showing entity or deal hub @index of @dataset: the scene's own dataset, or another
 * version of it, whose records are matched by id. -1 when not shown. */
int kr_scene_find_record (KrScene *self, KrDataset *dataset, KrSceneNodeType type, guint index);

/* What lies under (x, y), scene coordinates; edges count within @tolerance points. */
KrHit kr_scene_hit_test (KrScene *self, double x, double y, double tolerance);

KrRect kr_scene_node_bounds (const KrSceneNode *node);
/* The rectangle a link label takes, in scene coordinates. */
KrRect kr_scene_link_label_bounds (const KrSceneLinkLabel *label);

/* Evaluates one cubic segment at t. */
KrPoint kr_bezier_point (const KrPoint *p, double t);

G_END_DECLS
