/* kr-graph-shown.c — what a scene shows, for the graph writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-graph-shown"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-graph-shown.h"

void
kr_graph_shown_init (KrGraphShown *shown, KrScene *scene)
{
  KrDataset *dataset = kr_scene_get_dataset (scene);
  guint n_entities = kr_dataset_get_n_entities (dataset);
  guint n_deals = kr_dataset_get_n_deals (dataset);
  gboolean *deal_shown = g_new0 (gboolean, n_deals);

  shown->scene = scene;
  shown->dataset = dataset;
  shown->nodes = g_new (int, n_entities);
  for (guint i = 0; i < n_entities; i++)
    shown->nodes[i] = kr_scene_find_entity (scene, i);
  for (guint e = 0; e < kr_scene_get_n_edges (scene); e++)
    if (kr_scene_is_edge_shown (scene, e) && !kr_scene_get_edge (scene, e)->advocacy)
      deal_shown[kr_scene_get_edge (scene, e)->deal] = TRUE;
  shown->parties = g_new0 (GArray *, n_deals);
  for (guint d = 0; d < n_deals; d++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, d);
      GArray *parties = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint p = 0; deal_shown[d] && p < deal->n_parties; p++)
        if (shown->nodes[deal->parties[p].entity] >= 0)
          g_array_append_val (parties, p);
      if (parties->len < 2)
        g_array_set_size (parties, 0);
      shown->parties[d] = parties;
    }
  g_free (deal_shown);
}

void
kr_graph_shown_clear (KrGraphShown *shown)
{
  for (guint d = 0; d < kr_dataset_get_n_deals (shown->dataset); d++)
    g_array_unref (shown->parties[d]);
  g_free (shown->parties);
  g_free (shown->nodes);
}

GArray *
kr_graph_shown_parties (KrGraphShown *shown, guint d)
{
  const KrDeal *deal = kr_dataset_get_deal (shown->dataset, d);
  GArray *parties = shown->parties[d];

  if (parties->len == 2)
    {
      guint a = g_array_index (parties, guint, 0), b = g_array_index (parties, guint, 1);

      if (kr_role_direction (deal->parties[a].role) != KR_DIRECTION_FROM
          && kr_role_direction (deal->parties[b].role) == KR_DIRECTION_FROM)
        {
          g_array_index (parties, guint, 0) = b;
          g_array_index (parties, guint, 1) = a;
        }
    }
  return parties;
}

void
kr_graph_shown_say_left_out (GPtrArray *said, const char *format, GPtrArray *things)
{
  g_autofree char *list = NULL;

  if (things->len == 0)
    return;
  g_ptr_array_add (things, NULL);
  /* Translators: put between the things left out, as in "expected dates, who proposed" */
  list = g_strjoinv (C_ ("list separator", ", "), (char **)things->pdata);
  g_ptr_array_set_size (things, things->len - 1);
  /* Translators: the first %s is a file format, such as "GraphML" */
  g_ptr_array_add (said, g_strdup_printf (_ ("%s has no place for these, which were left out: %s."),
                                          format, list));
}
