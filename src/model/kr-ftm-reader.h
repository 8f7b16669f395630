/* kr-ftm-reader.h — FollowTheMoney entity streams, as Aleph and OpenSanctions publish them
 *
 * One JSON object per line, {"id", "schema", "properties": {name: [values]}}, read one line at
 * a time: companies, organisations, people and public bodies become entities; ownerships,
 * directorships, memberships, employments, representations, successions, other links and
 * projects with their participants become deals; articles become the articles that the links'
 * "proof" points to. A problem is placed at its line. What Keiretsu does not show (other
 * schemata) is skipped and said once, with the dataset's left-out notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

gboolean kr_ftm_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                             GCancellable *cancellable);

/* Places as "12" for the record on line 12, "12:5" for a column in it, then the field:
 * "12: owner.entity". */
void kr_ftm_reader_format_place (GString *out, const KrPlace *place, gboolean in_text);

G_END_DECLS
