/* kr-json-reader.c — reads the Keiretsu dataset's JSON format into records for the builder
 *
 * Only JSON is dealt with here: limits on the raw bytes checked before json-glib sees them
 * (size, encoding, nesting depth), syntax errors with their line and column, values of the
 * wrong JSON type and members the format does not have. A member that cannot be read is noted
 * on its record and left out; the builder checks everything else.
 *
 * Once the whole text has passed the strict check, each record is found in the text
 * (kr_json_walk_next) and read from it directly: its members, its strings left in the file's
 * bytes, which the builder keeps. A record that is anything but what the format writes — a member it does not
 * have, a value of another type, local names given in several languages — is parsed by
 * json-glib instead and read as before, so that its notes say the same in the same order (an
 * object's members come from json-glib in its own order). A tree of the whole document took
 * many times the file's size in memory; a tree of each record cost most of the reading time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-json-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kr-article-text.h"
#include "kr-json-reader.h"
#include "kr-json-strict.h"

void
kr_json_reader_format_place (GString *out, const KrPlace *place, gboolean in_text)
{
  if (place == NULL)
    {
      /* A message names a record without the root: "entities[3]". */
      if (!in_text)
        g_string_append_c (out, '$');
      return;
    }
  kr_json_reader_format_place (out, place->up, in_text);
  if (place->key != NULL)
    {
      g_autofree char *key = kr_problem_quote (place->key);

      if (!in_text || place->up != NULL)
        g_string_append_c (out, '.');
      g_string_append (out, key);
    }
  if (place->indexed)
    g_string_append_printf (out, "[%u]", place->index);
}

/* ---- pre-parse checks on the raw bytes ---------------------------------------------- */

/* json-glib recurses once per nesting level, so refuse deep nesting before it parses. */
static gboolean
check_depth (KrDatasetBuilder *b, const char *data, gsize size)
{
  gssize deep = kr_json_too_deep (data, size, KR_DATASET_MAX_DEPTH);
  int line, column;
  g_autofree char *msg = NULL;

  if (deep < 0)
    return TRUE;
  kr_json_position (data, (gsize)deep, &line, &column);
  msg = g_strdup_printf (_ ("values are nested more than %d levels deep"), KR_DATASET_MAX_DEPTH);
  kr_dataset_builder_report_position (b, line, column, msg);
  return FALSE;
}

const char *
kr_json_reader_parse_error_place (const GError *error, int *line, int *column)
{
  const char *msg = error->message;
  const char *p = strstr (msg, ">:");

  *line = 0;
  *column = 0;
  if (p != NULL)
    {
      char *endp;
      *line = (int)strtol (p + 2, &endp, 10);
      if (*endp == ':')
        *column = (int)strtol (endp + 1, &endp, 10);
      if (*endp == ':')
        msg = endp + 1;
      while (*msg == ' ')
        msg++;
      if (g_str_has_prefix (msg, "Parse error: "))
        msg += strlen ("Parse error: ");
    }
  return msg;
}

/* What json-glib lets pass but RFC 8259 forbids, and members given twice, which json-glib
 * reads as the last one: nothing in a dataset is dropped silently. Checked before json-glib
 * parses, so that a file gets the same answer from every version of json-glib. */
static gboolean
check_strict (KrDatasetBuilder *b, const char *data, gsize size)
{
  int line, column;
  g_autofree char *problem = kr_json_strict_check (data, size, &line, &column);

  if (problem == NULL)
    return TRUE;
  kr_dataset_builder_report_position (b, line, column, problem);
  return FALSE;
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

typedef enum
{
  WANT_STRING,
  WANT_NUMBER,
  WANT_BOOLEAN,
  WANT_ARRAY,
  WANT_OBJECT,
} Want;

static gboolean
holds (JsonNode *node, Want want)
{
  GType t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  switch (want)
    {
    case WANT_STRING:
      return t == G_TYPE_STRING;
    case WANT_NUMBER:
      return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
    case WANT_BOOLEAN:
      return t == G_TYPE_BOOLEAN;
    case WANT_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case WANT_OBJECT:
    default:
      return JSON_NODE_HOLDS_OBJECT (node);
    }
}

/* "expected a string, found a number" */
static char *
wrong_type (JsonNode *node, Want want)
{
  switch (want)
    {
    case WANT_STRING:
      return g_strdup_printf (_ ("expected a string, found %s"), type_name (node));
    case WANT_NUMBER:
      return g_strdup_printf (_ ("expected a number, found %s"), type_name (node));
    case WANT_BOOLEAN:
      return g_strdup_printf (_ ("expected true or false, found %s"), type_name (node));
    case WANT_ARRAY:
      return g_strdup_printf (_ ("expected an array, found %s"), type_name (node));
    case WANT_OBJECT:
    default:
      return g_strdup_printf (_ ("expected an object, found %s"), type_name (node));
    }
}

static void
note_unknown_members (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object,
                      const char *const *allowed)
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
          g_autofree char *shown = kr_problem_quote (name);
          kr_dataset_builder_note_record (
              b, head, name, _ ("unknown member \"%s\"; expected one of: %s"), shown, list);
        }
    }
}

/* Member @member when it is what is wanted; NULL when absent or something else (noted). */
static JsonNode *
read_member (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member,
             Want want)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *message = NULL;

  if (node == NULL || holds (node, want))
    return node;
  message = wrong_type (node, want);
  kr_dataset_builder_note_field (b, head, member, "%s", message);
  return NULL;
}

