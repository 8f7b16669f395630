/* kr-hover-card.h — what an entity or a deal of the map is, at a glance
 *
 * The card that hovering shows, and that the keyboard's selection shows beside it: for an
 * entity its name, kind, country and how many deals and sources it has; for a deal its summary,
 * kind, status, figures, dates and sources, and whether they disagree. Plain text only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_HOVER_CARD (kr_hover_card_get_type ())
G_DECLARE_FINAL_TYPE (KrHoverCard, kr_hover_card, KR, HOVER_CARD, GtkBox)

GtkWidget *kr_hover_card_new (void);

/* Makes the card say what entity or deal @index of @dataset is. */
void kr_hover_card_show_entity (KrHoverCard *self, KrDataset *dataset, guint index);
void kr_hover_card_show_deal (KrHoverCard *self, KrDataset *dataset, guint index);

/* What the card says, a line for each of its lines, its facts as "key: value". */
char *kr_hover_card_get_text (KrHoverCard *self);

G_END_DECLS
