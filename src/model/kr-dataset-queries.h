/* kr-dataset-queries.h — what an article evidences, what an entity takes part in
 *
 * The questions the side panel and the window ask of a dataset, answered once here. Indices
 * are returned as GArrays of guint, in the dataset's order unless said otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* The deals that article @article evidences. */
GArray *kr_dataset_list_article_deals (KrDataset *dataset, guint article);

/* The entities that article @article describes: those whose own excerpts cite it. */
GArray *kr_dataset_list_article_entities (KrDataset *dataset, guint article);

/* Everything article @article brings out on the map: its deals in @deals, and in @entities
 * the parties to those deals and the entities it describes, each once. */
void kr_dataset_list_evidenced_by (KrDataset *dataset, guint article, GArray **entities,
                                   GArray **deals);

/* The articles, newest first: those of the same date in the dataset's order, the undated ones
 * last. Dates compare as written, so a partial date ("2023") comes after the fuller dates that
 * begin with it ("2023-01"). */
GArray *kr_dataset_list_articles_by_date (KrDataset *dataset);

/* How many deals each article evidences: an array of one count per article, to free. */
guint *kr_dataset_count_deals_per_article (KrDataset *dataset);

/* The deals @entity is a party to or proposed, grouped by kind and, within a kind, by status
 * (both in their vocabularies' order), in the dataset's order within each group. */
GArray *kr_dataset_list_entity_deals (KrDataset *dataset, guint entity);

/* How many articles mention @entity: its own excerpts and those of the deals it takes part in. */
guint kr_dataset_count_entity_articles (KrDataset *dataset, guint entity);

/* The names by which excerpts refer to who they are about: the name and aliases of @entity,
 * or of every party to @deal and everyone who proposed it. The strings belong to the dataset. */
GPtrArray *kr_dataset_list_entity_names (KrDataset *dataset, guint entity);
GPtrArray *kr_dataset_list_deal_names (KrDataset *dataset, guint deal);

/* Every date the dataset gives (deals' dates and ends, articles' dates), each once, in
 * order; cut to months, then to years, when there are more than @max. */
char **kr_dataset_list_dates (KrDataset *dataset, guint max);

G_END_DECLS
