/* kr-search.h — finding entities by name as people type it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  KR_MATCH_EXACT,     /* the whole name or alias */
  KR_MATCH_PREFIX,    /* the start of it */
  KR_MATCH_WORD,      /* the start of one of its words */
  KR_MATCH_SUBSTRING, /* anywhere in it */
} KrMatchKind;

typedef struct
{
  guint entity;        /* index in the dataset */
  KrMatchKind kind;    /* the best way it matched */
  const char *matched; /* the name, alias or local name that matched; owned by the dataset */
} KrSearchMatch;

/* @text folded for matching: lower case, without accents, compatibility forms unified
 * (full-width letters, ligatures), spaces collapsed. */
char *kr_search_fold (const char *text);

/* The entities whose name, aliases or names in other languages contain @query, ignoring
 * case and accents: whole matches first, then prefixes, then word starts, then the rest;
 * by name within each. An empty query matches nothing. */
GArray *kr_dataset_search (KrDataset *dataset, const char *query);

G_END_DECLS
