/* kr-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-enums"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-enums.h"

typedef struct
{
  const char *token;
  const char *label;
  const char *link; /* deal kinds only: how a label on the map's line names the kind */
} Term;

static const Term entity_kinds[KR_N_ENTITY_KINDS] = {
  { "company", NC_ ("entity kind", "Company") },
  { "division", NC_ ("entity kind", "Business unit") },
  { "joint_venture", NC_ ("entity kind", "Joint venture") },
  { "government", NC_ ("entity kind", "Government") },
  { "state_fund", NC_ ("entity kind", "State fund") },
  { "person", NC_ ("entity kind", "Person") },
  { "group", NC_ ("entity kind", "Group") },
  { "programme", NC_ ("entity kind", "Programme") },
  { "other", NC_ ("entity kind", "Other") },
};

static const Term deal_kinds[KR_N_DEAL_KINDS] = {
  { "acquisition", NC_ ("deal kind", "Acquisition"), NC_ ("deal kind on a link", "acquisition") },
  { "merger", NC_ ("deal kind", "Merger"), NC_ ("deal kind on a link", "merger") },
  { "investment", NC_ ("deal kind", "Investment"), NC_ ("deal kind on a link", "investment") },
  { "equity_stake", NC_ ("deal kind", "Equity stake"), NC_ ("deal kind on a link", "stake") },
  { "joint_venture", NC_ ("deal kind", "Joint venture"),
    NC_ ("deal kind on a link", "joint venture") },
  { "alliance", NC_ ("deal kind", "Alliance"), NC_ ("deal kind on a link", "alliance") },
  { "partnership", NC_ ("deal kind", "Partnership"), NC_ ("deal kind on a link", "partnership") },
  { "supply", NC_ ("deal kind", "Supply"), NC_ ("deal kind on a link", "supply") },
  { "technology", NC_ ("deal kind", "Technology"), NC_ ("deal kind on a link", "technology") },
  { "ownership", NC_ ("deal kind", "Ownership"), NC_ ("deal kind on a link", "ownership") },
  { "founding", NC_ ("deal kind", "Founding"), NC_ ("deal kind on a link", "founding") },
  { "transfer", NC_ ("deal kind", "Transfer"), NC_ ("deal kind on a link", "transfer") },
  { "divestiture", NC_ ("deal kind", "Divestiture"), NC_ ("deal kind on a link", "divestiture") },
  { "leadership", NC_ ("deal kind", "Leadership"), NC_ ("deal kind on a link", "leadership") },
  { "rivalry", NC_ ("deal kind", "Rivalry"), NC_ ("deal kind on a link", "rivalry") },
  { "other", NC_ ("deal kind", "Other"), NC_ ("deal kind on a link", "link") },
};

static const Term statuses[KR_N_STATUSES] = {
  { "rumoured", NC_ ("deal status", "Rumoured") },
  { "exploring", NC_ ("deal status", "Exploring") },
  { "proposed", NC_ ("deal status", "Proposed") },
  { "in_talks", NC_ ("deal status", "In talks") },
  { "planned", NC_ ("deal status", "Planned") },
  { "agreed", NC_ ("deal status", "Agreed") },
  { "active", NC_ ("deal status", "Active") },
  { "completed", NC_ ("deal status", "Completed") },
  { "collapsed", NC_ ("deal status", "Collapsed") },
  { "declined", NC_ ("deal status", "Declined") },
  { "ended", NC_ ("deal status", "Ended") },
  { "unspecified", NC_ ("deal status", "Unspecified") },
};

