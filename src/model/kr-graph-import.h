/* kr-graph-import.h — nodes and edges with named attributes, made into dataset records
 *
 * The graph formats (GraphML, GEXF) describe nodes and edges whose attributes are named by
 * whoever wrote the file, and a spreadsheet's rows are much the same. Their readers hand them
 * over here as they come; as each ends, the attributes whose names say what they are become
 * Keiretsu's fields ("label" a name, "type" a kind, "start" a date …) in a record, and only the
 * record stays (its ids and excerpts are settled at the end, once every node is known). What a
 * generic graph does not say gets an honest default:
 * entity kind "other", deal kind "other" (or the closest that its type names), status
 * "unspecified", and no evidence unless an edge gives an address and a quote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset-builder.h"
#include "kr-xml-reader.h"

G_BEGIN_DECLS

typedef struct _KrGraphImport KrGraphImport;

/* Reads an element of the format's (not the root): begins a node or an edge, sets attributes
 * on the one begun, or reads what declares them. FALSE stops reading. */
typedef gboolean (*KrGraphElementFunc) (KrXmlReader *xml, KrGraphImport *import,
                                        gpointer user_data);

/* Reads the XML document in @stream, whose root element must be @root (else @not_root is the
 * problem), handing every other element to @read_element; each node and edge becomes a record
 * of @builder's as its element ends. FALSE when there is nothing to build, the problem
 * reported. */
gboolean kr_graph_import_read (KrDatasetBuilder *builder, GInputStream *stream,
                               GCancellable *cancellable, const char *root, const char *not_root,
                               KrGraphElementFunc read_element, gpointer user_data);

/* For formats that are not XML (CSV): an import on its own, whose items are begun at a place
 * and ended when told; _finish settles the records' ids and excerpts. */
KrGraphImport *kr_graph_import_new (KrDatasetBuilder *builder);
void kr_graph_import_free (KrGraphImport *self);
gboolean kr_graph_import_begin_node_at (KrGraphImport *self, const KrPlace *place, const char *id);
gboolean kr_graph_import_begin_edge_at (KrGraphImport *self, const KrPlace *place, const char *id);
void kr_graph_import_end_item (KrGraphImport *self);
void kr_graph_import_finish (KrGraphImport *self);

/* Where the graph itself is described, at the current element: the place of the dataset's
 * own fields. */
void kr_graph_import_set_graph_place (KrGraphImport *self, KrXmlReader *xml);

/* A node, or an edge, at the current element; the attributes set until that element ends are
 * its own. FALSE when the file has more records than a dataset may (which the build
 * reports): stop reading. */
gboolean kr_graph_import_begin_node (KrGraphImport *self, KrXmlReader *xml, const char *id);
gboolean kr_graph_import_begin_edge (KrGraphImport *self, KrXmlReader *xml, const char *id);
/* Whether a node or an edge has been begun and its element has not ended yet. */
gboolean kr_graph_import_in_item (KrGraphImport *self);
/* One end of the current edge, in order: the node's id as the file gives it. @key says where
 * in the element it was found ("source"), for problems with it: a name of the format's own,
 * which lives as long as the program and is kept as it is. */
void kr_graph_import_add_end (KrGraphImport *self, const char *key, const char *node);

/* Attribute @name of the innermost node or edge begun and not ended, or of the graph when
 * there is none. A later value of the same name replaces an earlier one. */
void kr_graph_import_set (KrGraphImport *self, const char *name, const char *value);
/* Where the file draws the current node. */
void kr_graph_import_set_position (KrGraphImport *self, double x, double y);

/* An excerpt and the article it comes from, as a table gives them: the article is known by
 * its id in the file, else by its address, and is made once for all the excerpts that name it.
 * What the article lacks is made up as for an address alone: the address is its title, its
 * site the publisher. */
typedef struct
{
  const char *article; /* its id in the file */
  const char *url;
  const char *title;
  const char *publisher;
  const char *date;
  const char *quote;
  const char *stance; /* NULL: supports */
  const char *note;
} KrGraphEvidence;

/* An excerpt of the current edge, or when none is open of the last edge begun (a later row of
 * the same deal), found at @place. Edges given excerpts this way take none from their
 * attributes. */
void kr_graph_import_add_evidence (KrGraphImport *self, const KrPlace *place,
                                   const KrGraphEvidence *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrGraphImport, kr_graph_import_free)

G_END_DECLS
