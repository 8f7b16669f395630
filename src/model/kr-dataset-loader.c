/* kr-dataset-loader.c — reads a dataset file and reports everything wrong with it
 *
 * The loader never stops at the first problem: it walks the whole document, records each
 * problem with the JSON path of the value concerned, and only builds the dataset when there
 * were none. Limits on size, depth, string length and record count are checked before or
 * while parsing so that a hostile file costs bounded time and memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "kr-dataset-private.h"

#define MAX_PROBLEMS 500

/* A JSON path as a chain of stack frames; only formatted when a problem is reported. */
typedef struct Path Path;
struct Path
{
  const Path *up;
  const char *key; /* member name, or NULL for an array element */
  guint index;
};

typedef struct
{
  KrDataset *dataset;
  GPtrArray *problems;
  gboolean gave_up;
} Loader;

/* Text from the file, as a message quotes it: printable and short. */
static char *
quote (const char *text)
{
  return kr_problem_printable (text, 40);
}

static void
path_append (GString *out, const Path *path)
{
  if (path == NULL)
    {
      g_string_append_c (out, '$');
      return;
    }
  path_append (out, path->up);
  if (path->key != NULL)
    {
      g_autofree char *key = quote (path->key);
      g_string_append_printf (out, ".%s", key);
    }
  else
    g_string_append_printf (out, "[%u]", path->index);
}

static void report (Loader *l, const Path *path, const char *member, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
report (Loader *l, const Path *path, const char *member, const char *format, ...)
{
  g_autoptr (GString) where = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  if (l->problems->len >= MAX_PROBLEMS)
    {
      if (!l->gave_up)
        {
          g_ptr_array_add (l->problems,
                           kr_problem_new_at_path ("$", _ ("too many problems; stopped looking")));
          l->gave_up = TRUE;
        }
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path_append (where, path);
  if (member != NULL)
    {
      g_autofree char *key = quote (member);
      g_string_append_printf (where, ".%s", key);
    }
  g_ptr_array_add (l->problems, kr_problem_new_at_path (where->str, message));
}

/* ---- pre-parse checks on the raw bytes ---------------------------------------------- */

static void
offset_to_position (const char *data, gsize offset, int *line, int *column)
{
  int l = 1, c = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else if (((guchar)data[i] & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *column = c;
}

static gboolean
check_encoding (const char *data, gsize size, GPtrArray *problems)
{
  const char *end = NULL;
  int line, column;

  if (g_utf8_validate_len (data, size, &end))
    return TRUE;

  offset_to_position (data, (gsize)(end - data), &line, &column);
  if (*end == '\0')
    g_ptr_array_add (
        problems, kr_problem_new_at_position (
                      line, column, _ ("the file contains a NUL byte; datasets are UTF-8 text")));
  else
    g_ptr_array_add (problems, kr_problem_new_at_position (line, column,
                                                           _ ("the file is not valid UTF-8 text")));
  return FALSE;
}

/* json-glib recurses once per nesting level, so refuse deep nesting before it parses. */
static gboolean
check_depth (const char *data, gsize size, GPtrArray *problems)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > KR_DATASET_MAX_DEPTH)
            {
              int line, column;
              g_autofree char *msg = NULL;

              offset_to_position (data, i, &line, &column);
              msg = g_strdup_printf (_ ("values are nested more than %d levels deep"),
                                     KR_DATASET_MAX_DEPTH);
              g_ptr_array_add (problems, kr_problem_new_at_position (line, column, msg));
              return FALSE;
            }
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

/* json-glib reports "<data>:LINE:COL: Parse error: …"; turn that into a positioned problem. */
static void
add_syntax_problem (GPtrArray *problems, const GError *error)
{
  const char *msg = error->message;
  const char *p = strstr (msg, ">:");
  int line = 0, column = 0;
  g_autofree char *text = NULL;

  if (p != NULL)
    {
      char *endp;
      line = (int)strtol (p + 2, &endp, 10);
      if (*endp == ':')
        column = (int)strtol (endp + 1, &endp, 10);
      if (*endp == ':')
        msg = endp + 1;
      while (*msg == ' ')
        msg++;
      if (g_str_has_prefix (msg, "Parse error: "))
        msg += strlen ("Parse error: ");
    }
  text = g_strdup_printf (_ ("syntax error: %s"), msg);
  g_ptr_array_add (problems, kr_problem_new_at_position (line, column, text));
}

/* ---- typed member access ------------------------------------------------------------ */

static const char *
type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _ ("an object");
    case JSON_NODE_ARRAY:
      return _ ("an array");
    case JSON_NODE_NULL:
      return _ ("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_STRING)
          return _ ("a string");
        if (t == G_TYPE_BOOLEAN)
          return _ ("a boolean");
        return _ ("a number");
      }
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static void
check_members (Loader *l, JsonObject *object, const Path *path, const char *const *allowed)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *list = g_strjoinv (", ", (char **)allowed);
          g_autofree char *shown = quote (name);
          report (l, path, name, _ ("unknown member \"%s\"; expected one of: %s"), shown, list);
        }
    }
}

