/* kr-xml-reader.h — XML read safely, one node at a time, for the readers of XML formats
 *
 * The subset of XML that GraphML and GEXF use, read straight from the file, with what a file
 * from anywhere must not do refused: no DTD (a file that declares one is refused, so no entity
 * of its own is ever expanded), no entity but XML's five. The file size, the nesting depth and
 * the text encoding are held to the limits of every dataset. Each element is placed at the
 * line and column of its "<", which is where a problem with it is reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

typedef struct _KrXmlReader KrXmlReader;

typedef enum
{
  KR_XML_END_OF_FILE, /* or a problem, reported */
  KR_XML_START,       /* an element opens (and, if empty, closes at once: see _is_empty) */
  KR_XML_END,         /* an element closes */
  KR_XML_TEXT,        /* text or CDATA */
} KrXmlEvent;

/* Reads the seekable @stream (again from its start when it is not in UTF-8: see
 * kr-xml-reader.c). NULL when it cannot be read at all (too large, empty, an encoding that
 * cannot be read), the problem reported to @builder. */
KrXmlReader *kr_xml_reader_new (KrDatasetBuilder *builder, GInputStream *stream,
                                GCancellable *cancellable);
void kr_xml_reader_free (KrXmlReader *self);

KrXmlEvent kr_xml_reader_next (KrXmlReader *self);
/* Whether reading stopped at a problem rather than at the end of the document. */
gboolean kr_xml_reader_failed (KrXmlReader *self);

/* The current element's name without its prefix ("node" for <y:node>), valid until the reader
 * moves on, and whether it has no content (<node/>: no KR_XML_END follows). */
const char *kr_xml_reader_get_name (KrXmlReader *self);
gboolean kr_xml_reader_is_empty (KrXmlReader *self);
/* Elements around the current one: 0 for the document's root. */
int kr_xml_reader_get_depth (KrXmlReader *self);
/* Where the current element starts. */
void kr_xml_reader_get_position (KrXmlReader *self, int *line, int *column);
/* The current element's attribute @name as the file spells it, or the current text; NULL
 * when absent. Valid until the reader moves on (kr_xml_reader_next() and the calls that read
 * on: kr_xml_reader_read_text(), kr_xml_reader_read_child_text()). */
const char *kr_xml_reader_get_attribute (KrXmlReader *self, const char *name);
const char *kr_xml_reader_get_text (KrXmlReader *self);
/* The current element's attribute @name as a finite number, written as XML writes them
 * ("-12.5", "1e3"); FALSE when it is absent or not one. */
gboolean kr_xml_reader_get_number (KrXmlReader *self, const char *name, double *value);

/* The text inside the current element, up to its end (which is consumed): "" for <a/>. */
char *kr_xml_reader_read_text (KrXmlReader *self);
/* Reads up to the end of the current element (consumed) and gives the text of its last child
 * element named @child, or NULL when it has none. */
char *kr_xml_reader_read_child_text (KrXmlReader *self, const char *child);

/* Stops reading with a problem at the current element. */
void kr_xml_reader_fail (KrXmlReader *self, const char *message);

/* Places as XML shows them: "12:5" for a record whose element starts at line 12, column 5,
 * then the field: "12:5: kind". */
void kr_xml_reader_format_place (GString *out, const KrPlace *place, gboolean in_text);
/* A record's place at its element: @line and @column as kr_xml_reader_format_place reads
 * them; the link to the line lives as long as @builder. */
KrPlace kr_xml_reader_place (KrDatasetBuilder *builder, const char *element, int line, int column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrXmlReader, kr_xml_reader_free)

G_END_DECLS