static const Term roles[KR_N_ROLES] = {
  { "acquirer", NC_ ("party role", "Acquirer") },
  { "target", NC_ ("party role", "Target") },
  { "seller", NC_ ("party role", "Seller") },
  { "investor", NC_ ("party role", "Investor") },
  { "investee", NC_ ("party role", "Investee") },
  { "parent", NC_ ("party role", "Parent") },
  { "subsidiary", NC_ ("party role", "Subsidiary") },
  { "founder", NC_ ("party role", "Founder") },
  { "venture", NC_ ("party role", "Venture") },
  { "supplier", NC_ ("party role", "Supplier") },
  { "customer", NC_ ("party role", "Customer") },
  { "contributor", NC_ ("party role", "Contributor") },
  { "recipient", NC_ ("party role", "Recipient") },
  { "transferor", NC_ ("party role", "Hands over") },
  { "transferee", NC_ ("party role", "Takes over") },
  { "leader", NC_ ("party role", "Leader") },
  { "led", NC_ ("party role", "Led") },
  { "advocate", NC_ ("party role", "Advocate") },
  { "opponent", NC_ ("party role", "Opponent") },
  { "partner", NC_ ("party role", "Partner") },
  { "member", NC_ ("party role", "Member") },
  { "rival", NC_ ("party role", "Rival") },
};

static const Term stances[KR_N_STANCES] = {
  { "supports", NC_ ("evidence stance", "Supports") },
  { "contradicts", NC_ ("evidence stance", "Contradicts") },
  { "qualifies", NC_ ("evidence stance", "Qualifies") },
};

static int
lookup (const Term *terms, int n, const char *token)
{
  if (token == NULL)
    return -1;
  for (int i = 0; i < n; i++)
    if (strcmp (terms[i].token, token) == 0)
      return i;
  return -1;
}

static const char *
join_tokens (const Term *terms, int n)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", terms[i].token);
  return g_intern_string (s->str);
}

struct _KrVocabulary
{
  const Term *terms;
  int size;
  const char *context; /* of the labels' translations */
  const char *name;    /* what a value is, for people: "deal kind" */
  gsize *joined;       /* the tokens joined, made once */
};

const char *
kr_vocabulary_get_name (const KrVocabulary *vocabulary)
{
  return _ (vocabulary->name);
}

guint
kr_vocabulary_get_size (const KrVocabulary *vocabulary)
{
  return (guint)vocabulary->size;
}

int
kr_vocabulary_from_token (const KrVocabulary *vocabulary, const char *token)
{
  return lookup (vocabulary->terms, vocabulary->size, token);
}

const char *
kr_vocabulary_to_token (const KrVocabulary *vocabulary, guint value)
{
  g_return_val_if_fail ((int)value >= 0 && (int)value < vocabulary->size, NULL);
  return vocabulary->terms[value].token;
}

const char *
kr_vocabulary_label (const KrVocabulary *vocabulary, guint value)
{
  g_return_val_if_fail ((int)value >= 0 && (int)value < vocabulary->size, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, vocabulary->context, vocabulary->terms[value].label);
}

const char *
kr_vocabulary_tokens (const KrVocabulary *vocabulary)
{
  if (g_once_init_enter (vocabulary->joined))
    g_once_init_leave (vocabulary->joined,
                       (gsize)join_tokens (vocabulary->terms, vocabulary->size));
  return (const char *)*vocabulary->joined;
}

