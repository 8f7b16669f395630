/* kr-graph-export.c — GraphML and GEXF of what a scene shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-graph-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <csv.h>

#include "kr-csv-mapping.h"
#include "kr-ftm-export.h"
#include "kr-graph-export.h"
#include "kr-graph-shown.h"
#include "kr-palette.h"
#include "kr-svg-painter.h"

/* The attributes written, each for nodes or edges, with the names the graph import reads. */
typedef enum
{
  A_NAME,
  A_KIND,
  A_COUNTRY,
  A_DESCRIPTION,
  A_ALIASES,
  A_DEAL_KIND,
  A_STATUS,
  A_SUMMARY,
  A_DATE,
  A_END,
  A_EXPECTED,
  A_AMOUNT,
  A_CURRENCY,
  A_APPROXIMATE,
  A_STAKE_BEFORE,
  A_STAKE_AFTER,
  A_NOTE,
  A_ROLES,
  N_ATTRIBUTES
} Attribute;

static const struct
{
  const char *id; /* unique in the file */
  const char *name;
  gboolean edge;
  const char *type;
} attributes[N_ATTRIBUTES] = {
  [A_NAME] = { "name", "name", FALSE, "string" },
  [A_KIND] = { "kind", "kind", FALSE, "string" },
  [A_COUNTRY] = { "country", "country", FALSE, "string" },
  [A_DESCRIPTION] = { "description", "description", FALSE, "string" },
  [A_ALIASES] = { "aliases", "aliases", FALSE, "string" },
  [A_DEAL_KIND] = { "deal_kind", "kind", TRUE, "string" },
  [A_STATUS] = { "status", "status", TRUE, "string" },
  [A_SUMMARY] = { "summary", "summary", TRUE, "string" },
  [A_DATE] = { "date", "date", TRUE, "string" },
  [A_END] = { "end", "end", TRUE, "string" },
  [A_EXPECTED] = { "expected", "expected", TRUE, "string" },
  [A_AMOUNT] = { "amount", "amount", TRUE, "double" },
  [A_CURRENCY] = { "currency", "currency", TRUE, "string" },
  [A_APPROXIMATE] = { "approximate", "approximate", TRUE, "boolean" },
  [A_STAKE_BEFORE] = { "stake_before", "stake_before", TRUE, "double" },
  [A_STAKE_AFTER] = { "stake_after", "stake_after", TRUE, "double" },
  [A_NOTE] = { "note", "note", TRUE, "string" },
  [A_ROLES] = { "roles", "roles", TRUE, "string" },
};

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/* The values of every attribute of entity @i or deal @d (the other -1), NULL where none. */
static void
entity_values (KrDataset *dataset, guint i, char *values[N_ATTRIBUTES])
{
  const KrEntity *e = kr_dataset_get_entity (dataset, i);

  values[A_NAME] = g_strdup (e->name);
  values[A_KIND] = g_strdup (kr_vocabulary_to_token (&kr_entity_kind_vocabulary, e->kind));
  values[A_COUNTRY] = g_strdup (e->country);
  values[A_DESCRIPTION] = g_strdup (e->description);
  if (e->n_aliases > 0)
    {
      g_autofree const char **aliases = g_new0 (const char *, e->n_aliases + 1);

      memcpy (aliases, e->aliases, e->n_aliases * sizeof (char *));
      values[A_ALIASES] = g_strjoinv ("|", (char **)aliases);
    }
}

