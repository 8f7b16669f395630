/* kr-saved-view-json.c — a saved view in the views file: its filter, layout and viewport
 *
 * Each part of a filter is the member named by the part's token, read and written by its row
 * of one table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-saved-views"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kr-problem.h"
#include "kr-saved-views-private.h"

/* ---- reading ------------------------------------------------------------------------------ */

void
_kr_saved_views_invalid (GError **error, const KrPlace *place, const char *format, ...)
{
  g_autoptr (GString) where = g_string_new (NULL);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  kr_json_reader_format_place (where, place, FALSE);
  /* TRANSLATORS: a place in the file ($.views[2].filter), then what is wrong there */
  g_set_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_INVALID, _ ("%s: %s"), where->str,
               reason);
}

static const char *
read_string (JsonNode *node, const KrPlace *place, GError **error)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  _kr_saved_views_invalid (error, place, _ ("a string is expected"));
  return NULL;
}

JsonArray *
_kr_saved_views_read_array (JsonNode *node, const KrPlace *place, GError **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  _kr_saved_views_invalid (error, place, _ ("an array is expected"));
  return NULL;
}

static JsonObject *
read_object (JsonNode *node, const KrPlace *place, GError **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  _kr_saved_views_invalid (error, place, _ ("an object is expected"));
  return NULL;
}

static gboolean
read_boolean (JsonNode *node, const KrPlace *place, gboolean *value, GError **error)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }
  _kr_saved_views_invalid (error, place, _ ("true or false is expected"));
  return FALSE;
}

static gboolean
read_number (JsonNode *node, const KrPlace *place, double *value, GError **error)
{
  if (JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_INT64
          || json_node_get_value_type (node) == G_TYPE_DOUBLE)
      && isfinite (json_node_get_double (node)))
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  _kr_saved_views_invalid (error, place, _ ("a number is expected"));
  return FALSE;
}

static char *
read_date (JsonNode *node, const KrPlace *place, GError **error)
{
  const char *date = read_string (node, place, error);

  if (date == NULL)
    return NULL;
  if (!kr_date_is_valid (date))
    {
      g_autofree char *shown = kr_problem_quote (date);
      _kr_saved_views_invalid (error, place,
                               _ ("“%s” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"), shown);
      return NULL;
    }
  return g_strdup (date);
}

/* An id of the dataset: what it names is looked for when the view is shown. */
static char *
read_id (JsonNode *node, const KrPlace *place, GError **error)
{
  const char *id = read_string (node, place, error);

  if (id == NULL)
    return NULL;
  if (id[0] == '\0')
    {
      _kr_saved_views_invalid (error, place, _ ("an id is expected"));
      return NULL;
    }
  return g_strdup (id);
}

/* The members of @object, each read by @read at its place; FALSE at the first it refuses. */
typedef gboolean (*ReadMember) (KrFilter *filter, const char *key, JsonNode *node,
                                const KrPlace *place, GError **error);

static gboolean
read_members (JsonObject *object, const KrPlace *place, KrFilter *filter, ReadMember read,
              GError **error)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const KrPlace at = { .up = place, .key = l->data };
      if (!read (filter, l->data, json_object_get_member (object, l->data), &at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
unknown_member (const KrPlace *place, const char *expected, GError **error)
{
  /* TRANSLATORS: %s lists the names a member may have, e.g. “entity”, “depth”, “radial” */
  _kr_saved_views_invalid (error, place, _ ("not a member this version knows; use %s"), expected);
  return FALSE;
}

/* ---- the parts of a filter, in JSON --------------------------------------------------------- */

static gboolean
read_focus_member (KrFilter *f, const char *key, JsonNode *node, const KrPlace *place,
                   GError **error)
{
  if (g_str_equal (key, "entity"))
    return (f->focus = read_id (node, place, error)) != NULL;
  if (g_str_equal (key, "depth"))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
          && json_node_get_int (node) >= 1 && json_node_get_int (node) <= KR_FILTER_MAX_DEPTH)
        {
          f->depth = (guint)json_node_get_int (node);
          return TRUE;
        }
      _kr_saved_views_invalid (error, place, _ ("a whole number from 1 to %d is expected"),
                               KR_FILTER_MAX_DEPTH);
      return FALSE;
    }
  if (g_str_equal (key, "radial"))
    return read_boolean (node, place, &f->radial, error);
  return unknown_member (place, "“entity”, “depth”, “radial”", error);
}

static gboolean
read_focus (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);

  if (object == NULL || !read_members (object, place, f, read_focus_member, error))
    return FALSE;
  if (f->focus == NULL)
    {
      _kr_saved_views_invalid (error, place, _ ("“%s” is missing"), "entity");
      return FALSE;
    }
  return TRUE;
}

