/* kr-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kr-filter.h"

G_DEFINE_QUARK (kr - filter - error - quark, kr_filter_error)

void
kr_filter_init (KrFilter *filter)
{
  *filter = (KrFilter)KR_FILTER_INIT;
}

void
kr_filter_clear (KrFilter *filter)
{
  g_clear_pointer (&filter->countries, g_strfreev);
  g_clear_pointer (&filter->articles, g_strfreev);
  g_clear_pointer (&filter->from, g_free);
  g_clear_pointer (&filter->to, g_free);
  g_clear_pointer (&filter->focus, g_free);
  g_clear_pointer (&filter->path_from, g_free);
  g_clear_pointer (&filter->path_to, g_free);
  g_clear_pointer (&filter->as_of, g_free);
  g_clear_pointer (&filter->as_reported, g_free);
  kr_filter_init (filter);
}

void
kr_filter_copy (KrFilter *dest, const KrFilter *src)
{
  *dest = *src;
  dest->countries = g_strdupv (src->countries);
  dest->articles = g_strdupv (src->articles);
  dest->from = g_strdup (src->from);
  dest->to = g_strdup (src->to);
  dest->focus = g_strdup (src->focus);
  dest->path_from = g_strdup (src->path_from);
  dest->path_to = g_strdup (src->path_to);
  dest->as_of = g_strdup (src->as_of);
  dest->as_reported = g_strdup (src->as_reported);
}

gboolean
kr_filter_is_empty (const KrFilter *f)
{
  return f->deal_kinds == 0 && f->statuses == 0 && f->entity_kinds == 0 && f->countries == NULL
         && f->articles == NULL && f->from == NULL && f->to == NULL && !f->hide_isolated
         && f->focus == NULL && f->path_from == NULL && f->as_of == NULL && f->as_reported == NULL;
}

/* ---- parsing ------------------------------------------------------------------------- */

static char **
strv_append (char **strv, char **more)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (strv != NULL)
    g_strv_builder_addv (builder, (const char **)strv);
  g_strv_builder_addv (builder, (const char **)more);
  g_strfreev (strv);
  return g_strv_builder_end (builder);
}

static gboolean
parse_tokens (guint32 *bits, char **values, const KrVocabulary *vocabulary, const char *key,
              GError **error)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      int value = kr_vocabulary_from_token (vocabulary, values[i]);
      if (value < 0)
        {
          g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                       /* Translators: e.g. Unknown status “agred” in the filter; use one of … */
                       _ ("Unknown %s “%s” in the filter; use one of: %s"), key, values[i],
                       kr_vocabulary_tokens (vocabulary));
          return FALSE;
        }
      *bits |= 1u << value;
    }
  return TRUE;
}

static gboolean
check_date (const char *date, const char *what, GError **error)
{
  if (date == NULL || kr_date_is_valid (date))
    return TRUE;
  g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
               /* Translators: e.g. The date for “as of”, “2023-13”, is not a date; … */
               _ ("The date for “%s”, “%s”, is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"), what,
               date);
  return FALSE;
}

