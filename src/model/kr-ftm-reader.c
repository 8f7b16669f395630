/* kr-ftm-reader.c — FollowTheMoney entity streams into records for the builder
 *
 * The file is read a chunk at a time; each line is checked on its own by the strict scanner,
 * then walked for its members (kr_json_walk_next), and only the strings of its properties are
 * kept: a file is never held whole, nor parsed into a tree. Records are made
 * at the end, once every id is known, since a link may come before the entities it joins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-ftm-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-arena.h"
#include "kr-ftm-reader.h"
#include "kr-ftm-schema.h"
#include "kr-import-values.h"
#include "kr-input.h"
#include "kr-json-strict.h"

/* Lines that cannot be read at all before reading stops: a file that is not FtM says so soon. */
#define MAX_BAD_LINES 100

typedef struct _Value Value;
struct _Value
{
  Value *next;
  const char *property;
  const char *text;
};

typedef struct _Item Item;
struct _Item
{
  KrPlace place; /* its line, copied into its record's */
  const KrFtmSchema *schema;
  const char *id;  /* the file's */
  const char *key; /* the dataset's */
  Value *values, **last;
  GPtrArray *participants; /* projects: their ProjectParticipant items */
};

typedef struct
{
  KrDatasetBuilder *builder;
  GStringChunk *texts;
  /* The items and their values, freed once they are records, before the dataset is built:
   * no record points into it. */
  KrArena *arena;
  GPtrArray *items;    /* Item *, in the file's order */
  GHashTable *by_id;   /* the file's id → Item */
  GHashTable *skipped; /* schema name → count */
  guint bad_lines;
  GString *name, *value; /* a member's name and a string, read again for each */
} Reader;

void
kr_ftm_reader_format_place (GString *out, const KrPlace *place, gboolean in_text)
{
  const KrPlace *line = place, *record;

  if (place == NULL)
    {
      g_string_append (out, in_text ? _ ("the file") : "1");
      return;
    }
  while (line->up != NULL)
    line = line->up;
  if (in_text)
    g_string_append_printf (out, _ ("line %u"), line->index);
  else
    g_string_append_printf (out, "%u", line->index);
  /* A column of the line, or the fields within its record. */
  record = line;
  for (const KrPlace *p = place; p != line; p = p->up)
    if (p->up == line && p->key == NULL && p->indexed)
      {
        g_string_append_printf (out, ":%u", p->index);
        record = p;
      }
  kr_place_append_fields (out, place, record);
}

/* ---- lines --------------------------------------------------------------------------- */

static const char *
intern (Reader *r, const char *text)
{
  return text ? g_string_chunk_insert_const (r->texts, text) : NULL;
}

/* A problem at @column (in characters, 0 for none) of the line at @place. */
static void
report_at (Reader *r, KrPlace *line, int column, const char *message)
{
  KrPlace at = { .up = line, .index = (guint)MAX (column, 0), .indexed = TRUE };

  kr_dataset_builder_report (r->builder, column > 0 ? &at : line, "%s", message);
  r->bad_lines++;
}

/* The column, in characters, of byte @offset of @text. */
static int
column_of (const char *text, gsize offset)
{
  return (int)g_utf8_strlen (text, (gssize)offset) + 1;
}

static gboolean
check_line (Reader *r, KrPlace *line, const char *text, gsize size)
{
  const char *end = NULL;
  g_autofree char *problem = NULL;
  int at_line, at_column;
  gssize deep;

  if (!kr_utf8_validate (text, size, &end))
    {
      report_at (r, line, column_of (text, (gsize)(end - text)),
                 *end == '\0' ? _ ("the file contains a NUL byte; datasets are UTF-8 text")
                              : _ ("the file is not valid UTF-8 text"));
      return FALSE;
    }
  if ((deep = kr_json_too_deep (text, size, KR_DATASET_MAX_DEPTH)) >= 0)
    {
      g_autofree char *message = g_strdup_printf (_ ("values are nested more than %d levels deep"),
                                                  KR_DATASET_MAX_DEPTH);
      report_at (r, line, column_of (text, (gsize)deep), message);
      return FALSE;
    }
  if ((problem = kr_json_strict_check (text, size, &at_line, &at_column)) != NULL)
    {
      report_at (r, line, at_column, problem);
      return FALSE;
    }
  return TRUE;
}