static void
write_focus (const KrFilter *f, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity");
  json_builder_add_string_value (b, f->focus);
  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, f->depth);
  json_builder_set_member_name (b, "radial");
  json_builder_add_boolean_value (b, f->radial);
  json_builder_end_object (b);
}

static gboolean
read_path_member (KrFilter *f, const char *key, JsonNode *node, const KrPlace *place,
                  GError **error)
{
  if (g_str_equal (key, "from"))
    return (f->path_from = read_id (node, place, error)) != NULL;
  if (g_str_equal (key, "to"))
    return (f->path_to = read_id (node, place, error)) != NULL;
  return unknown_member (place, "“from”, “to”", error);
}

static gboolean
read_path (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);

  if (object == NULL || !read_members (object, place, f, read_path_member, error))
    return FALSE;
  if (f->path_from == NULL || f->path_to == NULL)
    {
      _kr_saved_views_invalid (error, place, _ ("“%s” is missing"),
                               f->path_from == NULL ? "from" : "to");
      return FALSE;
    }
  return TRUE;
}

static void
write_path (const KrFilter *f, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, f->path_from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, f->path_to);
  json_builder_end_object (b);
}

static gboolean
read_time_member (KrFilter *f, const char *key, JsonNode *node, const KrPlace *place,
                  GError **error)
{
  if (g_str_equal (key, "as-of"))
    return (f->as_of = read_date (node, place, error)) != NULL;
  if (g_str_equal (key, "as-reported"))
    return (f->as_reported = read_date (node, place, error)) != NULL;
  return unknown_member (place, "“as-of”, “as-reported”", error);
}

static gboolean
read_time (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);

  if (object == NULL || !read_members (object, place, f, read_time_member, error))
    return FALSE;
  if ((f->as_of == NULL) == (f->as_reported == NULL))
    {
      _kr_saved_views_invalid (error, place, _ ("give either “as-of” or “as-reported”"));
      return FALSE;
    }
  return TRUE;
}

static void
write_time (const KrFilter *f, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, f->as_of != NULL ? "as-of" : "as-reported");
  json_builder_add_string_value (b, f->as_of != NULL ? f->as_of : f->as_reported);
  json_builder_end_object (b);
}

/* The bits of a vocabulary, as an array of its tokens. */
static gboolean
read_tokens (const KrVocabulary *vocabulary, guint32 *bits, JsonNode *node, const KrPlace *place,
             GError **error)
{
  JsonArray *array = _kr_saved_views_read_array (node, place, error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const KrPlace at = { .up = place, .index = i, .indexed = TRUE };
      const char *token = read_string (json_array_get_element (array, i), &at, error);
      int value;

      if (token == NULL)
        return FALSE;
      value = kr_vocabulary_from_token (vocabulary, token);
      if (value < 0)
        {
          g_autofree char *shown = kr_problem_quote (token);
          /* Translators: e.g. “agred” is not a status; use one of: … */
          _kr_saved_views_invalid (error, &at, _ ("“%s” is not a %s; use one of: %s"), shown,
                                   kr_vocabulary_get_name (vocabulary),
                                   kr_vocabulary_tokens (vocabulary));
          return FALSE;
        }
      *bits |= 1u << value;
    }
  /* No bits is every kind: an empty array would show more than it says. */
  if (*bits == 0)
    {
      _kr_saved_views_invalid (error, place, _ ("at least one value is expected"));
      return FALSE;
    }
  return TRUE;
}

static void
write_tokens (const KrVocabulary *vocabulary, guint32 bits, JsonBuilder *b)
{
  json_builder_begin_array (b);
  for (guint v = 0; v < kr_vocabulary_get_size (vocabulary); v++)
    if (bits & (1u << v))
      json_builder_add_string_value (b, kr_vocabulary_to_token (vocabulary, v));
  json_builder_end_array (b);
}

static gboolean
read_deal_kinds (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  return read_tokens (&kr_deal_kind_vocabulary, &f->deal_kinds, node, place, error);
}

static void
write_deal_kinds (const KrFilter *f, JsonBuilder *b)
{
  write_tokens (&kr_deal_kind_vocabulary, f->deal_kinds, b);
}

static gboolean
read_statuses (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  return read_tokens (&kr_status_vocabulary, &f->statuses, node, place, error);
}

static void
write_statuses (const KrFilter *f, JsonBuilder *b)
{
  write_tokens (&kr_status_vocabulary, f->statuses, b);
}

static gboolean
read_entity_kinds (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  return read_tokens (&kr_entity_kind_vocabulary, &f->entity_kinds, node, place, error);
}

