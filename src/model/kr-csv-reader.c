/* kr-csv-reader.c — rows and cells with libcsv, made into nodes and edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-csv-reader"

#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kr-csv-reader.h"
#include "kr-dataset.h"
#include "kr-graph-import.h"
#include "kr-input.h"
#include "kr-views-file.h"

#define ENTITIES_SUFFIX ".entities.csv"
/* What libcsv is given at a time: it cannot be stopped within a call. */
#define CHUNK_SIZE KR_INPUT_CHUNK_SIZE

/* ---- places --------------------------------------------------------------------------- */

/* A row's place is the link whose key is this very string; it is the first member of a Row,
 * which says which column holds each field, so that a problem with a field names its cell. */
static const char row_key[] = "row";

typedef struct
{
  KrCsvTableKind kind;
  guint columns[KR_CSV_N_FIELDS]; /* 1-based; 0 when no column is the field */
} Columns;

typedef struct
{
  KrPlace place; /* .key = row_key, .index = the row */
  const Columns *columns;
} Row;

/* The builder's names of the records' fields, and the column each is read from. */
static KrCsvField
field_of_key (const char *key, const Columns *columns)
{
  static const struct
  {
    KrCsvTableKind kind;
    const char *key;
    KrCsvField field;
  } keys[] = {
    { KR_CSV_ENTITIES, "kind", KR_CSV_ENTITY_KIND }, { KR_CSV_ENTITIES, "id", KR_CSV_NAME },
    { KR_CSV_DEALS, "kind", KR_CSV_DEAL_KIND },      { KR_CSV_DEALS, "date", KR_CSV_TIME_INTERVAL },
    { KR_CSV_DEALS, "end", KR_CSV_TIME_INTERVAL },   { KR_CSV_DEALS, "value", KR_CSV_AMOUNT },
    { KR_CSV_DEALS, "stake", KR_CSV_STAKE_AFTER },   { KR_CSV_DEALS, "evidence", KR_CSV_QUOTE },
    { KR_CSV_DEALS, "parties", KR_CSV_SOURCE },
  };
  KrCsvField field = kr_csv_field_from_token (key);

  if (field != KR_CSV_IGNORED && columns->columns[field] > 0)
    return field;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].kind == columns->kind && g_str_equal (keys[i].key, key))
      return keys[i].field;
  return field;
}

void
kr_csv_reader_format_place (GString *out, const KrPlace *place, gboolean in_text)
{
  const KrPlace *links[16];
  const Row *row = NULL;
  guint n = 0, r = 0;

  (void)in_text;
  for (const KrPlace *p = place; p != NULL && n < G_N_ELEMENTS (links); p = p->up)
    links[n++] = p;
  for (guint i = 0; i < n && row == NULL; i++)
    if (links[i]->key == row_key)
      {
        row = (const Row *)links[i];
        r = i;
      }
  if (row == NULL)
    {
      g_string_append (out, "1:1");
      return;
    }
  /* The file beside the one opened names itself. */
  if (row->place.up != NULL && row->place.up->key != NULL)
    {
      g_autofree char *name = kr_problem_printable (row->place.up->key, 0);
      g_string_append_printf (out, "%s:", name);
    }
  g_string_append_printf (out, "%u", row->place.index);
  if (r == 0)
    return;
  /* A cell, or a record and then its fields. */
  if (links[r - 1]->indexed)
    g_string_append_printf (out, ":%u", links[r - 1]->index);
  else if (r >= 2 && links[r - 2]->key != NULL)
    {
      KrCsvField field = field_of_key (links[r - 2]->key, row->columns);

      if (row->columns->columns[field] > 0)
        g_string_append_printf (out, ":%u", row->columns->columns[field]);
    }
  for (guint i = r - 1; i-- > 0;)
    {
      const KrPlace *p = links[i];

      g_string_append (out, i == r - 2 ? ": " : ".");
      if (p->key != NULL)
        {
          g_autofree char *key = kr_problem_quote (p->key);
          g_string_append (out, key);
        }
      if (p->indexed)
        g_string_append_printf (out, "[%u]", p->index);
    }
}

/* ---- rows and cells ------------------------------------------------------------------- */

/* Takes the cells of row @row (1 for the header); FALSE stops reading. */
typedef gboolean (*RowFunc) (guint row, char **cells, guint n_cells, gpointer user_data);

typedef struct
{
  KrDatasetBuilder *builder;
  const KrPlace *file; /* .key: the file's name when it is not the one opened */
  RowFunc func;
  gpointer user_data;
  /* The row's cells, each ended by a NUL, one after the other: a row is copied once, not a
   * cell at a time. */
  GByteArray *text;
  GArray *starts;   /* gsize: where each cell starts in text */
  GPtrArray *cells; /* the cells, handed over when the row ends */
  guint row;
  gboolean stop;   /* by a problem, or by the reader of the rows */
  gboolean failed; /* by a problem, reported */
} Parse;

static void
fail_at (Parse *p, guint column, const char *message)
{
  static const Columns none = { 0 };
  Row *row = kr_dataset_builder_new0 (p->builder, Row, 1);
  KrPlace cell = { .up = &row->place, .index = column, .indexed = TRUE };

  row->place = (KrPlace){ .up = p->file, .key = row_key, .index = p->row, .indexed = TRUE };
  row->columns = &none;
  kr_dataset_builder_report (p->builder, column > 0 ? &cell : &row->place, "%s", message);
  p->failed = p->stop = TRUE;
}

