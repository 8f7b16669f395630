/* kr-filter.h — which entities and deals a view of the dataset shows
 *
 * A filter narrows the map: by kinds, statuses, countries, source articles and dates; to one
 * entity's neighbourhood; to the shortest chains of deals between two entities; to the map
 * as of a date, or as the articles had reported it by a date. The window and `--export`
 * use the same filter, so both show the same view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_FILTER_ERROR (kr_filter_error_quark ())

typedef enum
{
  KR_FILTER_ERROR_INVALID, /* a term, value, id or date that is not understood */
  KR_FILTER_ERROR_NO_PATH, /* the two entities of a path are not connected */
} KrFilterError;

GQuark kr_filter_error_quark (void);

#define KR_FILTER_MAX_DEPTH 3

typedef struct
{
  guint32 deal_kinds;     /* a bit per KrDealKind; 0 shows every kind */
  guint32 statuses;       /* a bit per KrDealStatus; 0 shows every status */
  guint32 entity_kinds;   /* a bit per KrEntityKind; 0 shows every kind */
  char **countries;       /* NULL shows every country */
  char **articles;        /* article ids: only what they evidence; NULL for all */
  char *from, *to;        /* deals dated within, inclusive; NULL leaves it open */
  gboolean hide_isolated; /* entities with no deal shown are left out */
  char *focus;            /* entity id: only its neighbourhood … */
  guint depth;            /* … this many deals away (1 to 3) */
  char *path_from;        /* entity ids: only the shortest chains of deals between them */
  char *path_to;
  char *as_of;       /* a date: deals under way then (started, not ended) */
  char *as_reported; /* a date: what articles published by then evidence */
} KrFilter;

/* The empty filter, which shows everything. Every KrFilter starts as this where it is declared:
 *   g_auto (KrFilter) filter = KR_FILTER_INIT;  */
#define KR_FILTER_INIT { .depth = 1 }

void kr_filter_init (KrFilter *filter);
void kr_filter_clear (KrFilter *filter);
void kr_filter_copy (KrFilter *dest, const KrFilter *src);
gboolean kr_filter_is_empty (const KrFilter *filter);

/* Adds one term as the command line's --filter gives it: "deal-kind=alliance,investment",
 * "status=…", "entity-kind=…", "country=JP,FR", "article=ID,…", "from=DATE", "to=DATE",
 * or "hide-isolated". Values of a key already given are added to. */
gboolean kr_filter_parse_term (KrFilter *filter, const char *term, GError **error);

/* The kinds, statuses, countries, articles, dates and hide-isolated of @filter as --filter
 * terms joined by ';', which kr_filter_parse_term() reads back one by one; "" when none. */
char *kr_filter_terms_to_string (const KrFilter *filter);

/* Fills @entities (one flag per entity) and @deals (one per deal) with what @filter shows
 * of @dataset. Fails on ids or dates the dataset does not have, and when the two ends of a
 * path are not connected by the deals shown. */
gboolean kr_filter_apply (const KrFilter *filter, KrDataset *dataset, gboolean *entities,
                          gboolean *deals, GError **error);

/* The shortest chains of deals from entity @from to entity @to, using only deals flagged in
 * @allowed (NULL: all). Each chain is a GArray of guint: entity, deal, entity, …, entity.
 * At most @max chains, in a stable order; an empty array when they are not connected. */
GPtrArray *kr_dataset_shortest_paths (KrDataset *dataset, guint from, guint to,
                                      const gboolean *allowed, guint max);

/* Every date the dataset gives (deals' dates and ends, articles' dates), each once, in
 * order; cut to months, then to years, when there are more than @max. */
char **kr_dataset_list_dates (KrDataset *dataset, guint max);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KrFilter, kr_filter_clear)

G_END_DECLS
