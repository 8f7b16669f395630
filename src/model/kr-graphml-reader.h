/* kr-graphml-reader.h — GraphML (yEd, Cytoscape, networkx, igraph, Neo4j) read into the builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

/* Hands the nodes and edges of the GraphML document in @stream to @builder; FALSE when there is
 * nothing to build (the file is not well-formed XML, or not GraphML), the problem reported. */
gboolean kr_graphml_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                                 GCancellable *cancellable);

G_END_DECLS
