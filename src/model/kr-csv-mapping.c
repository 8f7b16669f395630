/* kr-csv-mapping.c — the fields a column can be, and the headers that name them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-csv-mapping"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-csv-mapping.h"
#include "kr-graph-import.h"
#include "kr-import-values.h"

enum
{
  ENTITIES = 1 << KR_CSV_ENTITIES,
  DEALS = 1 << KR_CSV_DEALS,
};

typedef struct
{
  const char *token;
  const char *label; /* untranslated */
  guint tables;
  /* Headers that name it, lower case with '_' between words; the first is Keiretsu's own. */
  const char *const *headers;
} FieldInfo;

#define HEADERS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const FieldInfo fields[KR_CSV_N_FIELDS] = {
  [KR_CSV_IGNORED] = { "ignored", N_ ("Ignored"), ENTITIES | DEALS, HEADERS (NULL) },
  [KR_CSV_ID] = { "id", N_ ("Id"), ENTITIES | DEALS, HEADERS ("id", "identifier", "key") },
  [KR_CSV_NAME] = { "name", N_ ("Name"), ENTITIES, HEADERS ("name", "label", "title") },
  [KR_CSV_ENTITY_KIND] = { "entity_kind", N_ ("Entity kind"), ENTITIES,
                           HEADERS ("kind", "type", "category", "entity_kind", "element_type") },
  [KR_CSV_COUNTRY] = { "country", N_ ("Country"), ENTITIES, HEADERS ("country", "country_code") },
  [KR_CSV_DESCRIPTION]
  = { "description", N_ ("Description"), ENTITIES, HEADERS ("description", "desc", "notes") },
  [KR_CSV_ALIASES]
  = { "aliases", N_ ("Other names"), ENTITIES, HEADERS ("aliases", "alias", "also_known_as") },
  [KR_CSV_SOURCE] = { "source", N_ ("First party (source)"), DEALS,
                      HEADERS ("source", "from", "source_id", "subject") },
  [KR_CSV_TARGET] = { "target", N_ ("Second party (target)"), DEALS,
                      HEADERS ("target", "to", "target_id", "object") },
  [KR_CSV_PARTIES] = { "parties", N_ ("Parties (several)"), DEALS, HEADERS ("parties") },
  [KR_CSV_ROLES] = { "roles", N_ ("Parties' roles"), DEALS, HEADERS ("roles") },
  [KR_CSV_DEAL_KIND]
  = { "deal_kind", N_ ("Deal kind"), DEALS,
      HEADERS ("kind", "type", "relation", "relationship", "deal_kind", "connection_type") },
  [KR_CSV_STATUS] = { "status", N_ ("Status"), DEALS, HEADERS ("status", "state") },
  [KR_CSV_SUMMARY]
  = { "summary", N_ ("Summary"), DEALS, HEADERS ("summary", "label", "description", "title") },
  [KR_CSV_DATE]
  = { "date", N_ ("Date"), DEALS, HEADERS ("date", "start", "start_date", "since", "year") },
  [KR_CSV_END] = { "end", N_ ("End date"), DEALS, HEADERS ("end", "end_date", "until") },
  [KR_CSV_TIME_INTERVAL]
  = { "time_interval", N_ ("Time interval (Gephi)"), DEALS, HEADERS ("time_interval") },
  [KR_CSV_EXPECTED]
  = { "expected", N_ ("Expected date"), DEALS, HEADERS ("expected", "expected_date") },
  [KR_CSV_AMOUNT] = { "amount", N_ ("Amount"), DEALS, HEADERS ("amount", "value") },
  [KR_CSV_CURRENCY] = { "currency", N_ ("Currency"), DEALS, HEADERS ("currency") },
  [KR_CSV_APPROXIMATE]
  = { "approximate", N_ ("Amount is approximate"), DEALS, HEADERS ("approximate") },
  [KR_CSV_STAKE_BEFORE]
  = { "stake_before", N_ ("Stake before (%)"), DEALS, HEADERS ("stake_before") },
  [KR_CSV_STAKE_AFTER]
  = { "stake_after", N_ ("Stake after (%)"), DEALS, HEADERS ("stake_after", "stake") },
  [KR_CSV_NOTE] = { "note", N_ ("Note"), DEALS, HEADERS ("note", "notes", "comment") },
  [KR_CSV_ARTICLE_ID]
  = { "article_id", N_ ("Article id"), DEALS, HEADERS ("article_id", "source_article_id") },
  [KR_CSV_URL]
  = { "url", N_ ("Article address"), DEALS, HEADERS ("url", "article_url", "source_url", "link") },
  [KR_CSV_ARTICLE_TITLE] = { "article_title", N_ ("Article title"), DEALS,
                             HEADERS ("article_title", "source_title", "article", "headline") },
  [KR_CSV_PUBLISHER] = { "publisher", N_ ("Publisher"), DEALS, HEADERS ("publisher") },
  [KR_CSV_ARTICLE_DATE] = { "article_date", N_ ("Article date"), DEALS,
                            HEADERS ("article_date", "published", "publication_date") },
  [KR_CSV_QUOTE] = { "quote", N_ ("Quote"), DEALS, HEADERS ("quote", "excerpt", "evidence") },
  [KR_CSV_STANCE] = { "stance", N_ ("Quote’s stance"), DEALS, HEADERS ("stance") },
  [KR_CSV_QUOTE_NOTE] = { "quote_note", N_ ("Note on the quote"), DEALS, HEADERS ("quote_note") },
};