static const char *
read_text (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member)
{
  JsonNode *node = read_member (b, head, object, member, WANT_STRING);
  return node ? kr_dataset_builder_copy_text (b, json_node_get_string (node)) : NULL;
}

static gboolean
read_boolean (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member)
{
  JsonNode *node = read_member (b, head, object, member, WANT_BOOLEAN);
  return node ? json_node_get_boolean (node) : FALSE;
}

/* Stores the number @member in @out; FALSE when absent or not a number. */
static gboolean
read_number (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member,
             double *out)
{
  JsonNode *node = read_member (b, head, object, member, WANT_NUMBER);

  if (node != NULL)
    *out = json_node_get_double (node);
  return node != NULL;
}

static JsonArray *
read_array (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member)
{
  JsonNode *node = read_member (b, head, object, member, WANT_ARRAY);
  return node ? json_node_get_array (node) : NULL;
}

static JsonObject *
read_object (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member)
{
  JsonNode *node = read_member (b, head, object, member, WANT_OBJECT);
  return node ? json_node_get_object (node) : NULL;
}

/* The array of strings @member, an element that is not a string noted and left NULL. */
static const char **
read_texts (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *object, const char *member,
            guint *n_out)
{
  JsonArray *array = read_array (b, head, object, member);
  guint n = array ? json_array_get_length (array) : 0;
  const char **texts = kr_dataset_builder_new0 (b, const char *, n);

  *n_out = n;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_autofree char *message = NULL;

      if (holds (node, WANT_STRING))
        texts[i] = kr_dataset_builder_copy_text (b, json_node_get_string (node));
      else
        {
          message = wrong_type (node, WANT_STRING);
          kr_dataset_builder_note_element (b, head, member, i, "%s", message);
        }
    }
  return texts;
}

/* ---- records ------------------------------------------------------------------------- */

/* The members each kind of object may have. */
static const char *const excerpt_members[] = { "article", "quote", "stance", "note", NULL };
static const char *const article_members[]
    = { "id",     "title",    "publisher", "date", "date_inferred", "url",
        "author", "language", "note",      "text", "text_file",     NULL };
static const char *const entity_members[]
    = { "id", "name", "kind", "country", "aliases", "names", "description", "evidence", NULL };
static const char *const value_members[] = { "amount", "currency", "approximate", NULL };
static const char *const stake_members[] = { "before", "after", NULL };
static const char *const party_members[] = { "entity", "role", NULL };
static const char *const deal_members[]
    = { "id",       "kind",  "status", "summary",     "parties", "date",     "end",
        "expected", "value", "stake",  "proposed_by", "note",    "evidence", NULL };

typedef void (*ReadFunc) (KrDatasetBuilder *b, JsonObject *object, gpointer record);

/* Fills the record at @head from @node, element @index of list @key of the object at @up. */
static void
read_record (KrDatasetBuilder *b, JsonNode *node, KrRecordHead *head, const KrPlace *up,
             const char *key, guint index, ReadFunc read)
{
  g_autofree char *message = NULL;

  head->place = (KrPlace){ .up = up, .key = key, .index = index, .indexed = TRUE };
  if (JSON_NODE_HOLDS_OBJECT (node))
    read (b, json_node_get_object (node), head);
  else
    {
      message = wrong_type (node, WANT_OBJECT);
      kr_dataset_builder_note_record (b, head, NULL, "%s", message);
    }
}

/* Fills @records, @size bytes each and starting with their KrRecordHead, from the elements
 * of @array, which is member @key of the object at @up. */
static void
read_records (KrDatasetBuilder *b, JsonArray *array, const KrPlace *up, const char *key,
              gpointer records, gsize size, ReadFunc read)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    read_record (b, json_array_get_element (array, i),
                 (KrRecordHead *)((guchar *)records + i * size), up, key, i, read);
}

static void
read_excerpt (KrDatasetBuilder *b, JsonObject *o, gpointer record)
{
  KrEvidenceRecord *r = record;

  note_unknown_members (b, &r->head, o, excerpt_members);
  r->article = read_text (b, &r->head, o, "article");
  r->quote = read_text (b, &r->head, o, "quote");
  r->stance = read_text (b, &r->head, o, "stance");
  r->note = read_text (b, &r->head, o, "note");
}

/* The record's "evidence"; FALSE when it has none. */
static gboolean
read_evidence (KrDatasetBuilder *b, KrRecordHead *owner, JsonObject *o, KrEvidenceRecord **out,
               guint *n_out)
{
  JsonArray *array = read_array (b, owner, o, "evidence");

  if (array == NULL)
    return FALSE;
  *n_out = json_array_get_length (array);
  *out = kr_dataset_builder_new0 (b, KrEvidenceRecord, *n_out);
  read_records (b, array, &owner->place, "evidence", *out, sizeof (KrEvidenceRecord), read_excerpt);
  return TRUE;
}

