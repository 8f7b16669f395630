/* kr-label-plan.h — which labels a view of the map shows at a zoom, and how large
 *
 * A map seen from afar cannot show every name at a readable size. At a zoom, each label is
 *   - drawn at its own size when that is legible on screen;
 *   - enlarged towards a legible size when smaller, as far as its node leaves room;
 *   - for a hub (an entity labelled larger than the rest, kr_text_label_size) whose node is
 *     too small to show its name legibly: set at a legible size on a plate over the map, the
 *     most connected first, each only where it covers no label drawn before it;
 *   - otherwise drawn in its node while it can be made out at all, and left out below that.
 * So the first view of a large map names its hubs, and the other names appear as one zooms
 * in. The labels of deals' lines, when the scene has them (KrSceneLinkLabel), are shown at their
 * own size once it is legible, each where it covers no label placed before it: every entity's
 * first. Exports show every label at its own size and need no plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-scene.h"

G_BEGIN_DECLS

/* On-screen sizes, in pixels, of a label's font. */
#define KR_LABEL_LEGIBLE_PIXELS 10.0 /* read without effort */
#define KR_LABEL_MIN_PIXELS 5.0      /* below this a label is a grey smudge: left out */

typedef enum
{
  KR_LABEL_HIDDEN,
  KR_LABEL_IN_NODE,
  KR_LABEL_ON_PLATE,
} KrLabelPlacement;

typedef struct
{
  KrLabelPlacement placement;
  double scale; /* times the label's own size (KrSceneNode.font_size) */
} KrLabel;

typedef struct _KrLabelPlan KrLabelPlan;

/* The labels of @scene's nodes seen at @zoom screen pixels per point. */
KrLabelPlan *kr_label_plan_new (KrScene *scene, double zoom);
void kr_label_plan_free (KrLabelPlan *plan);

double kr_label_plan_get_zoom (const KrLabelPlan *plan);
/* The label of scene node @node (hidden for deal hubs). */
KrLabel kr_label_plan_get (const KrLabelPlan *plan, guint node);
/* Whether the link label of scene edge @edge, or of the deal hub that is scene node @node, is
 * shown. */
gboolean kr_label_plan_shows_edge_link (const KrLabelPlan *plan, guint edge);
gboolean kr_label_plan_shows_hub_link (const KrLabelPlan *plan, guint node);
/* The scene node whose plate covers the scene point (x, y), or -1: a plate stands for its
 * node, beyond the node's own outline. */
int kr_label_plan_plate_at (const KrLabelPlan *plan, KrScene *scene, double x, double y);
/* The rectangle, in scene coordinates, that the plate of @node's label covers at @zoom when
 * the node is centred on (x, y). */
KrRect kr_label_plate_bounds (const KrSceneNode *node, KrLabel label, double zoom, double x,
                              double y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrLabelPlan, kr_label_plan_free)

G_END_DECLS
