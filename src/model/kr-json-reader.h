/* kr-json-reader.h — the Keiretsu dataset's own JSON format, read into the builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

/* Hands the records of the JSON document in @bytes to @builder; FALSE when there is nothing
 * to build (the file is not JSON, or not a JSON object), the problem reported. Takes @bytes:
 * the builder keeps the records' strings in them, without a copy when nothing else holds
 * them. */
gboolean kr_json_reader_read (KrDatasetBuilder *builder, GBytes *bytes);
/* The same for the bytes of @file, whose articles may name text files beside it. */
gboolean kr_json_reader_read_file (KrDatasetBuilder *builder, GFile *file, GBytes *bytes,
                                   GCancellable *cancellable);

/* json-glib says "<data>:LINE:COL: Parse error: …": the line and column (0 when it names
 * none) and what follows them. */
const char *kr_json_reader_parse_error_place (const GError *error, int *line, int *column);

/* Places as JSON paths: "$.deals[3].parties[1].entity". */
void kr_json_reader_format_place (GString *out, const KrPlace *place, gboolean in_text);

G_END_DECLS