/* The article's text, given in it or in the file it names beside the dataset. */
static void
read_article_text (KrDatasetBuilder *b, KrArticleRecord *r, JsonObject *o)
{
  GFile *folder = kr_dataset_builder_get_folder (b);
  g_autoptr (GError) error = NULL;
  char *text;

  r->text = read_text (b, &r->head, o, "text");
  r->text_file = read_text (b, &r->head, o, "text_file");
  if (r->text_file == NULL)
    return;
  if (json_object_has_member (o, "text"))
    {
      kr_dataset_builder_note_field (b, &r->head, "text_file",
                                     _ ("give the text or a text file, not both"));
      r->text_file = NULL;
      return;
    }
  if (folder == NULL)
    {
      kr_dataset_builder_note_field (b, &r->head, "text_file",
                                     _ ("cannot be read: the dataset was not read from a file"));
      r->text_file = NULL;
      return;
    }
  text = kr_text_file_read (folder, r->text_file, NULL, &error);
  if (text == NULL)
    {
      kr_dataset_builder_note_field (b, &r->head, "text_file", "%s", error->message);
      r->text_file = NULL;
      return;
    }
  kr_dataset_builder_keep (b, text, g_free);
  r->text = text;
}

static void
read_article (KrDatasetBuilder *b, JsonObject *o, gpointer record)
{
  KrArticleRecord *r = record;

  note_unknown_members (b, &r->head, o, article_members);
  r->id = read_text (b, &r->head, o, "id");
  r->title = read_text (b, &r->head, o, "title");
  r->publisher = read_text (b, &r->head, o, "publisher");
  r->date = read_text (b, &r->head, o, "date");
  r->date_inferred = read_boolean (b, &r->head, o, "date_inferred");
  r->url = read_text (b, &r->head, o, "url");
  r->author = read_text (b, &r->head, o, "author");
  r->language = read_text (b, &r->head, o, "language");
  r->note = read_text (b, &r->head, o, "note");
  read_article_text (b, r, o);
}

static void
read_local_names (KrDatasetBuilder *b, KrEntityRecord *r, JsonObject *o)
{
  JsonObject *names = read_object (b, &r->head, o, "names");
  JsonObjectIter iter;
  const char *language;
  JsonNode *node;

  if (names == NULL)
    return;
  r->names = kr_dataset_builder_new0 (b, KrLocalNameRecord, json_object_get_size (names));
  json_object_iter_init (&iter, names);
  while (json_object_iter_next (&iter, &language, &node))
    {
      KrLocalNameRecord *name = &r->names[r->n_names];
      g_autofree char *message = NULL;

      name->language = kr_dataset_builder_copy_text (b, language);
      if (holds (node, WANT_STRING))
        name->name = kr_dataset_builder_copy_text (b, json_node_get_string (node));
      else
        {
          message = wrong_type (node, WANT_STRING);
          kr_dataset_builder_note_element (b, &r->head, "names", r->n_names, "%s", message);
        }
      r->n_names++;
    }
}

static void
read_entity (KrDatasetBuilder *b, JsonObject *o, gpointer record)
{
  KrEntityRecord *r = record;

  note_unknown_members (b, &r->head, o, entity_members);
  r->id = read_text (b, &r->head, o, "id");
  r->name = read_text (b, &r->head, o, "name");
  r->kind = read_text (b, &r->head, o, "kind");
  r->country = read_text (b, &r->head, o, "country");
  r->description = read_text (b, &r->head, o, "description");
  r->aliases = read_texts (b, &r->head, o, "aliases", &r->n_aliases);
  read_local_names (b, r, o);
  read_evidence (b, &r->head, o, &r->evidence, &r->n_evidence);
}

static KrValueRecord *
read_value (KrDatasetBuilder *b, KrDealRecord *deal, JsonObject *o)
{
  JsonObject *value = read_object (b, &deal->head, o, "value");
  KrValueRecord *r;

  if (value == NULL)
    return NULL;
  r = kr_dataset_builder_new0 (b, KrValueRecord, 1);
  r->head.place = (KrPlace){ .up = &deal->head.place, .key = "value" };
  note_unknown_members (b, &r->head, value, value_members);
  r->has_amount = read_number (b, &r->head, value, "amount", &r->amount);
  r->currency = read_text (b, &r->head, value, "currency");
  r->approximate = read_boolean (b, &r->head, value, "approximate");
  return r;
}

static KrStakeRecord *
read_stake (KrDatasetBuilder *b, KrDealRecord *deal, JsonObject *o)
{
  JsonObject *stake = read_object (b, &deal->head, o, "stake");
  KrStakeRecord *r;

  if (stake == NULL)
    return NULL;
  r = kr_dataset_builder_new0 (b, KrStakeRecord, 1);
  r->head.place = (KrPlace){ .up = &deal->head.place, .key = "stake" };
  note_unknown_members (b, &r->head, stake, stake_members);
  r->has_before = read_number (b, &r->head, stake, "before", &r->before);
  r->has_after = read_number (b, &r->head, stake, "after", &r->after);
  return r;
}

static void
read_party (KrDatasetBuilder *b, JsonObject *o, gpointer record)
{
  KrPartyRecord *r = record;

  note_unknown_members (b, &r->head, o, party_members);
  r->entity = read_text (b, &r->head, o, "entity");
  r->role = read_text (b, &r->head, o, "role");
}

