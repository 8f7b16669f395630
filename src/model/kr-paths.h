/* kr-paths.h — walks over the deals that join entities: neighbourhoods and shortest chains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* The shortest chains of deals from entity @from to entity @to, using only deals flagged in
 * @allowed (NULL: all). Each chain is a GArray of guint: entity, deal, entity, …, entity.
 * At most @max chains, in a stable order; an empty array when they are not connected. */
GPtrArray *kr_dataset_shortest_paths (KrDataset *dataset, guint from, guint to,
                                      const gboolean *allowed, guint max);

/* Everyone a deal joins: its parties and those who urged or proposed it, into @out. */
void kr_deal_participants (const KrDeal *deal, GArray *out);

/* The deals of every entity, for walks that go from entity to entity. */
typedef struct
{
  guint n_entities;
  guint *offsets; /* n_entities + 1 */
  guint *deals;   /* the deals of entity e: deals[offsets[e] .. offsets[e + 1]) */
} KrIncidence;

#define KR_INCIDENCE_INIT                                                                          \
  {                                                                                                \
    0                                                                                              \
  }
#define KR_UNREACHED G_MAXUINT

void kr_incidence_init (KrIncidence *inc, KrDataset *dataset);
void kr_incidence_clear (KrIncidence *inc);

/* Breadth-first distances from @source, in deals, over deals in @deals and entities in
 * @entities (either NULL for all), stopping at @limit; KR_UNREACHED where it does not reach. */
guint *kr_incidence_distances (KrDataset *dataset, const KrIncidence *inc, guint source,
                               const gboolean *entities, const gboolean *deals, guint limit);

/* As kr_dataset_shortest_paths(), through the entities in @entities and deals in @deals. */
GPtrArray *kr_incidence_shortest_paths (KrDataset *dataset, const KrIncidence *inc, guint from,
                                        guint to, const gboolean *entities, const gboolean *deals,
                                        guint max);

/* Keeps, of the entities in @entities and the deals in @deals, those on any of the shortest
 * chains from @from to @to, however many there are, in time linear in the size of the dataset;
 * FALSE, with the flags left as they were, when no chain joins them. */
gboolean kr_incidence_mark_shortest_paths (KrDataset *dataset, const KrIncidence *inc, guint from,
                                           guint to, gboolean *entities, gboolean *deals);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KrIncidence, kr_incidence_clear)

G_END_DECLS
