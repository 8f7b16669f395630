/* kr-layout-options.h — what a layout is asked for: engine, direction, what is visible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KR_RANKDIR_LR,
  KR_RANKDIR_TB,
  KR_RANKDIR_RL,
  KR_RANKDIR_BT,
} KrRankdir;

typedef struct
{
  const char *engine; /* dot, neato, fdp, sfdp, circo, twopi; NULL = dot */
  KrRankdir rankdir;
  const gboolean *visible_entities; /* NULL = all; else one flag per entity */
  const gboolean *visible_deals;    /* NULL = all; else one flag per deal */
  const char *root; /* nullable: the id of the entity a radial layout (twopi) centres on */
} KrLayoutOptions;

G_END_DECLS
