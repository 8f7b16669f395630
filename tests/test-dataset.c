/* test-dataset.c — the loader accepts good files and names every problem in bad ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kr-dataset-reader.h"
#include "kr-json-strict.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static KrDataset *
load (const char *name, GPtrArray **problems, GError **error)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  return kr_dataset_new_from_file (file, NULL, problems, error);
}

static void
test_good (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (KrDataset) ds = load ("good/minimal.json", &problems, &error);
  const KrDeal *buy, *urge;
  const KrEntity *example;

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "Minimal example");
  g_assert_cmpuint (kr_dataset_get_n_articles (ds), ==, 2);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 5);
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 4);

  example = kr_dataset_get_entity (ds, (guint)kr_dataset_find_entity (ds, "example"));
  g_assert_cmpstr (example->name, ==, "Example Corp");
  g_assert_cmpint (example->kind, ==, KR_ENTITY_COMPANY);
  g_assert_cmpstr (example->country, ==, "JP");
  g_assert_cmpuint (example->n_aliases, ==, 1);
  g_assert_cmpstr (example->aliases[0], ==, "Example");
  g_assert_cmpuint (example->n_names, ==, 1);
  g_assert_cmpstr (example->names[0].language, ==, "ja");

  buy = kr_dataset_get_deal (ds, (guint)kr_dataset_find_deal (ds, "buy"));
  g_assert_cmpint (buy->kind, ==, KR_DEAL_ACQUISITION);
  g_assert_cmpint (buy->status, ==, KR_STATUS_AGREED);
  g_assert_cmpuint (buy->n_parties, ==, 2);
  g_assert_cmpint (buy->parties[0].role, ==, KR_ROLE_ACQUIRER);
  g_assert_true (buy->has_value);
  g_assert_cmpfloat (buy->value_amount, ==, 7e9);
  g_assert_cmpstr (buy->value_currency, ==, "USD");
  g_assert_cmpfloat (buy->stake_after, ==, 100);
  g_assert_cmpuint (buy->n_evidence, ==, 2);
  g_assert_cmpuint (kr_deal_count_sources (buy), ==, 2);
  g_assert_true (kr_deal_is_disputed (buy));
  g_assert_cmpint (buy->evidence[1].stance, ==, KR_STANCE_QUALIFIES);

  urge = kr_dataset_get_deal (ds, (guint)kr_dataset_find_deal (ds, "urge"));
  g_assert_cmpuint (urge->n_proposed_by, ==, 1);
  g_assert_cmpint ((int)urge->proposed_by[0], ==, kr_dataset_find_entity (ds, "fund"));
  g_assert_true (isnan (urge->stake_before));
  g_assert_false (kr_deal_is_disputed (urge));
  g_assert_cmpint (kr_dataset_find_entity (ds, "nobody"), ==, -1);
}

typedef struct
{
  const char *file;
  const char *where;   /* JSON path, or "LINE:COL" for positioned problems */
  const char *message; /* a part of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "bad/syntax-error.json", "3:", "syntax error" },
  { "bad/truncated.json", NULL, "syntax error" },
  { "bad/empty.json", "1:1", "empty" },
  { "bad/invalid-utf8.json", "4:20", "not valid UTF-8" },
  { "bad/nul-byte.json", "4:19", "NUL byte" },
  { "bad/deep-nesting.json", "1:", "nested more than 64 levels" },
  { "bad/root-array.json", "$", "expected an object, found an array" },
  { "bad/missing-format.json", "$.format", "required member \"format\" is missing" },
  { "bad/wrong-version.json", "$.version", "version 7 is not supported" },
  { "bad/unknown-entity-ref.json", "$.deals[0].parties[1].entity", "unknown entity \"nobody\"" },
  { "bad/duplicate-id.json", "$.entities[1].id", "duplicate id \"example\"" },
  { "bad/one-party.json", "$.deals[0].parties", "at least two parties, this one has 1" },
  { "bad/self-deal.json", "$.deals[0].parties[1].entity", "already a party" },
  { "bad/unknown-kind.json", "$.entities[0].kind", "unknown kind \"corporation\"" },
  { "bad/unknown-deal-kind.json", "$.deals[0].kind", "unknown kind \"takeover\"" },
  { "bad/unknown-status.json", "$.deals[0].status", "unknown status \"done\"" },
  { "bad/missing-article.json", "$.deals[1].evidence[0].article", "unknown article \"a9\"" },
  { "bad/empty-quote.json", "$.deals[1].evidence[0].quote", "must not be empty" },
  { "bad/no-evidence.json", "$.deals[1].evidence", "at least one excerpt" },
  { "bad/wrong-type.json", "$.entities[0].name", "expected a string, found a number" },
  { "bad/bad-date.json", "$.deals[0].date", "is not a date" },
  { "bad/stake-out-of-range.json", "$.deals[0].stake.after", "120 is out of range" },
  { "bad/bad-url.json", "$.articles[0].url", "only http:// and https://" },
  { "bad/unknown-member.json", "$.deals[0].staus", "unknown member \"staus\"" },
  { "bad/comment.json", "3:17", "syntax error: comments are not allowed" },
  { "bad/single-quotes.json", "4:3", "syntax error: strings are written in double quotes" },
  { "bad/octal-number.json", "3:14", "syntax error: \"01\" is not a JSON number" },
  { "bad/hex-number.json", "3:14", "syntax error: \"0x1\" is not a JSON number" },
  { "bad/leading-dot.json", "3:14", "syntax error: \".1\" is not a JSON number" },
  { "bad/trailing-dot.json", "3:14", "syntax error: \"1.\" is not a JSON number" },
  { "bad/invalid-escape.json", "4:20", "syntax error: \"\\x\" is not a JSON escape" },
  { "bad/raw-tab.json", "4:20", "syntax error: a line break, tab or other control character" },
  { "bad/duplicate-member.json", "4:31",
    "member \"title\" is given twice; the first is at line 4, column 3" },
  { "bad/huge-integer.json", "3:14", "18446744073709551617 is out of range" },
};

static gboolean
problem_matches (const KrProblem *p, const BadCase *c)
{
  if (strstr (p->message, c->message) == NULL)
    return FALSE;
  if (c->where == NULL)
    return p->line > 0;
  if (c->where[0] == '$')
    return g_strcmp0 (p->path, c->where) == 0;
  {
    g_autofree char *pos = g_strdup_printf ("%d:%d", p->line, p->column);
    return p->path == NULL && g_str_has_prefix (pos, c->where);
  }
}

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (KrDataset) ds = load (c->file, &problems, &error);
  gboolean found = FALSE;

  g_assert_null (ds);
  g_assert_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len && !found; i++)
    found = problem_matches (problems->pdata[i], c);
  if (!found)
    {
      g_autofree char *all = kr_problems_to_string (problems, c->file, 0);
      g_test_message ("expected %s: …%s…, got:\n%s", c->where ? c->where : "a position", c->message,
                      all);
    }
  g_assert_true (found);
}

static void
test_every_problem (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (KrDataset) ds = load ("bad/many-problems.json", &problems, &error);
  g_autofree char *text = NULL;

  g_assert_null (ds);
  g_assert_cmpuint (problems->len, ==, 3);
  text = kr_problems_to_string (problems, "many.json", 0);
  g_assert_nonnull (strstr (text, "many.json:$.entities[0].kind: unknown kind"));
  g_assert_nonnull (strstr (text, "many.json:$.deals[0].parties[1].entity: unknown entity"));
  g_assert_nonnull (strstr (text, "many.json:$.deals[1].evidence[0].quote: must not be empty"));
  /* The error's message names the first problem and counts the rest. */
  g_assert_nonnull (strstr (error->message, "and 2 more problems"));
}

