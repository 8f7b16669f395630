/* kr-views-file.c — the file of arranged positions and saved views beside a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-views-file"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-json-reader.h"
#include "kr-json-strict.h"
#include "kr-views-file.h"

struct _KrViewsFile
{
  GObject parent_instance;

  GFile *file;
  JsonObject *root; /* the members besides format and version */
};

G_DEFINE_TYPE (KrViewsFile, kr_views_file, G_TYPE_OBJECT)

G_DEFINE_QUARK (kr - views - file - error - quark, kr_views_file_error)

static void
kr_views_file_finalize (GObject *object)
{
  KrViewsFile *self = KR_VIEWS_FILE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->root, json_object_unref);
  G_OBJECT_CLASS (kr_views_file_parent_class)->finalize (object);
}

static void
kr_views_file_class_init (KrViewsFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kr_views_file_finalize;
}

static void
kr_views_file_init (KrViewsFile *self)
{
  self->root = json_object_new ();
}

GFile *
kr_views_file_beside (GFile *dataset)
{
  g_autofree char *name = NULL;
  g_autofree char *views = NULL;
  g_autoptr (GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (dataset), NULL);

  name = g_file_get_basename (dataset);
  parent = g_file_get_parent (dataset);
  if (name == NULL || parent == NULL)
    return NULL;
  if (g_str_has_suffix (name, ".json") && strlen (name) > strlen (".json"))
    name[strlen (name) - strlen (".json")] = '\0';
  views = g_strconcat (name, ".views.json", NULL);
  return g_file_get_child (parent, views);
}

KrViewsFile *
kr_views_file_new (GFile *file)
{
  KrViewsFile *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (KR_TYPE_VIEWS_FILE, NULL);
  self->file = g_object_ref (file);
  return self;
}

GFile *
kr_views_file_get_file (KrViewsFile *self)
{
  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), NULL);
  return self->file;
}

/* ---- reading ------------------------------------------------------------------------ */

static void G_GNUC_PRINTF (3, 4) invalid (GError **error, const char *name, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: the name of a file, then what is wrong with it */
  g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID, _ ("%s: %s"), name, reason);
}

static void
syntax_error (GError **error, const char *name, const GError *parse_error)
{
  int line, column;
  const char *msg = kr_json_reader_parse_error_place (parse_error, &line, &column);

  invalid (error, name, _ ("line %d, column %d: syntax error: %s"), line, column, msg);
}

/* The root object of a views file in @data, or NULL with @error saying why it is not one. */
static JsonObject *
parse (const char *data, gsize size, const char *name, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;

  if (size > KR_VIEWS_FILE_MAX_SIZE)
    {
      invalid (error, name, _ ("the file is larger than the limit of %d MiB"),
               KR_VIEWS_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize)size, NULL))
    {
      invalid (error, name, _ ("the file is not UTF-8 text"));
      return NULL;
    }
  /* As strict as the dataset: a position given twice is not silently the last. */
  {
    int line, column;
    gssize deep = kr_json_too_deep (data, size, KR_VIEWS_FILE_MAX_DEPTH);
    g_autofree char *problem = NULL;

    if (deep >= 0)
      {
        g_autofree char *nested = g_strdup_printf (_ ("values are nested more than %d levels deep"),
                                                   KR_VIEWS_FILE_MAX_DEPTH);
        kr_json_position (data, (gsize)deep, &line, &column);
        invalid (error, name, _ ("line %d, column %d: %s"), line, column, nested);
        return NULL;
      }
    problem = kr_json_strict_check (data, size, &line, &column);

    if (problem != NULL)
      {
        invalid (error, name, _ ("line %d, column %d: %s"), line, column, problem);
        return NULL;
      }
  }
#if JSON_CHECK_VERSION(1, 10, 0)
  json_parser_set_strict (parser, TRUE);
#endif
  if (!json_parser_load_from_data (parser, data, (gssize)size, &parse_error))
    {
      syntax_error (error, name, parse_error);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, name, _ ("the file is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  member = json_object_get_member (object, "format");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (member), KR_VIEWS_FILE_FORMAT) != 0)
    {
      invalid (error, name, _ ("the file is not a Keiretsu views file (its “format” is not “%s”)"),
               KR_VIEWS_FILE_FORMAT);
      return NULL;
    }
  member = json_object_get_member (object, "version");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64
      || json_node_get_int (member) < 1)
    {
      invalid (error, name, _ ("$.version: a version number from 1 is expected"));
      return NULL;
    }
  if (json_node_get_int (member) > KR_VIEWS_FILE_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));
      invalid (error, name,
               _ ("$.version: the file is of version %s, newer than this version of Keiretsu "
                  "reads (%d)"),
               version, KR_VIEWS_FILE_VERSION);
      return NULL;
    }
  return json_object_ref (object);
}

