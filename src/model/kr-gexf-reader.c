/* kr-gexf-reader.c — reads GEXF into nodes and edges for the graph import
 *
 * <attributes class="node|edge"> declare attributes by id and title; <attvalue for="ID"
 * value="…"/> (id="ID" in GEXF 1.1) gives one. A node's or an edge's label is an attribute of
 * its element, and so are an edge's kind and its start and end, which Gephi's timeline reads
 * and Keiretsu takes as the deal's dates (a spell's when the element has none).
 * viz:position is kept as where the node was drawn; colours, sizes, shapes and thickness say
 * how Gephi drew the graph, not what it says, and are not read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-gexf-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-gexf-reader.h"
#include "kr-graph-import.h"

typedef struct
{
  KrXmlReader *xml;
  KrGraphImport *import;
  GHashTable *titles[2];   /* node and edge attributes: id → title */
  GHashTable *defaults[2]; /* title → default */
  int klass;               /* of the <attributes> being read: 0 node, 1 edge, -1 other */
  gboolean spell_seen;     /* the current item has had its first spell */
} Reader;

/* The element's own attributes that are fields of the item, as the import names them. */
static const char *const node_fields[] = { "label", NULL };
static const char *const edge_fields[] = { "label", "kind", "start", "end", NULL };

static void
set_own (Reader *r, const char *const *fields)
{
  for (const char *const *f = fields; *f != NULL; f++)
    {
      const char *value = kr_xml_reader_get_attribute (r->xml, *f);

      if (value != NULL)
        kr_graph_import_set (r->import, *f, value);
    }
}

static void
set_defaults (Reader *r, int klass)
{
  GHashTableIter iter;
  const char *title, *value;

  g_hash_table_iter_init (&iter, r->defaults[klass]);
  while (g_hash_table_iter_next (&iter, (gpointer *)&title, (gpointer *)&value))
    kr_graph_import_set (r->import, title, value);
}

static void
read_attribute (Reader *r)
{
  g_autofree char *id = g_strdup (kr_xml_reader_get_attribute (r->xml, "id"));
  g_autofree char *title = g_strdup (kr_xml_reader_get_attribute (r->xml, "title"));
  char *fallback;

  if (r->klass < 0 || id == NULL)
    return;
  if (title == NULL)
    title = g_strdup (id);
  g_hash_table_replace (r->titles[r->klass], g_strdup (id), g_strdup (title));
  fallback = kr_xml_reader_read_child_text (r->xml, "default");
  if (fallback != NULL)
    g_hash_table_replace (r->defaults[r->klass], g_strdup (title), fallback);
}

static gboolean
begin_item (Reader *r, gboolean edge)
{
  const char *id = kr_xml_reader_get_attribute (r->xml, "id");
  gboolean ok = edge ? kr_graph_import_begin_edge (r->import, r->xml, id)
                     : kr_graph_import_begin_node (r->import, r->xml, id);

  if (!ok)
    return FALSE;
  set_defaults (r, edge);
  set_own (r, edge ? edge_fields : node_fields);
  if (edge)
    {
      kr_graph_import_add_end (r->import, "source", kr_xml_reader_get_attribute (r->xml, "source"));
      kr_graph_import_add_end (r->import, "target", kr_xml_reader_get_attribute (r->xml, "target"));
    }
  r->spell_seen = FALSE;
  return TRUE;
}

static void
read_attvalue (Reader *r)
{
  GHashTable *titles = r->titles[r->klass == 1];
  const char *id = kr_xml_reader_get_attribute (r->xml, "for");
  const char *title, *value;

  if (id == NULL)
    id = kr_xml_reader_get_attribute (r->xml, "id");
  value = kr_xml_reader_get_attribute (r->xml, "value");
  if (id == NULL || value == NULL)
    return;
  title = g_hash_table_lookup (titles, id);
  kr_graph_import_set (r->import, title ? title : id, value);
}

static void
read_position (Reader *r)
{
  double x, y;

  if (kr_xml_reader_get_number (r->xml, "x", &x) && kr_xml_reader_get_number (r->xml, "y", &y))
    kr_graph_import_set_position (r->import, x, y);
}

/* The first spell of an edge gives its dates, when its element gives none. */
static void
read_spell (Reader *r)
{
  if (r->spell_seen)
    return;
  r->spell_seen = TRUE;
  set_own (r, (const char *const[]){ "start", "end", NULL });
}

static gboolean
read_element (KrXmlReader *xml, KrGraphImport *import, gpointer user_data)
{
  Reader *r = user_data;
  const char *name = kr_xml_reader_get_name (xml);
  gboolean in_item = kr_graph_import_in_item (import);

  r->xml = xml;
  r->import = import;

  if (g_str_equal (name, "attributes"))
    {
      const char *klass = kr_xml_reader_get_attribute (r->xml, "class");
      r->klass = g_strcmp0 (klass, "node") == 0 ? 0 : g_strcmp0 (klass, "edge") == 0 ? 1 : -1;
    }
  else if (g_str_equal (name, "attribute"))
    read_attribute (r);
  else if (g_str_equal (name, "graph"))
    {
      kr_graph_import_set_graph_place (r->import, r->xml);
      /* Not GEXF's, but networkx names the graph there. */
      set_own (r, (const char *const[]){ "name", NULL });
    }
  else if (g_str_equal (name, "node"))
    {
      r->klass = 0;
      return begin_item (r, FALSE);
    }
  else if (g_str_equal (name, "edge"))
    {
      r->klass = 1;
      return begin_item (r, TRUE);
    }
  else if (g_str_equal (name, "attvalue") && in_item)
    read_attvalue (r);
  else if (g_str_equal (name, "position") && in_item && r->klass == 0)
    read_position (r);
  else if (g_str_equal (name, "spell") && in_item && r->klass == 1)
    read_spell (r);
  else if (!in_item && (g_str_equal (name, "description") || g_str_equal (name, "title")))
    {
      /* The element's name goes as the reader reads on. */
      g_autofree char *field = g_strdup (name);
      g_autofree char *text = kr_xml_reader_read_text (r->xml);

      kr_graph_import_set (r->import, field, g_strstrip (text));
    }
  return TRUE;
}

gboolean
kr_gexf_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                     GCancellable *cancellable)
{
  Reader r = { .klass = -1 };
  gboolean ok;

  /* Nothing beside the file belongs to it. */
  (void)file;
  for (guint k = 0; k < 2; k++)
    {
      r.titles[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      r.defaults[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  ok = kr_graph_import_read (builder, stream, cancellable, "gexf",
                             _ ("this is not a GEXF file; expected <gexf>"), read_element, &r);
  for (guint k = 0; k < 2; k++)
    {
      g_hash_table_unref (r.titles[k]);
      g_hash_table_unref (r.defaults[k]);
    }
  return ok;
}