static void
deal_values (KrDataset *dataset, guint d, GArray *parties, char *values[N_ATTRIBUTES])
{
  const KrDeal *deal = kr_dataset_get_deal (dataset, d);
  GString *roles = g_string_new (NULL);

  values[A_DEAL_KIND] = g_strdup (kr_vocabulary_to_token (&kr_deal_kind_vocabulary, deal->kind));
  values[A_STATUS] = g_strdup (kr_vocabulary_to_token (&kr_status_vocabulary, deal->status));
  values[A_SUMMARY] = g_strdup (deal->summary);
  values[A_DATE] = g_strdup (deal->date);
  values[A_END] = g_strdup (deal->end);
  values[A_EXPECTED] = g_strdup (deal->expected);
  if (deal->has_value)
    {
      values[A_AMOUNT] = format_number (deal->value_amount);
      values[A_CURRENCY] = g_strdup (deal->value_currency);
      if (deal->value_approximate)
        values[A_APPROXIMATE] = g_strdup ("true");
    }
  if (!isnan (deal->stake_before))
    values[A_STAKE_BEFORE] = format_number (deal->stake_before);
  if (!isnan (deal->stake_after))
    values[A_STAKE_AFTER] = format_number (deal->stake_after);
  values[A_NOTE] = g_strdup (deal->note);
  for (guint p = 0; p < parties->len; p++)
    g_string_append_printf (
        roles, "%s%s", p ? " " : "",
        kr_vocabulary_to_token (&kr_role_vocabulary,
                                deal->parties[g_array_index (parties, guint, p)].role));
  values[A_ROLES] = g_string_free (roles, FALSE);
}

static void
values_clear (char *values[N_ATTRIBUTES])
{
  for (guint a = 0; a < N_ATTRIBUTES; a++)
    g_clear_pointer (&values[a], g_free);
}

static void
append_attribute (GString *out, const char *name, const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  kr_xml_append_escaped (out, value, -1);
  g_string_append_c (out, '"');
}

static const char *
entity_id (KrGraphShown *shown, const KrDeal *deal, GArray *parties, guint p)
{
  return kr_dataset_get_entity (shown->dataset,
                                deal->parties[g_array_index (parties, guint, p)].entity)
      ->id;
}

/* ---- GraphML ------------------------------------------------------------------------- */

static void
graphml_data (GString *out, char *values[N_ATTRIBUTES], const char *indent)
{
  for (guint a = 0; a < N_ATTRIBUTES; a++)
    if (values[a] != NULL)
      {
        g_string_append_printf (out, "%s<data key=\"%s\">", indent, attributes[a].id);
        kr_xml_append_escaped (out, values[a], -1);
        g_string_append (out, "</data>\n");
      }
}

static void
write_graphml (GString *out, KrGraphShown *shown)
{
  KrDataset *dataset = shown->dataset;
  char *values[N_ATTRIBUTES] = { NULL };

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                        "  <key id=\"title\" for=\"graph\" attr.name=\"title\" "
                        "attr.type=\"string\"/>\n");
  for (guint a = 0; a < N_ATTRIBUTES; a++)
    g_string_append_printf (
        out, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", attributes[a].id,
        attributes[a].edge ? "edge" : "node", attributes[a].name, attributes[a].type);
  g_string_append (out, "  <graph id=\"G\" edgedefault=\"directed\">\n"
                        "    <data key=\"title\">");
  kr_xml_append_escaped (out, kr_dataset_get_title (dataset), -1);
  g_string_append (out, "</data>\n");

  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    if (shown->nodes[i] >= 0)
      {
        g_string_append (out, "    <node");
        append_attribute (out, "id", kr_dataset_get_entity (dataset, i)->id);
        g_string_append (out, ">\n");
        entity_values (dataset, i, values);
        graphml_data (out, values, "      ");
        values_clear (values);
        g_string_append (out, "    </node>\n");
      }
  for (guint d = 0; d < kr_dataset_get_n_deals (dataset); d++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, d);
      GArray *parties = kr_graph_shown_parties (shown, d);
      gboolean hyper = parties->len > 2;

      if (parties->len == 0)
        continue;
      g_string_append (out, hyper ? "    <hyperedge" : "    <edge");
      append_attribute (out, "id", deal->id);
      if (!hyper)
        {
          append_attribute (out, "source", entity_id (shown, deal, parties, 0));
          append_attribute (out, "target", entity_id (shown, deal, parties, 1));
        }
      g_string_append (out, ">\n");
      deal_values (dataset, d, parties, values);
      graphml_data (out, values, "      ");
      values_clear (values);
      for (guint p = 0; hyper && p < parties->len; p++)
        {
          g_string_append (out, "      <endpoint");
          append_attribute (out, "node", entity_id (shown, deal, parties, p));
          g_string_append (out, "/>\n");
        }
      g_string_append (out, hyper ? "    </hyperedge>\n" : "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");
}

