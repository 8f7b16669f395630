/* kr-paths.c — walks over the deals that join entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-paths"

#include "config.h"

#include "kr-paths.h"

void
kr_deal_participants (const KrDeal *d, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint i = 0; i < d->n_parties; i++)
    g_array_append_val (out, d->parties[i].entity);
  for (guint i = 0; i < d->n_proposed_by; i++)
    g_array_append_val (out, d->proposed_by[i]);
}

void
kr_incidence_init (KrIncidence *inc, KrDataset *dataset)
{
  guint n_e = kr_dataset_get_n_entities (dataset), n_d = kr_dataset_get_n_deals (dataset);
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *fill = g_new0 (guint, n_e + 1);

  inc->n_entities = n_e;
  inc->offsets = g_new0 (guint, n_e + 1);
  for (guint k = 0; k < n_d; k++)
    {
      kr_deal_participants (kr_dataset_get_deal (dataset, k), people);
      for (guint i = 0; i < people->len; i++)
        inc->offsets[g_array_index (people, guint, i) + 1]++;
    }
  for (guint e = 0; e < n_e; e++)
    inc->offsets[e + 1] += inc->offsets[e];
  inc->deals = g_new (guint, MAX (inc->offsets[n_e], 1));
  for (guint k = 0; k < n_d; k++)
    {
      kr_deal_participants (kr_dataset_get_deal (dataset, k), people);
      for (guint i = 0; i < people->len; i++)
        {
          guint e = g_array_index (people, guint, i);
          inc->deals[inc->offsets[e] + fill[e]++] = k;
        }
    }
}

void
kr_incidence_clear (KrIncidence *inc)
{
  g_clear_pointer (&inc->offsets, g_free);
  g_clear_pointer (&inc->deals, g_free);
}

guint *
kr_incidence_distances (KrDataset *dataset, const KrIncidence *inc, guint source,
                        const gboolean *entities, const gboolean *deals, guint limit)
{
  guint *dist = g_new (guint, MAX (inc->n_entities, 1));
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint e = 0; e < inc->n_entities; e++)
    dist[e] = KR_UNREACHED;
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
          kr_deal_participants (kr_dataset_get_deal (dataset, k), people);
          for (guint i = 0; i < people->len; i++)
            {
              guint v = g_array_index (people, guint, i);
              if (dist[v] == KR_UNREACHED && (entities == NULL || entities[v]))
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
  const KrIncidence *inc;
  const gboolean *entities, *deals;
  const guint *from_a, *from_b;
  guint length, max;
  GPtrArray *chains;
  GArray *chain;
} PathWalk;

static gboolean
on_shortest_path (const PathWalk *w, guint e)
{
  return w->from_a[e] != KR_UNREACHED && w->from_b[e] != KR_UNREACHED
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
      kr_deal_participants (kr_dataset_get_deal (w->dataset, k), people);
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

GPtrArray *
kr_incidence_shortest_paths (KrDataset *dataset, const KrIncidence *inc, guint from, guint to,
                             const gboolean *entities, const gboolean *deals, guint max)
{
  GPtrArray *chains = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autofree guint *from_a
      = kr_incidence_distances (dataset, inc, from, entities, deals, KR_UNREACHED);
  g_autofree guint *from_b
      = kr_incidence_distances (dataset, inc, to, entities, deals, KR_UNREACHED);
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));
  PathWalk w = { dataset, inc, entities, deals, from_a, from_b, from_a[to], max, chains, chain };

  if (from_a[to] == KR_UNREACHED)
    return chains;
  g_array_append_val (chain, from);
  walk_chains (&w, from);
  return chains;
}

gboolean
kr_incidence_mark_shortest_paths (KrDataset *dataset, const KrIncidence *inc, guint from, guint to,
                                  gboolean *entities, gboolean *deals)
{
  g_autofree guint *from_a
      = kr_incidence_distances (dataset, inc, from, entities, deals, KR_UNREACHED);
  g_autofree guint *from_b
      = kr_incidence_distances (dataset, inc, to, entities, deals, KR_UNREACHED);
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_deals = kr_dataset_get_n_deals (dataset);
  PathWalk w = { .from_a = from_a, .from_b = from_b, .length = from_a[to] };

  if (from_a[to] == KR_UNREACHED)
    return FALSE;
  /* A deal is on a shortest chain when it joins someone at one step of it to someone at the
   * next. Those a deal joins are at most one step apart, so the least and the greatest step
   * among its people on shortest chains say it, in time linear in the size of the dataset. */
  for (guint k = 0; k < n_deals; k++)
    {
      guint least = KR_UNREACHED, greatest = 0;

      if (!deals[k])
        continue;
      kr_deal_participants (kr_dataset_get_deal (dataset, k), people);
      for (guint i = 0; i < people->len; i++)
        {
          guint v = g_array_index (people, guint, i);
          if (!entities[v] || !on_shortest_path (&w, v))
            continue;
          least = MIN (least, from_a[v]);
          greatest = MAX (greatest, from_a[v]);
        }
      deals[k] = least != KR_UNREACHED && greatest == least + 1;
    }
  for (guint e = 0; e < inc->n_entities; e++)
    entities[e] = entities[e] && on_shortest_path (&w, e);
  return TRUE;
}

GPtrArray *
kr_dataset_shortest_paths (KrDataset *dataset, guint from, guint to, const gboolean *allowed,
                           guint max)
{
  g_auto (KrIncidence) inc = KR_INCIDENCE_INIT;

  g_return_val_if_fail (from < kr_dataset_get_n_entities (dataset), NULL);
  g_return_val_if_fail (to < kr_dataset_get_n_entities (dataset), NULL);
  kr_incidence_init (&inc, dataset);
  return kr_incidence_shortest_paths (dataset, &inc, from, to, NULL, allowed, max);
}
