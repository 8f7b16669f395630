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
} Term;

static const Term entity_kinds[KR_N_ENTITY_KINDS] = {
  { "company", N_ ("Company") },
  { "division", N_ ("Business unit") },
  { "joint_venture", N_ ("Joint venture") },
  { "government", N_ ("Government") },
  { "state_fund", N_ ("State fund") },
  { "person", N_ ("Person") },
  { "group", N_ ("Group") },
  { "programme", N_ ("Programme") },
  { "other", N_ ("Other") },
};

static const Term deal_kinds[KR_N_DEAL_KINDS] = {
  { "acquisition", N_ ("Acquisition") },
  { "merger", N_ ("Merger") },
  { "investment", N_ ("Investment") },
  { "equity_stake", N_ ("Equity stake") },
  { "joint_venture", N_ ("Joint venture") },
  { "alliance", N_ ("Alliance") },
  { "partnership", N_ ("Partnership") },
  { "supply", N_ ("Supply") },
  { "technology", N_ ("Technology") },
  { "ownership", N_ ("Ownership") },
  { "founding", N_ ("Founding") },
  { "transfer", N_ ("Transfer") },
  { "divestiture", N_ ("Divestiture") },
  { "leadership", N_ ("Leadership") },
  { "rivalry", N_ ("Rivalry") },
};

static const Term statuses[KR_N_STATUSES] = {
  { "rumoured", N_ ("Rumoured") },   { "exploring", N_ ("Exploring") },
  { "proposed", N_ ("Proposed") },   { "in_talks", N_ ("In talks") },
  { "planned", N_ ("Planned") },     { "agreed", N_ ("Agreed") },
  { "active", N_ ("Active") },       { "completed", N_ ("Completed") },
  { "collapsed", N_ ("Collapsed") }, { "declined", N_ ("Declined") },
  { "ended", N_ ("Ended") },
};

static const Term roles[KR_N_ROLES] = {
  { "acquirer", N_ ("Acquirer") },
  { "target", N_ ("Target") },
  { "seller", N_ ("Seller") },
  { "investor", N_ ("Investor") },
  { "investee", N_ ("Investee") },
  { "parent", N_ ("Parent") },
  { "subsidiary", N_ ("Subsidiary") },
  { "founder", N_ ("Founder") },
  { "venture", N_ ("Venture") },
  { "supplier", N_ ("Supplier") },
  { "customer", N_ ("Customer") },
  { "contributor", N_ ("Contributor") },
  { "recipient", N_ ("Recipient") },
  { "transferor", N_ ("Hands over") },
  { "transferee", N_ ("Takes over") },
  { "leader", N_ ("Leader") },
  { "led", N_ ("Led") },
  { "advocate", N_ ("Advocate") },
  { "opponent", N_ ("Opponent") },
  { "partner", N_ ("Partner") },
  { "member", N_ ("Member") },
  { "rival", N_ ("Rival") },
};

static const Term stances[KR_N_STANCES] = {
  { "supports", N_ ("Supports") },
  { "contradicts", N_ ("Contradicts") },
  { "qualifies", N_ ("Qualifies") },
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

#define VOCABULARY(prefix, Type, table, count)                                                     \
  int prefix##_from_token (const char *token) { return lookup (table, count, token); }             \
  const char *prefix##_to_token (Type v)                                                           \
  {                                                                                                \
    g_return_val_if_fail ((int)v >= 0 && (int)v < count, NULL);                                    \
    return table[v].token;                                                                         \
  }                                                                                                \
  const char *prefix##_label (Type v)                                                              \
  {                                                                                                \
    g_return_val_if_fail ((int)v >= 0 && (int)v < count, NULL);                                    \
    return _ (table[v].label);                                                                     \
  }                                                                                                \
  const char *prefix##_tokens (void)                                                               \
  {                                                                                                \
    static gsize joined;                                                                           \
    if (g_once_init_enter (&joined))                                                               \
      g_once_init_leave (&joined, (gsize)join_tokens (table, count));                              \
    return (const char *)joined;                                                                   \
  }

VOCABULARY (kr_entity_kind, KrEntityKind, entity_kinds, KR_N_ENTITY_KINDS)
VOCABULARY (kr_deal_kind, KrDealKind, deal_kinds, KR_N_DEAL_KINDS)
VOCABULARY (kr_status, KrDealStatus, statuses, KR_N_STATUSES)
VOCABULARY (kr_role, KrRole, roles, KR_N_ROLES)
VOCABULARY (kr_stance, KrStance, stances, KR_N_STANCES)

gboolean
kr_status_is_settled (KrDealStatus status)
{
  return status == KR_STATUS_AGREED || status == KR_STATUS_ACTIVE || status == KR_STATUS_COMPLETED;
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