/* ---- GEXF ---------------------------------------------------------------------------- */

/* A date of the dataset as Gephi's timeline reads one, a whole day: the first day of a year
 * or month that starts a period, the last of one that ends it. */
static char *
gexf_date (const char *date, gboolean end)
{
  int y = 0, m = 0;

  if (date == NULL)
    return NULL;
  if (strlen (date) == 10)
    return g_strdup (date);
  sscanf (date, "%d-%d", &y, &m);
  if (m == 0)
    return g_strdup_printf ("%04d-%s", y, end ? "12-31" : "01-01");
  return g_strdup_printf ("%04d-%02d-%02d", y, m,
                          end ? g_date_get_days_in_month ((GDateMonth)m, (GDateYear)y) : 1);
}

static void
gexf_attvalues (GString *out, char *values[N_ATTRIBUTES], const char *indent)
{
  gboolean any = FALSE;

  for (guint a = 0; a < N_ATTRIBUTES; a++)
    any |= values[a] != NULL;
  if (!any)
    return;
  g_string_append_printf (out, "%s<attvalues>\n", indent);
  for (guint a = 0; a < N_ATTRIBUTES; a++)
    if (values[a] != NULL)
      {
        g_string_append_printf (out, "%s  <attvalue for=\"%s\"", indent, attributes[a].id);
        append_attribute (out, "value", values[a]);
        g_string_append (out, "/>\n");
      }
  g_string_append_printf (out, "%s</attvalues>\n", indent);
}

static void
write_gexf (GString *out, KrGraphShown *shown)
{
  KrDataset *dataset = shown->dataset;
  char *values[N_ATTRIBUTES] = { NULL };
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  const KrColor *fill = kr_palette_get (FALSE)->entity_fill;

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<gexf xmlns=\"http://gexf.net/1.3\" "
                        "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
                        "  <meta>\n    <creator>Keiretsu</creator>\n    <title>");
  kr_xml_append_escaped (out, kr_dataset_get_title (dataset), -1);
  g_string_append (out, "</title>\n  </meta>\n"
                        "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" "
                        "timeformat=\"date\">\n");
  for (int edge = 0; edge < 2; edge++)
    {
      g_string_append_printf (out, "    <attributes class=\"%s\" mode=\"static\">\n",
                              edge ? "edge" : "node");
      /* The name and the summary are the elements' labels. */
      for (guint a = 0; a < N_ATTRIBUTES; a++)
        if (attributes[a].edge == edge)
          g_string_append_printf (out, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                                  attributes[a].id, attributes[a].name, attributes[a].type);
      g_string_append (out, "    </attributes>\n");
    }

  g_string_append (out, "    <nodes>\n");
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    if (shown->nodes[i] >= 0)
      {
        const KrEntity *entity = kr_dataset_get_entity (dataset, i);
        const KrSceneNode *node = kr_scene_get_node (shown->scene, (guint)shown->nodes[i]);

        g_string_append (out, "      <node");
        append_attribute (out, "id", entity->id);
        append_attribute (out, "label", entity->name);
        g_string_append (out, ">\n");
        entity_values (dataset, i, values);
        gexf_attvalues (out, values, "        ");
        values_clear (values);
        /* Where the map draws it, with y up as Gephi has it, in the colour of its kind. */
        g_string_append_printf (out, "        <viz:position x=\"%s\" y=\"%s\" z=\"0.0\"/>\n",
                                g_ascii_formatd (x, sizeof x, "%.2f", node->x),
                                g_ascii_formatd (y, sizeof y, "%.2f", -node->y));
        g_string_append_printf (out, "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n",
                                (int)lround (fill[entity->kind].red * 255),
                                (int)lround (fill[entity->kind].green * 255),
                                (int)lround (fill[entity->kind].blue * 255));
        g_string_append_printf (out, "        <viz:size value=\"%s\"/>\n",
                                g_ascii_formatd (x, sizeof x, "%.2f", node->height / 2));
        g_string_append (out, "      </node>\n");
      }
  g_string_append (out, "    </nodes>\n    <edges>\n");
  for (guint d = 0; d < kr_dataset_get_n_deals (dataset); d++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, d);
      GArray *parties = kr_graph_shown_parties (shown, d);
      g_autofree char *start = gexf_date (deal->date, FALSE);
      g_autofree char *end = gexf_date (deal->end, TRUE);

      /* GEXF joins two nodes and no more. */
      if (parties->len != 2)
        continue;
      g_string_append (out, "      <edge");
      append_attribute (out, "id", deal->id);
      append_attribute (out, "source", entity_id (shown, deal, parties, 0));
      append_attribute (out, "target", entity_id (shown, deal, parties, 1));
      append_attribute (out, "label", deal->summary);
      if (start != NULL)
        append_attribute (out, "start", start);
      if (end != NULL)
        append_attribute (out, "end", end);
      g_string_append (out, ">\n");
      deal_values (dataset, d, parties, values);
      gexf_attvalues (out, values, "        ");
      values_clear (values);
      g_string_append (out, "      </edge>\n");
    }
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");
}