static void
test_not_a_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = load ("bad", NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_clear_object (&ds);
  ds = load ("no-such-file.json", NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-file.json"));
}

static void
test_bytes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GBytes) bytes
      = g_bytes_new_static ("\xEF\xBB\xBF{\"format\":\"keiretsu-dataset\","
                            "\"version\":1,\"title\":\"t\",\"articles\":[],"
                            "\"entities\":[],\"deals\":[]}",
                            strlen ("\xEF\xBB\xBF{\"format\":\"keiretsu-dataset\","
                                    "\"version\":1,\"title\":\"t\",\"articles\":[],"
                                    "\"entities\":[],\"deals\":[]}"));
  g_autoptr (KrDataset) ds = kr_dataset_new_from_bytes (bytes, "mem", &problems, &error);

  /* A byte-order mark is accepted; an empty dataset is valid. */
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 0);
}

/* Datasets are read a record at a time from the text: the lists may come in any order, with
 * the dataset's own members around them, and nothing inside a string ends a record. */
static void
test_record_at_a_time (void)
{
  static const char text[]
      = "{\n"
        "  \"deals\" : [ { \"id\": \"d\", \"kind\": \"alliance\", \"status\": \"active\",\n"
        "      \"summary\": \"a ] } , [ { \\\" \\\\\", \"parties\": [\n"
        "        { \"entity\": \"x\", \"role\": \"partner\" },\n"
        "        { \"entity\": \"y\", \"role\": \"partner\" } ],\n"
        "      \"evidence\": [ { \"article\": \"a\", \"quote\": \"}]\\\"\" } ] } ] ,\n"
        "  \"\\u0065ntities\":[{\"id\":\"x\",\"name\":\"X ]\",\"kind\":\"company\"},\n"
        "    {\"id\":\"y\",\"name\":\"Y \\\"}\",\"kind\":\"company\",\"names\":{\"ja\":\"ワイ\"}}],\n"
        "  \"articles\": [ { \"id\": \"a\", \"title\": \"[{\", \"publisher\": \"P\" } ],\n"
        "  \"version\": 1, \"title\": \"Out of order\", \"format\": \"keiretsu-dataset\"\n"
        "}\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = kr_dataset_new_from_bytes (bytes, "mem", &problems, &error);
  const char *ja[] = { "ja", NULL };

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "Out of order");
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 2);
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 1);
  g_assert_cmpstr (kr_dataset_get_entity (ds, 0)->name, ==, "X ]");
  g_assert_cmpstr (kr_dataset_get_entity (ds, 1)->name, ==, "Y \"}");
  g_assert_cmpstr (kr_entity_name_for_languages (kr_dataset_get_entity (ds, 1), ja), ==, "ワイ");
  g_assert_cmpstr (kr_dataset_get_deal (ds, 0)->summary, ==, "a ] } , [ { \" \\");
  g_assert_cmpstr (kr_dataset_get_deal (ds, 0)->evidence[0].quote, ==, "}]\"");
}

