/* kr-entity-page.h — the side panel's page about one entity: what it is and what it takes part in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_ENTITY_PAGE (kr_entity_page_get_type ())
G_DECLARE_FINAL_TYPE (KrEntityPage, kr_entity_page, KR, ENTITY_PAGE, GtkBox)

/* What @entity is, its other names, its deals grouped by kind and status, and its excerpts.
 * Focus on It and Connect To… run win.focus and win.path-from. */
GtkWidget *kr_entity_page_new (KrDataset *dataset, guint entity);

G_END_DECLS
