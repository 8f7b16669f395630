/* kr-evidence-card.h — one news excerpt, with its article and what can be done with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_EVIDENCE_CARD (kr_evidence_card_get_type ())
G_DECLARE_FINAL_TYPE (KrEvidenceCard, kr_evidence_card, KR, EVIDENCE_CARD, GtkBox)

/* The card of @evidence, an excerpt from @dataset, with every occurrence of @names (nullable)
 * in bold. Open Article and Copy Citation run the actions win.open-url and win.copy-citation. */
GtkWidget *kr_evidence_card_new (KrDataset *dataset, const KrEvidence *evidence, GPtrArray *names);

/* Appends to @box the card of each of the @n excerpts in @evidence. */
void kr_evidence_card_append_each (GtkBox *box, KrDataset *dataset, const KrEvidence *evidence,
                                   guint n, GPtrArray *names);

G_END_DECLS
