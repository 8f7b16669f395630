/* kr-evidence-sides.h — the two sides of a disagreement between sources, laid out so that it
 * is seen, not scrolled to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-enums.h"

G_BEGIN_DECLS

#define KR_TYPE_EVIDENCE_SIDES (kr_evidence_sides_get_type ())
G_DECLARE_FINAL_TYPE (KrEvidenceSides, kr_evidence_sides, KR, EVIDENCE_SIDES, GtkWidget)

/* Empty sides: what supports a deal and what disputes or qualifies it. When there is room for
 * two columns they stand side by side; otherwise they share one column, where what disputes
 * comes right after the first supporting excerpt and the rest of the support follows. */
GtkWidget *kr_evidence_sides_new (void);

/* Adds @card (an excerpt's card, whose floating reference is taken) below the others of its
 * side, given by @stance. */
void kr_evidence_sides_append (KrEvidenceSides *self, GtkWidget *card, KrStance stance);

G_END_DECLS