static void
add_value (Reader *r, Item *item, const char *property, const char *text)
{
  Value *value = kr_arena_new0 (r->arena, Value, 1);

  value->property = property;
  value->text = g_string_chunk_insert (r->texts, text);
  *item->last = value;
  item->last = &value->next;
}

/* The string the walk found at @value, into @text; FALSE when the value is not a string. */
static gboolean
walk_string (const KrJsonWalk *walk, gsize value, gsize size, GString *text)
{
  if (size < 2 || walk->data[value] != '"')
    return FALSE;
  g_string_truncate (text, 0);
  kr_json_walk_string (walk, value, size, text);
  return TRUE;
}

/* The properties' strings, the object of them at @start of the line; FALSE when they are not
 * an object of arrays of strings. */
static gboolean
read_properties (Reader *r, KrPlace *line, Item *item, const char *text, gsize size, gsize start)
{
  GString *name = r->name, *value = r->value;
  KrJsonWalk object, array;
  gsize at, at_size, v, v_size;

  kr_json_walk_begin (&object, text, size, start, '{');
  while (kr_json_walk_next (&object, &at, &at_size, &v, &v_size))
    {
      gboolean strings = kr_json_walk_begin (&array, text, size, v, '[');
      const char *property;
      gsize e, e_size;

      g_string_truncate (name, 0);
      kr_json_walk_string (&object, at, at_size, name);
      property = intern (r, name->str);
      while (strings && kr_json_walk_next (&array, NULL, NULL, &e, &e_size))
        {
          if (walk_string (&array, e, e_size, value))
            add_value (r, item, property, value->str);
          else
            strings = FALSE;
        }
      if (!strings)
        {
          g_autofree char *shown = kr_problem_quote (name->str);
          g_autofree char *message
              = g_strdup_printf (_ ("property \"%s\" must be an array of strings"), shown);
          report_at (r, line, 0, message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Fragments of one entity on several lines are one entity, as FtM merges them. */
static Item *
item_for (Reader *r, KrPlace *line, const KrFtmSchema *schema, const char *id)
{
  Item *item = g_hash_table_lookup (r->by_id, id);

  if (item != NULL)
    {
      if (item->schema != schema)
        {
          g_autofree char *shown = kr_problem_quote (id);
          g_autofree char *message = g_strdup_printf (_ ("id \"%s\" is already a %s on line %u"),
                                                      shown, item->schema->name, item->place.index);
          report_at (r, line, 0, message);
          return NULL;
        }
      return item;
    }
  item = kr_arena_new0 (r->arena, Item, 1);
  item->place = *line;
  item->schema = schema;
  /* Not interned: the table of ids already keeps each once, and the chunk's own table of
   * texts would keep every id for as long as the dataset. */
  item->id = g_string_chunk_insert (r->texts, id);
  item->last = &item->values;
  g_ptr_array_add (r->items, item);
  g_hash_table_insert (r->by_id, (gpointer)item->id, item);
  return item;
}

static void
read_line (Reader *r, guint number, const char *text, gsize size)
{
  /* Problems are placed as they are reported, and records copy their item's place: the line's
   * own need not outlive it. */
  KrPlace here = { .index = number, .indexed = TRUE }, *line = &here;
  GString *name = r->name;
  g_autofree char *id = NULL;
  g_autofree char *schema_name = NULL;
  const KrFtmSchema *schema;
  KrJsonWalk object;
  gsize at, at_size, value, value_size, properties = 0, properties_size = 0;
  Item *item;

  if (!check_line (r, line, text, size))
    return;
  /* The line is strict JSON: it is walked, not parsed, and only its strings are kept. */
  if (!kr_json_walk_begin (&object, text, size, 0, '{'))
    {
      report_at (r, line, 0,
                 _ ("expected an entity: an object with \"id\", \"schema\" and "
                    "\"properties\""));
      return;
    }
  while (kr_json_walk_next (&object, &at, &at_size, &value, &value_size))
    {
      char **text_of = NULL;

      g_string_truncate (name, 0);
      kr_json_walk_string (&object, at, at_size, name);
      if (g_str_equal (name->str, "id"))
        text_of = &id;
      else if (g_str_equal (name->str, "schema"))
        text_of = &schema_name;
      else if (g_str_equal (name->str, "properties"))
        {
          properties = value;
          properties_size = value_size;
        }
      /* A member that is not a string is as good as none. */
      if (text_of != NULL && walk_string (&object, value, value_size, name))
        *text_of = g_strdup (name->str);
    }
  if (id == NULL || *id == '\0' || schema_name == NULL)
    {
      report_at (r, line, 0, _ ("an entity needs an \"id\" and a \"schema\", both strings"));
      return;
    }
  if (properties_size > 0 && text[properties] != '{')
    {
      report_at (r, line, 0, _ ("\"properties\" must be an object"));
      return;
    }

  if ((schema = kr_ftm_schema_find (schema_name)) == NULL)
    {
      const char *skipped = intern (r, schema_name);
      g_hash_table_insert (
          r->skipped, (gpointer)skipped,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (r->skipped, skipped)) + 1));
      return;
    }
  if ((item = item_for (r, line, schema, id)) != NULL && properties_size > 0)
    read_properties (r, line, item, text, size, properties);
}

/* ---- values -------------------------------------------------------------------------- */

/* The first letters tell most properties apart, without a call. */
static inline gboolean
is_property (const Value *value, const char *property)
{
  return value->property[0] == property[0] && strcmp (value->property, property) == 0;
}

/* The first value of the first of @properties that the item gives, not blank. */
static const char *
first (const Item *item, const char *const *properties)
{
  for (const char *const *p = properties; *p != NULL; p++)
    for (const Value *v = item->values; v != NULL; v = v->next)
      if (is_property (v, *p))
        {
          const char *t = v->text;

          while (g_ascii_isspace (*t))
            t++;
          if (*t != '\0')
            return v->text;
        }
  return NULL;
}

#define FIRST(item, ...) first ((item), (const char *const[]){ __VA_ARGS__, NULL })

static guint
count (const Item *item, const char *property)
{
  guint n = 0;

  for (const Value *v = item->values; v != NULL; v = v->next)
    n += is_property (v, property);
  return n;
}

/* Words FtM files use for statuses. */
static const KrImportWord status_words[] = {
  { "current", "active" },  { "former", "ended" },     { "inactive", "ended" },
  { "dissolved", "ended" }, { "terminated", "ended" }, { "completed", "completed" },
};

/* A percentage as "25", "25.5" or "25 %". */
static gboolean
parse_percentage (const char *text, double *out)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  *out = g_ascii_strtod (copy, &end);
  while (end != NULL && (*end == ' ' || *end == '%'))
    end++;
  return end != copy && end != NULL && *end == '\0';
}

static const char *
date_of (Reader *r, const char *text)
{
  g_autofree char *date = kr_import_date (text);

  return intern (r, date);
}

/* ---- records ------------------------------------------------------------------------- */

typedef struct
{
  GHashTable *used;    /* the dataset's ids */
  GHashTable *sources; /* an address links give as their source → its article's id */
  GPtrArray *made;     /* the items whose address made an article */
} Finish;

/* The evidence a record's own words give, with each article it names as its proof or source.
 * FtM has no excerpts: the words are the record's summary, and the note says so. */
static void
fill_evidence (Reader *r, Finish *f, const Item *item, KrRecordHead *owner, KrEvidenceRecord **out,
               guint *n_out)
{
  const char *summary = FIRST (item, "summary");
  const char *url = FIRST (item, "sourceUrl");
  g_autoptr (GPtrArray) articles = g_ptr_array_new ();

  *out = NULL;
  *n_out = 0;
  if (summary == NULL)
    return;
  for (const Value *v = item->values; v != NULL; v = v->next)
    if (is_property (v, "proof"))
      {
        const Item *proof = g_hash_table_lookup (r->by_id, v->text);

        /* Proof that is no article (a document Keiretsu skips) is not a source it shows. */
        if (proof != NULL && proof->schema->use == KR_FTM_ARTICLE
            && !g_ptr_array_find (articles, proof->key, NULL))
          g_ptr_array_add (articles, (gpointer)proof->key);
      }
  if (url != NULL && g_hash_table_contains (f->sources, url)
      && !g_ptr_array_find (articles, g_hash_table_lookup (f->sources, url), NULL))
    g_ptr_array_add (articles, g_hash_table_lookup (f->sources, url));
  if (articles->len == 0)
    return;
  *n_out = articles->len;
  *out = kr_dataset_builder_new0 (r->builder, KrEvidenceRecord, articles->len);
  for (guint i = 0; i < articles->len; i++)
    {
      (*out)[i].head.place
          = (KrPlace){ .up = &owner->place, .key = "proof", .index = i, .indexed = TRUE };
      (*out)[i].article = articles->pdata[i];
      (*out)[i].quote = summary;
      (*out)[i].note = _ ("The summary the FollowTheMoney file gives, not an excerpt");
    }
}

static void
fill_article (Reader *r, const Item *item, KrArticleRecord *a)
{
  const char *url = FIRST (item, "sourceUrl");

  a->head.place = item->place;
  a->id = item->key;
  a->title = FIRST (item, "title", "name");
  if (a->title == NULL)
    a->title = url;
  a->publisher = FIRST (item, "publisher");
  if (a->publisher == NULL && url != NULL)
    {
      g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      const char *host = uri ? g_uri_get_host (uri) : NULL;

      a->publisher = host && *host ? intern (r, host) : NULL;
    }
  a->author = FIRST (item, "author");
  a->date = date_of (r, FIRST (item, "publishedAt", "date"));
  a->url = url;
  a->note = FIRST (item, "description", "summary");
}

static void
fill_entity (Reader *r, Finish *f, const Item *item, KrEntityRecord *e)
{
  const char *kind
      = kr_import_token (&kr_entity_kind_vocabulary, FIRST (item, "classification"), NULL, 0);
  g_autofree char *country
      = kr_import_country (FIRST (item, "country", "jurisdiction", "mainCountry"));
  guint n = 0;

  e->head.place = item->place;
  e->id = item->key;
  e->name = FIRST (item, "name");
  if (e->name == NULL)
    e->name = item->id;
  e->kind = kind ? kind
                 : kr_vocabulary_to_token (&kr_entity_kind_vocabulary, (guint)item->schema->kind);
  e->country = intern (r, country);
  e->description = FIRST (item, "description");
  e->aliases = kr_dataset_builder_new0 (r->builder, const char *, count (item, "alias"));
  for (const Value *v = item->values; v != NULL; v = v->next)
    if (is_property (v, "alias"))
      e->aliases[n++] = v->text;
  e->n_aliases = n;
  fill_evidence (r, f, item, &e->head, &e->evidence, &e->n_evidence);
}

/* The dataset's id of the entity the file's @id names; else @id as it is, for the builder to
 * report. */
static const char *
entity_key (Reader *r, const char *id)
{
  const Item *end = g_hash_table_lookup (r->by_id, id);

  return end != NULL && end->schema->use == KR_FTM_ENTITY ? end->key : id;
}

/* What a link with no words of its own says: who it joins, "A → B". */
static const char *
make_summary (Reader *r, const KrDealRecord *d)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < d->n_parties; i++)
    {
      const Item *end;
      const char *name = NULL;

      end = d->parties[i].entity ? g_hash_table_lookup (r->by_id, d->parties[i].entity) : NULL;
      if (end != NULL)
        name = FIRST (end, "name");
      if (i > 0)
        g_string_append (s, d->n_parties == 2 ? " → " : ", ");
      g_string_append (s, name ? name : d->parties[i].entity ? d->parties[i].entity : "?");
    }
  return intern (r, s->str);
}