/* ---- CSV ----------------------------------------------------------------------------- */

/* The columns of the two tables, named as the CSV reader guesses them back. */
static const KrCsvField entity_columns[] = { KR_CSV_ID,      KR_CSV_NAME,        KR_CSV_ENTITY_KIND,
                                             KR_CSV_COUNTRY, KR_CSV_DESCRIPTION, KR_CSV_ALIASES };
static const KrCsvField deal_columns[] = {
  KR_CSV_ID,         KR_CSV_SOURCE,       KR_CSV_TARGET,       KR_CSV_PARTIES,
  KR_CSV_ROLES,      KR_CSV_DEAL_KIND,    KR_CSV_STATUS,       KR_CSV_SUMMARY,
  KR_CSV_DATE,       KR_CSV_END,          KR_CSV_EXPECTED,     KR_CSV_AMOUNT,
  KR_CSV_CURRENCY,   KR_CSV_APPROXIMATE,  KR_CSV_STAKE_BEFORE, KR_CSV_STAKE_AFTER,
  KR_CSV_NOTE,       KR_CSV_ARTICLE_ID,   KR_CSV_URL,          KR_CSV_ARTICLE_TITLE,
  KR_CSV_PUBLISHER,  KR_CSV_ARTICLE_DATE, KR_CSV_QUOTE,        KR_CSV_STANCE,
  KR_CSV_QUOTE_NOTE,
};

/* The attribute that holds a column's value, for those that have one. */
static const struct
{
  KrCsvField field;
  Attribute attribute;
} csv_attributes[] = {
  { KR_CSV_NAME, A_NAME },
  { KR_CSV_ENTITY_KIND, A_KIND },
  { KR_CSV_COUNTRY, A_COUNTRY },
  { KR_CSV_DESCRIPTION, A_DESCRIPTION },
  { KR_CSV_ALIASES, A_ALIASES },
  { KR_CSV_DEAL_KIND, A_DEAL_KIND },
  { KR_CSV_STATUS, A_STATUS },
  { KR_CSV_SUMMARY, A_SUMMARY },
  { KR_CSV_DATE, A_DATE },
  { KR_CSV_END, A_END },
  { KR_CSV_EXPECTED, A_EXPECTED },
  { KR_CSV_AMOUNT, A_AMOUNT },
  { KR_CSV_CURRENCY, A_CURRENCY },
  { KR_CSV_APPROXIMATE, A_APPROXIMATE },
  { KR_CSV_STAKE_BEFORE, A_STAKE_BEFORE },
  { KR_CSV_STAKE_AFTER, A_STAKE_AFTER },
  { KR_CSV_NOTE, A_NOTE },
  { KR_CSV_ROLES, A_ROLES },
};