static void
end_cell (void *data, size_t len, void *user_data)
{
  Parse *p = user_data;
  guint column = p->starts->len + 1;
  gsize start = p->text->len;

  if (p->stop)
    return;
  if (len > KR_DATASET_MAX_STRING)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("the cell is longer than the limit of %d bytes"), KR_DATASET_MAX_STRING);
      fail_at (p, column, message);
      return;
    }
  /* One pass over the text, which stops at a NUL too; which of the two it was, after. */
  if (data != NULL && !kr_utf8_validate (data, len, NULL))
    {
      fail_at (p, column,
               memchr (data, '\0', len) != NULL
                   ? _ ("the cell holds a NUL byte, which text does not have")
                   : _ ("the cell is not UTF-8 text"));
      return;
    }
  if (column > KR_CSV_MAX_COLUMNS)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("the row has more than %d columns"), KR_CSV_MAX_COLUMNS);
      fail_at (p, column, message);
      return;
    }
  /* What Keiretsu wrote with an apostrophe, not to be run as a formula, is read as it was. */
  if (len >= 2 && ((const char *)data)[0] == '\''
      && strchr ("=+-@\t\r", ((const char *)data)[1]) != NULL)
    g_byte_array_append (p->text, (const guint8 *)data + 1, (guint)len - 1);
  else if (data != NULL)
    g_byte_array_append (p->text, data, (guint)len);
  g_byte_array_append (p->text, (const guint8 *)"", 1);
  g_array_append_val (p->starts, start);
}

static void
end_row (int c, void *user_data)
{
  Parse *p = user_data;

  (void)c;
  if (p->stop)
    return;
  if (p->row > kr_limits_get ()->max_records)
    {
      g_autofree char *message = g_strdup_printf (_ ("the table has more than %d rows"),
                                                  (int)kr_limits_get ()->max_records);
      fail_at (p, 0, message);
      return;
    }
  /* The text no longer grows: the cells can point into it. */
  g_ptr_array_set_size (p->cells, (gint)p->starts->len);
  for (guint i = 0; i < p->starts->len; i++)
    p->cells->pdata[i] = p->text->data + g_array_index (p->starts, gsize, i);
  if (!p->func (p->row, (char **)p->cells->pdata, p->cells->len, p->user_data))
    p->stop = TRUE;
  g_byte_array_set_size (p->text, 0);
  g_array_set_size (p->starts, 0);
  p->row++;
}

/* The separator the first row has most of, outside quotes: ',' when there is none. @ended
 * (nullable) says whether the row ends within @data. */
static unsigned char
find_separator (const char *data, gsize size, gboolean *ended)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE, end = FALSE;
  guint best = 0;

  for (gsize i = 0; i < size && !end; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        end = TRUE;
      else if (!quoted)
        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          counts[c] += data[i] == candidates[c];
    }
  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;
  if (ended != NULL)
    *ended = end;
  return (unsigned char)candidates[best];
}

/* Only spaces around a cell are not the cell's: a tab may be what separates cells. */
static int
is_space (unsigned char c)
{
  return c == CSV_SPACE;
}

/* Gives libcsv @size bytes, a chunk at a time. */
static void
feed (Parse *p, struct csv_parser *parser, const char *data, gsize size)
{
  for (gsize at = 0; at < size && !p->stop; at += CHUNK_SIZE)
    {
      gsize n = MIN (CHUNK_SIZE, size - at);

      if (csv_parse (parser, data + at, n, end_cell, end_row, p) != n && !p->stop)
        fail_at (p, p->starts->len + 1, _ ("a quote in a cell that does not begin with one"));
      /* A cell still open is held whole: stop at the limit rather than at the end. */
      else if (csv_get_buffer_size (parser) > KR_DATASET_MAX_STRING + CHUNK_SIZE && !p->stop)
        end_cell (NULL, KR_DATASET_MAX_STRING + 1, p);
    }
}

/* Reads chunks into @head up to the end of the first row, or of the stream (@at_end); FALSE
 * when the stream cannot be read, which is reported. */
static gboolean
read_first_row (KrInput *input, GByteArray *head, gboolean *at_end)
{
  gboolean ended = FALSE;

  *at_end = FALSE;
  while (!ended && !*at_end)
    {
      guint old = head->len;
      gssize got;

      g_byte_array_set_size (head, old + CHUNK_SIZE);
      if ((got = kr_input_read (input, head->data + old, CHUNK_SIZE)) < 0)
        return FALSE;
      g_byte_array_set_size (head, old + (guint)got);
      find_separator ((const char *)head->data, head->len, &ended);
      *at_end = (gsize)got < CHUNK_SIZE;
    }
  return TRUE;
}

/* Hands each row of the table in @input to @func, the stream read a chunk at a time; FALSE
 * when a problem stopped it (reported to the input's builder). */
