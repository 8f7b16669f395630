/* test-vocabularies.c — the vocabularies in the code, the JSON Schema and the format's
 * documentation say the same: the same tokens in the same order, the same deal families, arrow
 * directions and line styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kr-palette.h"

static char *docs;
static JsonNode *schema;

/* A vocabulary's tokens, in order, joined by spaces. */
static char *
code_tokens (const KrVocabulary *vocabulary)
{
  g_auto (GStrv) tokens = g_strsplit (kr_vocabulary_tokens (vocabulary), ", ", -1);
  return g_strjoinv (" ", tokens);
}

static char *
schema_tokens (const char *definition)
{
  JsonObject *defs = json_object_get_object_member (json_node_get_object (schema), "$defs");
  JsonArray *values
      = json_object_get_array_member (json_object_get_object_member (defs, definition), "enum");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (values); i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", json_array_get_string_element (values, i));
  return g_string_free (s, FALSE);
}

/* The rows of the documentation's table whose header is @header: the cells of each row,
 * without their `code` quotes. */
static GPtrArray *
docs_table (const char *header)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  const char *at = strstr (docs, header);
  g_auto (GStrv) lines = NULL;

  g_assert_nonnull (at);
  lines = g_strsplit (at, "\n", -1);
  /* The header, the rule, then rows until the table ends. */
  for (guint i = 2; lines[i] != NULL && lines[i][0] == '|'; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], "|", -1);
      GStrvBuilder *row = g_strv_builder_new ();

      for (guint c = 1; cells[c] != NULL && cells[c + 1] != NULL; c++)
        {
          g_auto (GStrv) unquoted = g_strsplit (g_strstrip (cells[c]), "`", -1);
          g_autofree char *cell = g_strjoinv ("", unquoted);
          g_strv_builder_add (row, cell);
        }
      g_ptr_array_add (rows, g_strv_builder_end (row));
      g_strv_builder_unref (row);
    }
  return rows;
}

static char *
first_column (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", ((char **)rows->pdata[i])[0]);
  return g_string_free (s, FALSE);
}

/* The `tokens` of the documentation's text from @start to @end (the next blank line, or the
 * end of the line). */
static char *
docs_tokens_after (const char *start, const char *end_mark)
{
  const char *at = strstr (docs, start);
  const char *end;
  g_autofree char *text = NULL;
  g_autoptr (GRegex) quoted = g_regex_new ("`([a-z_]+)`", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GString *s = g_string_new (NULL);

  g_assert_nonnull (at);
  end = strstr (at, end_mark);
  text = g_strndup (at, end ? (gsize)(end - at) : strlen (at));
  g_regex_match (quoted, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *token = g_match_info_fetch (match, 1);
      g_string_append_printf (s, "%s%s", s->len ? " " : "", token);
    }
  return g_string_free (s, FALSE);
}

/* The vocabulary's tokens, the schema definition's and the documentation's are the same. */
static void
assert_same_tokens (const KrVocabulary *vocabulary, const char *definition, const char *doc)
{
  g_autofree char *code = code_tokens (vocabulary);
  g_autofree char *json = schema_tokens (definition);

  g_assert_cmpstr (code, ==, json);
  g_assert_cmpstr (code, ==, doc);
}

static void
test_entity_kinds (void)
{
  g_autofree char *doc = docs_tokens_after ("**Entity kinds**", "\n\n");

  assert_same_tokens (&kr_entity_kind_vocabulary, "entityKind", doc);
}

static void
test_deal_kinds (void)
{
  g_autoptr (GPtrArray) rows = docs_table ("| kind | family | meaning |");
  g_autofree char *doc = first_column (rows);

  assert_same_tokens (&kr_deal_kind_vocabulary, "dealKind", doc);
  /* Each kind is in the family the documentation gives it, and every family has kinds. */
  for (guint k = 0; k < rows->len; k++)
    {
      char **row = rows->pdata[k];
      g_assert_cmpstr (kr_deal_family_to_token (kr_deal_kind_family (k)), ==, row[1]);
    }
  for (KrDealFamily f = 0; f < KR_N_DEAL_FAMILIES; f++)
    {
      gboolean used = FALSE;
      for (KrDealKind k = 0; k < KR_N_DEAL_KINDS; k++)
        used |= kr_deal_kind_family (k) == f;
      g_assert_true (used);
      g_assert_nonnull (strstr (docs, kr_deal_family_to_token (f)));
    }
}

static void
test_statuses (void)
{
  g_autoptr (GPtrArray) rows = docs_table ("| status | meaning | drawn |");
  g_autofree char *doc = first_column (rows);

  assert_same_tokens (&kr_status_vocabulary, "dealStatus", doc);
  /* Drawn as the documentation says: grey for the failed, then the line's style. */
  for (guint s = 0; s < rows->len; s++)
    {
      const char *drawn = ((char **)rows->pdata[s])[2];
      KrLineStyle style = kr_status_line_style (s);

      g_assert_cmpint (g_str_has_prefix (drawn, "grey"), ==, kr_status_is_failed (s));
      if (strstr (drawn, "dotted") != NULL)
        g_assert_cmpint (style, ==, KR_LINE_DOTTED);
      else if (strstr (drawn, "dashed") != NULL)
        g_assert_cmpint (style, ==, KR_LINE_DASHED);
      else
        g_assert_cmpint (style, ==, KR_LINE_SOLID);
    }
}

static void
test_roles (void)
{
  static const char *const directions[] = { "from", "to", "none" };
  g_autoptr (GPtrArray) rows = docs_table ("| role | direction | meaning |");
  g_autofree char *doc = first_column (rows);

  assert_same_tokens (&kr_role_vocabulary, "role", doc);
  /* The arrow goes the way the documentation says. */
  for (guint r = 0; r < rows->len; r++)
    g_assert_cmpstr (directions[kr_role_direction (r)], ==, ((char **)rows->pdata[r])[1]);
}

static void
test_stances (void)
{
  g_autofree char *doc = docs_tokens_after ("| `stance` | string | no |", "\n");

  /* The row names the member first, then its values. */
  g_assert_true (g_str_has_prefix (doc, "stance "));
  assert_same_tokens (&kr_stance_vocabulary, "stance", doc + strlen ("stance "));
}

int
main (int argc, char *argv[])
{
  g_autofree char *docs_path = NULL;
  g_autofree char *schema_path = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  docs_path = g_test_build_filename (G_TEST_DIST, "..", "docs", "dataset-format.md", NULL);
  schema_path
      = g_test_build_filename (G_TEST_DIST, "..", "data", "keiretsu-dataset.schema.json", NULL);
  g_assert_true (g_file_get_contents (docs_path, &docs, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, schema_path, &error));
  g_assert_no_error (error);
  schema = json_parser_get_root (parser);

  g_test_add_func ("/vocabularies/entity-kinds", test_entity_kinds);
  g_test_add_func ("/vocabularies/deal-kinds", test_deal_kinds);
  g_test_add_func ("/vocabularies/statuses", test_statuses);
  g_test_add_func ("/vocabularies/roles", test_roles);
  g_test_add_func ("/vocabularies/stances", test_stances);
  return g_test_run ();
}
