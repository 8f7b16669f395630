/* kr-article-page.h — the side panel's page about one source article and what it evidences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_TYPE_ARTICLE_PAGE (kr_article_page_get_type ())
G_DECLARE_FINAL_TYPE (KrArticlePage, kr_article_page, KR, ARTICLE_PAGE, GtkBox)

/* The article, the deals it reports and the entities it describes. Open Article and All
 * Sources run win.open-url and win.show-sources. */
GtkWidget *kr_article_page_new (KrDataset *dataset, guint article);

/* The passage selected in the article's text, verbatim, or NULL when none is. */
char *kr_article_page_get_passage (KrArticlePage *self);

G_END_DECLS