/* Holds the members of @object but its format and version; none when @object is NULL. */
static void
take_members (KrViewsFile *self, JsonObject *object)
{
  g_autoptr (GList) names = object != NULL ? json_object_get_members (object) : NULL;

  g_clear_pointer (&self->root, json_object_unref);
  self->root = json_object_new ();
  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, "format") != 0 && strcmp (l->data, "version") != 0)
      json_object_set_member (self->root, l->data,
                              json_node_copy (json_object_get_member (object, l->data)));
}

gboolean
kr_views_file_load_bytes (KrViewsFile *self, GBytes *bytes, const char *name, GError **error)
{
  g_autoptr (JsonObject) object = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  object = parse (data != NULL ? data : "", size, name, error);
  if (object == NULL)
    {
      take_members (self, NULL);
      return FALSE;
    }
  take_members (self, object);
  return TRUE;
}

/* The file's contents, or NULL: with @error set when it exists but cannot be read. */
static GBytes *
read_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  char *data;
  gsize size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info == NULL)
    {
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return NULL;
    }
  /* Checked before reading: a huge file, or a device, is never read whole. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      invalid (error, name, _ ("not a regular file"));
      return NULL;
    }
  if (g_file_info_get_size (info) > KR_VIEWS_FILE_MAX_SIZE)
    {
      invalid (error, name, _ ("the file is larger than the limit of %d MiB"),
               KR_VIEWS_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &data, &size, NULL, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

gboolean
kr_views_file_load (KrViewsFile *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), FALSE);

  bytes = read_file (self->file, cancellable, &local);
  if (bytes == NULL)
    {
      take_members (self, NULL);
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  name = g_file_get_parse_name (self->file);
  return kr_views_file_load_bytes (self, bytes, name, error);
}

/* ---- members ------------------------------------------------------------------------ */

JsonNode *
kr_views_file_get_member (KrViewsFile *self, const char *member)
{
  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return json_object_get_member (self->root, member);
}

void
kr_views_file_set_member (KrViewsFile *self, const char *member, JsonNode *node)
{
  g_return_if_fail (KR_IS_VIEWS_FILE (self));
  g_return_if_fail (member != NULL && strcmp (member, "format") != 0
                    && strcmp (member, "version") != 0);

  if (node == NULL)
    json_object_remove_member (self->root, member);
  else
    json_object_set_member (self->root, member, node);
}

gboolean
kr_views_file_is_empty (KrViewsFile *self)
{
  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), TRUE);
  return json_object_get_size (self->root) == 0;
}

/* ---- writing ------------------------------------------------------------------------ */

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (a, b);
}

char *
kr_views_file_to_data (KrViewsFile *self, gsize *length)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GList) names = NULL;
  GString *text;

  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, KR_VIEWS_FILE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, KR_VIEWS_FILE_VERSION);
  names = g_list_sort (json_object_get_members (self->root), compare_names);
  for (GList *l = names; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder,
                              json_node_copy (json_object_get_member (self->root, l->data)));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = g_string_new (NULL);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}

gboolean
kr_views_file_save (KrViewsFile *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) existing = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (KR_IS_VIEWS_FILE (self), FALSE);

  name = g_file_get_parse_name (self->file);
  existing = read_file (self->file, cancellable, &local);
  if (local != NULL)
    {
      /* Something is there that cannot be read as a views file: it is left alone. */
      g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_NOT_OURS,
                   _ ("%s; the file is left as it is"), local->message);
      return FALSE;
    }
  if (existing != NULL)
    {
      gsize size;
      const char *bytes = g_bytes_get_data (existing, &size);
      g_autoptr (JsonObject) object = parse (bytes != NULL ? bytes : "", size, name, &local);
      if (object == NULL)
        {
          g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_NOT_OURS,
                       _ ("%s; the file is left as it is"), local->message);
          return FALSE;
        }
    }

  if (kr_views_file_is_empty (self))
    return existing == NULL || g_file_delete (self->file, cancellable, error);

  data = kr_views_file_to_data (self, &length);
  /* GIO writes a temporary file beside it and renames it into place, with the old file's
   * mode. */
  return g_file_replace_contents (self->file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}
