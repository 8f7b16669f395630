/* kr-entity-chooser.h — picking one entity of a dataset by typing part of its name
 *
 * A search entry over a list of the entities that match what is typed (all of them, in the
 * dataset's order, while nothing is), the first selected. Up and Down move the selection
 * from the entry; Enter, or a click on a row, chooses ("chosen"); Escape gives up
 * ("cancelled").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_ENTITY_CHOOSER (kr_entity_chooser_get_type ())
G_DECLARE_FINAL_TYPE (KrEntityChooser, kr_entity_chooser, KR, ENTITY_CHOOSER, GtkBox)

/* A chooser among @dataset's entities but those @n @left_out. */
GtkWidget *kr_entity_chooser_new (KrDataset *dataset, const guint *left_out, guint n);

/* The entity selected, or -1; "notify::selected" says when it changes. */
int kr_entity_chooser_get_selected (KrEntityChooser *self);

/* Moves keyboard focus to the search entry. */
void kr_entity_chooser_focus (KrEntityChooser *self);

G_END_DECLS