static void
read_deal (KrDatasetBuilder *b, JsonObject *o, gpointer record)
{
  KrDealRecord *r = record;
  JsonArray *parties;

  note_unknown_members (b, &r->head, o, deal_members);
  r->id = read_text (b, &r->head, o, "id");
  r->kind = read_text (b, &r->head, o, "kind");
  r->status = read_text (b, &r->head, o, "status");
  r->summary = read_text (b, &r->head, o, "summary");
  r->date = read_text (b, &r->head, o, "date");
  r->end = read_text (b, &r->head, o, "end");
  r->expected = read_text (b, &r->head, o, "expected");
  r->note = read_text (b, &r->head, o, "note");
  r->value = read_value (b, r, o);
  r->stake = read_stake (b, r, o);
  parties = read_array (b, &r->head, o, "parties");
  if (parties != NULL)
    {
      r->has_parties = TRUE;
      r->n_parties = json_array_get_length (parties);
      r->parties = kr_dataset_builder_new0 (b, KrPartyRecord, r->n_parties);
      read_records (b, parties, &r->head.place, "parties", r->parties, sizeof (KrPartyRecord),
                    read_party);
    }
  r->proposed_by = read_texts (b, &r->head, o, "proposed_by", &r->n_proposed_by);
  r->has_evidence = read_evidence (b, &r->head, o, &r->evidence, &r->n_evidence);
}

/* ---- records read from the text ------------------------------------------------------ */

/* Reading records straight from the checked text: what each function here reads is what the
 * json-glib path above reads from the same record, and anything else makes it give up (FALSE),
 * without a note, for that path to read the record.
 *
 * The strings stay in the text, which the reader owns: once a record has been read, its
 * strings are moved to the front of the text, one after the other with their escapes undone,
 * where the text already read was. A string never lands past where it was, so nothing is
 * overwritten that is still to be read; the records are read in the order of the text. The
 * file is then not in memory twice, once as text and once as strings, and what is left of the
 * text behind the strings is given back. */
typedef struct
{
  const char **slot; /* where the record wants the string */
  gsize at;          /* the string in the text, with its quotes */
  gsize size;
} Pending;

typedef struct
{
  KrDatasetBuilder *b;
  KrJsonWalk text;  /* the whole text */
  char *buffer;     /* the same, to write the strings into */
  gsize packed;     /* the strings moved so far fill the text up to here */
  GArray *pending;  /* Pending: the strings of the record being read */
  GString *scratch; /* a string with escapes, undone */
  GArray *elements; /* Member: the elements of the array being read */
} Fast;

/* A member of an object: its name as written, without quotes, and its value in the text. */
typedef struct
{
  const char *name;
  gsize name_size;
  gsize value;
  gsize value_size;
} Member;

#define MAX_MEMBERS 16

/* The members of the object at @at, each one that @allowed names, at most once (the strict
 * check refused names given twice); FALSE for anything else there. */
static gboolean
fast_members (const Fast *f, gsize at, const char *const *allowed, Member *members, guint *n)
{
  KrJsonWalk walk;
  gsize name, name_size, value, value_size;

  *n = 0;
  if (!kr_json_walk_begin (&walk, f->text.data, f->text.size, at, '{'))
    return FALSE;
  while (kr_json_walk_next (&walk, &name, &name_size, &value, &value_size))
    {
      const char *text = f->text.data + name + 1;
      gsize size = name_size - 2;
      gboolean known = FALSE;

      for (const char *const *a = allowed; *a != NULL && !known; a++)
        known = strlen (*a) == size && memcmp (*a, text, size) == 0;
      if (!known || *n == MAX_MEMBERS)
        return FALSE;
      members[(*n)++]
          = (Member){ .name = text, .name_size = size, .value = value, .value_size = value_size };
    }
  return TRUE;
}

static const Member *
find_member (const Member *members, guint n, const char *name)
{
  gsize size = strlen (name);

  for (guint i = 0; i < n; i++)
    if (members[i].name_size == size && memcmp (members[i].name, name, size) == 0)
      return &members[i];
  return NULL;
}

/* The string at @at, @size bytes with its quotes, for @slot once the record is read. */
static void
fast_string (const Fast *f, const char **slot, gsize at, gsize size)
{
  Pending p = { .slot = slot, .at = at, .size = size };

  g_array_append_val (f->pending, p);
}

static int
compare_pending (gconstpointer a, gconstpointer b)
{
  gsize x = ((const Pending *)a)->at, y = ((const Pending *)b)->at;

  return (x > y) - (x < y);
}

/* Moves the strings of the record just read to the front of the text, in the order they come
 * in it: each lands before the end of where it was, behind the one before it. */
static void
pack_strings (Fast *f)
{
  g_array_sort (f->pending, compare_pending);
  for (guint i = 0; i < f->pending->len; i++)
    {
      const Pending *p = &g_array_index (f->pending, Pending, i);
      const char *from = f->buffer + p->at + 1;
      gsize len = p->size - 2;
      char *to = f->buffer + f->packed;

      if (memchr (from, '\\', len) != NULL)
        {
          g_string_truncate (f->scratch, 0);
          kr_json_walk_string (&f->text, p->at, p->size, f->scratch);
          from = f->scratch->str;
          len = f->scratch->len;
        }
      memmove (to, from, len);
      to[len] = '\0';
      *p->slot = to;
      f->packed += len + 1;
    }
  g_array_set_size (f->pending, 0);
}

/* The text past the strings is not read again: its pages go back to the system. */
static void
release_text (Fast *f)
{
#ifdef MADV_DONTNEED
  guintptr page = (guintptr)sysconf (_SC_PAGESIZE);
  guintptr from = ((guintptr)f->buffer + f->packed + page - 1) & ~(page - 1);
  guintptr to = ((guintptr)f->buffer + f->text.size) & ~(page - 1);

  if (to > from)
    madvise ((void *)from, to - from, MADV_DONTNEED);
#else
  (void)f;
#endif
}