static void
add_party (Reader *r, KrDealRecord *d, const char *property, const char *id, const char *role)
{
  KrPartyRecord *p = &d->parties[d->n_parties++];

  p->head.place = (KrPlace){ .up = &d->head.place, .key = property };
  p->entity = id;
  p->role = role;
}

/* The parties of a link: every entity its source names, then every one its target names,
 * with the roles of the kind's two ends. */
static void
link_parties (Reader *r, const Item *item, KrDealRecord *d, KrDealKind kind)
{
  const KrFtmSchema *schema = item->schema;
  guint n = count (item, schema->source) + count (item, schema->target);
  KrRole from, to;

  kr_deal_kind_ends (kind, &from, &to);
  d->has_parties = TRUE;
  d->parties = kr_dataset_builder_new0 (r->builder, KrPartyRecord, n);
  for (int side = 0; side < 2; side++)
    for (const Value *v = item->values; v != NULL; v = v->next)
      if (is_property (v, side ? schema->target : schema->source))
        add_party (r, d, v->property, v->text,
                   kr_vocabulary_to_token (&kr_role_vocabulary, side ? to : from));
  if (count (item, schema->source) == 0 || count (item, schema->target) == 0)
    kr_dataset_builder_note_field (r->builder, &d->head, "parties",
                                   _ ("a %s needs \"%s\" and \"%s\""), schema->name, schema->source,
                                   schema->target);
}