/* A cell, quoted by libcsv. One that a spreadsheet would take for a formula (=, +, -, @, or a
 * tab or carriage return before one) starts with an apostrophe instead, which spreadsheets
 * show as text and the CSV reader takes off again. */
static void
csv_cell (GString *out, gboolean first, const char *value)
{
  gsize n, size;

  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL)
    return;
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    {
      g_autofree char *quoted = g_strconcat ("'", value, NULL);
      csv_cell (out, TRUE, quoted);
      return;
    }
  n = strlen (value);
  size = out->len;
  /* At worst every character is a quote, doubled, between two more. */
  g_string_set_size (out, size + 2 * n + 2);
  g_string_set_size (out, size + csv_write (out->str + size, 2 * n + 2, value, n));
}

static void
csv_header (GString *out, const KrCsvField *columns, guint n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    csv_cell (out, c == 0, kr_csv_field_get_header (columns[c]));
  g_string_append (out, "\r\n");
}

static const char *
csv_value (char *values[N_ATTRIBUTES], KrCsvField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (csv_attributes); i++)
    if (csv_attributes[i].field == field)
      return values[csv_attributes[i].attribute];
  return NULL;
}

static void
write_csv_entities (GString *out, KrGraphShown *shown)
{
  KrDataset *dataset = shown->dataset;
  char *values[N_ATTRIBUTES] = { NULL };

  csv_header (out, entity_columns, G_N_ELEMENTS (entity_columns));
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    if (shown->nodes[i] >= 0)
      {
        entity_values (dataset, i, values);
        for (guint c = 0; c < G_N_ELEMENTS (entity_columns); c++)
          csv_cell (out, c == 0,
                    entity_columns[c] == KR_CSV_ID ? kr_dataset_get_entity (dataset, i)->id
                                                   : csv_value (values, entity_columns[c]));
        values_clear (values);
        g_string_append (out, "\r\n");
      }
}

/* The cells of a deal that come from its parties, and those of its excerpt @e. */
static const char *
deal_cell (KrGraphShown *shown, guint d, guint e, GArray *parties, KrCsvField field, char **listed)
{
  const KrDeal *deal = kr_dataset_get_deal (shown->dataset, d);
  const KrEvidence *evidence = e < deal->n_evidence ? &deal->evidence[e] : NULL;
  const KrArticle *article
      = evidence ? kr_dataset_get_article (shown->dataset, evidence->article) : NULL;

  switch (field)
    {
    case KR_CSV_ID:
      return deal->id;
    case KR_CSV_SOURCE:
    case KR_CSV_TARGET:
      return parties->len == 2 ? entity_id (shown, deal, parties, field == KR_CSV_TARGET) : NULL;
    case KR_CSV_PARTIES:
      if (parties->len > 2)
        {
          GString *ids = g_string_new (NULL);

          for (guint p = 0; p < parties->len; p++)
            g_string_append_printf (ids, "%s%s", p ? "|" : "", entity_id (shown, deal, parties, p));
          *listed = g_string_free (ids, FALSE);
        }
      return *listed;
    case KR_CSV_ARTICLE_ID:
      return article ? article->id : NULL;
    case KR_CSV_URL:
      return article ? article->url : NULL;
    case KR_CSV_ARTICLE_TITLE:
      return article ? article->title : NULL;
    case KR_CSV_PUBLISHER:
      return article ? article->publisher : NULL;
    case KR_CSV_ARTICLE_DATE:
      return article ? article->date : NULL;
    case KR_CSV_QUOTE:
      return evidence ? evidence->quote : NULL;
    case KR_CSV_STANCE:
      return evidence ? kr_vocabulary_to_token (&kr_stance_vocabulary, evidence->stance) : NULL;
    case KR_CSV_QUOTE_NOTE:
      return evidence ? evidence->note : NULL;
    default:
      return NULL;
    }
}