static char
first_char (const Fast *f, const Member *m)
{
  return f->text.data[m->value];
}

/* @name's string in @out (NULL when absent); FALSE when it is not a string. */
static gboolean
fast_text (const Fast *f, const Member *members, guint n, const char *name, const char **out)
{
  const Member *m = find_member (members, n, name);

  if (m == NULL)
    return TRUE;
  if (first_char (f, m) != '"')
    return FALSE;
  fast_string (f, out, m->value, m->value_size);
  return TRUE;
}

static gboolean
fast_boolean (const Fast *f, const Member *members, guint n, const char *name, gboolean *out)
{
  const Member *m = find_member (members, n, name);

  if (m == NULL)
    return TRUE;
  if (first_char (f, m) != 't' && first_char (f, m) != 'f')
    return FALSE;
  *out = first_char (f, m) == 't';
  return TRUE;
}

/* A number json-glib would read as the same double; FALSE for one out of range, which it is
 * left to say. */
static gboolean
fast_number (const Fast *f, const Member *members, guint n, const char *name, gboolean *has,
             double *out)
{
  const Member *m = find_member (members, n, name);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char c;

  if (m == NULL)
    return TRUE;
  c = first_char (f, m);
  if ((c != '-' && !g_ascii_isdigit (c)) || m->value_size >= sizeof buffer)
    return FALSE;
  memcpy (buffer, f->text.data + m->value, m->value_size);
  buffer[m->value_size] = '\0';
  /* json-glib reads a whole number as one, which -0 shows ("-0" is 0, not -0.0); the strict
   * check refused those out of its range. */
  if (strpbrk (buffer, ".eE") == NULL)
    *out = (double)g_ascii_strtoll (buffer, NULL, 10);
  else
    *out = g_ascii_strtod (buffer, NULL);
  *has = TRUE;
  return isfinite (*out);
}

/* The elements of the array @name in f->elements (no array is read inside another); FALSE
 * when it is not an array. Absent: TRUE, @present (nullable) FALSE. */
static gboolean
fast_array (const Fast *f, const Member *members, guint n, const char *name, gboolean *present)
{
  const Member *m = find_member (members, n, name);
  GArray *elements = f->elements;
  KrJsonWalk walk;
  gsize value, value_size;

  g_array_set_size (elements, 0);
  if (present != NULL)
    *present = m != NULL;
  if (m == NULL)
    return TRUE;
  if (!kr_json_walk_begin (&walk, f->text.data, f->text.size, m->value, '['))
    return FALSE;
  while (kr_json_walk_next (&walk, NULL, NULL, &value, &value_size))
    {
      Member e = { .value = value, .value_size = value_size };
      g_array_append_val (elements, e);
    }
  return TRUE;
}

static gboolean
fast_texts (const Fast *f, const Member *members, guint n, const char *name, const char ***out,
            guint *n_out)
{
  GArray *elements = f->elements;

  if (!fast_array (f, members, n, name, NULL))
    return FALSE;
  *n_out = elements->len;
  *out = kr_dataset_builder_new0 (f->b, const char *, elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      const Member *e = &g_array_index (elements, Member, i);

      if (f->text.data[e->value] != '"')
        return FALSE;
      fast_string (f, &(*out)[i], e->value, e->value_size);
    }
  return TRUE;
}

static gboolean
fast_excerpt (const Fast *f, gsize at, KrEvidenceRecord *r)
{
  Member m[MAX_MEMBERS];
  guint n;

  return fast_members (f, at, excerpt_members, m, &n) && fast_text (f, m, n, "article", &r->article)
         && fast_text (f, m, n, "quote", &r->quote) && fast_text (f, m, n, "stance", &r->stance)
         && fast_text (f, m, n, "note", &r->note);
}

static gboolean
fast_party (const Fast *f, gsize at, KrPartyRecord *r)
{
  Member m[MAX_MEMBERS];
  guint n;

  return fast_members (f, at, party_members, m, &n) && fast_text (f, m, n, "entity", &r->entity)
         && fast_text (f, m, n, "role", &r->role);
}