const char *
kr_csv_field_to_token (KrCsvField field)
{
  g_return_val_if_fail (field < KR_CSV_N_FIELDS, NULL);
  return fields[field].token;
}

KrCsvField
kr_csv_field_from_token (const char *token)
{
  g_return_val_if_fail (token != NULL, KR_CSV_IGNORED);
  for (guint f = 0; f < KR_CSV_N_FIELDS; f++)
    if (g_str_equal (fields[f].token, token))
      return (KrCsvField)f;
  return KR_CSV_IGNORED;
}

const char *
kr_csv_field_get_label (KrCsvField field)
{
  g_return_val_if_fail (field < KR_CSV_N_FIELDS, NULL);
  return _ (fields[field].label);
}

gboolean
kr_csv_field_fits (KrCsvField field, KrCsvTableKind kind)
{
  g_return_val_if_fail (field < KR_CSV_N_FIELDS, FALSE);
  return (fields[field].tables & (1u << kind)) != 0;
}

const char *
kr_csv_field_get_header (KrCsvField field)
{
  g_return_val_if_fail (field < KR_CSV_N_FIELDS, NULL);
  return fields[field].headers[0];
}

static KrCsvField
field_for_header (const char *header, KrCsvTableKind kind)
{
  g_autofree char *normal = kr_import_normalize_name (header);

  for (guint f = KR_CSV_IGNORED + 1; f < KR_CSV_N_FIELDS; f++)
    if (kr_csv_field_fits ((KrCsvField)f, kind))
      for (const char *const *h = fields[f].headers; *h != NULL; h++)
        if (g_str_equal (*h, normal))
          return (KrCsvField)f;
  return KR_CSV_IGNORED;
}

static KrCsvMapping *
mapping_new (KrCsvTableKind kind, guint n_columns)
{
  KrCsvMapping *self = g_new0 (KrCsvMapping, 1);

  self->kind = kind;
  self->n_columns = n_columns;
  self->fields = g_new0 (KrCsvField, MAX (n_columns, 1));
  return self;
}

KrCsvMapping *
kr_csv_mapping_guess (const char *const *headers, guint n_headers)
{
  KrCsvTableKind kind = KR_CSV_ENTITIES;

  g_return_val_if_fail (headers != NULL || n_headers == 0, NULL);

  for (guint i = 0; i < n_headers; i++)
    {
      KrCsvField f = field_for_header (headers[i], KR_CSV_DEALS);

      if (f == KR_CSV_SOURCE || f == KR_CSV_TARGET || f == KR_CSV_PARTIES)
        kind = KR_CSV_DEALS;
    }
  return kr_csv_mapping_guess_as (headers, n_headers, kind);
}

