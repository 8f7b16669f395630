/* kr-chains-page.h — the side panel's page of the shortest chains of deals between two entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_CHAINS_PAGE (kr_chains_page_get_type ())
G_DECLARE_FINAL_TYPE (KrChainsPage, kr_chains_page, KR, CHAINS_PAGE, GtkBox)

/* The chains of deals from entity @from to entity @to: GArrays of guint, entity, deal, entity,
 * … as kr_dataset_shortest_paths() gives them. The first few are listed, each entity and deal
 * selecting itself on the map. */
GtkWidget *kr_chains_page_new (KrDataset *dataset, guint from, guint to, GPtrArray *chains);

G_END_DECLS