/* A project's parties: its participants, with the role each gives when it is one of
 * Keiretsu's, else that of a partner. */
static void
project_parties (Reader *r, const Item *item, KrDealRecord *d)
{
  guint n = 0;

  for (guint i = 0; item->participants && i < item->participants->len; i++)
    n += count (item->participants->pdata[i], "participant");
  d->has_parties = TRUE;
  d->parties = kr_dataset_builder_new0 (r->builder, KrPartyRecord, n);
  for (guint i = 0; item->participants && i < item->participants->len; i++)
    {
      const Item *participant = item->participants->pdata[i];
      const char *role
          = kr_import_token (&kr_role_vocabulary, FIRST (participant, "role"), NULL, 0);

      for (const Value *v = participant->values; v != NULL; v = v->next)
        if (is_property (v, "participant"))
          add_party (r, d, "participant", v->text, role ? role : "partner");
    }
}

static KrStakeRecord *
make_stake (Reader *r, const Item *item, KrDealRecord *d)
{
  KrStakeRecord *s;
  double percentage;

  if (!parse_percentage (FIRST (item, "percentage"), &percentage))
    return NULL;
  s = kr_dataset_builder_new0 (r->builder, KrStakeRecord, 1);
  s->head.place = (KrPlace){ .up = &d->head.place, .key = "percentage" };
  s->has_after = TRUE;
  s->after = percentage;
  return s;
}