gboolean
kr_filter_parse_term (KrFilter *f, const char *term, GError **error)
{
  g_auto (GStrv) parts = NULL;
  g_auto (GStrv) values = NULL;
  const char *key;

  g_return_val_if_fail (f != NULL && term != NULL, FALSE);

  if (g_str_equal (term, "hide-isolated"))
    {
      f->hide_isolated = TRUE;
      return TRUE;
    }
  parts = g_strsplit (term, "=", 2);
  key = parts[0];
  if (parts[1] == NULL || parts[1][0] == '\0')
    {
      g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                   _ ("“%s” is not a filter; write KEY=VALUE[,VALUE…] with KEY one of deal-kind, "
                      "status, entity-kind, country, article, from, to, or write hide-isolated"),
                   term);
      return FALSE;
    }
  values = g_strsplit (parts[1], ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    g_strstrip (values[i]);

  if (g_str_equal (key, "deal-kind"))
    return parse_tokens (&f->deal_kinds, values, &kr_deal_kind_vocabulary, _ ("deal kind"), error);
  if (g_str_equal (key, "status"))
    return parse_tokens (&f->statuses, values, &kr_status_vocabulary, _ ("status"), error);
  if (g_str_equal (key, "entity-kind"))
    return parse_tokens (&f->entity_kinds, values, &kr_entity_kind_vocabulary, _ ("entity kind"),
                         error);
  if (g_str_equal (key, "country"))
    {
      f->countries = strv_append (f->countries, values);
      return TRUE;
    }
  if (g_str_equal (key, "article"))
    {
      f->articles = strv_append (f->articles, values);
      return TRUE;
    }
  if (g_str_equal (key, "from") || g_str_equal (key, "to"))
    {
      char **slot = g_str_equal (key, "from") ? &f->from : &f->to;
      if (!check_date (parts[1], key, error))
        return FALSE;
      g_free (*slot);
      *slot = g_strdup (parts[1]);
      return TRUE;
    }
  g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
               _ ("Unknown filter “%s”; use deal-kind, status, entity-kind, country, article, "
                  "from, to or hide-isolated"),
               key);
  return FALSE;
}

static void
append_bits (GPtrArray *terms, const char *key, guint32 bits, const KrVocabulary *vocabulary)
{
  GString *s;

  if (bits == 0)
    return;
  s = g_string_new (key);
  g_string_append_c (s, '=');
  for (guint v = 0, first = TRUE; v < kr_vocabulary_get_size (vocabulary); v++)
    if (bits & (1u << v))
      {
        g_string_append_printf (s, "%s%s", first ? "" : ",",
                                kr_vocabulary_to_token (vocabulary, v));
        first = FALSE;
      }
  g_ptr_array_add (terms, g_string_free (s, FALSE));
}

static void
append_strv (GPtrArray *terms, const char *key, char **values)
{
  g_autofree char *joined = NULL;

  if (values == NULL || values[0] == NULL)
    return;
  joined = g_strjoinv (",", values);
  g_ptr_array_add (terms, g_strdup_printf ("%s=%s", key, joined));
}

char *
kr_filter_terms_to_string (const KrFilter *f)
{
  g_autoptr (GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (f != NULL, NULL);
  append_bits (terms, "deal-kind", f->deal_kinds, &kr_deal_kind_vocabulary);
  append_bits (terms, "status", f->statuses, &kr_status_vocabulary);
  append_bits (terms, "entity-kind", f->entity_kinds, &kr_entity_kind_vocabulary);
  append_strv (terms, "country", f->countries);
  append_strv (terms, "article", f->articles);
  if (f->from != NULL)
    g_ptr_array_add (terms, g_strdup_printf ("from=%s", f->from));
  if (f->to != NULL)
    g_ptr_array_add (terms, g_strdup_printf ("to=%s", f->to));
  if (f->hide_isolated)
    g_ptr_array_add (terms, g_strdup ("hide-isolated"));
  g_ptr_array_add (terms, NULL);
  return g_strjoinv (";", (char **)terms->pdata);
}

/* ---- dates --------------------------------------------------------------------------- */

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

/* ---- graph walks --------------------------------------------------------------------- */

/* Everyone a deal joins: its parties and those who urged or proposed it. */
typedef struct
{
  guint n_entities;
  guint *offsets; /* n_entities + 1 */
  guint *deals;   /* the deals of entity e: deals[offsets[e] .. offsets[e + 1]) */
} Incidence;

static void
deal_participants (const KrDeal *d, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint i = 0; i < d->n_parties; i++)
    g_array_append_val (out, d->parties[i].entity);
  for (guint i = 0; i < d->n_proposed_by; i++)
    g_array_append_val (out, d->proposed_by[i]);
}