static JsonObject *
get_object_at (Loader *l, JsonNode *node, const Path *path)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (l, path, NULL, _ ("expected an object, found %s"), type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (Loader *l, JsonObject *object, const Path *path, const char *member, gboolean required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        report (l, path, member, _ ("required member \"%s\" is missing"), member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report (l, path, member, _ ("expected an array, found %s"), type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static const char *
intern (Loader *l, const char *s)
{
  return g_string_chunk_insert (l->dataset->strings, s);
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static const char *
check_string_node (Loader *l, JsonNode *node, const Path *path, const char *member,
                   gboolean allow_empty)
{
  const char *s;
  gsize len;

  if (!node_is_string (node))
    {
      report (l, path, member, _ ("expected a string, found %s"), type_name (node));
      return NULL;
    }
  s = json_node_get_string (node);
  len = strlen (s);
  if (len > KR_DATASET_MAX_STRING)
    {
      /* A plain %lu: gettext cannot read G_GSIZE_FORMAT inside a translatable string. */
      report (l, path, member, _ ("text is %lu bytes long; the limit is %d"), (unsigned long)len,
              KR_DATASET_MAX_STRING);
      return NULL;
    }
  /* The file is valid UTF-8, but a \u escape can still spell an invalid character. */
  if (!g_utf8_validate_len (s, len, NULL))
    {
      report (l, path, member,
              _ ("the text is not valid Unicode (a \\u escape names no character)"));
      return NULL;
    }
  if (!allow_empty && is_blank (s))
    {
      report (l, path, member, _ ("must not be empty"));
      return NULL;
    }
  return s;
}

/* Returns the string (owned by the dataset), or NULL when absent or wrong. */
static const char *
get_string (Loader *l, JsonObject *object, const Path *path, const char *member, gboolean required)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *s;

  if (node == NULL)
    {
      if (required)
        report (l, path, member, _ ("required member \"%s\" is missing"), member);
      return NULL;
    }
  s = check_string_node (l, node, path, member, FALSE);
  return s ? intern (l, s) : NULL;
}

static gboolean
get_boolean (Loader *l, JsonObject *object, const Path *path, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      report (l, path, member, _ ("expected true or false, found %s"), type_name (node));
      return FALSE;
    }
  return json_node_get_boolean (node);
}

/* Reads a finite number in [min, max]; returns FALSE (and reports) when absent-but-required or bad.
 */
static gboolean
get_number (Loader *l, JsonObject *object, const Path *path, const char *member, double min,
            double max, double *out)
{
  JsonNode *node = json_object_get_member (object, member);
  double v;

  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      report (l, path, member, _ ("expected a number, found %s"), type_name (node));
      return FALSE;
    }
  v = json_node_get_double (node);
  if (!isfinite (v) || v < min || v > max)
    {
      report (l, path, member, _ ("%g is out of range; expected a number from %g to %g"), v, min,
              max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* ---- value formats ------------------------------------------------------------------ */

static gboolean
is_valid_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > 64 || !(g_ascii_islower (s[0]) || g_ascii_isdigit (s[0])))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!(g_ascii_islower (s[i]) || g_ascii_isdigit (s[i]) || s[i] == '-' || s[i] == '_'
          || s[i] == '.'))
      return FALSE;
  return TRUE;
}

static gboolean
all_of (const char *s, gsize n, gboolean (*pred) (gchar))
{
  if (strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!pred (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_ascii_upper (gchar c)
{
  return g_ascii_isupper (c);
}

gboolean
kr_date_is_valid (const char *s)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gsize n = strlen (s);
  int year, month, day;

  if (n != 4 && n != 7 && n != 10)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      gboolean dash = (i == 4 || i == 7);
      if (dash ? s[i] != '-' : !g_ascii_isdigit (s[i]))
        return FALSE;
    }
  year = atoi (s);
  if (year < 1)
    return FALSE;
  if (n == 4)
    return TRUE;
  month = atoi (s + 5);
  if (month < 1 || month > 12)
    return FALSE;
  if (n == 7)
    return TRUE;
  day = atoi (s + 8);
  if (day < 1 || day > days[month - 1])
    return FALSE;
  if (month == 2 && day == 29)
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return TRUE;
}

static gboolean
is_valid_language (const char *s)
{
  char **parts = g_strsplit (s, "-", -1);
  gboolean ok = parts[0] != NULL;

  for (guint i = 0; ok && parts[i]; i++)
    {
      gsize n = strlen (parts[i]);
      ok = n >= (i == 0 ? 2 : 1) && n <= 8;
      for (gsize j = 0; ok && j < n; j++)
        ok = g_ascii_isalnum (parts[i][j]) && (i > 0 || g_ascii_isalpha (parts[i][j]));
    }
  g_strfreev (parts);
  return ok;
}

static gboolean
is_valid_url (const char *s)
{
  if (!(g_ascii_strncasecmp (s, "http://", 7) == 0 || g_ascii_strncasecmp (s, "https://", 8) == 0))
    return FALSE;
  for (const char *p = s; *p; p++)
    if ((guchar)*p <= ' ' || *p == 0x7f)
      return FALSE;
  return strlen (s) > 8;
}

static const char *
get_date (Loader *l, JsonObject *object, const Path *path, const char *member)
{
  const char *s = get_string (l, object, path, member, FALSE);

  if (s != NULL && !kr_date_is_valid (s))
    {
      g_autofree char *shown = quote (s);
      report (l, path, member,
              _ ("\"%s\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601)"), shown);
      return NULL;
    }
  return s;
}

static int
get_token (Loader *l, JsonObject *object, const Path *path, const char *member,
           const KrVocabulary *vocabulary, int fallback)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *s;
  int v;

  if (node == NULL)
    {
      if (fallback < 0)
        report (l, path, member, _ ("required member \"%s\" is missing"), member);
      return fallback;
    }
  s = check_string_node (l, node, path, member, FALSE);
  if (s == NULL)
    return -1;
  v = kr_vocabulary_from_token (vocabulary, s);
  if (v < 0)
    {
      g_autofree char *shown = quote (s);
      report (l, path, member, _ ("unknown %s \"%s\"; expected one of: %s"), member, shown,
              kr_vocabulary_tokens (vocabulary));
    }
  return v;
}

/* ---- ids and references ------------------------------------------------------------- */

typedef enum
{
  REC_ARTICLE,
  REC_ENTITY,
  REC_DEAL
} RecordType;

static const char *
record_type_name (RecordType t)
{
  switch (t)
    {
    case REC_ARTICLE:
      return _ ("article");
    case REC_ENTITY:
      return _ ("entity");
    case REC_DEAL:
    default:
      return _ ("deal");
    }
}

/* Registers every record's id, so references can point forwards. */
static void
collect_ids (Loader *l, JsonArray *array, const Path *path, RecordType type, GHashTable *table,
             GHashTable *all_ids)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      Path here = { path, NULL, i };
      JsonNode *node = json_array_get_element (array, i);
      JsonNode *idn;
      const char *id;
      gpointer previous;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue; /* reported when the record is read */
      idn = json_object_get_member (json_node_get_object (node), "id");
      if (idn == NULL)
        {
          report (l, &here, "id", _ ("required member \"id\" is missing"));
          continue;
        }
      id = check_string_node (l, idn, &here, "id", FALSE);
      if (id == NULL)
        continue;
      if (!is_valid_id (id))
        {
          report (l, &here, "id",
                  _ ("\"%s\" is not a valid id; use 1 to 64 characters from a-z, 0-9, '-', '_' "
                     "and '.', starting with a letter or digit"),
                  id);
          continue;
        }
      if (g_hash_table_lookup_extended (all_ids, id, NULL, &previous))
        {
          g_autofree char *shown = quote (id);
          report (l, &here, "id", _ ("duplicate id \"%s\"; it is already used by %s"), shown,
                  (const char *)previous);
          continue;
        }
      id = intern (l, id);
      g_hash_table_insert (all_ids, (gpointer)id,
                           g_strdup_printf ("%s %s[%u]", record_type_name (type), path->key, i));
      g_hash_table_insert (table, (gpointer)id, GUINT_TO_POINTER (i + 1));
    }
}