static gboolean
parse (KrInput *input, const KrPlace *file, RowFunc func, gpointer user_data)
{
  g_autoptr (GByteArray) text = g_byte_array_new ();
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GPtrArray) cells = g_ptr_array_new ();
  g_autoptr (GByteArray) head = g_byte_array_new ();
  g_autofree char *chunk = NULL;
  Parse p = { .builder = input->builder,
              .file = file,
              .func = func,
              .user_data = user_data,
              .text = text,
              .starts = starts,
              .cells = cells,
              .row = 1 };
  struct csv_parser parser;
  guint64 size = kr_input_get_size (input);
  gboolean at_end;
  const char *data;
  gsize n;

  if (size != G_MAXUINT64 && size > kr_limits_get ()->max_file_size)
    {
      g_autofree char *message = kr_limits_describe_file_size (size);
      fail_at (&p, 0, message);
      return FALSE;
    }
  if (!read_first_row (input, head, &at_end))
    return FALSE;
  data = (const char *)head->data;
  n = head->len;
  if (n >= 2 && ((guchar)data[0] == 0xff || (guchar)data[0] == 0xfe)
      && ((guchar)data[1] == 0xff || (guchar)data[1] == 0xfe))
    {
      fail_at (&p, 0, _ ("the file is UTF-16 text: save it as UTF-8"));
      return FALSE;
    }
  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n -= 3;
    }
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("libcsv could not start");
  csv_set_delim (&parser, find_separator (data, n, NULL));
  csv_set_space_func (&parser, is_space);
  feed (&p, &parser, data, n);
  /* The rest of the table a chunk at a time, each let go once libcsv has it. */
  g_clear_pointer (&head, g_byte_array_unref);
  chunk = g_malloc (CHUNK_SIZE);
  while (!p.stop && !at_end)
    {
      gssize got = kr_input_read (input, chunk, CHUNK_SIZE);

      if (got < 0)
        p.failed = p.stop = TRUE;
      else
        feed (&p, &parser, chunk, (gsize)got);
      at_end = got < CHUNK_SIZE;
    }
  if (!p.stop && csv_fini (&parser, end_cell, end_row, &p) != 0 && !p.stop)
    fail_at (&p, starts->len + 1, _ ("a quoted cell does not end: a closing quote is missing"));
  csv_free (&parser);
  if (p.row == 1 && !p.stop)
    fail_at (&p, 0, _ ("the file is empty"));
  return !p.failed;
}

/* ---- tables --------------------------------------------------------------------------- */

/* The names the graph import knows the fields by; NULL for those read here. */
static const char *const import_names[KR_CSV_N_FIELDS] = {
  [KR_CSV_NAME] = "name",
  [KR_CSV_ENTITY_KIND] = "kind",
  [KR_CSV_COUNTRY] = "country",
  [KR_CSV_DESCRIPTION] = "description",
  [KR_CSV_ALIASES] = "aliases",
  [KR_CSV_DEAL_KIND] = "kind",
  [KR_CSV_STATUS] = "status",
  [KR_CSV_SUMMARY] = "summary",
  [KR_CSV_DATE] = "date",
  [KR_CSV_END] = "end",
  [KR_CSV_EXPECTED] = "expected",
  [KR_CSV_AMOUNT] = "amount",
  [KR_CSV_CURRENCY] = "currency",
  [KR_CSV_APPROXIMATE] = "approximate",
  [KR_CSV_STAKE_BEFORE] = "stake_before",
  [KR_CSV_STAKE_AFTER] = "stake_after",
  [KR_CSV_NOTE] = "note",
};

typedef struct
{
  KrDatasetBuilder *builder;
  KrGraphImport *import;
  GStringChunk *texts; /* the ids and names below, each once, freed after reading */
  GHashTable *ids;   /* an entity's id in the file → itself */
  GHashTable *names; /* an entity's name → its id in the file */
  gboolean full;     /* more records than a dataset may have: the build says so */
} Read;

typedef struct
{
  Read *read;
  JsonNode *kept; /* the mapping kept for the table, or NULL */
  KrCsvMapping *mapping;
  Columns *columns;
  guint n_columns;
  const KrPlace *file;
  char *last_deal; /* the id of the deal of the row before, if it was one */
  GPtrArray *ends, *keys; /* a deal row's, emptied for each */
} Table;

/* The cell of @field in a row, when it is not blank. */
static const char *
cell (const Table *t, char **cells, guint n_cells, KrCsvField field)
{
  guint c = t->columns->columns[field];
  const char *v;

  if (c == 0 || c > n_cells)
    return NULL;
  for (v = cells[c - 1]; g_ascii_isspace (*v); v++)
    ;
  return *v != '\0' ? cells[c - 1] : NULL;
}

