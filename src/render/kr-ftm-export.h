/* kr-ftm-export.h — what a scene shows, as a FollowTheMoney entity stream
 *
 * One JSON object a line, as Aleph and OpenSanctions read them: each entity shown in the
 * schema of its kind (kr-ftm-schema.h), each deal between two of them as the link of its kind,
 * a deal between more (or with money, or with parties in roles of their own) as a Project with
 * its ProjectParticipants, and the articles the excerpts cite, which the records name as their
 * "proof". Keiretsu's ids are the entities' ids, so that a file written twice is the same.
 * Kinds that FtM's schemata do not tell apart are kept in "classification", "role" and
 * "keywords", which Keiretsu reads back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-scene.h"

G_BEGIN_DECLS

/* The file's text. */
char *kr_ftm_export_write (KrScene *scene);

/* What the file leaves out of what @scene shows, in sentences for people; NULL for nothing. */
char *kr_ftm_export_left_out (KrScene *scene);

G_END_DECLS
