/* kr-filter-apply.c — what a filter shows of a dataset, worked out stage by stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-filter-private.h"
#include "kr-paths.h"

/* ---- time ------------------------------------------------------------------------------ */

/* A partial date as the first or the last day it can mean, comparable as a string. */
static void
date_first (const char *date, char out[11])
{
  g_strlcpy (out, "0000-01-01", 11);
  memcpy (out, date, strlen (date));
}

static void
date_last (const char *date, char out[11])
{
  g_strlcpy (out, "0000-12-31", 11);
  memcpy (out, date, strlen (date));
}

/* Whether the deal's time, from its date to its end (or its date alone), meets [from, to]
 * (either may be NULL). Undated deals cannot be placed in time and always meet it. */
static gboolean
deal_meets (const KrDeal *deal, const char *from, const char *to)
{
  char start[11], finish[11], bound[11];

  if (deal->date == NULL)
    return TRUE;
  date_first (deal->date, start);
  date_last (deal->end != NULL ? deal->end : deal->date, finish);
  if (to != NULL)
    {
      date_last (to, bound);
      if (strcmp (start, bound) > 0)
        return FALSE;
    }
  if (from != NULL)
    {
      date_first (from, bound);
      if (strcmp (finish, bound) < 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the deal was under way on @date: started by then and not ended before. */
static gboolean
deal_under_way (const KrDeal *deal, const char *date)
{
  char start[11], bound[11];

  if (deal->date != NULL)
    {
      date_first (deal->date, start);
      date_last (date, bound);
      if (strcmp (start, bound) > 0)
        return FALSE;
    }
  if (deal->end != NULL)
    {
      date_last (deal->end, start);
      date_first (date, bound);
      if (strcmp (start, bound) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
published_by (KrDataset *dataset, const KrEvidence *evidence, guint n, const char *date)
{
  char published[11], bound[11];

  date_last (date, bound);
  for (guint i = 0; i < n; i++)
    {
      const KrArticle *a = kr_dataset_get_article (dataset, evidence[i].article);
      if (a->date == NULL)
        continue;
      date_first (a->date, published);
      if (strcmp (published, bound) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- stages ---------------------------------------------------------------------------- */

static gboolean
find_entity (KrDataset *dataset, const char *id, guint *index, GError **error)
{
  int i = kr_dataset_find_entity (dataset, id);

  if (i < 0)
    {
      g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                   _ ("The dataset has no entity with the id “%s”"), id);
      return FALSE;
    }
  *index = (guint)i;
  return TRUE;
}

static gboolean
in_strv (char **strv, const char *s)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (s != NULL && g_ascii_strcasecmp (strv[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* A deal is shown when at least two of its parties are (as the diagram draws it: those who
 * urged it hang off a deal, they are not one of its ends). */
static void
drop_lonely_deals (KrDataset *dataset, const gboolean *entities, gboolean *deals)
{
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      guint n = 0;
      for (guint i = 0; deals[k] && i < d->n_parties; i++)
        n += entities[d->parties[i].entity] ? 1 : 0;
      deals[k] = deals[k] && n >= 2;
    }
}

static void
keep_entities_with_deals (KrDataset *dataset, gboolean *entities, const gboolean *deals,
                          const gboolean *keep_anyway)
{
  guint n_e = kr_dataset_get_n_entities (dataset);
  g_autofree gboolean *used = kr_dataset_new_entity_flags (dataset);
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    if (deals[k])
      {
        kr_deal_participants (kr_dataset_get_deal (dataset, k), people);
        for (guint i = 0; i < people->len; i++)
          used[g_array_index (people, guint, i)] = TRUE;
      }
  for (guint e = 0; e < n_e; e++)
    entities[e] = entities[e] && (used[e] || (keep_anyway != NULL && keep_anyway[e]));
}

/* What the stages share: the filter, the dataset, and the flags they narrow in turn. */
typedef struct
{
  const KrFilter *f;
  KrDataset *dataset;
  guint n_entities, n_deals;
  gboolean *entities;
  gboolean *deals;
  gboolean *wanted_articles; /* NULL when the filter names no article */
  guint focus, path_a, path_b;
  KrIncidence inc; /* filled for the stages that walk */
} Apply;

/* Everything the filter names must exist, and every date be a date. */
static gboolean
stage_resolve (Apply *a, GError **error)
{
  const KrFilter *f = a->f;

  if (!kr_filter_check_date (f->from, "from", error) || !kr_filter_check_date (f->to, "to", error)
      || !kr_filter_check_date (f->as_of, _ ("as of"), error)
      || !kr_filter_check_date (f->as_reported, _ ("as reported"), error))
    return FALSE;
  if (f->articles != NULL)
    {
      a->wanted_articles = kr_dataset_new_article_flags (a->dataset);
      for (guint i = 0; f->articles[i] != NULL; i++)
        {
          int k = kr_dataset_find_article (a->dataset, f->articles[i]);
          if (k < 0)
            {
              g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                           _ ("The dataset has no article with the id “%s”"), f->articles[i]);
              return FALSE;
            }
          a->wanted_articles[k] = TRUE;
        }
    }
  if (f->focus != NULL && !find_entity (a->dataset, f->focus, &a->focus, error))
    return FALSE;
  if (f->path_from != NULL
      && (!find_entity (a->dataset, f->path_from, &a->path_a, error)
          || !find_entity (a->dataset, f->path_to ? f->path_to : "", &a->path_b, error)))
    return FALSE;
  if (f->focus != NULL || f->path_from != NULL)
    kr_incidence_init (&a->inc, a->dataset);
  return TRUE;
}

/* Entities by what they are; the ends of a focus or a path stay, whatever they are. */
static gboolean
stage_entities (Apply *a, GError **error)
{
  const KrFilter *f = a->f;

  for (guint e = 0; e < a->n_entities; e++)
    {
      const KrEntity *en = kr_dataset_get_entity (a->dataset, e);
      a->entities[e] = (f->entity_kinds == 0 || (f->entity_kinds & (1u << en->kind)))
                       && (f->countries == NULL || in_strv (f->countries, en->country));
    }
  if (f->focus != NULL)
    a->entities[a->focus] = TRUE;
  if (f->path_from != NULL)
    a->entities[a->path_a] = a->entities[a->path_b] = TRUE;
  return TRUE;
}

/* Deals by what they are, when, and who reported them. */
static gboolean
stage_deals (Apply *a, GError **error)
{
  const KrFilter *f = a->f;

  for (guint k = 0; k < a->n_deals; k++)
    {
      const KrDeal *d = kr_dataset_get_deal (a->dataset, k);
      gboolean shown
          = (f->deal_kinds == 0 || (f->deal_kinds & (1u << d->kind)))
            && (f->statuses == 0 || (f->statuses & (1u << d->status)))
            && deal_meets (d, f->from, f->to) && (f->as_of == NULL || deal_under_way (d, f->as_of))
            && (f->as_reported == NULL
                || published_by (a->dataset, d->evidence, d->n_evidence, f->as_reported));
      if (shown && a->wanted_articles != NULL)
        {
          shown = FALSE;
          for (guint i = 0; i < d->n_evidence && !shown; i++)
            shown = a->wanted_articles[d->evidence[i].article];
        }
      a->deals[k] = shown;
    }
  drop_lonely_deals (a->dataset, a->entities, a->deals);
  return TRUE;
}

/* As reported: an entity appears when an article by then mentions it or one of its deals. */
static gboolean
stage_reported (Apply *a, GError **error)
{
  g_autofree gboolean *reported = NULL;

  if (a->f->as_reported == NULL)
    return TRUE;
  reported = kr_dataset_new_entity_flags (a->dataset);
  for (guint e = 0; e < a->n_entities; e++)
    {
      const KrEntity *en = kr_dataset_get_entity (a->dataset, e);
      reported[e] = published_by (a->dataset, en->evidence, en->n_evidence, a->f->as_reported);
    }
  keep_entities_with_deals (a->dataset, a->entities, a->deals, reported);
  return TRUE;
}

/* Chosen articles: what they evidence, entities included. */
static gboolean
stage_articles (Apply *a, GError **error)
{
  g_autofree gboolean *cited = NULL;

  if (a->wanted_articles == NULL)
    return TRUE;
  cited = kr_dataset_new_entity_flags (a->dataset);
  for (guint e = 0; e < a->n_entities; e++)
    {
      const KrEntity *en = kr_dataset_get_entity (a->dataset, e);
      for (guint i = 0; i < en->n_evidence && !cited[e]; i++)
        cited[e] = a->wanted_articles[en->evidence[i].article];
    }
  keep_entities_with_deals (a->dataset, a->entities, a->deals, cited);
  return TRUE;
}

/* Focus: the neighbourhood, up to depth deals away. */
static gboolean
stage_focus (Apply *a, GError **error)
{
  guint depth = CLAMP (a->f->depth, 1, KR_FILTER_MAX_DEPTH);
  g_autofree guint *dist = NULL;

  if (a->f->focus == NULL)
    return TRUE;
  dist = kr_incidence_distances (a->dataset, &a->inc, a->focus, a->entities, a->deals, depth);
  for (guint e = 0; e < a->n_entities; e++)
    a->entities[e] = a->entities[e] && dist[e] != KR_UNREACHED;
  drop_lonely_deals (a->dataset, a->entities, a->deals);
  return TRUE;
}

/* Path: the entities and deals on the shortest chains between the two. */
static gboolean
stage_path (Apply *a, GError **error)
{
  if (a->f->path_from == NULL)
    return TRUE;
  if (a->path_a == a->path_b)
    {
      g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                   _ ("A path needs two different entities"));
      return FALSE;
    }
  /* Every chain, however many are equally short: the union of them, not a list. */
  if (!kr_incidence_mark_shortest_paths (a->dataset, &a->inc, a->path_a, a->path_b, a->entities,
                                         a->deals))
    {
      g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_NO_PATH,
                   _ ("No chain of deals shown connects %s and %s"),
                   kr_dataset_get_entity (a->dataset, a->path_a)->name,
                   kr_dataset_get_entity (a->dataset, a->path_b)->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
stage_isolated (Apply *a, GError **error)
{
  if (!a->f->hide_isolated)
    return TRUE;
  drop_lonely_deals (a->dataset, a->entities, a->deals);
  keep_entities_with_deals (a->dataset, a->entities, a->deals, NULL);
  return TRUE;
}

/* In this order: what each stage narrows, the next one starts from. */
static gboolean (*const stages[]) (Apply *, GError **) = {
  stage_resolve,  stage_entities, stage_deals, stage_reported,
  stage_articles, stage_focus,    stage_path,  stage_isolated,
};

gboolean
kr_filter_apply (const KrFilter *f, KrDataset *dataset, gboolean *entities, gboolean *deals,
                 GError **error)
{
  Apply a = {
    .f = f, .dataset = dataset, .entities = entities, .deals = deals, .inc = KR_INCIDENCE_INIT
  };
  gboolean ok = TRUE;

  g_return_val_if_fail (f != NULL && dataset != NULL && entities != NULL && deals != NULL, FALSE);
  a.n_entities = kr_dataset_get_n_entities (dataset);
  a.n_deals = kr_dataset_get_n_deals (dataset);
  for (guint i = 0; i < G_N_ELEMENTS (stages) && ok; i++)
    ok = stages[i](&a, error);
  g_free (a.wanted_articles);
  kr_incidence_clear (&a.inc);
  return ok;
}
