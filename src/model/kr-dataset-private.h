/* kr-dataset-private.h — shared between the dataset and its builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

struct _KrDataset
{
  GObject parent_instance;

  GStringChunk *strings; /* every string of the dataset, unless its builder gave them */
  GPtrArray *kept;       /* what its strings are in when its builder gave them, or NULL */
  gsize string_bytes;    /* what its strings take */
  const char *title;
  const char *description;
  char **left_out; /* what the reader left out of the file, for people */

  KrArticle *articles;
  guint n_articles;
  KrEntity *entities;
  guint n_entities;
  KrDeal *deals;
  guint n_deals;

  /* id → index + 1, one table per record type */
  GHashTable *article_ids;
  GHashTable *entity_ids;
  GHashTable *deal_ids;

  /* Each article's text as quotes are looked for in it, normalised when first asked for
   * (kr-article-text.c), by the main thread that shows and checks quotes; NULL until then. */
  char **quote_texts;

  /* A version made by an edit (kr-editor-draft.c) owns only its record lists and indices: its
   * records' strings and lists are those of the datasets it shares, the one read and what each
   * edit since added. NULL for a dataset that owns them all. */
  GPtrArray *shares;
  GBytes *lists[3];       /* a version's articles, entities and deals: NULL, the ones read */
  GPtrArray *allocations; /* more lists that the records of the versions sharing it point to */
  gsize own_bytes;        /* what a version's own lists and indices take */
};

/* About what one entry of an index of ids takes: key, value and hash, in a table about twice
 * the entries' size. */
#define KR_DATASET_ID_BYTES (2 * (2 * sizeof (gpointer) + sizeof (guint)))

G_END_DECLS