/* Gephi's edge tables have a "Type" that says how a line is drawn, not what the deal is. */
static gboolean
is_line_type (const char *value)
{
  static const char *const types[] = { "directed", "undirected", "mutual" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (value, types[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
set_fields (const Table *t, char **cells, guint n_cells)
{
  for (guint i = 0; i < MIN (n_cells, t->n_columns); i++)
    {
      KrCsvField field = t->mapping->fields[i];
      const char *name = import_names[field];

      if (name != NULL && cells[i][0] != '\0'
          && !(field == KR_CSV_DEAL_KIND && is_line_type (cells[i])))
        kr_graph_import_set (t->read->import, name, cells[i]);
      /* A label that names a kind is the kind when no column says it, as in graphs. */
      if (field == KR_CSV_SUMMARY && cells[i][0] != '\0')
        kr_graph_import_set (t->read->import, "label", cells[i]);
    }
}

static void
read_headers (Table *t, char **cells, guint n_cells)
{
  t->mapping
      = t->kept ? kr_csv_mapping_from_json (t->kept, (const char *const *)cells, n_cells) : NULL;
  if (t->mapping == NULL)
    t->mapping = kr_csv_mapping_guess ((const char *const *)cells, n_cells);
  t->n_columns = n_cells;
  t->columns = kr_dataset_builder_new0 (t->read->builder, Columns, 1);
  t->columns->kind = t->mapping->kind;
  for (guint i = n_cells; i-- > 0;)
    t->columns->columns[t->mapping->fields[i]] = i + 1;
  t->columns->columns[KR_CSV_IGNORED] = 0;
}

static Row *
new_row (Table *t, guint index)
{
  Row *row = kr_dataset_builder_new0 (t->read->builder, Row, 1);

  row->place = (KrPlace){ .up = t->file, .key = row_key, .index = index, .indexed = TRUE };
  row->columns = t->columns;
  return row;
}

static gboolean
is_blank (char **cells, guint n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    for (const char *v = cells[i]; *v != '\0'; v++)
      if (!g_ascii_isspace (*v))
        return FALSE;
  return TRUE;
}

/* An entity at @place: its id in the file is its id, or else its name. */
static gboolean
add_entity (Read *read, const KrPlace *place, const char *id, const char *name)
{
  const char *key = id ? id : name;
  const char *kept = NULL;

  if (!kr_graph_import_begin_node_at (read->import, place, key))
    return FALSE;
  /* The tables themselves keep each text once: no other lookup is needed. */
  if (key != NULL && (kept = g_hash_table_lookup (read->ids, key)) == NULL)
    {
      kept = g_string_chunk_insert (read->texts, key);
      g_hash_table_add (read->ids, (gpointer)kept);
    }
  if (name != NULL && !g_hash_table_contains (read->names, name))
    g_hash_table_insert (read->names,
                         (gpointer)(name == key ? kept : g_string_chunk_insert (read->texts, name)),
                         (gpointer)kept);
  return TRUE;
}

static gboolean
read_entity_row (Table *t, const Row *row, char **cells, guint n_cells)
{
  KrPlace *place;

  place = kr_dataset_builder_new0 (t->read->builder, KrPlace, 1);
  place->up = &row->place;
  if (!add_entity (t->read, place, cell (t, cells, n_cells, KR_CSV_ID),
                   cell (t, cells, n_cells, KR_CSV_NAME)))
    return FALSE;
  set_fields (t, cells, n_cells);
  kr_graph_import_end_item (t->read->import);
  return TRUE;
}

/* The entity an end names: by its id, else by its name, else one it makes known. */
static const char *
resolve_end (Read *read, const KrPlace *row, guint column, const char *end)
{
  const char *id;
  KrPlace *place;

  if ((id = g_hash_table_lookup (read->ids, end)) != NULL
      || (id = g_hash_table_lookup (read->names, end)) != NULL)
    return id;
  place = kr_dataset_builder_new0 (read->builder, KrPlace, 1);
  *place = (KrPlace){ .up = row, .index = column, .indexed = TRUE };
  if (!add_entity (read, place, end, end))
    return NULL;
  kr_graph_import_set (read->import, "name", end);
  kr_graph_import_end_item (read->import);
  return g_hash_table_lookup (read->ids, end);
}

/* Gephi's "<[2019.0, 2021.0]>" or "<[2019-04-01, 2021-03-31]>": a start and an end. */
static void
set_interval (Read *read, const char *value)
{
  g_auto (GStrv) parts = g_strsplit_set (value, "<[]>,;", -1);
  const char *names[] = { "date", "end" };
  guint n = 0;

  for (char **p = parts; *p != NULL && n < G_N_ELEMENTS (names); p++)
    {
      char *v = g_strstrip (*p);

      if (*v == '\0')
        continue;
      /* Gephi writes years as numbers. */
      if (strlen (v) == 6 && g_str_has_suffix (v, ".0"))
        v[4] = '\0';
      kr_graph_import_set (read->import, names[n++], v);
    }
}

/* The ends of a deal, in order: source and target, or the parties listed. */
static gboolean
add_ends (Table *t, const Row *row, char **cells, guint n_cells, GPtrArray *ends, GPtrArray *keys)
{
  static const KrCsvField fields[] = { KR_CSV_SOURCE, KR_CSV_TARGET, KR_CSV_PARTIES };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      const char *value = cell (t, cells, n_cells, fields[f]);
      g_auto (GStrv) split = NULL;

      if (value == NULL)
        continue;
      split = g_strsplit (value, "|", -1);
      for (char **s = split; *s != NULL; s++)
        {
          const char *id;

          g_strstrip (*s);
          if (**s == '\0')
            continue;
          id = resolve_end (t->read, &row->place, t->columns->columns[fields[f]], *s);
          if (id == NULL)
            return FALSE;
          g_ptr_array_add (ends, (gpointer)id);
          g_ptr_array_add (keys, (gpointer)kr_csv_field_to_token (fields[f]));
        }
    }
  return TRUE;
}

/* The row's excerpt, if it has a quote and names the article it comes from. */
static void
add_evidence (Table *t, const KrPlace *place, char **cells, guint n_cells)
{
  KrGraphEvidence e = {
    .article = cell (t, cells, n_cells, KR_CSV_ARTICLE_ID),
    .url = cell (t, cells, n_cells, KR_CSV_URL),
    .title = cell (t, cells, n_cells, KR_CSV_ARTICLE_TITLE),
    .publisher = cell (t, cells, n_cells, KR_CSV_PUBLISHER),
    .date = cell (t, cells, n_cells, KR_CSV_ARTICLE_DATE),
    .quote = cell (t, cells, n_cells, KR_CSV_QUOTE),
    .stance = cell (t, cells, n_cells, KR_CSV_STANCE),
    .note = cell (t, cells, n_cells, KR_CSV_QUOTE_NOTE),
  };

  if (e.quote != NULL && (e.article != NULL || e.url != NULL))
    kr_graph_import_add_evidence (t->read->import, place, &e);
}

/* A row that names no party and gives the id of the deal of the row before holds one more
 * of that deal's excerpts, as Keiretsu writes them. */
static gboolean
is_more_evidence (Table *t, char **cells, guint n_cells)
{
  const char *id = cell (t, cells, n_cells, KR_CSV_ID);

  return id != NULL && t->last_deal != NULL && g_str_equal (id, t->last_deal)
         && cell (t, cells, n_cells, KR_CSV_SOURCE) == NULL
         && cell (t, cells, n_cells, KR_CSV_TARGET) == NULL
         && cell (t, cells, n_cells, KR_CSV_PARTIES) == NULL;
}

static gboolean
read_deal_row (Table *t, const Row *row, char **cells, guint n_cells)
{
  GPtrArray *ends = t->ends, *keys = t->keys;
  const char *roles, *interval;
  KrPlace *place;

  place = kr_dataset_builder_new0 (t->read->builder, KrPlace, 1);
  place->up = &row->place;
  if (is_more_evidence (t, cells, n_cells))
    {
      add_evidence (t, place, cells, n_cells);
      return TRUE;
    }
  g_clear_pointer (&t->last_deal, g_free);
  t->last_deal = g_strdup (cell (t, cells, n_cells, KR_CSV_ID));
  g_ptr_array_set_size (ends, 0);
  g_ptr_array_set_size (keys, 0);
  if (!add_ends (t, row, cells, n_cells, ends, keys)
      || !kr_graph_import_begin_edge_at (t->read->import, place,
                                         cell (t, cells, n_cells, KR_CSV_ID)))
    return FALSE;
  for (guint i = 0; i < ends->len; i++)
    kr_graph_import_add_end (t->read->import, keys->pdata[i], ends->pdata[i]);
  if ((interval = cell (t, cells, n_cells, KR_CSV_TIME_INTERVAL)) != NULL)
    set_interval (t->read, interval);
  set_fields (t, cells, n_cells);
  /* Roles are listed as parties are, with "|" between them. */
  if ((roles = cell (t, cells, n_cells, KR_CSV_ROLES)) != NULL)
    {
      g_autofree char *spaced = g_strdup (roles);

      g_strdelimit (spaced, "|", ' ');
      kr_graph_import_set (t->read->import, "roles", spaced);
    }
  add_evidence (t, place, cells, n_cells);
  kr_graph_import_end_item (t->read->import);
  return TRUE;
}

static gboolean
read_row (guint index, char **cells, guint n_cells, gpointer user_data)
{
  Table *t = user_data;
  const Row *row;

  if (index == 1)
    {
      read_headers (t, cells, n_cells);
      return TRUE;
    }
  if (is_blank (cells, n_cells))
    return TRUE;
  row = new_row (t, index);
  if (t->mapping->kind == KR_CSV_DEALS ? read_deal_row (t, row, cells, n_cells)
                                       : read_entity_row (t, row, cells, n_cells))
    return TRUE;
  t->read->full = TRUE;
  return FALSE;
}

/* A table, @file naming it when it is not the file opened. */
typedef struct
{
  GInputStream *stream;
  const char *file;
  JsonNode *kept;
} Source;

/* Reads the entities first, for the deals to find them by name. */
static gboolean
read_tables (KrDatasetBuilder *builder, const Source *entities, const Source *deals,
             const char *title, GCancellable *cancellable)
{
  g_autoptr (KrGraphImport) import = kr_graph_import_new (builder);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  Read read = { .builder = builder, .import = import, .ids = ids, .names = names };
  const Source *sources[] = { entities, deals };
  gboolean ok = TRUE;

  /* The ids and names the deals' ends are looked up by, only while reading: the import keeps
   * its own copies. */
  read.texts = g_string_chunk_new (16 * 1024);
  if (title != NULL)
    kr_graph_import_set (import, "title", title);
  for (guint i = 0; ok && i < G_N_ELEMENTS (sources); i++)
    if (sources[i] != NULL)
      {
        g_autoptr (GPtrArray) ends = g_ptr_array_new ();
        g_autoptr (GPtrArray) keys = g_ptr_array_new ();
        Table t = { .read = &read, .kept = sources[i]->kept, .ends = ends, .keys = keys };
        KrInput input = KR_INPUT_INIT (builder, sources[i]->stream, cancellable);
        KrPlace *file = NULL;

        if (sources[i]->file != NULL)
          {
            file = kr_dataset_builder_new0 (builder, KrPlace, 1);
            file->key = kr_dataset_builder_copy_text (builder, sources[i]->file);
          }
        t.file = file;
        ok = parse (&input, file, read_row, &t);
        g_clear_pointer (&t.mapping, kr_csv_mapping_free);
        g_clear_pointer (&t.last_deal, g_free);
      }
  /* The lookups go before the records are made. */
  g_string_chunk_free (read.texts);
  g_clear_pointer (&ids, g_hash_table_unref);
  g_clear_pointer (&names, g_hash_table_unref);
  /* Past the limit, what was read is built for the build to say so. */
  if (!ok && !read.full)
    return FALSE;
  kr_graph_import_finish (import);
  return TRUE;
}

/* ---- files ---------------------------------------------------------------------------- */

GFile *
kr_csv_reader_get_sibling (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;
  g_autoptr (GFile) parent = NULL;
  gsize n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  if (name == NULL || parent == NULL)
    return NULL;
  n = strlen (name);
  if (n > strlen (ENTITIES_SUFFIX)
      && g_ascii_strcasecmp (name + n - strlen (ENTITIES_SUFFIX), ENTITIES_SUFFIX) == 0)
    {
      name[n - strlen (ENTITIES_SUFFIX)] = '\0';
      other = g_strconcat (name, ".csv", NULL);
    }
  else if (n > strlen (".csv") && g_ascii_strcasecmp (name + n - strlen (".csv"), ".csv") == 0)
    {
      name[n - strlen (".csv")] = '\0';
      other = g_strconcat (name, ENTITIES_SUFFIX, NULL);
    }
  else
    return NULL;
  return g_file_get_child (parent, other);
}

static gboolean
is_entities_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && strlen (name) > strlen (ENTITIES_SUFFIX)
         && g_ascii_strcasecmp (name + strlen (name) - strlen (ENTITIES_SUFFIX), ENTITIES_SUFFIX)
                == 0;
}

/* The file to read, if it is a regular file within the limit; NULL if there is none. */
static GInputStream *
open_table (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info
      = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return NULL;
  if ((guint64)g_file_info_get_size (info) > kr_limits_get ()->max_file_size)
    {
      g_autofree char *why = kr_limits_describe_file_size ((guint64)g_file_info_get_size (info));

      g_set_error_literal (error, KR_DATASET_ERROR, KR_DATASET_ERROR_TOO_LARGE, why);
      return NULL;
    }
  return G_INPUT_STREAM (g_file_read (file, cancellable, error));
}

/* The mappings kept beside @file, by table: an object, or NULL. */
static JsonObject *
kept_mappings (KrViewsFile *views, GCancellable *cancellable)
{
  JsonNode *member;

  /* A views file that cannot be read keeps no choice: the headers are guessed. */
  if (!kr_views_file_load (views, cancellable, NULL))
    return NULL;
  member = kr_views_file_get_member (views, KR_CSV_VIEWS_MEMBER);
  return member && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

/* The mappings kept beside @beside (none when NULL), by table. */
static JsonObject *
kept_beside (GFile *beside, KrViewsFile **views, GCancellable *cancellable)
{
  g_autoptr (GFile) views_file = beside ? kr_views_file_beside (beside) : NULL;

  if (views_file == NULL)
    return NULL;
  *views = kr_views_file_new (views_file);
  return kept_mappings (*views, cancellable);
}

/* What the columns of @table are kept under, in the views file beside @beside: its name in the
 * same folder, its address elsewhere. */
static char *
table_key (GFile *beside, GFile *table)
{
  g_autoptr (GFile) folder = g_file_get_parent (beside);
  g_autoptr (GFile) table_folder = g_file_get_parent (table);

  if (folder != NULL && table_folder != NULL && g_file_equal (folder, table_folder))
    return g_file_get_basename (table);
  return g_file_get_uri (table);
}

static JsonNode *
kept_for (JsonObject *kept, GFile *beside, GFile *table)
{
  g_autofree char *name = table_key (beside, table);

  return kept && name ? json_object_get_member (kept, name) : NULL;
}

static char *
display_basename (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name);
}

/* "alliances.csv" and "alliances.entities.csv" are "alliances". */
static char *
title_of (GFile *deals)
{
  g_autofree char *name = g_file_get_basename (deals);
  g_autofree char *display = g_filename_display_name (name);
  gsize n = strlen (display);

  if (n > strlen (".csv") && g_ascii_strcasecmp (display + n - strlen (".csv"), ".csv") == 0)
    display[n - strlen (".csv")] = '\0';
  return g_steal_pointer (&display);
}

/* Reads @file's table from @stream and, when there is one, the @other table beside it from
 * @other_stream, with the columns kept beside @beside. Problems in @other name it; those in
 * @file are named by whoever opened it. */
static gboolean
read_two (KrDatasetBuilder *builder, GFile *beside, GFile *file, GInputStream *stream, GFile *other,
          GInputStream *other_stream, gboolean file_is_entities, const char *title,
          GCancellable *cancellable)
{
  g_autoptr (KrViewsFile) views = NULL;
  g_autofree char *other_name = NULL;
  JsonObject *kept = kept_beside (beside, &views, cancellable);
  Source opened = { .stream = stream }, beside_it = { 0 };

  opened.kept = kept_for (kept, beside, file);
  if (other_stream == NULL)
    return read_tables (builder, NULL, &opened, title, cancellable);
  other_name = display_basename (other);
  beside_it = (Source){ .stream = other_stream,
                        .file = other_name,
                        .kept = kept_for (kept, beside, other) };
  return file_is_entities ? read_tables (builder, &opened, &beside_it, title, cancellable)
                          : read_tables (builder, &beside_it, &opened, title, cancellable);
}

gboolean
kr_csv_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                    GCancellable *cancellable)
{
  g_autoptr (GFile) sibling = NULL;
  g_autoptr (GInputStream) sibling_stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean opened_entities;

  g_return_val_if_fail (builder != NULL && G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL)
    {
      Source opened = { .stream = stream };

      return read_tables (builder, NULL, &opened, NULL, cancellable);
    }
  opened_entities = is_entities_file (file);
  if ((sibling = kr_csv_reader_get_sibling (file)) != NULL)
    {
      sibling_stream = open_table (sibling, cancellable, &error);
      if (error != NULL)
        {
          g_autofree char *sibling_name = display_basename (sibling);

          kr_dataset_builder_report (builder, NULL, "%s: %s", sibling_name, error->message);
          return FALSE;
        }
    }
  title = title_of (opened_entities && sibling_stream ? sibling : file);
  if (opened_entities && g_str_has_suffix (title, ".entities"))
    title[strlen (title) - strlen (".entities")] = '\0';
  return read_two (builder, file, file, stream, sibling, sibling_stream, opened_entities, title,
                   cancellable);
}

/* ---- what the window shows ------------------------------------------------------------ */

void
kr_csv_table_head_free (KrCsvTableHead *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->file);
  g_strfreev (self->headers);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  kr_csv_mapping_free (self->mapping);
  g_free (self);
}