static int
resolve (Loader *l, GHashTable *table, JsonObject *object, const Path *path, const char *member,
         RecordType type)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *id;
  gpointer v;

  if (node == NULL)
    {
      report (l, path, member, _ ("required member \"%s\" is missing"), member);
      return -1;
    }
  id = check_string_node (l, node, path, member, FALSE);
  if (id == NULL)
    return -1;
  if (!g_hash_table_lookup_extended (table, id, NULL, &v))
    {
      g_autofree char *shown = quote (id);
      report (l, path, member, _ ("unknown %s \"%s\""), record_type_name (type), shown);
      return -1;
    }
  return GPOINTER_TO_INT (v) - 1;
}

/* ---- records ------------------------------------------------------------------------- */

static void
read_evidence (Loader *l, JsonObject *owner, const Path *path, gboolean required, KrEvidence **out,
               guint *n_out)
{
  static const char *const allowed[] = { "article", "quote", "stance", "note", NULL };
  Path epath = { path, "evidence", 0 };
  JsonArray *array = get_array (l, owner, path, "evidence", required);
  guint n = array ? json_array_get_length (array) : 0;
  KrEvidence *ev;

  *out = NULL;
  *n_out = 0;
  if (array == NULL)
    return;
  if (n == 0 && required)
    {
      report (l, path, "evidence", _ ("needs at least one excerpt citing an article"));
      return;
    }

  ev = g_new0 (KrEvidence, n);
  for (guint i = 0; i < n; i++)
    {
      Path here = { &epath, NULL, i };
      JsonObject *o = get_object_at (l, json_array_get_element (array, i), &here);
      int article, stance;

      if (o == NULL)
        continue;
      check_members (l, o, &here, allowed);
      article = resolve (l, l->dataset->article_ids, o, &here, "article", REC_ARTICLE);
      ev[*n_out].quote = get_string (l, o, &here, "quote", TRUE);
      stance = get_token (l, o, &here, "stance", &kr_stance_vocabulary, KR_STANCE_SUPPORTS);
      ev[*n_out].note = get_string (l, o, &here, "note", FALSE);
      if (article < 0 || ev[*n_out].quote == NULL || stance < 0)
        continue;
      ev[*n_out].article = (guint)article;
      ev[*n_out].stance = (KrStance)stance;
      (*n_out)++;
    }
  *out = ev;
}

