/* kr-ftm-schema.c — the FollowTheMoney schemata that Keiretsu reads and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-ftm-schema"

#include "config.h"

#include "kr-ftm-schema.h"

/* The kinds are the closest Keiretsu has; an organisation, a legal entity, a membership, an
 * employment, a representation or another link says no more than "other". The first schema
 * of a kind is the one written for it; kinds with none are written as Organization and
 * UnknownLink. */
static const KrFtmSchema schemata[] = {
  { "Company", KR_FTM_ENTITY, KR_ENTITY_COMPANY, .written = TRUE },
  { "Person", KR_FTM_ENTITY, KR_ENTITY_PERSON, .written = TRUE },
  { "PublicBody", KR_FTM_ENTITY, KR_ENTITY_GOVERNMENT, .written = TRUE },
  { "Organization", KR_FTM_ENTITY, KR_ENTITY_OTHER, .written = TRUE },
  { "LegalEntity", KR_FTM_ENTITY, KR_ENTITY_OTHER },
  { "Article", KR_FTM_ARTICLE },
  { "Ownership", KR_FTM_LINK, KR_DEAL_OWNERSHIP, "owner", "asset", TRUE },
  { "Directorship", KR_FTM_LINK, KR_DEAL_LEADERSHIP, "director", "organization", TRUE },
  { "Succession", KR_FTM_LINK, KR_DEAL_TRANSFER, "predecessor", "successor", TRUE },
  { "UnknownLink", KR_FTM_LINK, KR_DEAL_OTHER, "subject", "object", TRUE },
  { "Membership", KR_FTM_LINK, KR_DEAL_OTHER, "member", "organization" },
  { "Employment", KR_FTM_LINK, KR_DEAL_OTHER, "employee", "employer" },
  { "Representation", KR_FTM_LINK, KR_DEAL_OTHER, "agent", "client" },
  { "Project", KR_FTM_PROJECT, KR_DEAL_PARTNERSHIP, .written = TRUE },
  { "ProjectParticipant", KR_FTM_PARTICIPANT, 0, "participant", "project", TRUE },
};

const KrFtmSchema *
kr_ftm_schema_find (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (schemata); i++)
    if (g_str_equal (schemata[i].name, name))
      return &schemata[i];
  return NULL;
}

static const KrFtmSchema *
written_for (KrFtmUse use, int kind, const char *otherwise)
{
  for (guint i = 0; i < G_N_ELEMENTS (schemata); i++)
    if (schemata[i].use == use && schemata[i].kind == kind && schemata[i].written)
      return &schemata[i];
  return kr_ftm_schema_find (otherwise);
}

const KrFtmSchema *
kr_ftm_schema_for_entity (KrEntityKind kind)
{
  return written_for (KR_FTM_ENTITY, (int)kind, "Organization");
}

const KrFtmSchema *
kr_ftm_schema_for_deal (KrDealKind kind)
{
  return written_for (KR_FTM_LINK, (int)kind, "UnknownLink");
}