/* Records as the format writes them are read straight from the text; others (here: local
 * names in two languages, a number longer than any double needs) go through json-glib. Both
 * ways read the same strings, escapes and numbers. */
static void
test_two_ways (void)
{
  static const char text[]
      = "{\"format\":\"keiretsu-dataset\",\"version\":1,\"title\":\"Two ways\",\n"
        "\"articles\":[{\"id\":\"a\",\"title\":\"T\",\"publisher\":\"P\",\"date\":\"2024-01\","
        "\"date_inferred\":true,\"url\":\"https://example.com/\\u00e9\"}],\n"
        "\"entities\":[\n"
        "{\"id\":\"x\",\"name\":\"N \\u00e9 \\ud83d\\ude00 \\\\ \\\" \\/ "
        "\\t\",\"kind\":\"company\","
        "\"aliases\":[\"a\\nb\",\"c\"],\"description\":\"d\",\"names\":{\"ja\":\"ワイ\"},"
        "\"evidence\":[{\"article\":\"a\",\"quote\":\"q \\u3042\",\"stance\":\"contradicts\","
        "\"note\":\"n\"}]},\n"
        "{\"id\":\"y\",\"name\":\"N \\u00e9 \\ud83d\\ude00 \\\\ \\\" \\/ "
        "\\t\",\"kind\":\"company\","
        "\"aliases\":[\"a\\nb\",\"c\"],\"description\":\"d\",\"names\":{\"ja\":\"ワイ\",\"fr\":"
        "\"Y\"},"
        "\"evidence\":[{\"article\":\"a\",\"quote\":\"q \\u3042\",\"stance\":\"contradicts\","
        "\"note\":\"n\"}]}],\n"
        "\"deals\":[\n"
        "{\"id\":\"d1\",\"kind\":\"investment\",\"status\":\"agreed\",\"summary\":\"s\","
        "\"value\":{\"amount\":12.5e3,\"currency\":\"USD\",\"approximate\":true},"
        "\"stake\":{\"before\":-0,\"after\":25.5},\"proposed_by\":[\"x\"],"
        "\"parties\":[{\"entity\":\"x\",\"role\":\"investor\"},{\"entity\":\"y\",\"role\":"
        "\"investee\"}],"
        "\"evidence\":[{\"article\":\"a\",\"quote\":\"q\"}]},\n"
        "{\"id\":\"d2\",\"kind\":\"investment\",\"status\":\"agreed\",\"summary\":\"s\","
        "\"value\":{\"amount\":12500.0000000000000000000000000000000000000001,\"currency\":\"USD\","
        "\"approximate\":true},"
        "\"stake\":{\"before\":-0,\"after\":25.5},\"proposed_by\":[\"x\"],"
        "\"parties\":[{\"entity\":\"x\",\"role\":\"investor\"},{\"entity\":\"y\",\"role\":"
        "\"investee\"}],"
        "\"evidence\":[{\"article\":\"a\",\"quote\":\"q\"}]}]}\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = kr_dataset_new_from_bytes (bytes, "mem", &problems, &error);
  const char *ja[] = { "ja", NULL };
  const KrEntity *x, *y;
  const KrDeal *d1, *d2;

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_true (kr_dataset_get_article (ds, 0)->date_inferred);
  g_assert_cmpstr (kr_dataset_get_article (ds, 0)->url, ==, "https://example.com/é");
  x = kr_dataset_get_entity (ds, 0);
  y = kr_dataset_get_entity (ds, 1);
  g_assert_cmpstr (x->name, ==, "N é \xF0\x9F\x98\x80 \\ \" / \t");
  g_assert_cmpuint (y->n_names, ==, 2);
  for (const KrEntity *e = x; e != NULL; e = e == x ? y : NULL)
    {
      g_assert_cmpstr (e->name, ==, x->name);
      g_assert_cmpuint (e->n_aliases, ==, 2);
      g_assert_cmpstr (e->aliases[0], ==, "a\nb");
      g_assert_cmpstr (e->aliases[1], ==, "c");
      g_assert_cmpstr (e->description, ==, "d");
      g_assert_cmpstr (kr_entity_name_for_languages (e, ja), ==, "ワイ");
      g_assert_cmpuint (e->n_evidence, ==, 1);
      g_assert_cmpstr (e->evidence[0].quote, ==, "q あ");
      g_assert_cmpstr (e->evidence[0].note, ==, "n");
      g_assert_cmpint (e->evidence[0].stance, ==, KR_STANCE_CONTRADICTS);
    }
  d1 = kr_dataset_get_deal (ds, 0);
  d2 = kr_dataset_get_deal (ds, 1);
  for (const KrDeal *d = d1; d != NULL; d = d == d1 ? d2 : NULL)
    {
      g_assert_true (d->has_value);
      g_assert_cmpfloat (d->value_amount, ==, 12500);
      g_assert_cmpstr (d->value_currency, ==, "USD");
      g_assert_true (d->value_approximate);
      /* A whole number, as json-glib reads it: -0 is 0. */
      g_assert_cmpfloat (d->stake_before, ==, 0);
      g_assert_false (signbit (d->stake_before));
      g_assert_cmpfloat (d->stake_after, ==, 25.5);
      g_assert_cmpuint (d->n_proposed_by, ==, 1);
      g_assert_cmpuint (d->proposed_by[0], ==, 0);
      g_assert_cmpuint (d->n_parties, ==, 2);
      g_assert_cmpint (d->parties[1].role, ==, KR_ROLE_INVESTEE);
    }
}

