/* kr-dataset-queries.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset-queries"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kr-dataset-queries.h"

static GArray *
index_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint));
}

GArray *
kr_dataset_list_article_deals (KrDataset *dataset, guint article)
{
  GArray *deals;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (article < kr_dataset_get_n_articles (dataset), NULL);

  deals = index_array ();
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      if (kr_evidence_cites (d->evidence, d->n_evidence, article))
        g_array_append_val (deals, k);
    }
  return deals;
}

GArray *
kr_dataset_list_article_entities (KrDataset *dataset, guint article)
{
  GArray *entities;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (article < kr_dataset_get_n_articles (dataset), NULL);

  entities = index_array ();
  for (guint e = 0; e < kr_dataset_get_n_entities (dataset); e++)
    {
      const KrEntity *en = kr_dataset_get_entity (dataset, e);
      if (kr_evidence_cites (en->evidence, en->n_evidence, article))
        g_array_append_val (entities, e);
    }
  return entities;
}

void
kr_dataset_list_evidenced_by (KrDataset *dataset, guint article, GArray **entities, GArray **deals)
{
  guint n_entities;
  g_autofree gboolean *brought_out = NULL;
  g_autoptr (GArray) described = NULL;

  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (article < kr_dataset_get_n_articles (dataset));
  g_return_if_fail (entities != NULL && deals != NULL);

  n_entities = kr_dataset_get_n_entities (dataset);
  brought_out = g_new0 (gboolean, MAX (n_entities, 1));
  *deals = kr_dataset_list_article_deals (dataset, article);
  for (guint i = 0; i < (*deals)->len; i++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, g_array_index (*deals, guint, i));
      for (guint p = 0; p < d->n_parties; p++)
        brought_out[d->parties[p].entity] = TRUE;
    }
  described = kr_dataset_list_article_entities (dataset, article);
  for (guint i = 0; i < described->len; i++)
    brought_out[g_array_index (described, guint, i)] = TRUE;

  *entities = index_array ();
  for (guint e = 0; e < n_entities; e++)
    if (brought_out[e])
      g_array_append_val (*entities, e);
}

static int
compare_newest_first (gconstpointer a, gconstpointer b, gpointer dataset)
{
  guint i = *(const guint *)a, j = *(const guint *)b;
  const char *d = kr_dataset_get_article (dataset, i)->date;
  const char *e = kr_dataset_get_article (dataset, j)->date;
  int order = (d == NULL) - (e == NULL);

  if (d != NULL && e != NULL)
    order = strcmp (e, d);
  return order != 0 ? order : (i < j ? -1 : i > j);
}

GArray *
kr_dataset_list_articles_by_date (KrDataset *dataset)
{
  GArray *articles;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);

  articles = index_array ();
  for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
    g_array_append_val (articles, a);
  g_array_sort_with_data (articles, compare_newest_first, dataset);
  return articles;
}

guint *
kr_dataset_count_deals_per_article (KrDataset *dataset)
{
  guint n_articles;
  guint *counts;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);

  n_articles = kr_dataset_get_n_articles (dataset);
  counts = g_new0 (guint, MAX (n_articles, 1));
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      /* A deal counts once for each article, however many excerpts it takes from it. */
      for (guint i = 0; i < d->n_evidence; i++)
        if (!kr_evidence_cites (d->evidence, i, d->evidence[i].article))
          counts[d->evidence[i].article]++;
    }
  return counts;
}

static int
compare_by_kind_and_status (gconstpointer a, gconstpointer b, gpointer dataset)
{
  guint i = *(const guint *)a, j = *(const guint *)b;
  const KrDeal *d = kr_dataset_get_deal (dataset, i);
  const KrDeal *e = kr_dataset_get_deal (dataset, j);

  if (d->kind != e->kind)
    return d->kind < e->kind ? -1 : 1;
  if (d->status != e->status)
    return d->status < e->status ? -1 : 1;
  return i < j ? -1 : i > j;
}

