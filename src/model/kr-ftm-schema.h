/* kr-ftm-schema.h — the FollowTheMoney schemata Keiretsu reads and writes, and what each is
 *
 * One table for reading and writing: a schema makes entities of a kind, articles, deals of a
 * kind between the entities its two end properties name, or a project's deal with its
 * participants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-enums.h"

G_BEGIN_DECLS

typedef enum
{
  KR_FTM_ENTITY,
  KR_FTM_ARTICLE,
  KR_FTM_LINK,        /* a deal between @source and @target */
  KR_FTM_PROJECT,     /* a deal between its participants */
  KR_FTM_PARTICIPANT, /* a party to a project: @source in @target */
} KrFtmUse;

typedef struct
{
  const char *name; /* "Ownership" */
  KrFtmUse use;
  int kind;           /* KrEntityKind or KrDealKind that it makes */
  const char *source; /* links and participants: the property of each end */
  const char *target;
  gboolean written; /* the schema written for its kind */
} KrFtmSchema;

/* The schema named @name, or NULL when Keiretsu does not read it. */
const KrFtmSchema *kr_ftm_schema_find (const char *name);

/* The schema an entity of @kind is written as. */
const KrFtmSchema *kr_ftm_schema_for_entity (KrEntityKind kind);
/* The link a deal of @kind between two parties is written as. */
const KrFtmSchema *kr_ftm_schema_for_deal (KrDealKind kind);

G_END_DECLS