/* The fast UTF-8 check answers as GLib's, where it stops included, whatever the bytes: runs
 * of ASCII, characters of every length, invalid and cut ones, NUL bytes. */
static void
test_utf8 (void)
{
  static const char *const pieces[]
      = { "abcdefgh", "a",        "\xC3\xA9",     "\xE3\x81\x82", "\xF0\x9F\x98\x80",
          "\xC3",     "\xE3\x81", "\xED\xA0\x80", "\xC0\xAF",     "\xFF",
          "\x80",     "",         "\t\n" };
  GRand *rand = g_rand_new_with_seed (18);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      guint n = (guint)g_rand_int_range (rand, 0, 40);
      const char *end = NULL, *glib_end = NULL;
      gboolean valid, glib_valid;

      for (guint i = 0; i < n; i++)
        {
          /* Mostly valid text, so that a problem comes after long runs of it. */
          gint32 pick = g_rand_int_range (rand, 0, 100);
          guint piece = pick < 90 ? (guint)pick % 5 : (guint)pick % G_N_ELEMENTS (pieces);

          g_string_append (text, pieces[piece]);
        }
      if (g_rand_int_range (rand, 0, 20) == 0)
        g_string_insert_c (text, g_rand_int_range (rand, 0, (gint32)text->len + 1), '\0');
      valid = kr_utf8_validate (text->str, text->len, &end);
      glib_valid = g_utf8_validate_len (text->str, text->len, &glib_end);
      g_assert_cmpint (valid, ==, glib_valid);
      g_assert_true (end == glib_end);
    }
  g_rand_free (rand);
}