static void
incidence_init (Incidence *inc, KrDataset *dataset)
{
  guint n_e = kr_dataset_get_n_entities (dataset), n_d = kr_dataset_get_n_deals (dataset);
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *fill = g_new0 (guint, n_e + 1);

  inc->n_entities = n_e;
  inc->offsets = g_new0 (guint, n_e + 1);
  for (guint k = 0; k < n_d; k++)
    {
      deal_participants (kr_dataset_get_deal (dataset, k), people);
      for (guint i = 0; i < people->len; i++)
        inc->offsets[g_array_index (people, guint, i) + 1]++;
    }
  for (guint e = 0; e < n_e; e++)
    inc->offsets[e + 1] += inc->offsets[e];
  inc->deals = g_new (guint, MAX (inc->offsets[n_e], 1));
  for (guint k = 0; k < n_d; k++)
    {
      deal_participants (kr_dataset_get_deal (dataset, k), people);
      for (guint i = 0; i < people->len; i++)
        {
          guint e = g_array_index (people, guint, i);
          inc->deals[inc->offsets[e] + fill[e]++] = k;
        }
    }
}

static void
incidence_clear (Incidence *inc)
{
  g_clear_pointer (&inc->offsets, g_free);
  g_clear_pointer (&inc->deals, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Incidence, incidence_clear)

#define UNREACHED G_MAXUINT

/* Breadth-first distances from @source, in deals, over deals in @deals and entities in
 * @entities (either NULL for all), stopping at @limit. */
static guint *
distances (KrDataset *dataset, const Incidence *inc, guint source, const gboolean *entities,
           const gboolean *deals, guint limit)
{
  guint *dist = g_new (guint, MAX (inc->n_entities, 1));
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint e = 0; e < inc->n_entities; e++)
    dist[e] = UNREACHED;
  dist[source] = 0;
  g_array_append_val (queue, source);
  for (guint head = 0; head < queue->len; head++)
    {
      guint u = g_array_index (queue, guint, head);
      if (dist[u] >= limit)
        continue;
      for (guint j = inc->offsets[u]; j < inc->offsets[u + 1]; j++)
        {
          guint k = inc->deals[j];
          if (deals != NULL && !deals[k])
            continue;
          deal_participants (kr_dataset_get_deal (dataset, k), people);
          for (guint i = 0; i < people->len; i++)
            {
              guint v = g_array_index (people, guint, i);
              if (dist[v] == UNREACHED && (entities == NULL || entities[v]))
                {
                  dist[v] = dist[u] + 1;
                  g_array_append_val (queue, v);
                }
            }
        }
    }
  return dist;
}

typedef struct
{
  KrDataset *dataset;
  const Incidence *inc;
  const gboolean *entities, *deals;
  const guint *from_a, *from_b;
  guint length, max;
  GPtrArray *chains;
  GArray *chain;
} PathWalk;

static gboolean
on_shortest_path (const PathWalk *w, guint e)
{
  return w->from_a[e] != UNREACHED && w->from_b[e] != UNREACHED
         && w->from_a[e] + w->from_b[e] == w->length;
}

static void
walk_chains (PathWalk *w, guint u)
{
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));

  if (w->chains->len >= w->max)
    return;
  if (w->from_b[u] == 0)
    {
      GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (guint), w->chain->len);
      g_array_append_vals (copy, w->chain->data, w->chain->len);
      g_ptr_array_add (w->chains, copy);
      return;
    }
  for (guint j = w->inc->offsets[u]; j < w->inc->offsets[u + 1]; j++)
    {
      guint k = w->inc->deals[j];
      if (w->deals != NULL && !w->deals[k])
        continue;
      deal_participants (kr_dataset_get_deal (w->dataset, k), people);
      for (guint i = 0; i < people->len; i++)
        {
          guint v = g_array_index (people, guint, i);
          gboolean seen = FALSE;
          /* A deal may list someone twice (party and proposer): one step per person. */
          for (guint p = 0; p < i && !seen; p++)
            seen = g_array_index (people, guint, p) == v;
          if (seen || (w->entities != NULL && !w->entities[v]) || !on_shortest_path (w, v)
              || w->from_a[v] != w->from_a[u] + 1)
            continue;
          g_array_append_val (w->chain, k);
          g_array_append_val (w->chain, v);
          walk_chains (w, v);
          g_array_set_size (w->chain, w->chain->len - 2);
        }
    }
}