static void
write_entity_kinds (const KrFilter *f, JsonBuilder *b)
{
  write_tokens (&kr_entity_kind_vocabulary, f->entity_kinds, b);
}

/* A list of strings; an empty one is kept (no country at all shows no entity with one). */
static char **
read_strings (JsonNode *node, const KrPlace *place, GError **error)
{
  JsonArray *array = _kr_saved_views_read_array (node, place, error);
  g_autoptr (GStrvBuilder) list = g_strv_builder_new ();

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const KrPlace at = { .up = place, .index = i, .indexed = TRUE };
      g_autofree char *value = read_id (json_array_get_element (array, i), &at, error);
      if (value == NULL)
        return NULL;
      g_strv_builder_add (list, value);
    }
  return g_strv_builder_end (list);
}

static void
write_strings (char **list, JsonBuilder *b)
{
  json_builder_begin_array (b);
  for (guint i = 0; list[i] != NULL; i++)
    json_builder_add_string_value (b, list[i]);
  json_builder_end_array (b);
}

static gboolean
read_countries (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  return (f->countries = read_strings (node, place, error)) != NULL;
}

static void
write_countries (const KrFilter *f, JsonBuilder *b)
{
  write_strings (f->countries, b);
}

static gboolean
read_articles (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  return (f->articles = read_strings (node, place, error)) != NULL;
}

static void
write_articles (const KrFilter *f, JsonBuilder *b)
{
  write_strings (f->articles, b);
}

static gboolean
read_dates_member (KrFilter *f, const char *key, JsonNode *node, const KrPlace *place,
                   GError **error)
{
  if (g_str_equal (key, "from"))
    return (f->from = read_date (node, place, error)) != NULL;
  if (g_str_equal (key, "to"))
    return (f->to = read_date (node, place, error)) != NULL;
  return unknown_member (place, "“from”, “to”", error);
}

static gboolean
read_dates (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);

  if (object == NULL || !read_members (object, place, f, read_dates_member, error))
    return FALSE;
  if (f->from == NULL && f->to == NULL)
    {
      _kr_saved_views_invalid (error, place, _ ("give “from”, “to” or both"));
      return FALSE;
    }
  return TRUE;
}

static void
write_dates (const KrFilter *f, JsonBuilder *b)
{
  json_builder_begin_object (b);
  if (f->from != NULL)
    {
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, f->from);
    }
  if (f->to != NULL)
    {
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, f->to);
    }
  json_builder_end_object (b);
}

static gboolean
read_hide_isolated (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  return read_boolean (node, place, &f->hide_isolated, error);
}

static void
write_hide_isolated (const KrFilter *f, JsonBuilder *b)
{
  json_builder_add_boolean_value (b, TRUE);
}

/* Each part of a filter is the member named by its token (kr_filter_part_to_token). */
typedef struct
{
  gboolean (*read) (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error);
  void (*write) (const KrFilter *f, JsonBuilder *b);
} PartJson;

#define PART(name)                                                                                 \
  {                                                                                                \
    read_##name, write_##name                                                                      \
  }

static const PartJson part_json[KR_N_FILTER_PARTS] = {
  [KR_FILTER_PART_FOCUS] = PART (focus),
  [KR_FILTER_PART_PATH] = PART (path),
  [KR_FILTER_PART_TIME] = PART (time),
  [KR_FILTER_PART_DEAL_KINDS] = PART (deal_kinds),
  [KR_FILTER_PART_STATUSES] = PART (statuses),
  [KR_FILTER_PART_ENTITY_KINDS] = PART (entity_kinds),
  [KR_FILTER_PART_COUNTRIES] = PART (countries),
  [KR_FILTER_PART_ARTICLES] = PART (articles),
  [KR_FILTER_PART_DATES] = PART (dates),
  [KR_FILTER_PART_HIDE_ISOLATED] = PART (hide_isolated),
};

#undef PART

static char *
part_tokens (void)
{
  GString *list = g_string_new (NULL);

  for (guint p = 0; p < KR_N_FILTER_PARTS; p++)
    g_string_append_printf (list, "%s“%s”", p > 0 ? ", " : "",
                            kr_filter_part_to_token ((KrFilterPart)p));
  return g_string_free (list, FALSE);
}

static gboolean
read_filter_member (KrFilter *f, const char *key, JsonNode *node, const KrPlace *place,
                    GError **error)
{
  int part = kr_filter_part_from_token (key);

  if (part < 0)
    {
      /* A criterion this version cannot apply: the view would show more than it says. */
      g_autofree char *tokens = part_tokens ();
      return unknown_member (place, tokens, error);
    }
  return part_json[part].read (f, node, place, error);
}

