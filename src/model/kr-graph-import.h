/* kr-graph-import.h — nodes and edges with named attributes, made into dataset records
 *
 * The graph formats (GraphML, GEXF) describe nodes and edges whose attributes are named by
 * whoever wrote the file. Their readers hand them over here as they come; at the end the
 * attributes whose names say what they are become Keiretsu's fields ("label" a name, "type"
 * a kind, "start" a date …), and what a generic graph does not say gets an honest default:
 * entity kind "other", deal kind "other" (or the closest that its type names), status
 * "unspecified", and no evidence unless an edge gives an address and a quote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

typedef struct _KrGraphImport KrGraphImport;

KrGraphImport *kr_graph_import_new (KrDatasetBuilder *builder);
void kr_graph_import_free (KrGraphImport *self);

/* Where the graph itself is described: the place of the dataset's own fields. */
void kr_graph_import_set_graph_place (KrGraphImport *self, int line, int column);

/* A node, or an edge, whose element starts at @line and @column; the attributes set until its
 * _end() are its own. FALSE when the file has more records than a dataset may (which the
 * build reports): stop reading. */
gboolean kr_graph_import_begin_node (KrGraphImport *self, const char *element, int line, int column,
                                     const char *id);
gboolean kr_graph_import_begin_edge (KrGraphImport *self, const char *element, int line, int column,
                                     const char *id);
/* One end of the current edge, in order: the node's id as the file gives it. @key says where
 * in the element it was found ("source"), for problems with it. */
void kr_graph_import_add_end (KrGraphImport *self, const char *key, const char *node);
void kr_graph_import_end (KrGraphImport *self);

/* Attribute @name of the innermost node or edge begun and not ended, or of the graph when
 * there is none. A later value of the same name replaces an earlier one. */
void kr_graph_import_set (KrGraphImport *self, const char *name, const char *value);

/* Where the file draws the current node. */
void kr_graph_import_set_position (KrGraphImport *self, double x, double y);

/* Hands every record to the builder. */
void kr_graph_import_finish (KrGraphImport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrGraphImport, kr_graph_import_free)

G_END_DECLS