static KrValueRecord *
make_value (Reader *r, const Item *item, KrDealRecord *d)
{
  const char *currency = FIRST (item, "currency");
  KrValueRecord *v;
  double amount;
  char *end = NULL;
  const char *text = FIRST (item, "amount");

  if (currency == NULL || text == NULL)
    return NULL;
  amount = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return NULL;
  v = kr_dataset_builder_new0 (r->builder, KrValueRecord, 1);
  v->head.place = (KrPlace){ .up = &d->head.place, .key = "amount" };
  v->has_amount = TRUE;
  v->amount = amount;
  {
    g_autofree char *code = g_ascii_strup (currency, -1);
    v->currency = intern (r, code);
  }
  return v;
}

static void
fill_deal (Reader *r, Finish *f, const Item *item, KrDealRecord *d)
{
  /* Keiretsu's own kind, when the file names one: as its writer keeps it. */
  const char *kind
      = kr_import_token (&kr_deal_kind_vocabulary, FIRST (item, "role", "keywords"), NULL, 0);
  const char *status = kr_import_token (&kr_status_vocabulary, FIRST (item, "status"), status_words,
                                        G_N_ELEMENTS (status_words));
  KrDealKind k;

  d->head.place = item->place;
  d->id = item->key;
  d->kind
      = kind ? kind : kr_vocabulary_to_token (&kr_deal_kind_vocabulary, (guint)item->schema->kind);
  k = (KrDealKind)kr_vocabulary_from_token (&kr_deal_kind_vocabulary, d->kind);
  d->status = status ? status : "unspecified";
  if (item->schema->use == KR_FTM_PROJECT)
    project_parties (r, item, d);
  else
    link_parties (r, item, d, k);
  d->summary = FIRST (item, "summary", "description", "name");
  if (d->summary == NULL)
    d->summary = make_summary (r, d);
  for (guint i = 0; i < d->n_parties; i++)
    d->parties[i].entity = entity_key (r, d->parties[i].entity);
  d->note = FIRST (item, "description");
  if (d->summary == d->note)
    d->note = NULL;
  d->date = date_of (r, FIRST (item, "startDate", "date"));
  d->end = date_of (r, FIRST (item, "endDate"));
  d->stake = make_stake (r, item, d);
  d->value = make_value (r, item, d);
  fill_evidence (r, f, item, &d->head, &d->evidence, &d->n_evidence);
  d->has_evidence = d->n_evidence > 0;
}

/* Articles for the addresses that records give as their source with words of their own, one
 * per address; an article of the file with that address is that article. */