static gboolean
is_excerpt_field (KrCsvField field)
{
  static const KrCsvField excerpt[]
      = { KR_CSV_ARTICLE_ID,   KR_CSV_URL,   KR_CSV_ARTICLE_TITLE, KR_CSV_PUBLISHER,
          KR_CSV_ARTICLE_DATE, KR_CSV_QUOTE, KR_CSV_STANCE,        KR_CSV_QUOTE_NOTE };

  for (guint i = 0; i < G_N_ELEMENTS (excerpt); i++)
    if (excerpt[i] == field)
      return TRUE;
  return FALSE;
}

/* A deal's row holds its first excerpt; each further one has a row of its own with the deal's
 * id and nothing else of the deal, which the CSV reader adds to it. */
static void
write_csv_deals (GString *out, KrGraphShown *shown)
{
  KrDataset *dataset = shown->dataset;
  char *values[N_ATTRIBUTES] = { NULL };

  csv_header (out, deal_columns, G_N_ELEMENTS (deal_columns));
  for (guint d = 0; d < kr_dataset_get_n_deals (dataset); d++)
    {
      GArray *parties = kr_graph_shown_parties (shown, d);
      const KrDeal *deal = kr_dataset_get_deal (dataset, d);

      if (parties->len == 0)
        continue;
      deal_values (dataset, d, parties, values);
      /* Several values in a cell are split on "|". */
      g_strdelimit (values[A_ROLES], " ", '|');
      for (guint e = 0; e < MAX (deal->n_evidence, 1); e++)
        {
          for (guint c = 0; c < G_N_ELEMENTS (deal_columns); c++)
            {
              g_autofree char *listed = NULL;
              const char *value = e == 0 ? csv_value (values, deal_columns[c]) : NULL;

              /* A further excerpt's row gives only the deal's id. */
              if (value == NULL
                  && (e == 0 || deal_columns[c] == KR_CSV_ID || is_excerpt_field (deal_columns[c])))
                value = deal_cell (shown, d, e, parties, deal_columns[c], &listed);
              csv_cell (out, c == 0, value);
            }
          g_string_append (out, "\r\n");
        }
      values_clear (values);
    }
}

char *
kr_graph_export_write_entities (KrScene *scene)
{
  GString *out = g_string_sized_new (16 * 1024);
  KrGraphShown shown;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  kr_graph_shown_init (&shown, scene);
  write_csv_entities (out, &shown);
  kr_graph_shown_clear (&shown);
  return g_string_free (out, FALSE);
}

gboolean
kr_graph_export_may_replace_entities (GFile *file)
{
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GString) header = g_string_new (NULL);
  char buf[512];
  gssize n;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  in = g_file_read (file, NULL, NULL);
  if (in == NULL)
    return !g_file_query_exists (file, NULL);
  n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, NULL);
  csv_header (header, entity_columns, G_N_ELEMENTS (entity_columns));
  return n >= (gssize)header->len && memcmp (buf, header->str, header->len) == 0;
}

char *
kr_graph_export_write (KrScene *scene, KrExportFormat format)
{
  GString *out = g_string_sized_new (64 * 1024);
  KrGraphShown shown;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);
  g_return_val_if_fail (format == KR_EXPORT_GRAPHML || format == KR_EXPORT_GEXF
                            || format == KR_EXPORT_FTM || format == KR_EXPORT_CSV,
                        NULL);
  if (format == KR_EXPORT_FTM)
    return kr_ftm_export_write (scene);

  kr_graph_shown_init (&shown, scene);
  if (format == KR_EXPORT_CSV)
    write_csv_deals (out, &shown);
  else if (format == KR_EXPORT_GRAPHML)
    write_graphml (out, &shown);
  else
    write_gexf (out, &shown);
  kr_graph_shown_clear (&shown);
  return g_string_free (out, FALSE);
}

/* What none of the formats here holds, and CSV's articles: the phrases for
 * kr_graph_shown_say_left_out(). */