static void
read_article (Loader *l, JsonObject *o, const Path *path, gpointer record)
{
  KrArticle *a = record;
  static const char *const allowed[] = { "id",  "title",  "publisher", "date", "date_inferred",
                                         "url", "author", "language",  "note", NULL };
  const char *lang;

  check_members (l, o, path, allowed);
  a->id = get_string (l, o, path, "id", TRUE);
  a->title = get_string (l, o, path, "title", TRUE);
  a->publisher = get_string (l, o, path, "publisher", TRUE);
  a->date = get_date (l, o, path, "date");
  a->date_inferred = get_boolean (l, o, path, "date_inferred");
  a->url = get_string (l, o, path, "url", FALSE);
  if (a->url != NULL && !is_valid_url (a->url))
    {
      report (l, path, "url", _ ("only http:// and https:// addresses are allowed"));
      a->url = NULL;
    }
  a->author = get_string (l, o, path, "author", FALSE);
  lang = get_string (l, o, path, "language", FALSE);
  if (lang != NULL && !is_valid_language (lang))
    {
      g_autofree char *shown = quote (lang);
      report (l, path, "language", _ ("\"%s\" is not a language tag such as \"en\" or \"ja\""),
              shown);
    }
  a->language = lang;
  a->note = get_string (l, o, path, "note", FALSE);
}