typedef struct
{
  KrCsvTableHead *head;
  JsonNode *kept;
  guint max_rows;
} Head;

static gboolean
read_head_row (guint index, char **cells, guint n_cells, gpointer user_data)
{
  Head *h = user_data;
  char **row;

  if (index == 1)
    {
      h->head->n_columns = n_cells;
      h->head->headers = g_new0 (char *, n_cells + 1);
      for (guint i = 0; i < n_cells; i++)
        h->head->headers[i] = g_strdup (cells[i]);
      if (h->kept != NULL)
        h->head->mapping = kr_csv_mapping_from_json (h->kept, (const char *const *)cells, n_cells);
      if (h->head->mapping == NULL)
        h->head->mapping = kr_csv_mapping_guess ((const char *const *)cells, n_cells);
      return h->max_rows > 0;
    }
  row = g_new0 (char *, h->head->n_columns + 1);
  for (guint i = 0; i < h->head->n_columns; i++)
    row[i] = g_strdup (i < n_cells ? cells[i] : "");
  g_ptr_array_add (h->head->rows, row);
  return h->head->rows->len < h->max_rows;
}

/* The head of @file, read from @input; its builder takes the problems, the first of which
 * says why there is none. */
static KrCsvTableHead *
read_head (KrInput *input, GFile *file, JsonNode *kept, guint max_rows, GError **error)
{
  g_autoptr (KrCsvTableHead) head = g_new0 (KrCsvTableHead, 1);
  Head h = { .head = head, .kept = kept, .max_rows = max_rows };

  head->file = g_object_ref (file);
  head->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  if (!parse (input, NULL, read_head_row, &h))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text
          = kr_problem_to_string (kr_dataset_builder_get_problems (input->builder)->pdata[0], name);

      g_set_error_literal (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID, text);
      return NULL;
    }
  return g_steal_pointer (&head);
}