GArray *
kr_dataset_list_entity_deals (KrDataset *dataset, guint entity)
{
  GArray *deals;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (entity < kr_dataset_get_n_entities (dataset), NULL);

  deals = index_array ();
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    if (kr_deal_involves (kr_dataset_get_deal (dataset, k), entity))
      g_array_append_val (deals, k);
  g_array_sort_with_data (deals, compare_by_kind_and_status, dataset);
  return deals;
}

static void
mark_articles (gboolean *mentioned, const KrEvidence *evidence, guint n)
{
  for (guint i = 0; i < n; i++)
    mentioned[evidence[i].article] = TRUE;
}

guint
kr_dataset_count_entity_articles (KrDataset *dataset, guint entity)
{
  const KrEntity *e;
  g_autofree gboolean *mentioned = NULL;
  guint n = 0;

  g_return_val_if_fail (KR_IS_DATASET (dataset), 0);
  g_return_val_if_fail (entity < kr_dataset_get_n_entities (dataset), 0);

  e = kr_dataset_get_entity (dataset, entity);
  mentioned = g_new0 (gboolean, MAX (kr_dataset_get_n_articles (dataset), 1));
  mark_articles (mentioned, e->evidence, e->n_evidence);
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      if (kr_deal_involves (d, entity))
        mark_articles (mentioned, d->evidence, d->n_evidence);
    }
  for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
    n += mentioned[a] ? 1 : 0;
  return n;
}

static void
add_names (GPtrArray *names, const KrEntity *entity)
{
  g_ptr_array_add (names, (gpointer)entity->name);
  for (guint i = 0; i < entity->n_aliases; i++)
    g_ptr_array_add (names, (gpointer)entity->aliases[i]);
}

GPtrArray *
kr_dataset_list_entity_names (KrDataset *dataset, guint entity)
{
  GPtrArray *names;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (entity < kr_dataset_get_n_entities (dataset), NULL);

  names = g_ptr_array_new ();
  add_names (names, kr_dataset_get_entity (dataset, entity));
  return names;
}

GPtrArray *
kr_dataset_list_deal_names (KrDataset *dataset, guint deal)
{
  const KrDeal *d;
  GPtrArray *names;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (deal < kr_dataset_get_n_deals (dataset), NULL);

  d = kr_dataset_get_deal (dataset, deal);
  names = g_ptr_array_new ();
  for (guint i = 0; i < d->n_parties; i++)
    add_names (names, kr_dataset_get_entity (dataset, d->parties[i].entity));
  for (guint i = 0; i < d->n_proposed_by; i++)
    add_names (names, kr_dataset_get_entity (dataset, d->proposed_by[i]));
  return names;
}

static void
add_date (GHashTable *set, const char *date, gsize length)
{
  if (date != NULL)
    g_hash_table_add (set, g_strndup (date, MIN (strlen (date), length)));
}

static int
compare_dates (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

char **
kr_dataset_list_dates (KrDataset *dataset, guint max)
{
  /* Whole dates, then months (YYYY-MM), then years. */
  static const gsize lengths[] = { 10, 7, 4 };
  GHashTable *set = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      g_clear_pointer (&set, g_hash_table_unref);
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
        {
          const KrDeal *d = kr_dataset_get_deal (dataset, k);
          add_date (set, d->date, lengths[l]);
          add_date (set, d->end, lengths[l]);
        }
      for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
        add_date (set, kr_dataset_get_article (dataset, a)->date, lengths[l]);
      if (g_hash_table_size (set) <= max)
        break;
    }
  {
    guint n = 0;
    char **dates = (char **)g_hash_table_get_keys_as_array (set, &n);
    char **copy = g_new0 (char *, n + 1);
    qsort (dates, n, sizeof (char *), compare_dates);
    for (guint i = 0; i < n; i++)
      copy[i] = g_strdup (dates[i]);
    g_free (dates);
    g_hash_table_unref (set);
    return copy;
  }
}
