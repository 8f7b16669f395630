/* kr-format.h — a deal's figures and an entity's standing, written for people
 *
 * The side panel, the map's cards and the labels on the map's lines all say these things, and
 * say them alike because they say them through here. Every string returned is translated and
 * newly allocated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* A deal's value in words, as the panel gives it: "about 5 billion USD", "4.9 billion USD". */
char *kr_format_money (const KrDeal *deal);
/* The same, short, as a label on a line gives it: "$7 bn", "~€300 m", "4.9 bn CNY". */
char *kr_format_money_short (const KrDeal *deal);

/* Whether the deal gives a stake, before or after it. */
gboolean kr_deal_has_stake (const KrDeal *deal);
/* "43 % → 15 %", "15 %", or "43 % before". */
char *kr_format_stake (const KrDeal *deal);

/* "Company · JP": what an entity is, and where from when the dataset says. */
char *kr_format_entity_kind (const KrEntity *entity);
/* "Equity stake · In talks": what kind of deal, and how far it has gone. */
char *kr_format_deal_kind (const KrDeal *deal);

/* The label on a deal's line: its key figure, the stake or else the value, and its kind —
 * "43 % → 15 % stake", "$7 bn acquisition", or the kind alone: "joint venture". */
char *kr_format_link_label (const KrDeal *deal);

/* A time taken or to come, as the loading page and the command line say it: "12 s",
 * "2 min 05 s". */
char *kr_format_duration (guint seconds);

/* One line of facts: a name ("Value") and what the dataset gives for it. */
typedef struct
{
  const char *key; /* translated; static */
  char *value;
} KrFact;

/* A deal's dates, figures and number of sources, in that order (without its note): an array of
 * KrFact that frees its values with it. Its value in words, or @abbreviated ("$7 bn"). */
GArray *kr_format_deal_facts (const KrDeal *deal, gboolean abbreviated);
/* How many deals an entity takes part in, and how many articles mention it. */
GArray *kr_format_entity_facts (KrDataset *dataset, guint entity);

G_END_DECLS