static void
read_entity (Loader *l, JsonObject *o, const Path *path, gpointer record)
{
  KrEntity *e = record;
  static const char *const allowed[]
      = { "id", "name", "kind", "country", "aliases", "names", "description", "evidence", NULL };
  JsonArray *aliases;
  JsonNode *names;
  int kind;

  check_members (l, o, path, allowed);
  e->id = get_string (l, o, path, "id", TRUE);
  e->name = get_string (l, o, path, "name", TRUE);
  kind = get_token (l, o, path, "kind", &kr_entity_kind_vocabulary, -1);
  e->kind = kind < 0 ? KR_ENTITY_OTHER : (KrEntityKind)kind;
  e->country = get_string (l, o, path, "country", FALSE);
  if (e->country != NULL && !all_of (e->country, 2, is_ascii_upper))
    report (l, path, "country",
            _ ("\"%s\" is not a country code; use two capital letters such as \"JP\""), e->country);
  e->description = get_string (l, o, path, "description", FALSE);

  aliases = get_array (l, o, path, "aliases", FALSE);
  if (aliases != NULL)
    {
      Path apath = { path, "aliases", 0 };
      guint n = json_array_get_length (aliases);

      e->aliases = g_new0 (const char *, n);
      for (guint i = 0; i < n; i++)
        {
          Path here = { &apath, NULL, i };
          const char *s
              = check_string_node (l, json_array_get_element (aliases, i), &here, NULL, FALSE);
          if (s != NULL)
            e->aliases[e->n_aliases++] = intern (l, s);
        }
    }

  names = json_object_get_member (o, "names");
  if (names != NULL)
    {
      Path npath = { path, "names", 0 };
      JsonObject *no = get_object_at (l, names, &npath);

      if (no != NULL)
        {
          JsonObjectIter iter;
          const char *lang;
          JsonNode *value;

          e->names = g_new0 (KrLocalName, json_object_get_size (no));
          json_object_iter_init (&iter, no);
          while (json_object_iter_next (&iter, &lang, &value))
            {
              const char *s = check_string_node (l, value, &npath, lang, FALSE);
              if (!is_valid_language (lang))
                {
                  g_autofree char *shown = quote (lang);
                  report (l, &npath, lang,
                          _ ("\"%s\" is not a language tag such as \"en\" or \"ja\""), shown);
                  continue;
                }
              if (s == NULL)
                continue;
              e->names[e->n_names].language = intern (l, lang);
              e->names[e->n_names].name = intern (l, s);
              e->n_names++;
            }
        }
    }

  e->display_name = kr_entity_name_for_languages (e, g_get_language_names ());
  read_evidence (l, o, path, FALSE, &e->evidence, &e->n_evidence);
}

static void
read_money (Loader *l, JsonObject *deal, const Path *path, KrDeal *d)
{
  static const char *const allowed[] = { "amount", "currency", "approximate", NULL };
  JsonNode *node = json_object_get_member (deal, "value");
  Path vpath = { path, "value", 0 };
  JsonObject *o;
  const char *currency;
  double amount = 0;

  if (node == NULL)
    return;
  o = get_object_at (l, node, &vpath);
  if (o == NULL)
    return;
  check_members (l, o, &vpath, allowed);
  if (!json_object_has_member (o, "amount"))
    report (l, &vpath, "amount", _ ("required member \"amount\" is missing"));
  else if (!get_number (l, o, &vpath, "amount", 0, 1e15, &amount))
    return;
  currency = get_string (l, o, &vpath, "currency", TRUE);
  if (currency != NULL && !all_of (currency, 3, is_ascii_upper))
    {
      report (l, &vpath, "currency",
              _ ("\"%s\" is not a currency code; use three capital letters such as \"USD\""),
              currency);
      return;
    }
  if (currency == NULL || !json_object_has_member (o, "amount"))
    return;
  d->has_value = TRUE;
  d->value_amount = amount;
  memcpy (d->value_currency, currency, 4);
  d->value_approximate = get_boolean (l, o, &vpath, "approximate");
}

static void
read_stake (Loader *l, JsonObject *deal, const Path *path, KrDeal *d)
{
  static const char *const allowed[] = { "before", "after", NULL };
  JsonNode *node = json_object_get_member (deal, "stake");
  Path spath = { path, "stake", 0 };
  JsonObject *o;

  d->stake_before = NAN;
  d->stake_after = NAN;
  if (node == NULL)
    return;
  o = get_object_at (l, node, &spath);
  if (o == NULL)
    return;
  check_members (l, o, &spath, allowed);
  if (!json_object_has_member (o, "before") && !json_object_has_member (o, "after"))
    report (l, &spath, NULL, _ ("give a percentage \"before\", \"after\" or both"));
  get_number (l, o, &spath, "before", 0, 100, &d->stake_before);
  get_number (l, o, &spath, "after", 0, 100, &d->stake_after);
}