/* The owner's "evidence", as read_evidence() reads it. */
static gboolean
fast_evidence (const Fast *f, const Member *members, guint n, KrRecordHead *owner,
               KrEvidenceRecord **out, guint *n_out, gboolean *present)
{
  GArray *elements = f->elements;

  if (!fast_array (f, members, n, "evidence", present))
    return FALSE;
  if (!*present)
    return TRUE;
  *n_out = elements->len;
  *out = kr_dataset_builder_new0 (f->b, KrEvidenceRecord, elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      (*out)[i].head.place
          = (KrPlace){ .up = &owner->place, .key = "evidence", .index = i, .indexed = TRUE };
      if (!fast_excerpt (f, g_array_index (elements, Member, i).value, &(*out)[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
fast_article (const Fast *f, gsize at, gpointer record)
{
  KrArticleRecord *r = record;
  Member m[MAX_MEMBERS];
  guint n;

  /* A text in a file of its own is read by read_article_text(). */
  return fast_members (f, at, article_members, m, &n) && find_member (m, n, "text_file") == NULL
         && fast_text (f, m, n, "id", &r->id) && fast_text (f, m, n, "title", &r->title)
         && fast_text (f, m, n, "publisher", &r->publisher) && fast_text (f, m, n, "date", &r->date)
         && fast_boolean (f, m, n, "date_inferred", &r->date_inferred)
         && fast_text (f, m, n, "url", &r->url) && fast_text (f, m, n, "author", &r->author)
         && fast_text (f, m, n, "language", &r->language) && fast_text (f, m, n, "note", &r->note)
         && fast_text (f, m, n, "text", &r->text);
}

/* Local names in one language at most: json-glib gives several in an order of its own. */
static gboolean
fast_local_names (const Fast *f, const Member *members, guint n, KrEntityRecord *r)
{
  const Member *m = find_member (members, n, "names");
  KrJsonWalk walk;
  gsize name, name_size, value, value_size, more, more_size;

  if (m == NULL)
    return TRUE;
  if (!kr_json_walk_begin (&walk, f->text.data, f->text.size, m->value, '{'))
    return FALSE;
  if (!kr_json_walk_next (&walk, &name, &name_size, &value, &value_size))
    return TRUE;
  if (f->text.data[value] != '"' || kr_json_walk_next (&walk, NULL, NULL, &more, &more_size))
    return FALSE;
  r->names = kr_dataset_builder_new0 (f->b, KrLocalNameRecord, 1);
  fast_string (f, &r->names[0].language, name, name_size);
  fast_string (f, &r->names[0].name, value, value_size);
  r->n_names = 1;
  return TRUE;
}

static gboolean
fast_entity (const Fast *f, gsize at, gpointer record)
{
  KrEntityRecord *r = record;
  Member m[MAX_MEMBERS];
  guint n;
  gboolean has_evidence;

  return fast_members (f, at, entity_members, m, &n) && fast_text (f, m, n, "id", &r->id)
         && fast_text (f, m, n, "name", &r->name) && fast_text (f, m, n, "kind", &r->kind)
         && fast_text (f, m, n, "country", &r->country)
         && fast_text (f, m, n, "description", &r->description)
         && fast_texts (f, m, n, "aliases", &r->aliases, &r->n_aliases)
         && fast_local_names (f, m, n, r)
         && fast_evidence (f, m, n, &r->head, &r->evidence, &r->n_evidence, &has_evidence);
}

/* The deal's object @name, as read_value() and read_stake() read it. */
static gboolean
fast_part (const Fast *f, const Member *members, guint n, KrDealRecord *deal, const char *name,
           const char *const *allowed, Member *part, guint *n_part, KrRecordHead **head, gsize size)
{
  const Member *m = find_member (members, n, name);

  *head = NULL;
  if (m == NULL)
    return TRUE;
  if (!fast_members (f, m->value, allowed, part, n_part))
    return FALSE;
  *head = kr_dataset_builder_alloc (f->b, 1, size);
  (*head)->place = (KrPlace){ .up = &deal->head.place, .key = name };
  return TRUE;
}

static gboolean
fast_deal (const Fast *f, gsize at, gpointer record)
{
  KrDealRecord *r = record;
  Member m[MAX_MEMBERS], part[MAX_MEMBERS];
  GArray *parties = f->elements;
  guint n, n_part;
  KrRecordHead *head;

  if (!fast_members (f, at, deal_members, m, &n) || !fast_text (f, m, n, "id", &r->id)
      || !fast_text (f, m, n, "kind", &r->kind) || !fast_text (f, m, n, "status", &r->status)
      || !fast_text (f, m, n, "summary", &r->summary) || !fast_text (f, m, n, "date", &r->date)
      || !fast_text (f, m, n, "end", &r->end) || !fast_text (f, m, n, "expected", &r->expected)
      || !fast_text (f, m, n, "note", &r->note))
    return FALSE;

  if (!fast_part (f, m, n, r, "value", value_members, part, &n_part, &head, sizeof (KrValueRecord)))
    return FALSE;
  if ((r->value = (KrValueRecord *)head) != NULL
      && !(fast_number (f, part, n_part, "amount", &r->value->has_amount, &r->value->amount)
           && fast_text (f, part, n_part, "currency", &r->value->currency)
           && fast_boolean (f, part, n_part, "approximate", &r->value->approximate)))
    return FALSE;
  if (!fast_part (f, m, n, r, "stake", stake_members, part, &n_part, &head, sizeof (KrStakeRecord)))
    return FALSE;
  if ((r->stake = (KrStakeRecord *)head) != NULL
      && !(fast_number (f, part, n_part, "before", &r->stake->has_before, &r->stake->before)
           && fast_number (f, part, n_part, "after", &r->stake->has_after, &r->stake->after)))
    return FALSE;

  if (!fast_array (f, m, n, "parties", &r->has_parties))
    return FALSE;
  r->n_parties = r->has_parties ? parties->len : 0;
  r->parties = kr_dataset_builder_new0 (f->b, KrPartyRecord, r->n_parties);
  for (guint i = 0; i < r->n_parties; i++)
    {
      r->parties[i].head.place
          = (KrPlace){ .up = &r->head.place, .key = "parties", .index = i, .indexed = TRUE };
      if (!fast_party (f, g_array_index (parties, Member, i).value, &r->parties[i]))
        return FALSE;
    }
  return fast_texts (f, m, n, "proposed_by", &r->proposed_by, &r->n_proposed_by)
         && fast_evidence (f, m, n, &r->head, &r->evidence, &r->n_evidence, &r->has_evidence);
}

/* ---- the document -------------------------------------------------------------------- */

/* The members that say which file this is: they are the JSON format's, not the dataset's. */
static void
read_format (KrDatasetBuilder *b, KrRecordHead *head, JsonObject *root)
{
  JsonNode *fmt = json_object_get_member (root, "format");
  JsonNode *ver = json_object_get_member (root, "version");

  if (fmt == NULL)
    kr_dataset_builder_note_record (
        b, head, "format",
        _ ("required member \"format\" is missing; a dataset starts with "
           "\"format\": \"keiretsu-dataset\""));
  else if (!holds (fmt, WANT_STRING)
           || g_strcmp0 (json_node_get_string (fmt), KR_DATASET_FORMAT) != 0)
    kr_dataset_builder_note_record (b, head, "format",
                                    _ ("this is not a Keiretsu dataset; expected \"%s\""),
                                    KR_DATASET_FORMAT);
  if (ver == NULL)
    kr_dataset_builder_note_record (b, head, "version",
                                    _ ("required member \"version\" is missing"));
  else if (!holds (ver, WANT_NUMBER) || json_node_get_value_type (ver) != G_TYPE_INT64)
    kr_dataset_builder_note_record (b, head, "version", _ ("expected an integer, found %s"),
                                    type_name (ver));
  else if (json_node_get_int (ver) != KR_DATASET_VERSION)
    kr_dataset_builder_note_record (
        b, head, "version", _ ("version %lld is not supported; this Keiretsu reads version %d"),
        (long long)json_node_get_int (ver), KR_DATASET_VERSION);
}

static gboolean
is_blank (const char *data, gsize size)
{
  for (gsize i = 0; i < size; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Checks the raw bytes, and finds the JSON text in them: @data and @size. FALSE when that
 * failed, the problem reported. Takes @bytes: what the builder keeps, and the records' strings
 * are written into. */
static gboolean
check (KrDatasetBuilder *b, GBytes *bytes, char **data_out, gsize *size_out)
{
  char *data;
  gsize size;

  /* Not copied when the bytes were read from a file. */
  data = g_bytes_unref_to_data (bytes, &size);
  if (data == NULL)
    data = g_malloc0 (1);
  kr_dataset_builder_keep (b, data, g_free);
  /* Byte order marks, one or more as json-glib has always skipped them, before the scan for
   * what is not JSON. */
  while (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (!kr_dataset_builder_check_size (b, size))
    return FALSE;
  if (!kr_dataset_builder_check_utf8 (b, data, size) || !check_depth (b, data, size)
      || !check_strict (b, data, size))
    return FALSE;

  /* Said before json-glib sees it: 1.10 calls it a syntax error, without a place. */
  if (is_blank (data, size))
    {
      kr_dataset_builder_report_position (b, 1, 1, _ ("the file is empty"));
      return FALSE;
    }
  *data_out = data;
  *size_out = size;
  return TRUE;
}

/* Parses the value at @offset of the text, @size bytes: the parser's root, or NULL with the
 * problem reported at its place in the whole text. */
static JsonNode *
parse_value (KrDatasetBuilder *b, JsonParser *parser, const char *data, gsize offset, gsize size)
{
  g_autoptr (GError) error = NULL;
  int line, column, error_line, error_column;
  const char *msg;
  g_autofree char *text = NULL;

  if (json_parser_load_from_data (parser, data + offset, (gssize)size, &error))
    return json_parser_get_root (parser);
  /* Its place in the value, moved to where the value is in the text. */
  msg = kr_json_reader_parse_error_place (error, &error_line, &error_column);
  kr_json_position (data, offset, &line, &column);
  if (error_line > 1)
    line += error_line - 1, column = error_column;
  else
    column += MAX (error_column, 1) - 1;
  text = g_strdup_printf (_ ("syntax error: %s"), msg);
  kr_dataset_builder_report_position (b, line, column, text);
  return NULL;
}

/* The records of one of the dataset's lists, in the text at @offset: counted, then parsed and
 * read one at a time, so that the whole document is never held as a tree. FALSE after a
 * syntax error. */
typedef enum
{
  LIST_ARTICLES,
  LIST_ENTITIES,
  LIST_DEALS,
  N_LISTS,
} List;

/* In the order the builder takes them. */
static const char *const list_names[N_LISTS + 1] = { "articles", "entities", "deals", NULL };

typedef gboolean (*FastFunc) (const Fast *f, gsize at, gpointer record);

static gboolean
read_list (Fast *f, JsonParser *parser, gsize offset, List list)
{
  KrDatasetBuilder *b = f->b;
  const char *data = f->text.data;
  gsize size = f->text.size;
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (Member));
  KrJsonWalk walk;
  gsize value, value_size;
  gpointer records = NULL;
  gsize record_size = 0;
  ReadFunc read = NULL;
  FastFunc fast = NULL;

  kr_json_walk_begin (&walk, data, size, offset, '[');
  while (kr_json_walk_next (&walk, NULL, NULL, &value, &value_size))
    {
      Member m = { .value = value, .value_size = value_size };
      g_array_append_val (values, m);
    }
  switch (list)
    {
    case LIST_ARTICLES:
      records = kr_dataset_builder_add_articles (b, values->len);
      record_size = sizeof (KrArticleRecord);
      read = read_article;
      fast = fast_article;
      break;
    case LIST_ENTITIES:
      records = kr_dataset_builder_add_entities (b, values->len);
      record_size = sizeof (KrEntityRecord);
      read = read_entity;
      fast = fast_entity;
      break;
    case LIST_DEALS:
    case N_LISTS:
      records = kr_dataset_builder_add_deals (b, values->len);
      record_size = sizeof (KrDealRecord);
      read = read_deal;
      fast = fast_deal;
      break;
    }
  if (records == NULL)
    return TRUE;

  for (guint i = 0; i < values->len; i++)
    {
      KrRecordHead *head = (KrRecordHead *)((guchar *)records + i * record_size);
      const Member *m = &g_array_index (values, Member, i);
      JsonNode *node;

      head->place = (KrPlace){ .up = NULL, .key = list_names[list], .index = i, .indexed = TRUE };
      if (fast (f, m->value, head))
        {
          pack_strings (f);
          continue;
        }
      /* What the fast path read so far stays in the builder's blocks, unused. */
      g_array_set_size (f->pending, 0);
      memset (head, 0, record_size);
      node = parse_value (b, parser, data, m->value, m->value_size);
      if (node == NULL)
        return FALSE;
      read_record (b, node, head, NULL, list_names[list], i, read);
    }
  return TRUE;
}

/* The members of the document other than its lists of records, parsed into @root; the lists
 * are left in the text, where @lists says (or G_MAXSIZE when a list is not there as an
 * array). FALSE after a syntax error. */
static gboolean
read_members (KrDatasetBuilder *b, JsonParser *parser, KrJsonWalk *walk, JsonObject *root,
              gsize *lists)
{
  gsize name, name_size, value, value_size;

  while (kr_json_walk_next (walk, &name, &name_size, &value, &value_size))
    {
      g_autofree char *key = NULL;
      JsonNode *node = parse_value (b, parser, walk->data, name, name_size);
      guint list;

      if (node == NULL)
        return FALSE;
      key = g_strdup (json_node_get_string (node));
      for (list = 0; list_names[list] != NULL; list++)
        if (g_str_equal (key, list_names[list]))
          break;
      if (list_names[list] != NULL && walk->data[value] == '[')
        {
          lists[list] = value;
          continue;
        }
      node = parse_value (b, parser, walk->data, value, value_size);
      if (node == NULL)
        return FALSE;
      json_object_set_member (root, key, json_parser_steal_root (parser));
    }
  return TRUE;
}

gboolean
kr_json_reader_read_file (KrDatasetBuilder *b, GFile *file, GBytes *bytes,
                          GCancellable *cancellable)
{
  g_autoptr (GFile) folder = g_file_get_parent (file);

  (void)cancellable;
  kr_dataset_builder_set_folder (b, folder);
  return kr_json_reader_read (b, bytes);
}

gboolean
kr_json_reader_read (KrDatasetBuilder *b, GBytes *bytes)
{
  static const char *const allowed[]
      = { "format", "version", "title", "description", "articles", "entities", "deals", NULL };
  KrDatasetRecord *dataset = kr_dataset_builder_get_dataset_record (b);
  KrRecordHead *head = &dataset->head;
  gsize lists[] = { G_MAXSIZE, G_MAXSIZE, G_MAXSIZE };
  List order[N_LISTS] = { LIST_ARTICLES, LIST_ENTITIES, LIST_DEALS };
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr (GString) scratch = g_string_new (NULL);
  g_autoptr (GArray) elements = g_array_new (FALSE, FALSE, sizeof (Member));
  Fast f = { .b = b, .pending = pending, .scratch = scratch, .elements = elements };
  char *data;
  gsize size;
  KrJsonWalk walk;

  if (!check (b, bytes, &data, &size))
    return FALSE;
  parser = json_parser_new_immutable ();
#if JSON_CHECK_VERSION(1, 10, 0)
  json_parser_set_strict (parser, TRUE);
#endif
  if (!kr_json_walk_begin (&walk, data, size, 0, '{'))
    {
      /* Not a dataset: parsed whole only to say what it is instead. */
      JsonNode *node = parse_value (b, parser, data, 0, size);
      g_autofree char *message = node ? wrong_type (node, WANT_OBJECT) : NULL;

      if (message != NULL)
        kr_dataset_builder_report (b, &head->place, "%s", message);
      return FALSE;
    }
  root = json_object_new ();
  if (!read_members (b, parser, &walk, root, lists))
    return FALSE;

  note_unknown_members (b, head, root, allowed);
  read_format (b, head, root);
  dataset->title = read_text (b, head, root, "title");
  dataset->description = read_text (b, head, root, "description");
  for (List list = 0; list < N_LISTS; list++)
    if (lists[list] == G_MAXSIZE)
      read_array (b, head, root, list_names[list]); /* notes one that is not an array */

  /* The lists in the order of the text, for their strings to move to its front. */
  for (guint i = 1; i < N_LISTS; i++)
    for (guint j = i; j > 0 && lists[order[j]] < lists[order[j - 1]]; j--)
      {
        List swap = order[j];

        order[j] = order[j - 1];
        order[j - 1] = swap;
      }
  kr_json_walk_begin (&f.text, data, size, 0, '{');
  f.buffer = data;
  for (guint i = 0; i < N_LISTS; i++)
    if (lists[order[i]] != G_MAXSIZE && !read_list (&f, parser, lists[order[i]], order[i]))
      return FALSE;
  release_text (&f);
  return TRUE;
}