/* @file opened to be read; NULL, saying why with its name, when it cannot be or is not a
 * regular file. A table beside the one opened (not @required) may be missing: NULL, no error. */
static GInputStream *
open_named (GFile *file, gboolean required, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GInputStream) stream = open_table (file, cancellable, &local_error);
  g_autofree char *name = NULL;

  if (stream != NULL || (local_error == NULL && !required))
    return g_steal_pointer (&stream);
  name = g_file_get_parse_name (file);
  if (local_error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _ ("%s: is not a regular file (a pipe, socket or device)"), name);
  else
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", name,
                 local_error->message);
  return NULL;
}

/* The heads of @files (the first required, the second too when @both, else read when it is
 * there), with the columns kept beside @beside, or guessed when it is NULL. */
static GPtrArray *
read_heads_of (GFile *beside, GFile *const files[2], gboolean both, guint max_rows,
               GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) heads
      = g_ptr_array_new_with_free_func ((GDestroyNotify)kr_csv_table_head_free);
  g_autoptr (KrViewsFile) views = NULL;
  JsonObject *kept = kept_beside (beside, &views, cancellable);

  for (guint i = 0; i < 2 && files[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GInputStream) stream
          = open_named (files[i], i == 0 || both, cancellable, &local_error);
      g_autoptr (KrDatasetBuilder) builder = kr_dataset_builder_new (kr_csv_reader_format_place);
      KrInput input = KR_INPUT_INIT (builder, stream, cancellable);
      KrCsvTableHead *head;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (stream == NULL)
        continue;
      head = read_head (&input, files[i], beside ? kept_for (kept, beside, files[i]) : NULL,
                        max_rows, error);
      if (head == NULL)
        return NULL;
      g_ptr_array_add (heads, head);
    }
  return g_steal_pointer (&heads);
}