/* Each vocabulary as a value, and its typed label. */
#define VOCABULARY(prefix, Type, table, count, context, name)                                      \
  static gsize prefix##_joined;                                                                    \
  const KrVocabulary prefix##_vocabulary = { table, count, context, name, &prefix##_joined };      \
  const char *prefix##_label (Type v)                                                              \
  {                                                                                                \
    return kr_vocabulary_label (&prefix##_vocabulary, (guint)v);                                   \
  }

/* Each vocabulary has its own translation context: "Joint venture" names a kind of entity in one
 * and a kind of deal in the other, and languages need not word them alike. */
VOCABULARY (kr_entity_kind, KrEntityKind, entity_kinds, KR_N_ENTITY_KINDS, "entity kind",
            N_ ("entity kind"))
VOCABULARY (kr_deal_kind, KrDealKind, deal_kinds, KR_N_DEAL_KINDS, "deal kind", N_ ("deal kind"))
VOCABULARY (kr_status, KrDealStatus, statuses, KR_N_STATUSES, "deal status", N_ ("status"))
VOCABULARY (kr_role, KrRole, roles, KR_N_ROLES, "party role", N_ ("role"))
VOCABULARY (kr_stance, KrStance, stances, KR_N_STANCES, "evidence stance", N_ ("stance"))

static const KrDealFamily families_of_kinds[KR_N_DEAL_KINDS] = {
  [KR_DEAL_ACQUISITION] = KR_DEAL_FAMILY_BUYING,
  [KR_DEAL_MERGER] = KR_DEAL_FAMILY_BUYING,
  [KR_DEAL_DIVESTITURE] = KR_DEAL_FAMILY_BUYING,
  [KR_DEAL_INVESTMENT] = KR_DEAL_FAMILY_MONEY,
  [KR_DEAL_EQUITY_STAKE] = KR_DEAL_FAMILY_MONEY,
  [KR_DEAL_JOINT_VENTURE] = KR_DEAL_FAMILY_COOPERATION,
  [KR_DEAL_ALLIANCE] = KR_DEAL_FAMILY_COOPERATION,
  [KR_DEAL_PARTNERSHIP] = KR_DEAL_FAMILY_COOPERATION,
  [KR_DEAL_SUPPLY] = KR_DEAL_FAMILY_SUPPLY,
  [KR_DEAL_TECHNOLOGY] = KR_DEAL_FAMILY_SUPPLY,
  [KR_DEAL_OWNERSHIP] = KR_DEAL_FAMILY_CONTROL,
  [KR_DEAL_FOUNDING] = KR_DEAL_FAMILY_CONTROL,
  [KR_DEAL_TRANSFER] = KR_DEAL_FAMILY_CONTROL,
  [KR_DEAL_LEADERSHIP] = KR_DEAL_FAMILY_CONTROL,
  [KR_DEAL_RIVALRY] = KR_DEAL_FAMILY_RIVALRY,
  [KR_DEAL_OTHER] = KR_DEAL_FAMILY_OTHER,
};

/* Who stands at each end of a link of that kind, for files that draw a deal as a line from
 * one entity to another and name no roles. */
static const struct
{
  KrRole from, to;
} ends_of_kinds[KR_N_DEAL_KINDS] = {
  [KR_DEAL_ACQUISITION] = { KR_ROLE_ACQUIRER, KR_ROLE_TARGET },
  [KR_DEAL_MERGER] = { KR_ROLE_PARTNER, KR_ROLE_PARTNER },
  [KR_DEAL_INVESTMENT] = { KR_ROLE_INVESTOR, KR_ROLE_INVESTEE },
  [KR_DEAL_EQUITY_STAKE] = { KR_ROLE_INVESTOR, KR_ROLE_INVESTEE },
  [KR_DEAL_JOINT_VENTURE] = { KR_ROLE_PARTNER, KR_ROLE_PARTNER },
  [KR_DEAL_ALLIANCE] = { KR_ROLE_PARTNER, KR_ROLE_PARTNER },
  [KR_DEAL_PARTNERSHIP] = { KR_ROLE_PARTNER, KR_ROLE_PARTNER },
  [KR_DEAL_SUPPLY] = { KR_ROLE_SUPPLIER, KR_ROLE_CUSTOMER },
  [KR_DEAL_TECHNOLOGY] = { KR_ROLE_CONTRIBUTOR, KR_ROLE_RECIPIENT },
  [KR_DEAL_OWNERSHIP] = { KR_ROLE_PARENT, KR_ROLE_SUBSIDIARY },
  [KR_DEAL_FOUNDING] = { KR_ROLE_FOUNDER, KR_ROLE_VENTURE },
  [KR_DEAL_TRANSFER] = { KR_ROLE_TRANSFEROR, KR_ROLE_TRANSFEREE },
  [KR_DEAL_DIVESTITURE] = { KR_ROLE_SELLER, KR_ROLE_TARGET },
  [KR_DEAL_LEADERSHIP] = { KR_ROLE_LEADER, KR_ROLE_LED },
  [KR_DEAL_RIVALRY] = { KR_ROLE_RIVAL, KR_ROLE_RIVAL },
  [KR_DEAL_OTHER] = { KR_ROLE_PARTNER, KR_ROLE_PARTNER },
};

static const Term families[KR_N_DEAL_FAMILIES] = {
  [KR_DEAL_FAMILY_BUYING] = { "buying", N_ ("Acquisition, merger, divestiture") },
  [KR_DEAL_FAMILY_MONEY] = { "money", N_ ("Investment, equity stake") },
  [KR_DEAL_FAMILY_COOPERATION] = { "cooperation", N_ ("Joint venture, alliance, partnership") },
  [KR_DEAL_FAMILY_SUPPLY] = { "supply", N_ ("Supply, technology") },
  [KR_DEAL_FAMILY_CONTROL] = { "control", N_ ("Ownership, founding, transfer, leadership") },
  [KR_DEAL_FAMILY_RIVALRY] = { "rivalry", N_ ("Rivalry") },
  [KR_DEAL_FAMILY_OTHER] = { "other", N_ ("Other links") },
};

const char *
kr_deal_kind_link_label (KrDealKind kind)
{
  g_return_val_if_fail (kind < KR_N_DEAL_KINDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "deal kind on a link", deal_kinds[kind].link);
}

KrDealFamily
kr_deal_kind_family (KrDealKind kind)
{
  g_return_val_if_fail (kind < KR_N_DEAL_KINDS, KR_DEAL_FAMILY_COOPERATION);
  return families_of_kinds[kind];
}

const char *
kr_deal_family_to_token (KrDealFamily family)
{
  g_return_val_if_fail (family < KR_N_DEAL_FAMILIES, NULL);
  return families[family].token;
}

const char *
kr_deal_family_label (KrDealFamily family)
{
  g_return_val_if_fail (family < KR_N_DEAL_FAMILIES, NULL);
  return _ (families[family].label);
}

void
kr_deal_kind_ends (KrDealKind kind, KrRole *from, KrRole *to)
{
  g_return_if_fail (kind < KR_N_DEAL_KINDS && from != NULL && to != NULL);
  *from = ends_of_kinds[kind].from;
  *to = ends_of_kinds[kind].to;
}

gboolean
kr_status_is_failed (KrDealStatus status)
{
  return status == KR_STATUS_COLLAPSED || status == KR_STATUS_DECLINED || status == KR_STATUS_ENDED;
}

KrDirection
kr_role_direction (KrRole role)
{
  switch (role)
    {
    case KR_ROLE_ACQUIRER:
    case KR_ROLE_SELLER:
    case KR_ROLE_INVESTOR:
    case KR_ROLE_PARENT:
    case KR_ROLE_FOUNDER:
    case KR_ROLE_SUPPLIER:
    case KR_ROLE_CONTRIBUTOR:
    case KR_ROLE_TRANSFEROR:
    case KR_ROLE_LEADER:
    case KR_ROLE_ADVOCATE:
    case KR_ROLE_OPPONENT:
      return KR_DIRECTION_FROM;
    case KR_ROLE_TARGET:
    case KR_ROLE_INVESTEE:
    case KR_ROLE_SUBSIDIARY:
    case KR_ROLE_VENTURE:
    case KR_ROLE_CUSTOMER:
    case KR_ROLE_RECIPIENT:
    case KR_ROLE_TRANSFEREE:
    case KR_ROLE_LED:
      return KR_DIRECTION_TO;
    case KR_ROLE_PARTNER:
    case KR_ROLE_MEMBER:
    case KR_ROLE_RIVAL:
    case KR_N_ROLES:
    default:
      return KR_DIRECTION_NONE;
    }
}
