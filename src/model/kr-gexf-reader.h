/* kr-gexf-reader.h — GEXF 1.1 to 1.3 (Gephi, networkx) read into the builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

/* Hands the nodes and edges of the GEXF document in @stream to @builder; FALSE when there is
 * nothing to build (the file is not well-formed XML, or not GEXF), the problem reported. */
gboolean kr_gexf_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                              GCancellable *cancellable);

G_END_DECLS