static GPtrArray *
shortest_paths (KrDataset *dataset, const Incidence *inc, guint from, guint to,
                const gboolean *entities, const gboolean *deals, guint max)
{
  GPtrArray *chains = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autofree guint *from_a = distances (dataset, inc, from, entities, deals, UNREACHED);
  g_autofree guint *from_b = distances (dataset, inc, to, entities, deals, UNREACHED);
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));
  PathWalk w = { dataset, inc, entities, deals, from_a, from_b, from_a[to], max, chains, chain };

  if (from_a[to] == UNREACHED)
    return chains;
  g_array_append_val (chain, from);
  walk_chains (&w, from);
  return chains;
}

GPtrArray *
kr_dataset_shortest_paths (KrDataset *dataset, guint from, guint to, const gboolean *allowed,
                           guint max)
{
  g_auto (Incidence) inc = { 0 };

  g_return_val_if_fail (from < kr_dataset_get_n_entities (dataset), NULL);
  g_return_val_if_fail (to < kr_dataset_get_n_entities (dataset), NULL);
  incidence_init (&inc, dataset);
  return shortest_paths (dataset, &inc, from, to, NULL, allowed, max);
}

/* ---- applying ------------------------------------------------------------------------ */

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
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_e, 1));
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    if (deals[k])
      {
        deal_participants (kr_dataset_get_deal (dataset, k), people);
        for (guint i = 0; i < people->len; i++)
          used[g_array_index (people, guint, i)] = TRUE;
      }
  for (guint e = 0; e < n_e; e++)
    entities[e] = entities[e] && (used[e] || (keep_anyway != NULL && keep_anyway[e]));
}