KrCsvMapping *
kr_csv_mapping_guess_as (const char *const *headers, guint n_headers, KrCsvTableKind kind)
{
  gboolean taken[KR_CSV_N_FIELDS] = { FALSE };
  KrCsvMapping *self;

  g_return_val_if_fail (headers != NULL || n_headers == 0, NULL);

  self = mapping_new (kind, n_headers);
  for (guint i = 0; i < n_headers; i++)
    {
      KrCsvField f = field_for_header (headers[i], kind);

      if (!taken[f])
        self->fields[i] = f;
      taken[f] = f != KR_CSV_IGNORED;
    }
  return self;
}

KrCsvMapping *
kr_csv_mapping_copy (const KrCsvMapping *self)
{
  KrCsvMapping *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = mapping_new (self->kind, self->n_columns);
  for (guint i = 0; i < self->n_columns; i++)
    copy->fields[i] = self->fields[i];
  return copy;
}

void
kr_csv_mapping_free (KrCsvMapping *self)
{
  if (self == NULL)
    return;
  g_free (self->fields);
  g_free (self);
}

int
kr_csv_mapping_find (const KrCsvMapping *self, KrCsvField field)
{
  g_return_val_if_fail (self != NULL, -1);
  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == field)
      return (int)i;
  return -1;
}

static const char *const table_tokens[]
    = { [KR_CSV_ENTITIES] = "entities", [KR_CSV_DEALS] = "deals" };

JsonNode *
kr_csv_mapping_to_json (const KrCsvMapping *self, const char *const *headers)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL && (headers != NULL || self->n_columns == 0), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "table");
  json_builder_add_string_value (b, table_tokens[self->kind]);
  json_builder_set_member_name (b, "headers");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->n_columns; i++)
    json_builder_add_string_value (b, headers[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->n_columns; i++)
    json_builder_add_string_value (b, kr_csv_field_to_token (self->fields[i]));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The strings of member @name of @object, when it is an array of @n strings. */
static JsonArray *
string_array (JsonObject *object, const char *name, guint n)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (json_node_get_value_type (e) != G_TYPE_STRING)
        return NULL;
    }
  return array;
}

KrCsvMapping *
kr_csv_mapping_from_json (JsonNode *node, const char *const *headers, guint n_headers)
{
  g_autoptr (KrCsvMapping) self = NULL;
  JsonObject *object;
  JsonArray *kept_headers, *kept_fields;
  const char *table;
  KrCsvTableKind kind;

  g_return_val_if_fail (headers != NULL || n_headers == 0, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  table = json_object_get_string_member_with_default (object, "table", "");
  if (g_str_equal (table, table_tokens[KR_CSV_DEALS]))
    kind = KR_CSV_DEALS;
  else if (g_str_equal (table, table_tokens[KR_CSV_ENTITIES]))
    kind = KR_CSV_ENTITIES;
  else
    return NULL;
  kept_headers = string_array (object, "headers", n_headers);
  kept_fields = string_array (object, "fields", n_headers);
  if (kept_headers == NULL || kept_fields == NULL)
    return NULL;
  self = mapping_new (kind, n_headers);
  for (guint i = 0; i < n_headers; i++)
    {
      KrCsvField f = kr_csv_field_from_token (json_array_get_string_element (kept_fields, i));

      /* Columns that are not those the mapping was made for, and fields that do not fit the
       * table, were not chosen for this file. */
      if (!g_str_equal (json_array_get_string_element (kept_headers, i), headers[i])
          || !kr_csv_field_fits (f, kind))
        return NULL;
      self->fields[i] = f;
    }
  return g_steal_pointer (&self);
}