static void
details_left_out (KrGraphShown *shown, KrExportFormat format, GPtrArray *things)
{
  KrDataset *dataset = shown->dataset;
  gboolean proposed = FALSE, names = FALSE, articles = FALSE;

  for (guint d = 0; d < kr_dataset_get_n_deals (dataset); d++)
    if (shown->parties[d]->len > 0)
      {
        const KrDeal *deal = kr_dataset_get_deal (dataset, d);

        proposed |= deal->n_proposed_by > 0;
        for (guint e = 0; e < deal->n_evidence; e++)
          {
            const KrArticle *a = kr_dataset_get_article (dataset, deal->evidence[e].article);

            articles
                |= a->author != NULL || a->language != NULL || a->note != NULL || a->date_inferred;
          }
      }
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    if (shown->nodes[i] >= 0)
      names |= kr_dataset_get_entity (dataset, i)->n_names > 0;
  if (proposed)
    g_ptr_array_add (things, _ ("who proposed a deal"));
  if (names)
    g_ptr_array_add (things, _ ("names in other languages"));
  if (format == KR_EXPORT_CSV && articles)
    g_ptr_array_add (things, _ ("the articles’ authors, languages, notes and inferred dates"));
}

/* What the two tables cannot hold: the excerpts about entities, and the details above. Each
 * of a deal's excerpts has a row, with its stance and its article. */
static void
csv_left_out (KrGraphShown *shown, GPtrArray *said)
{
  g_autoptr (GPtrArray) things = g_ptr_array_new ();
  KrDataset *dataset = shown->dataset;
  guint about_entities = 0;

  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    if (shown->nodes[i] >= 0)
      about_entities += kr_dataset_get_entity (dataset, i)->n_evidence;
  if (about_entities > 0)
    g_ptr_array_add (said, g_strdup (_ ("The excerpts about entities were left out.")));
  details_left_out (shown, KR_EXPORT_CSV, things);
  kr_graph_shown_say_left_out (said, "CSV", things);
}

char *
kr_graph_export_left_out (KrScene *scene, KrExportFormat format)
{
  g_autoptr (GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) things = g_ptr_array_new ();
  const char *name = format == KR_EXPORT_GRAPHML ? "GraphML" : "GEXF";
  gboolean excerpts = FALSE;
  guint many_parties = 0;
  KrGraphShown shown;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);
  if (format == KR_EXPORT_FTM)
    return kr_ftm_export_left_out (scene);
  if (format != KR_EXPORT_GRAPHML && format != KR_EXPORT_GEXF && format != KR_EXPORT_CSV)
    return NULL;

  kr_graph_shown_init (&shown, scene);
  if (format == KR_EXPORT_CSV)
    csv_left_out (&shown, said);
  else
    {
      for (guint d = 0; d < kr_dataset_get_n_deals (shown.dataset); d++)
        if (shown.parties[d]->len > 0)
          {
            excerpts |= kr_dataset_get_deal (shown.dataset, d)->n_evidence > 0;
            many_parties += shown.parties[d]->len > 2;
          }
      for (guint i = 0; i < kr_dataset_get_n_entities (shown.dataset); i++)
        if (shown.nodes[i] >= 0)
          excerpts |= kr_dataset_get_entity (shown.dataset, i)->n_evidence > 0;
      details_left_out (&shown, format, things);
    }
  kr_graph_shown_clear (&shown);

  if (excerpts)
    g_ptr_array_add (said, g_strdup_printf (_ ("%s has no place for the excerpts: their quotes "
                                               "and stances were left out."),
                                            name));
  if (format == KR_EXPORT_GEXF && many_parties > 0)
    g_ptr_array_add (said, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "GEXF joins two nodes at most: %u deal "
                                                         "between more parties was left out.",
                                                         "GEXF joins two nodes at most: %u deals "
                                                         "between more parties were left out.",
                                                         many_parties),
                                            many_parties));
  if (format != KR_EXPORT_CSV)
    kr_graph_shown_say_left_out (said, name, things);
  if (said->len == 0)
    return NULL;
  g_ptr_array_add (said, NULL);
  return g_strjoinv (" ", (char **)said->pdata);
}