GPtrArray *
kr_csv_reader_read_heads (GFile *file, guint max_rows, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) sibling = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  sibling = kr_csv_reader_get_sibling (file);
  return read_heads_of (file, (GFile *const[]){ file, sibling }, FALSE, max_rows, cancellable,
                        error);
}

gboolean
kr_csv_reader_keep_mappings (GFile *file, GPtrArray *heads, GCancellable *cancellable,
                             GError **error)
{
  g_autoptr (GFile) beside = NULL;
  g_autoptr (KrViewsFile) views = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;

  g_return_val_if_fail (G_IS_FILE (file) && heads != NULL, FALSE);

  if ((beside = kr_views_file_beside (file)) == NULL)
    return TRUE;
  views = kr_views_file_new (beside);
  if (!kr_views_file_load (views, cancellable, error))
    return FALSE;
  node = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_node_take_object (node, object);
  for (guint i = 0; i < heads->len; i++)
    {
      const KrCsvTableHead *head = heads->pdata[i];
      g_autofree char *name = table_key (file, head->file);

      json_object_set_member (
          object, name, kr_csv_mapping_to_json (head->mapping, (const char *const *)head->headers));
    }
  kr_views_file_set_member (views, KR_CSV_VIEWS_MEMBER, g_steal_pointer (&node));
  return kr_views_file_save (views, cancellable, error);
}

