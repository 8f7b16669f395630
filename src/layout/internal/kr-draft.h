/* kr-draft.h — a quick first placement of a large map, shown while Graphviz lays it out in full
 *
 * Graphviz lays out only the most connected nodes (the hubs), each as large as the disc that
 * the nodes it leads to will fill; every other node is then placed in its hub's disc, on a
 * sunflower spiral, the nearest first. Lines are straight, from box to box. At 100 000 entities
 * this takes seconds where sfdp takes many minutes, and gives a map whose hubs are apart and
 * whose neighbourhoods are together, which the full layout refines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-layout-input.h"
#include "kr-layout-output.h"

G_BEGIN_DECLS

/* How many hubs Graphviz places for a draft, at most: one node in eight is a hub up to there. */
#define KR_DRAFT_HUBS 1500

typedef struct _KrDraft KrDraft;

/* Chooses the hubs of @input and which hub each other node goes around. */
KrDraft *kr_draft_new (const KrLayoutInput *input);
/* The graph of the hubs, for Graphviz (sfdp), owned by @draft. */
const KrLayoutInput *kr_draft_get_hubs (const KrDraft *draft);
/* Places every node of @input around the hubs where @hubs (a layout of the hubs' graph) puts
 * them. */
KrLayoutOutput *kr_draft_place (const KrDraft *draft, const KrLayoutInput *input,
                                const KrLayoutOutput *hubs);
void kr_draft_free (KrDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrDraft, kr_draft_free)

G_END_DECLS
