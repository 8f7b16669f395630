/* kr-graph-export.c — GraphML and GEXF of what a scene shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-graph-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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

char *
kr_graph_export_write (KrScene *scene, KrExportFormat format)
{
  GString *out = g_string_sized_new (64 * 1024);
  KrGraphShown shown;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);
  g_return_val_if_fail (format == KR_EXPORT_GRAPHML || format == KR_EXPORT_GEXF
                            || format == KR_EXPORT_FTM,
                        NULL);
  if (format == KR_EXPORT_FTM)
    return kr_ftm_export_write (scene);

  kr_graph_shown_init (&shown, scene);
  if (format == KR_EXPORT_GRAPHML)
    write_graphml (out, &shown);
  else
    write_gexf (out, &shown);
  kr_graph_shown_clear (&shown);
  return g_string_free (out, FALSE);
}

char *
kr_graph_export_left_out (KrScene *scene, KrExportFormat format)
{
  g_autoptr (GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  gboolean excerpts = FALSE;
  guint many_parties = 0;
  KrGraphShown shown;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);
  if (format == KR_EXPORT_FTM)
    return kr_ftm_export_left_out (scene);
  if (format != KR_EXPORT_GRAPHML && format != KR_EXPORT_GEXF)
    return NULL;

  kr_graph_shown_init (&shown, scene);
  for (guint d = 0; d < kr_dataset_get_n_deals (shown.dataset); d++)
    if (shown.parties[d]->len > 0)
      {
        excerpts |= kr_dataset_get_deal (shown.dataset, d)->n_evidence > 0;
        many_parties += shown.parties[d]->len > 2;
      }
  for (guint i = 0; i < kr_dataset_get_n_entities (shown.dataset); i++)
    if (shown.nodes[i] >= 0)
      excerpts |= kr_dataset_get_entity (shown.dataset, i)->n_evidence > 0;
  kr_graph_shown_clear (&shown);

  if (excerpts)
    g_ptr_array_add (said, g_strdup_printf (_ ("%s has no place for the excerpts: their quotes "
                                               "and stances were left out."),
                                            format == KR_EXPORT_GRAPHML ? "GraphML" : "GEXF"));
  if (format == KR_EXPORT_GEXF && many_parties > 0)
    g_ptr_array_add (said, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "GEXF joins two nodes at most: %u deal "
                                                         "between more parties was left out.",
                                                         "GEXF joins two nodes at most: %u deals "
                                                         "between more parties were left out.",
                                                         many_parties),
                                            many_parties));
  if (said->len == 0)
    return NULL;
  g_ptr_array_add (said, NULL);
  return g_strjoinv (" ", (char **)said->pdata);
}