static void
read_deal (Loader *l, JsonObject *o, const Path *path, gpointer record)
{
  KrDeal *d = record;
  static const char *const allowed[]
      = { "id",       "kind",  "status", "summary",     "parties", "date",     "end",
          "expected", "value", "stake",  "proposed_by", "note",    "evidence", NULL };
  static const char *const party_allowed[] = { "entity", "role", NULL };
  Path ppath = { path, "parties", 0 };
  JsonArray *parties, *proposers;
  int kind, status;

  check_members (l, o, path, allowed);
  d->id = get_string (l, o, path, "id", TRUE);
  kind = get_token (l, o, path, "kind", &kr_deal_kind_vocabulary, -1);
  d->kind = kind < 0 ? KR_DEAL_PARTNERSHIP : (KrDealKind)kind;
  status = get_token (l, o, path, "status", &kr_status_vocabulary, -1);
  d->status = status < 0 ? KR_STATUS_PROPOSED : (KrDealStatus)status;
  d->summary = get_string (l, o, path, "summary", TRUE);
  d->date = get_date (l, o, path, "date");
  d->end = get_date (l, o, path, "end");
  d->expected = get_date (l, o, path, "expected");
  d->note = get_string (l, o, path, "note", FALSE);
  read_money (l, o, path, d);
  read_stake (l, o, path, d);

  parties = get_array (l, o, path, "parties", TRUE);
  if (parties != NULL)
    {
      guint n = json_array_get_length (parties);

      if (n < 2)
        report (l, path, "parties",
                g_dngettext (GETTEXT_PACKAGE, "a deal needs at least two parties, this one has %u",
                             "a deal needs at least two parties, this one has %u", n),
                n);
      d->parties = g_new0 (KrParty, n);
      for (guint i = 0; i < n; i++)
        {
          Path here = { &ppath, NULL, i };
          JsonObject *po = get_object_at (l, json_array_get_element (parties, i), &here);
          int entity, role;
          gboolean duplicate = FALSE;

          if (po == NULL)
            continue;
          check_members (l, po, &here, party_allowed);
          entity = resolve (l, l->dataset->entity_ids, po, &here, "entity", REC_ENTITY);
          role = get_token (l, po, &here, "role", &kr_role_vocabulary, -1);
          if (entity < 0 || role < 0)
            continue;
          for (guint j = 0; j < d->n_parties; j++)
            duplicate |= d->parties[j].entity == (guint)entity;
          if (duplicate)
            {
              report (l, &here, "entity",
                      _ ("\"%s\" is already a party to this deal; a deal joins distinct entities"),
                      json_object_get_string_member (po, "entity"));
              continue;
            }
          d->parties[d->n_parties].entity = (guint)entity;
          d->parties[d->n_parties].role = (KrRole)role;
          d->n_parties++;
        }
    }

  proposers = get_array (l, o, path, "proposed_by", FALSE);
  if (proposers != NULL)
    {
      Path bpath = { path, "proposed_by", 0 };
      guint n = json_array_get_length (proposers);

      d->proposed_by = g_new0 (guint, n);
      for (guint i = 0; i < n; i++)
        {
          Path here = { &bpath, NULL, i };
          JsonNode *node = json_array_get_element (proposers, i);
          const char *id = check_string_node (l, node, &here, NULL, FALSE);
          gpointer v;

          if (id == NULL)
            continue;
          if (!g_hash_table_lookup_extended (l->dataset->entity_ids, id, NULL, &v))
            {
              g_autofree char *shown = quote (id);
              report (l, &here, NULL, _ ("unknown entity \"%s\""), shown);
              continue;
            }
          d->proposed_by[d->n_proposed_by++] = GPOINTER_TO_UINT (v) - 1;
        }
    }

  read_evidence (l, o, path, TRUE, &d->evidence, &d->n_evidence);
}

/* Reads every element of a record array with @read, into an array of @size-byte records. */
static gpointer
read_records (Loader *l, JsonArray *array, const Path *path, gsize size, guint *n_out,
              void (*read) (Loader *, JsonObject *, const Path *, gpointer))
{
  guint n = array ? json_array_get_length (array) : 0;
  guchar *records = g_malloc0_n (MAX (n, 1), size);

  for (guint i = 0; i < n; i++)
    {
      Path here = { path, NULL, i };
      JsonObject *o = get_object_at (l, json_array_get_element (array, i), &here);

      if (o != NULL)
        read (l, o, &here, records + i * size);
    }
  *n_out = n;
  return records;
}