static guint
find_sources (Reader *r, Finish *f)
{
  for (guint i = 0; i < r->items->len; i++)
    {
      const Item *item = r->items->pdata[i];
      const char *url = FIRST (item, "sourceUrl");

      if (item->schema->use == KR_FTM_ARTICLE && url != NULL)
        g_hash_table_insert (f->sources, (gpointer)url, (gpointer)item->key);
    }
  for (guint i = 0; i < r->items->len; i++)
    {
      Item *item = r->items->pdata[i];
      const char *url = FIRST (item, "sourceUrl");

      if (item->schema->use != KR_FTM_ARTICLE && url != NULL && FIRST (item, "summary") != NULL
          && !g_hash_table_contains (f->sources, url))
        {
          g_hash_table_insert (
              f->sources, (gpointer)url,
              (gpointer)kr_import_make_id (f->used, r->texts, NULL, "source-", f->made->len + 1));
          g_ptr_array_add (f->made, item);
        }
    }
  return f->made->len;
}

static void
fill_source (Reader *r, Finish *f, const Item *item, KrArticleRecord *a)
{
  const char *url = FIRST (item, "sourceUrl");
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  /* The address is all the file says of it: it is its title, and its site the publisher. */
  a->head.place = item->place;
  a->id = g_hash_table_lookup (f->sources, url);
  a->url = url;
  a->title = url;
  a->publisher = FIRST (item, "publisher");
  if (a->publisher == NULL)
    a->publisher = host && *host ? intern (r, host) : url;
}

static guint
count_use (Reader *r, KrFtmUse use)
{
  guint n = 0;

  for (guint i = 0; i < r->items->len; i++)
    n += ((const Item *)r->items->pdata[i])->schema->use == use;
  return n;
}

/* What was skipped, said once: "Address (3), Sanction (12)". */
static void
say_skipped (Reader *r)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GList) keys = g_hash_table_get_keys (r->skipped);
  guint total = 0;

  keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (r->skipped, k->data));
      g_autofree char *name = kr_problem_quote (k->data);

      g_string_append_printf (names, "%s%s (%u)", k == keys ? "" : ", ", name, n);
      total += n;
    }
  if (total > 0)
    kr_dataset_builder_leave_out (
        r->builder,
        g_dngettext (GETTEXT_PACKAGE,
                     "%u entity of a schema that Keiretsu does not show was "
                     "skipped: %s",
                     "%u entities of schemata that Keiretsu does not show were skipped: %s", total),
        total, names->str);
}

static void
finish (Reader *r)
{
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) made = g_ptr_array_new ();
  Finish f = { .used = used, .sources = sources, .made = made };
  KrDatasetRecord *dataset = kr_dataset_builder_get_dataset_record (r->builder);
  KrArticleRecord *articles;
  KrEntityRecord *entities;
  KrDealRecord *deals;
  guint n_articles, a = 0, e = 0, d = 0;

  /* The stream has no record of its own: what concerns it as a whole is placed at its start. */
  dataset->head.place = (KrPlace){ .index = 1, .indexed = TRUE };
  dataset->title = _ ("FollowTheMoney entities");
  /* The file's ids first, so that an id made for another record never takes one of them. */
  for (guint i = 0; i < r->items->len; i++)
    {
      Item *item = r->items->pdata[i];

      if (item->schema->use == KR_FTM_PARTICIPANT)
        {
          const char *project = FIRST (item, "project");
          Item *owner = project ? g_hash_table_lookup (r->by_id, project) : NULL;

          if (owner != NULL && owner->schema->use == KR_FTM_PROJECT)
            {
              if (owner->participants == NULL)
                {
                  owner->participants = g_ptr_array_new ();
                  kr_dataset_builder_keep (r->builder, owner->participants,
                                           (GDestroyNotify)g_ptr_array_unref);
                }
              g_ptr_array_add (owner->participants, item);
            }
        }
      else if (kr_import_id_is_valid (item->id))
        {
          item->key = item->id;
          g_hash_table_add (used, (gpointer)item->id);
        }
    }
  for (guint i = 0; i < r->items->len; i++)
    {
      Item *item = r->items->pdata[i];

      if (item->key == NULL && item->schema->use != KR_FTM_PARTICIPANT)
        item->key = kr_import_make_id (used, r->texts, item->id, "ftm-", i + 1);
    }

  n_articles = count_use (r, KR_FTM_ARTICLE);
  n_articles += find_sources (r, &f);
  articles = kr_dataset_builder_add_articles (r->builder, n_articles);
  entities = kr_dataset_builder_add_entities (r->builder, count_use (r, KR_FTM_ENTITY));
  deals = kr_dataset_builder_add_deals (r->builder,
                                        count_use (r, KR_FTM_LINK) + count_use (r, KR_FTM_PROJECT));
  for (guint i = 0; i < r->items->len; i++)
    {
      const Item *item = r->items->pdata[i];

      switch (item->schema->use)
        {
        case KR_FTM_ARTICLE:
          if (articles != NULL)
            fill_article (r, item, &articles[a++]);
          break;
        case KR_FTM_ENTITY:
          if (entities != NULL)
            fill_entity (r, &f, item, &entities[e++]);
          break;
        case KR_FTM_LINK:
        case KR_FTM_PROJECT:
          if (deals != NULL)
            fill_deal (r, &f, item, &deals[d++]);
          break;
        case KR_FTM_PARTICIPANT:
        default:
          break;
        }
    }
  for (guint i = 0; articles != NULL && i < made->len; i++)
    fill_source (r, &f, made->pdata[i], &articles[a++]);
  say_skipped (r);
}