static gboolean
read_filter (KrFilter *f, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);

  if (object == NULL || !read_members (object, place, f, read_filter_member, error))
    return FALSE;
  if (f->focus != NULL && f->path_from != NULL)
    {
      _kr_saved_views_invalid (error, place, _ ("a view shows either a focus or a path, not both"));
      return FALSE;
    }
  return TRUE;
}

static void
write_filter (const KrFilter *f, JsonBuilder *b)
{
  json_builder_begin_object (b);
  for (guint p = 0; p < KR_N_FILTER_PARTS; p++)
    if (kr_filter_has_part (f, (KrFilterPart)p))
      {
        json_builder_set_member_name (b, kr_filter_part_to_token ((KrFilterPart)p));
        part_json[p].write (f, b);
      }
  json_builder_end_object (b);
}

/* ---- a view, in JSON ------------------------------------------------------------------------ */

static gboolean
read_viewport (KrSavedView *view, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);
  static const char *const keys[] = { "x", "y", "zoom" };
  double *slots[] = { &view->x, &view->y, &view->zoom };

  if (object == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KrPlace at = { .up = place, .key = keys[i] };
      JsonNode *member = json_object_get_member (object, keys[i]);

      if (member == NULL)
        {
          _kr_saved_views_invalid (error, place, _ ("“%s” is missing"), keys[i]);
          return FALSE;
        }
      if (!read_number (member, &at, slots[i], error))
        return FALSE;
    }
  if (view->zoom <= 0)
    {
      const KrPlace at = { .up = place, .key = "zoom" };
      _kr_saved_views_invalid (error, &at, _ ("a number above 0 is expected"));
      return FALSE;
    }
  view->framed = TRUE;
  return TRUE;
}

gboolean
_kr_saved_view_read (KrSavedView *view, JsonNode *node, const KrPlace *place, GError **error)
{
  JsonObject *object = read_object (node, place, error);
  g_autoptr (GList) names = NULL;
  g_autoptr (GError) local = NULL;
  const char *name;

  if (object == NULL)
    return FALSE;
  {
    const KrPlace at = { .up = place, .key = "name" };
    JsonNode *member = json_object_get_member (object, "name");

    if (member == NULL)
      {
        _kr_saved_views_invalid (error, place, _ ("“%s” is missing"), "name");
        return FALSE;
      }
    if ((name = read_string (member, &at, error)) == NULL)
      return FALSE;
    if ((view->name = kr_saved_view_check_name (name, &local)) == NULL)
      {
        _kr_saved_views_invalid (error, &at, "%s", local->message);
        return FALSE;
      }
  }
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const KrPlace at = { .up = place, .key = l->data };
      JsonNode *member = json_object_get_member (object, l->data);

      if (g_str_equal (l->data, "name"))
        continue;
      else if (g_str_equal (l->data, "filter"))
        {
          if (!read_filter (&view->filter, member, &at, error))
            return FALSE;
        }
      else if (g_str_equal (l->data, "engine") || g_str_equal (l->data, "direction"))
        {
          const char *value = read_string (member, &at, error);
          if (value == NULL)
            return FALSE;
          *(g_str_equal (l->data, "engine") ? &view->engine : &view->direction) = g_strdup (value);
        }
      else if (g_str_equal (l->data, "viewport"))
        {
          if (!read_viewport (view, member, &at, error))
            return FALSE;
        }
      else
        {
          /* A later version's: kept for it, as it was. */
          if (view->later == NULL)
            view->later = json_object_new ();
          json_object_set_member (view->later, l->data, json_node_copy (member));
        }
    }
  return TRUE;
}

void
_kr_saved_view_write (const KrSavedView *view, JsonBuilder *b)
{
  g_autoptr (GList) later = view->later ? json_object_get_members (view->later) : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, view->name);
  json_builder_set_member_name (b, "filter");
  write_filter (&view->filter, b);
  if (view->engine != NULL)
    {
      json_builder_set_member_name (b, "engine");
      json_builder_add_string_value (b, view->engine);
    }
  if (view->direction != NULL)
    {
      json_builder_set_member_name (b, "direction");
      json_builder_add_string_value (b, view->direction);
    }
  if (view->framed)
    {
      json_builder_set_member_name (b, "viewport");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "x");
      json_builder_add_double_value (b, view->x);
      json_builder_set_member_name (b, "y");
      json_builder_add_double_value (b, view->y);
      json_builder_set_member_name (b, "zoom");
      json_builder_add_double_value (b, view->zoom);
      json_builder_end_object (b);
    }
  for (GList *l = later; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (view->later, l->data)));
    }
  json_builder_end_object (b);
}
