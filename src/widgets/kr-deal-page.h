/* kr-deal-page.h — the side panel's page about one deal: who, when, how much, and what says so
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_DEAL_PAGE (kr_deal_page_get_type ())
G_DECLARE_FINAL_TYPE (KrDealPage, kr_deal_page, KR, DEAL_PAGE, GtkBox)

/* The deal's facts, parties and proposers, and its excerpts: when the sources disagree, the
 * two sides side by side if the page is wide enough, otherwise what disputes the deal right
 * after the first excerpt that supports it. */
GtkWidget *kr_deal_page_new (KrDataset *dataset, guint deal);

G_END_DECLS
