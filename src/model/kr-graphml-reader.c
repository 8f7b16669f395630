/* kr-graphml-reader.c — reads GraphML into nodes and edges for the graph import
 *
 * A <key> declares an attribute: its id, which <data> elements use, its name (attr.name),
 * what it is for (node, edge, graph or all) and its default. yEd's keys carry drawings
 * (yfiles.type) whose labels are the names people gave nodes and edges, and whose geometry
 * says where each node was drawn. A <hyperedge> joins
 * any number of nodes: a deal with more than two parties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-graphml-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-graph-import.h"
#include "kr-graphml-reader.h"

typedef struct
{
  char *name;
  char *domain; /* "node", "edge", "graph", "all" */
  char *fallback;
  gboolean drawing; /* yEd's graphics: its labels are read, nothing else */
} Key;

static void
key_free (Key *key)
{
  g_free (key->name);
  g_free (key->domain);
  g_free (key->fallback);
  g_free (key);
}

typedef struct
{
  KrXmlReader *xml;
  KrGraphImport *import;
  GHashTable *keys;  /* id → Key */
  gboolean in_graph; /* whether a <graph> has been seen */
} Reader;

static void
read_key (Reader *r)
{
  g_autofree char *id = g_strdup (kr_xml_reader_get_attribute (r->xml, "id"));
  Key *key;

  if (id == NULL)
    return;
  key = g_new0 (Key, 1);
  g_hash_table_replace (r->keys, g_strdup (id), key);
  key->name = g_strdup (kr_xml_reader_get_attribute (r->xml, "attr.name"));
  if (key->name == NULL)
    key->name = g_strdup (id);
  key->domain = g_strdup (kr_xml_reader_get_attribute (r->xml, "for"));
  key->drawing = kr_xml_reader_get_attribute (r->xml, "yfiles.type") != NULL;
  key->fallback = kr_xml_reader_read_child_text (r->xml, "default");
}

/* The defaults of the keys for @domain, before the element's own data replace them. */
static void
set_defaults (Reader *r, const char *domain)
{
  GHashTableIter iter;
  Key *key;

  g_hash_table_iter_init (&iter, r->keys);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&key))
    if (key->fallback != NULL && !key->drawing
        && (key->domain == NULL || g_str_equal (key->domain, "all")
            || g_str_equal (key->domain, domain)))
      kr_graph_import_set (r->import, key->name, key->fallback);
}

static void
read_data (Reader *r)
{
  const char *id = kr_xml_reader_get_attribute (r->xml, "key");
  Key *key = id ? g_hash_table_lookup (r->keys, id) : NULL;
  g_autofree char *name = g_strdup (key ? key->name : id);
  g_autofree char *text = NULL;

  /* A drawing's labels come as elements of their own, inside it. */
  if (name == NULL || (key != NULL && key->drawing))
    return;
  text = kr_xml_reader_read_text (r->xml);
  kr_graph_import_set (r->import, name, text);
}

/* yEd's <y:Geometry> is the box a node is drawn in, its corner at x and y, y down; the map's
 * positions are centres, y up. A node's last drawing is the one kept. */
static void
read_geometry (Reader *r)
{
  double x, y, width, height;

  if (kr_xml_reader_get_number (r->xml, "x", &x) && kr_xml_reader_get_number (r->xml, "y", &y)
      && kr_xml_reader_get_number (r->xml, "width", &width)
      && kr_xml_reader_get_number (r->xml, "height", &height))
    kr_graph_import_set_position (r->import, x + width / 2, -(y + height / 2));
}

/* Begins a node or an edge; FALSE when there are too many. */
static gboolean
begin_item (Reader *r, const char *element)
{
  gboolean edge = !g_str_equal (element, "node");
  const char *id = kr_xml_reader_get_attribute (r->xml, "id");
  gboolean ok = edge ? kr_graph_import_begin_edge (r->import, r->xml, id)
                     : kr_graph_import_begin_node (r->import, r->xml, id);

  if (!ok)
    return FALSE;
  set_defaults (r, edge ? "edge" : "node");
  if (g_str_equal (element, "edge"))
    {
      kr_graph_import_add_end (r->import, "source", kr_xml_reader_get_attribute (r->xml, "source"));
      kr_graph_import_add_end (r->import, "target", kr_xml_reader_get_attribute (r->xml, "target"));
    }
  return TRUE;
}

static gboolean
read_element (KrXmlReader *xml, KrGraphImport *import, gpointer user_data)
{
  Reader *r = user_data;
  const char *name = kr_xml_reader_get_name (xml);

  r->xml = xml;
  r->import = import;

  if (g_str_equal (name, "key"))
    read_key (r);
  else if (g_str_equal (name, "graph"))
    {
      if (!r->in_graph)
        kr_graph_import_set_graph_place (r->import, r->xml);
      r->in_graph = TRUE;
    }
  else if (g_str_equal (name, "node") || g_str_equal (name, "edge")
           || g_str_equal (name, "hyperedge"))
    return begin_item (r, name);
  else if (g_str_equal (name, "endpoint") && kr_graph_import_in_item (r->import))
    {
      kr_graph_import_add_end (r->import, "endpoint", kr_xml_reader_get_attribute (r->xml, "node"));
    }
  else if (g_str_equal (name, "data"))
    read_data (r);
  else if (g_str_equal (name, "Geometry") && kr_graph_import_in_item (r->import))
    read_geometry (r);
  else if (g_str_equal (name, "NodeLabel") || g_str_equal (name, "EdgeLabel"))
    {
      g_autofree char *text = kr_xml_reader_read_text (r->xml);
      g_strstrip (text);
      if (*text != '\0')
        kr_graph_import_set (r->import, "label", text);
    }
  return TRUE;
}

gboolean
kr_graphml_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                        GCancellable *cancellable)
{
  g_autoptr (GHashTable) keys
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)key_free);
  Reader r = { .keys = keys };

  /* Nothing beside the file belongs to it. */
  (void)file;
  return kr_graph_import_read (builder, stream, cancellable, "graphml",
                               _ ("this is not a GraphML file; expected <graphml>"), read_element,
                               &r);
}