/* An entity's name in the user's language, when the dataset gives one. */
static void
test_local_names (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "minimal.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KrDataset) ds = kr_dataset_new_from_file (file, NULL, NULL, NULL);
  const KrEntity *example, *sample;
  const char *japanese[] = { "ja_JP.UTF-8", "ja_JP", "ja.UTF-8", "ja", "C", NULL };
  const char *japanese_first[] = { "ja", NULL };
  const char *french[] = { "fr_FR.UTF-8", "fr_FR", "fr", "C", NULL };
  const char *javanese[] = { "jv", "C", NULL }; /* "jv" is not "ja", nor is "jav" */

  g_assert_nonnull (ds);
  example = kr_dataset_get_entity (ds, (guint)kr_dataset_find_entity (ds, "example"));
  sample = kr_dataset_get_entity (ds, (guint)kr_dataset_find_entity (ds, "sample"));
  g_assert_cmpstr (kr_entity_name_for_languages (example, japanese), ==, "イグザンプル");
  g_assert_cmpstr (kr_entity_name_for_languages (example, japanese_first), ==, "イグザンプル");
  g_assert_cmpstr (kr_entity_name_for_languages (example, french), ==, "Example Corp");
  g_assert_cmpstr (kr_entity_name_for_languages (example, javanese), ==, "Example Corp");
  g_assert_cmpstr (kr_entity_name_for_languages (example, NULL), ==, "Example Corp");
  /* No local name: always its name. */
  g_assert_cmpstr (kr_entity_name_for_languages (sample, japanese), ==, "Sample Ltd");
  /* The tests run in the C locale: what the map shows is the dataset's name. */
  g_assert_cmpstr (example->display_name, ==, "Example Corp");
}

/* The one test of a web address, used by the loader, the panel and the window alike. */
static void
test_web_addresses (void)
{
  static const char *const web[] = { "https://www.reuters.com/a/b?c=d#e", "http://example.com",
                                     "HTTPS://EXAMPLE.COM/%C3%A9", "https://例え.jp/記事" };
  static const char *const not_web[]
      = { "javascript:alert(1)", "file:///etc/passwd", "https://", "https:///path",
          "https://x.com/a b", "https://x.com/\x1b[31m", "https://x.com/%zz", "ftp://x.com", "",
          "x.com",
          /* White space beyond ASCII, as the JSON Schema's \\s has it */
          "https://x.com/a\u00a0b", "https://x.com/a\u2009b", "https://x.com/a\u2028b",
          "https://x.com/a\u3000b", "https://x.com/a\ufeffb", "https://x.com/\xc2\x85" };

  for (guint i = 0; i < G_N_ELEMENTS (web); i++)
    g_assert_true (kr_url_is_web (web[i]));
  for (guint i = 0; i < G_N_ELEMENTS (not_web); i++)
    g_assert_false (kr_url_is_web (not_web[i]));
  g_assert_false (kr_url_is_web (NULL));
}

