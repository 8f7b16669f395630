/* kr-enums.h — the closed vocabularies of the dataset format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KR_ENTITY_COMPANY,
  KR_ENTITY_DIVISION,
  KR_ENTITY_JOINT_VENTURE,
  KR_ENTITY_GOVERNMENT,
  KR_ENTITY_STATE_FUND,
  KR_ENTITY_PERSON,
  KR_ENTITY_GROUP,
  KR_ENTITY_PROGRAMME,
  KR_ENTITY_OTHER,
  KR_N_ENTITY_KINDS
} KrEntityKind;

typedef enum
{
  KR_DEAL_ACQUISITION,
  KR_DEAL_MERGER,
  KR_DEAL_INVESTMENT,
  KR_DEAL_EQUITY_STAKE,
  KR_DEAL_JOINT_VENTURE,
  KR_DEAL_ALLIANCE,
  KR_DEAL_PARTNERSHIP,
  KR_DEAL_SUPPLY,
  KR_DEAL_TECHNOLOGY,
  KR_DEAL_OWNERSHIP,
  KR_DEAL_FOUNDING,
  KR_DEAL_TRANSFER,
  KR_DEAL_DIVESTITURE,
  KR_DEAL_LEADERSHIP,
  KR_DEAL_RIVALRY,
  KR_DEAL_OTHER, /* a link whose kind the file does not say */
  KR_N_DEAL_KINDS
} KrDealKind;

/* Deal kinds fall into families, which the map tells apart by colour. */
typedef enum
{
  KR_DEAL_FAMILY_BUYING,      /* acquisition, merger, divestiture */
  KR_DEAL_FAMILY_MONEY,       /* investment, equity stake */
  KR_DEAL_FAMILY_COOPERATION, /* joint venture, alliance, partnership */
  KR_DEAL_FAMILY_SUPPLY,      /* supply, technology */
  KR_DEAL_FAMILY_CONTROL,     /* ownership, founding, transfer, leadership */
  KR_DEAL_FAMILY_RIVALRY,
  KR_DEAL_FAMILY_OTHER,
  KR_N_DEAL_FAMILIES
} KrDealFamily;

typedef enum
{
  KR_STATUS_RUMOURED,
  KR_STATUS_EXPLORING,
  KR_STATUS_PROPOSED,
  KR_STATUS_IN_TALKS,
  KR_STATUS_PLANNED,
  KR_STATUS_AGREED,
  KR_STATUS_ACTIVE,
  KR_STATUS_COMPLETED,
  KR_STATUS_COLLAPSED,
  KR_STATUS_DECLINED,
  KR_STATUS_ENDED,
  KR_STATUS_UNSPECIFIED, /* the file does not say how settled it is */
  KR_N_STATUSES
} KrDealStatus;

typedef enum
{
  KR_ROLE_ACQUIRER,
  KR_ROLE_TARGET,
  KR_ROLE_SELLER,
  KR_ROLE_INVESTOR,
  KR_ROLE_INVESTEE,
  KR_ROLE_PARENT,
  KR_ROLE_SUBSIDIARY,
  KR_ROLE_FOUNDER,
  KR_ROLE_VENTURE,
  KR_ROLE_SUPPLIER,
  KR_ROLE_CUSTOMER,
  KR_ROLE_CONTRIBUTOR,
  KR_ROLE_RECIPIENT,
  KR_ROLE_TRANSFEROR,
  KR_ROLE_TRANSFEREE,
  KR_ROLE_LEADER,
  KR_ROLE_LED,
  KR_ROLE_ADVOCATE,
  KR_ROLE_OPPONENT,
  KR_ROLE_PARTNER,
  KR_ROLE_MEMBER,
  KR_ROLE_RIVAL,
  KR_N_ROLES
} KrRole;

typedef enum
{
  KR_STANCE_SUPPORTS,
  KR_STANCE_CONTRADICTS,
  KR_STANCE_QUALIFIES,
  KR_N_STANCES
} KrStance;

/* Which end of an arrow a role sits at. */
typedef enum
{
  KR_DIRECTION_FROM,
  KR_DIRECTION_TO,
  KR_DIRECTION_NONE
} KrDirection;

/* Each vocabulary maps between its value (0 … size - 1), its token in the file
 * ("joint_venture") and a translated label for people ("Joint venture"). */
typedef struct _KrVocabulary KrVocabulary;
extern const KrVocabulary kr_entity_kind_vocabulary;
extern const KrVocabulary kr_deal_kind_vocabulary;
extern const KrVocabulary kr_status_vocabulary;
extern const KrVocabulary kr_role_vocabulary;
extern const KrVocabulary kr_stance_vocabulary;

guint kr_vocabulary_get_size (const KrVocabulary *vocabulary);
/* What a value of the vocabulary is, translated: "deal kind", "status", … */
const char *kr_vocabulary_get_name (const KrVocabulary *vocabulary);
/* -1 when unknown */
int kr_vocabulary_from_token (const KrVocabulary *vocabulary, const char *token);
const char *kr_vocabulary_to_token (const KrVocabulary *vocabulary, guint value);
const char *kr_vocabulary_label (const KrVocabulary *vocabulary, guint value);
/* A comma-separated list of every token, for error messages. Owned by the library. */
const char *kr_vocabulary_tokens (const KrVocabulary *vocabulary);

/* The labels, typed. */
const char *kr_entity_kind_label (KrEntityKind kind);
const char *kr_deal_kind_label (KrDealKind kind);
const char *kr_status_label (KrDealStatus status);
const char *kr_role_label (KrRole role);
const char *kr_stance_label (KrStance stance);

/* A deal kind as a label on the map's line names it, in lower case and as short as it can be:
 * "stake" for an equity stake, to follow a figure ("43 % → 15 % stake"). */
const char *kr_deal_kind_link_label (KrDealKind kind);

KrDealFamily kr_deal_kind_family (KrDealKind kind);
/* The family's token ("buying", as docs/dataset-format.md names it) and its label for people,
 * which lists its kinds. */
const char *kr_deal_family_to_token (KrDealFamily family);
const char *kr_deal_family_label (KrDealFamily family);

/* The roles at the start and at the end of a line of that kind from one entity to another,
 * when a file names none: investor and investee for an investment, partners for an alliance. */
void kr_deal_kind_ends (KrDealKind kind, KrRole *from, KrRole *to);

gboolean kr_status_is_failed (KrDealStatus status);
KrDirection kr_role_direction (KrRole role);

G_END_DECLS