gboolean
kr_filter_apply (const KrFilter *f, KrDataset *dataset, gboolean *entities, gboolean *deals,
                 GError **error)
{
  guint n_e, n_d, focus = 0, path_a = 0, path_b = 0;
  g_autofree gboolean *wanted_articles = NULL;
  g_autofree gboolean *reported = NULL;
  g_auto (Incidence) inc = { 0 };

  g_return_val_if_fail (f != NULL && dataset != NULL && entities != NULL && deals != NULL, FALSE);
  n_e = kr_dataset_get_n_entities (dataset);
  n_d = kr_dataset_get_n_deals (dataset);

  /* Everything the filter names must exist, and every date be a date. */
  if (!check_date (f->from, "from", error) || !check_date (f->to, "to", error)
      || !check_date (f->as_of, _ ("as of"), error)
      || !check_date (f->as_reported, _ ("as reported"), error))
    return FALSE;
  if (f->articles != NULL)
    {
      wanted_articles = g_new0 (gboolean, MAX (kr_dataset_get_n_articles (dataset), 1));
      for (guint i = 0; f->articles[i] != NULL; i++)
        {
          int a = kr_dataset_find_article (dataset, f->articles[i]);
          if (a < 0)
            {
              g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                           _ ("The dataset has no article with the id “%s”"), f->articles[i]);
              return FALSE;
            }
          wanted_articles[a] = TRUE;
        }
    }
  if (f->focus != NULL && !find_entity (dataset, f->focus, &focus, error))
    return FALSE;
  if (f->path_from != NULL
      && (!find_entity (dataset, f->path_from, &path_a, error)
          || !find_entity (dataset, f->path_to ? f->path_to : "", &path_b, error)))
    return FALSE;

  /* Entities by what they are. */
  for (guint e = 0; e < n_e; e++)
    {
      const KrEntity *en = kr_dataset_get_entity (dataset, e);
      entities[e] = (f->entity_kinds == 0 || (f->entity_kinds & (1u << en->kind)))
                    && (f->countries == NULL || in_strv (f->countries, en->country));
    }
  /* The ends of a focus or a path stay, whatever they are. */
  if (f->focus != NULL)
    entities[focus] = TRUE;
  if (f->path_from != NULL)
    entities[path_a] = entities[path_b] = TRUE;

  /* Deals by what they are, when, and who reported them. */
  if (f->as_reported != NULL)
    reported = g_new0 (gboolean, MAX (n_e, 1));
  for (guint k = 0; k < n_d; k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      gboolean shown = (f->deal_kinds == 0 || (f->deal_kinds & (1u << d->kind)))
                       && (f->statuses == 0 || (f->statuses & (1u << d->status)))
                       && deal_meets (d, f->from, f->to)
                       && (f->as_of == NULL || deal_under_way (d, f->as_of))
                       && (f->as_reported == NULL
                           || published_by (dataset, d->evidence, d->n_evidence, f->as_reported));
      if (shown && wanted_articles != NULL)
        {
          shown = FALSE;
          for (guint i = 0; i < d->n_evidence && !shown; i++)
            shown = wanted_articles[d->evidence[i].article];
        }
      deals[k] = shown;
    }
  drop_lonely_deals (dataset, entities, deals);

  /* As reported: an entity appears when an article by then mentions it or one of its deals. */
  if (f->as_reported != NULL)
    {
      for (guint e = 0; e < n_e; e++)
        {
          const KrEntity *en = kr_dataset_get_entity (dataset, e);
          reported[e] = published_by (dataset, en->evidence, en->n_evidence, f->as_reported);
        }
      keep_entities_with_deals (dataset, entities, deals, reported);
    }
  /* Chosen articles: what they evidence, entities included. */
  if (wanted_articles != NULL)
    {
      g_autofree gboolean *cited = g_new0 (gboolean, MAX (n_e, 1));
      for (guint e = 0; e < n_e; e++)
        {
          const KrEntity *en = kr_dataset_get_entity (dataset, e);
          for (guint i = 0; i < en->n_evidence && !cited[e]; i++)
            cited[e] = wanted_articles[en->evidence[i].article];
        }
      keep_entities_with_deals (dataset, entities, deals, cited);
    }

  if (f->focus != NULL || f->path_from != NULL)
    incidence_init (&inc, dataset);

  /* Focus: the neighbourhood, up to depth deals away. */
  if (f->focus != NULL)
    {
      guint depth = CLAMP (f->depth, 1, KR_FILTER_MAX_DEPTH);
      g_autofree guint *dist = distances (dataset, &inc, focus, entities, deals, depth);
      for (guint e = 0; e < n_e; e++)
        entities[e] = entities[e] && dist[e] != UNREACHED;
      drop_lonely_deals (dataset, entities, deals);
    }

  /* Path: the entities and deals on the shortest chains between the two. */
  if (f->path_from != NULL)
    {
      g_autoptr (GPtrArray) chains = NULL;
      g_autofree gboolean *on_entities = g_new0 (gboolean, MAX (n_e, 1));
      g_autofree gboolean *on_deals = g_new0 (gboolean, MAX (n_d, 1));

      if (path_a == path_b)
        {
          g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                       _ ("A path needs two different entities"));
          return FALSE;
        }
      chains = shortest_paths (dataset, &inc, path_a, path_b, entities, deals, 1000);
      if (chains->len == 0)
        {
          g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_NO_PATH,
                       _ ("No chain of deals shown connects %s and %s"),
                       kr_dataset_get_entity (dataset, path_a)->name,
                       kr_dataset_get_entity (dataset, path_b)->name);
          return FALSE;
        }
      for (guint c = 0; c < chains->len; c++)
        {
          GArray *chain = chains->pdata[c];
          for (guint i = 0; i < chain->len; i++)
            {
              guint v = g_array_index (chain, guint, i);
              if (i % 2 == 0)
                on_entities[v] = TRUE;
              else
                on_deals[v] = TRUE;
            }
        }
      memcpy (entities, on_entities, sizeof (gboolean) * n_e);
      memcpy (deals, on_deals, sizeof (gboolean) * n_d);
    }

  if (f->hide_isolated)
    {
      drop_lonely_deals (dataset, entities, deals);
      keep_entities_with_deals (dataset, entities, deals, NULL);
    }
  return TRUE;
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