/* The formats a dataset is read from, each found by its file names' suffixes. */
static void
test_readers (void)
{
  const KrDatasetReader *json = kr_dataset_reader_get (0);

  g_assert_cmpstr (kr_dataset_reader_get_name (json), ==, "Keiretsu datasets (JSON)");
  g_assert_true (g_strv_contains (kr_dataset_reader_get_suffixes (json), "json"));
  g_assert_true (g_strv_contains (kr_dataset_reader_get_mime_types (json), "application/json"));
  g_assert_true (kr_dataset_reader_find ("/home/me/data.json") == json);
  g_assert_true (kr_dataset_reader_find ("file:///home/me/DATA.Json") == json);
  g_assert_null (kr_dataset_reader_find ("notes.txt"));
  g_assert_null (kr_dataset_reader_find ("json"));
  g_assert_null (kr_dataset_reader_find ("data.json.gz"));

  for (guint i = 0; i < kr_dataset_reader_get_n (); i++)
    {
      const KrDatasetReader *reader = kr_dataset_reader_get (i);
      const char *const *suffixes = kr_dataset_reader_get_suffixes (reader);

      g_assert_nonnull (suffixes[0]);
      g_assert_nonnull (kr_dataset_reader_get_mime_types (reader)[0]);
      for (guint s = 0; suffixes[s] != NULL; s++)
        {
          g_autofree char *name = g_strconcat ("file.", suffixes[s], NULL);
          g_assert_true (kr_dataset_reader_find (name) == reader);
        }
    }
}

/* The scan for what json-glib lets pass: every such thing, and its place. */
static void
test_strict_json (void)
{
  static const struct
  {
    const char *text;
    int line, column;
    const char *says; /* NULL: valid */
  } cases[] = {
    { "{\"a\": [1, -0.5e+3, true, false, null, \"\\u00e9\\ud83d\\ude00\\/\"]}", 0, 0, NULL },
    { " \n\t ", 0, 0, NULL },
    { "{\"a\": 1} // done", 1, 10, "comments" },
    { "{\"a\": 1,\n \"b\": 2, \"a\": 3}", 2, 10,
      "member \"a\" is given twice; the first is at line 1, column 2" },
    { "{\"a\": {\"b\": 1}, \"b\": {\"b\": 2}}", 0, 0, NULL },
    { "{\"\\u0061\": 1, \"a\": 2}", 1, 15, "\"a\" is given twice" },
    { "[{\"a\": 1}, {\"a\": 2}]", 0, 0, NULL },
    { "{\"a\": 'b'}", 1, 7, "double quotes" },
    { "[0x10]", 1, 2, "\"0x10\" is not a JSON number" },
    { "[012]", 1, 2, "\"012\" is not a JSON number" },
    { "[-.5]", 1, 2, "\"-.5\" is not a JSON number" },
    { "[5.]", 1, 2, "\"5.\" is not a JSON number" },
    { "[1e]", 1, 2, "\"1e\" is not a JSON number" },
    { "[+1]", 1, 2, "\"+1\" is not a JSON number" },
    { "[\"\\v\"]", 1, 3, "\"\\v\" is not a JSON escape" },
    { "[\"\\u12\"]", 1, 3, "\"\\u12\"]\" is not a JSON escape" },
    { "[\"a\\u0000b\"]", 1, 4, "\\u0000" },
    { "[\"a\nb\"]", 1, 4, "control character" },
    { "[1,]", 1, 4, "a comma before \"]\"" },
    { "{\"a\": 1,}", 1, 9, "a comma before \"}\"" },
    { "[1] [2]", 1, 5, "unexpected \"[\"" },
    { "[NaN]", 1, 2, "unexpected \"NaN\"" },
    { "[tru]", 1, 2, "unexpected \"tru\"" },
    { "{\"a\": [1", 1, 9, "the file ends" },
    { "[9223372036854775807, -9223372036854775808]", 0, 0, NULL },
    { "[9223372036854775808]", 1, 2, "9223372036854775808 is out of range" },
    { "[\"é\", \"\x1b]0;x\x07\"]", 1, 8, "control character" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int line, column;
      g_autofree char *says
          = kr_json_strict_check (cases[i].text, strlen (cases[i].text), &line, &column);

      if (cases[i].says == NULL)
        {
          g_assert_cmpstr (says, ==, NULL);
          continue;
        }
      if (says == NULL || strstr (says, cases[i].says) == NULL || line != cases[i].line
          || column != cases[i].column)
        g_error ("case %u: %d:%d: “%s”, expected %d:%d: “%s”", i, line, column, says, cases[i].line,
                 cases[i].column, cases[i].says);
      /* A message quotes nothing that a terminal would act on. */
      for (const char *p = says; *p != '\0'; p++)
        g_assert_false (g_ascii_iscntrl (*p));
    }
}

/* Deep, wide or many: one pass, no recursion, and every name stored once. */
static void
test_strict_json_large (void)
{
  const guint n = 200000;
  g_autoptr (GString) text = g_string_new ("{");
  int line, column;
  g_autofree char *says = NULL;
  g_autofree char *deep = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\"m%u\": [%u]", i > 0 ? "," : "", i, i);
  g_string_append (text, ", \"m7\": 0}");
  says = kr_json_strict_check (text->str, text->len, &line, &column);
  g_assert_nonnull (strstr (says, "\"m7\" is given twice"));

  deep = g_strnfill (1000000, '[');
  g_clear_pointer (&says, g_free);
  says = kr_json_strict_check (deep, strlen (deep), &line, &column);
  g_assert_nonnull (strstr (says, "the file ends"));
}