/* ---- two tables given apart ----------------------------------------------------------- */

/* Sets @kind to what the header row of the table in @stream says it is, leaving it as it is
 * when the headers cannot be read (reading the table then says why), and leaves the stream
 * where it started, to be read whole; FALSE when it cannot be read again, reported. */
static gboolean
guess_kind (KrDatasetBuilder *builder, GFile *file, GInputStream *stream, GCancellable *cancellable,
            KrCsvTableKind *kind)
{
  g_autoptr (KrDatasetBuilder) head_builder = kr_dataset_builder_new (kr_csv_reader_format_place);
  KrInput input = KR_INPUT_INIT (head_builder, stream, cancellable);
  g_autoptr (KrCsvTableHead) head = read_head (&input, file, NULL, 0, NULL);

  if (head != NULL)
    *kind = head->mapping->kind;
  input.builder = builder;
  return kr_input_rewind (&input);
}

/* Why @file and @other, both tables of @kind, do not make a dataset. */
static char *
same_kind_message (GFile *file, GFile *other, KrCsvTableKind kind)
{
  g_autofree char *shown = display_basename (file);
  g_autofree char *other_shown = display_basename (other);

  if (kind == KR_CSV_DEALS)
    return g_strdup_printf (_ ("“%s” and “%s” are both tables of deals (with From and To, or "
                               "Source and Target columns): give one table of deals and one of "
                               "entities"),
                            shown, other_shown);
  return g_strdup_printf (_ ("“%s” and “%s” are both tables of entities (with no From and To, "
                             "nor Source and Target columns): give one table of deals and one "
                             "of entities"),
                          shown, other_shown);
}

gboolean
kr_csv_reader_read_pair (KrDatasetBuilder *builder, GFile *file, GInputStream *stream, GFile *other,
                         GInputStream *other_stream, GCancellable *cancellable)
{
  KrCsvTableKind kind = KR_CSV_DEALS, other_kind = KR_CSV_ENTITIES;
  g_autofree char *title = NULL;

  g_return_val_if_fail (builder != NULL && G_IS_FILE (file) && G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (G_IS_FILE (other) && G_IS_INPUT_STREAM (other_stream), FALSE);

  /* Only the header rows are read to tell the tables apart; a table whose headers cannot be
   * read is read in the order given, to say where. */
  if (!guess_kind (builder, file, stream, cancellable, &kind)
      || !guess_kind (builder, other, other_stream, cancellable, &other_kind))
    return FALSE;
  if (kind == other_kind)
    {
      g_autofree char *message = same_kind_message (file, other, kind);

      kr_dataset_builder_report (builder, NULL, "%s", message);
      return FALSE;
    }
  /* The columns are kept beside the table of deals, whichever was given first. */
  title = title_of (kind == KR_CSV_DEALS ? file : other);
  return read_two (builder, kind == KR_CSV_DEALS ? file : other, file, stream, other, other_stream,
                   kind == KR_CSV_ENTITIES, title, cancellable);
}

GPtrArray *
kr_csv_reader_read_pair_heads (GFile *file, GFile *other, guint max_rows, GCancellable *cancellable,
                               GError **error)
{
  g_autoptr (GPtrArray) heads = NULL;
  g_autoptr (KrViewsFile) views = NULL;
  KrCsvTableHead *first, *second;
  JsonObject *kept;

  g_return_val_if_fail (G_IS_FILE (file) && G_IS_FILE (other), NULL);

  heads = read_heads_of (NULL, (GFile *const[]){ file, other }, TRUE, max_rows, cancellable, error);
  if (heads == NULL)
    return NULL;
  first = heads->pdata[0];
  second = heads->pdata[1];
  if (first->mapping->kind == second->mapping->kind)
    {
      g_autofree char *message = same_kind_message (file, other, first->mapping->kind);

      g_set_error_literal (error, KR_DATASET_ERROR, KR_DATASET_ERROR_NOT_PAIRED, message);
      return NULL;
    }
  /* The table of deals first: the columns are kept beside it. */
  if (first->mapping->kind == KR_CSV_ENTITIES)
    {
      heads->pdata[0] = second;
      heads->pdata[1] = first;
    }
  kept = kept_beside (((KrCsvTableHead *)heads->pdata[0])->file, &views, cancellable);
  for (guint i = 0; i < heads->len; i++)
    {
      KrCsvTableHead *head = heads->pdata[i];
      KrCsvMapping *mapping = kr_csv_mapping_from_json (
          kept_for (kept, ((KrCsvTableHead *)heads->pdata[0])->file, head->file),
          (const char *const *)head->headers, head->n_columns);

      if (mapping != NULL)
        {
          kr_csv_mapping_free (head->mapping);
          head->mapping = mapping;
        }
    }
  return g_steal_pointer (&heads);
}
