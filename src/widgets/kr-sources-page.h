/* kr-sources-page.h — the side panel's list of the dataset's source articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_SOURCES_PAGE (kr_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (KrSourcesPage, kr_sources_page, KR, SOURCES_PAGE, GtkBox)

/* Every article of @dataset with how many deals it evidences, each opening its page (action
 * win.show-article). */
GtkWidget *kr_sources_page_new (KrDataset *dataset);

G_END_DECLS