/* A line of the file, its @number counted whether it holds anything or not. */
static void
take_line (Reader *r, guint *number, gboolean *any, const char *data, gsize length)
{
  gboolean blank = TRUE;

  (*number)++;
  if (length > 0 && data[length - 1] == '\r')
    length--;
  for (gsize i = 0; i < length && blank; i++)
    blank = data[i] == ' ' || data[i] == '\t' || data[i] == '\r';
  if (!blank)
    {
      *any = TRUE;
      read_line (r, *number, data, length);
    }
}

gboolean
kr_ftm_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                    GCancellable *cancellable)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) skipped = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  g_autoptr (KrArena) arena = kr_arena_new ();
  g_autoptr (GByteArray) line = g_byte_array_new (); /* a line the last chunk ended within */
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GString) value = g_string_new (NULL);
  g_autofree char *chunk = NULL;
  KrInput input = KR_INPUT_INIT (builder, stream, cancellable);
  Reader r = { .builder = builder,
               .arena = arena,
               .items = items,
               .by_id = by_id,
               .skipped = skipped,
               .name = name,
               .value = value };
  guint64 size;
  guint number = 0;
  gboolean any = FALSE, first = TRUE, at_end = FALSE;

  g_return_val_if_fail (builder != NULL && G_IS_INPUT_STREAM (stream), FALSE);

  /* Nothing beside the file belongs to it. */
  (void)file;
  size = kr_input_get_size (&input);
  if (size != G_MAXUINT64 && !kr_dataset_builder_check_size (builder, size))
    return FALSE;
  r.texts = g_string_chunk_new (64 * 1024);
  kr_dataset_builder_keep (builder, r.texts, (GDestroyNotify)g_string_chunk_free);
  kr_dataset_builder_set_evidence_optional (builder, TRUE);
  /* The file a chunk at a time: a line is read from the chunk, or from the end of one chunk
   * and the start of the next. */
  chunk = g_malloc (KR_INPUT_CHUNK_SIZE);
  while (!at_end && r.bad_lines < MAX_BAD_LINES)
    {
      gssize n = kr_input_read (&input, chunk, KR_INPUT_CHUNK_SIZE);
      const char *data = chunk, *end;

      if (n < 0)
        return FALSE;
      at_end = n < KR_INPUT_CHUNK_SIZE;
      end = chunk + n;
      if (first && n >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        data += 3;
      first = FALSE;
      while (data < end && r.bad_lines < MAX_BAD_LINES)
        {
          const char *newline = memchr (data, '\n', (gsize)(end - data));

          if (newline == NULL)
            {
              g_byte_array_append (line, (const guint8 *)data, (guint)(end - data));
              break;
            }
          if (line->len > 0)
            {
              g_byte_array_append (line, (const guint8 *)data, (guint)(newline - data));
              take_line (&r, &number, &any, (const char *)line->data, line->len);
              g_byte_array_set_size (line, 0);
            }
          else
            take_line (&r, &number, &any, data, (gsize)(newline - data));
          data = newline + 1;
        }
    }
  if (line->len > 0 && r.bad_lines < MAX_BAD_LINES)
    take_line (&r, &number, &any, (const char *)line->data, line->len);
  if (r.bad_lines >= MAX_BAD_LINES)
    {
      kr_dataset_builder_report_position (builder, (int)number + 1, 0,
                                          _ ("too many lines could not be read; stopped reading"));
      return FALSE;
    }
  if (!any)
    {
      kr_dataset_builder_report_position (builder, 1, 1, _ ("the file is empty"));
      return FALSE;
    }
  finish (&r);
  return TRUE;
}