/* Strings are passed eight bytes at a time: a quote, a backslash or a control character is
 * found wherever it is in a run of plain text. */
static void
test_strict_json_runs (void)
{
  for (guint at = 0; at < 24; at++)
    {
      g_autofree char *before = g_strnfill (at, 'a');
      g_autofree char *escaped = g_strdup_printf ("[\"%s\\\"%s\"]", before, before);
      g_autofree char *control = g_strdup_printf ("[\"%s\x01%s\"]", before, before);
      g_autofree char *ended = g_strdup_printf ("[\"%s\"%s\"]", before, before);
      g_autofree char *says = NULL;
      int line, column;

      g_assert_null (kr_json_strict_check (escaped, strlen (escaped), &line, &column));
      says = kr_json_strict_check (control, strlen (control), &line, &column);
      g_assert_nonnull (strstr (says, "control character"));
      g_assert_cmpint (column, ==, (int)at + 3);
      g_clear_pointer (&says, g_free);
      says = kr_json_strict_check (ended, strlen (ended), &line, &column);
      g_assert_nonnull (says);
      g_assert_cmpint (column, ==, (int)at + 4);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/good", test_good);
  g_test_add_func ("/dataset/every-problem", test_every_problem);
  g_test_add_func ("/dataset/not-a-file", test_not_a_file);
  g_test_add_func ("/dataset/bytes", test_bytes);
  g_test_add_func ("/dataset/record-at-a-time", test_record_at_a_time);
  g_test_add_func ("/dataset/two-ways", test_two_ways);
  g_test_add_func ("/dataset/utf8", test_utf8);
  g_test_add_func ("/dataset/local-names", test_local_names);
  g_test_add_func ("/dataset/web-addresses", test_web_addresses);
  g_test_add_func ("/dataset/readers", test_readers);
  g_test_add_func ("/dataset/strict-json", test_strict_json);
  g_test_add_func ("/dataset/strict-json-large", test_strict_json_large);
  g_test_add_func ("/dataset/strict-json-runs", test_strict_json_runs);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/dataset/bad/%s", bad_cases[i].file + 4);
      g_test_add_data_func (name, &bad_cases[i], test_bad);
    }
  return g_test_run ();
}