gboolean
kr_dataset_parse (KrDataset *self, GBytes *bytes, GPtrArray *problems)
{
  static const char *const allowed[]
      = { "format", "version", "title", "description", "articles", "entities", "deals", NULL };
  Loader loader = { self, problems, FALSE };
  Loader *l = &loader;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all_ids = NULL;
  Path articles_path = { NULL, "articles", 0 };
  Path entities_path = { NULL, "entities", 0 };
  Path deals_path = { NULL, "deals", 0 };
  JsonArray *articles, *entities, *deals;
  JsonObject *root;
  JsonNode *node;
  const char *data;
  gsize size;
  guint total;

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (size > KR_DATASET_MAX_FILE_SIZE)
    {
      g_autofree char *msg = g_strdup_printf (_ ("the file is larger than the limit of %d MiB"),
                                              KR_DATASET_MAX_FILE_SIZE / (1024 * 1024));
      g_ptr_array_add (problems, kr_problem_new_at_position (0, 0, msg));
      return FALSE;
    }
  if (!check_encoding (data, size, problems) || !check_depth (data, size, problems))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize)size, &error))
    {
      add_syntax_problem (problems, error);
      return FALSE;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      g_ptr_array_add (problems, kr_problem_new_at_position (1, 1, _ ("the file is empty")));
      return FALSE;
    }
  root = get_object_at (l, node, NULL);
  if (root == NULL)
    return FALSE;

  check_members (l, root, NULL, allowed);
  {
    JsonNode *fmt = json_object_get_member (root, "format");
    JsonNode *ver = json_object_get_member (root, "version");

    if (fmt == NULL)
      report (l, NULL, "format",
              _ ("required member \"format\" is missing; a dataset starts with "
                 "\"format\": \"keiretsu-dataset\""));
    else if (!node_is_string (fmt)
             || g_strcmp0 (json_node_get_string (fmt), KR_DATASET_FORMAT) != 0)
      report (l, NULL, "format", _ ("this is not a Keiretsu dataset; expected \"%s\""),
              KR_DATASET_FORMAT);
    if (ver == NULL)
      report (l, NULL, "version", _ ("required member \"version\" is missing"));
    else if (!node_is_number (ver) || json_node_get_value_type (ver) != G_TYPE_INT64)
      report (l, NULL, "version", _ ("expected an integer, found %s"), type_name (ver));
    else if (json_node_get_int (ver) != KR_DATASET_VERSION)
      report (l, NULL, "version",
              _ ("version %lld is not supported; this Keiretsu reads version %d"),
              (long long)json_node_get_int (ver), KR_DATASET_VERSION);
  }
  self->title = get_string (l, root, NULL, "title", TRUE);
  self->description = get_string (l, root, NULL, "description", FALSE);

  articles = get_array (l, root, NULL, "articles", TRUE);
  entities = get_array (l, root, NULL, "entities", TRUE);
  deals = get_array (l, root, NULL, "deals", TRUE);

  total = (articles ? json_array_get_length (articles) : 0)
          + (entities ? json_array_get_length (entities) : 0)
          + (deals ? json_array_get_length (deals) : 0);
  if (total > KR_DATASET_MAX_RECORDS)
    {
      report (l, NULL, NULL, _ ("the dataset has %u records; the limit is %d"), total,
              KR_DATASET_MAX_RECORDS);
      return FALSE;
    }

  all_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  collect_ids (l, articles, &articles_path, REC_ARTICLE, self->article_ids, all_ids);
  collect_ids (l, entities, &entities_path, REC_ENTITY, self->entity_ids, all_ids);
  collect_ids (l, deals, &deals_path, REC_DEAL, self->deal_ids, all_ids);

  self->articles = read_records (l, articles, &articles_path, sizeof (KrArticle), &self->n_articles,
                                 read_article);
  self->entities = read_records (l, entities, &entities_path, sizeof (KrEntity), &self->n_entities,
                                 read_entity);
  self->deals = read_records (l, deals, &deals_path, sizeof (KrDeal), &self->n_deals, read_deal);

  return problems->len == 0;
}
