/* kr-filter.h — which entities and deals a view of the dataset shows
 *
 * A filter narrows the map: by kinds, statuses, countries, source articles and dates; to one
 * entity's neighbourhood; to the shortest chains of deals between two entities; to the map
 * as of a date, or as the articles had reported it by a date. The window and `--export`
 * use the same filter, so both show the same view.
 *
 * Each of those is a part of the filter (KrFilterPart). One table in kr-filter.c says, for
 * every part, how it is tested, cleared, copied and described to people, and which --filter
 * terms write it; kr-filter-apply.c applies the parts as a list of stages. A new criterion is
 * a field here, a row in each of those two tables, and its tests.
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
  guint depth;            /* … this many deals away (1 to 3) … */
  gboolean radial;        /* … laid out in circles around it; goes with the focus */
  char *path_from;        /* entity ids: only the shortest chains of deals between them */
  char *path_to;
  char *as_of;       /* a date: deals under way then (started, not ended) */
  char *as_reported; /* a date: what articles published by then evidence */
} KrFilter;

/* The empty filter, which shows everything. Every KrFilter starts as this where it is declared:
 *   g_auto (KrFilter) filter = KR_FILTER_INIT;  */
#define KR_FILTER_INIT                                                                             \
  {                                                                                                \
    .depth = 1                                                                                     \
  }

/* The parts of a filter, in the order people read them (the chips above the map). */
typedef enum
{
  KR_FILTER_PART_FOCUS,
  KR_FILTER_PART_PATH,
  KR_FILTER_PART_TIME, /* as of, or as reported by, a date */
  KR_FILTER_PART_DEAL_KINDS,
  KR_FILTER_PART_STATUSES,
  KR_FILTER_PART_ENTITY_KINDS,
  KR_FILTER_PART_COUNTRIES,
  KR_FILTER_PART_ARTICLES,
  KR_FILTER_PART_DATES,
  KR_FILTER_PART_HIDE_ISOLATED,
  KR_N_FILTER_PARTS
} KrFilterPart;

void kr_filter_init (KrFilter *filter);
void kr_filter_clear (KrFilter *filter);
/* @dest is overwritten: it must hold nothing (as after KR_FILTER_INIT or kr_filter_clear). */
void kr_filter_copy (KrFilter *dest, const KrFilter *src);
gboolean kr_filter_is_empty (const KrFilter *filter);

/* A part's name in actions and saved views ("deal-kinds", "focus", …), and back (-1 when
 * unknown). */
const char *kr_filter_part_to_token (KrFilterPart part);
int kr_filter_part_from_token (const char *token);

gboolean kr_filter_has_part (const KrFilter *filter, KrFilterPart part);
void kr_filter_clear_part (KrFilter *filter, KrFilterPart part);
/* What a part shows, for people: "Around Honda", "Status: Agreed, Active", … The names come
 * from @dataset where the part names its records. NULL when @filter does not have the part. */
char *kr_filter_describe_part (const KrFilter *filter, KrFilterPart part, KrDataset *dataset);

/* Adds one term as the command line's --filter gives it: "deal-kind=alliance,investment",
 * "status=…", "entity-kind=…", "country=JP,FR", "article=ID,…", "from=DATE", "to=DATE",
 * or "hide-isolated". Values of a key already given are added to. */
gboolean kr_filter_parse_term (KrFilter *filter, const char *term, GError **error);

/* Every term kr_filter_parse_term() reads, a line each with what it shows, for --help. */
char *kr_filter_terms_help (void);

/* The parts of @filter that terms write (kinds, statuses, countries, articles, dates and
 * hide-isolated) as terms joined by ';', which kr_filter_parse_term() reads back one by one;
 * "" when none. Focus, paths and time are not terms. */
char *kr_filter_terms_to_string (const KrFilter *filter);

/* Fills @entities (one flag per entity) and @deals (one per deal) with what @filter shows
 * of @dataset. Fails on ids or dates the dataset does not have, and when the two ends of a
 * path are not connected by the deals shown. */
gboolean kr_filter_apply (const KrFilter *filter, KrDataset *dataset, gboolean *entities,
                          gboolean *deals, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KrFilter, kr_filter_clear)

G_END_DECLS
