/* kr-draft.h — a quick first placement of a large map, shown while Graphviz lays it out in full
 *
 * The most connected nodes (the hubs) each get a disc as large as the nodes they lead to will
 * fill; the discs are packed side by side, those that deal with each other together, and every
 * other node is placed in its hub's disc, on a sunflower spiral, the nearest first. Lines are
 * straight, from box to box. No Graphviz: at 100 000 entities this takes a fraction of a second
 * where sfdp takes many minutes, and gives a map whose hubs are apart and whose neighbourhoods
 * are together, which the full layout refines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-layout-input.h"
#include "kr-layout-output.h"

G_BEGIN_DECLS

/* Places every node of @input, in time linear in its size. */
KrLayoutOutput *kr_draft_layout (const KrLayoutInput *input);

/* The outline Graphviz would give @shape in a box of @w × @h, near enough where Graphviz does
 * not draw it: y down, relative to the centre. NULL for the shapes drawn without vertices. */
KrPoint *kr_draft_outline (KrGvShape shape, double w, double h, guint *n);
/* Sets @out to a straight line from @a to @b, ending in an arrowhead when @directed and the
 * line is long enough to show one. */
void kr_draft_line (KrPoint a, KrPoint b, gboolean directed, KrOutputEdge *out);

G_END_DECLS
