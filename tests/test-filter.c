/* test-filter.c — filters, focus, shortest paths and time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kr-dataset-queries.h"
#include "kr-filter.h"
#include "kr-paths.h"
#include "kr-search.h"
#include "kr-test-data.h"

/* tests/data/good/network.json: entities a b c d e f lone (0–6); deals ab bd ac cdf ea (0–4). */
#define N_ENTITIES 7
#define N_DEALS 5

static KrDataset *
load_network (void)
{
  KrDataset *ds = kr_test_load_good ("network.json");

  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, N_ENTITIES);
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, N_DEALS);
  return ds;
}

/* What a filter shows, as "entity ids | deal ids", each list in dataset order. */
static char *
shown (KrDataset *ds, const KrFilter *f)
{
  gboolean entities[N_ENTITIES], deals[N_DEALS];
  g_autoptr (GError) error = NULL;
  GString *s = g_string_new (NULL);

  g_assert_true (kr_filter_apply (f, ds, entities, deals, &error));
  g_assert_no_error (error);
  for (guint e = 0; e < N_ENTITIES; e++)
    if (entities[e])
      g_string_append_printf (s, "%s%s", s->len ? " " : "", kr_dataset_get_entity (ds, e)->id);
  g_string_append (s, " |");
  for (guint k = 0; k < N_DEALS; k++)
    if (deals[k])
      g_string_append_printf (s, " %s", kr_dataset_get_deal (ds, k)->id);
  return g_string_free (s, FALSE);
}

/* Applies the --filter terms in @terms (separated by ';') and checks what is shown. */
static void
check_terms (KrDataset *ds, const char *terms, const char *expected)
{
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_auto (GStrv) list = g_strsplit (terms, ";", -1);
  g_autofree char *got = NULL;

  kr_filter_init (&f);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (kr_filter_parse_term (&f, list[i], &error));
      g_assert_no_error (error);
    }
  got = shown (ds, &f);
  g_test_message ("%s → %s", terms, got);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_empty (void)
{
  g_autoptr (KrDataset) ds = load_network ();
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_autofree char *got = NULL;

  kr_filter_init (&f);
  g_assert_true (kr_filter_is_empty (&f));
  got = shown (ds, &f);
  g_assert_cmpstr (got, ==, "a b c d e f lone | ab bd ac cdf ea");
}

static void
test_each_filter (void)
{
  g_autoptr (KrDataset) ds = load_network ();

  check_terms (ds, "deal-kind=alliance", "a b c d e f lone | ab");
  check_terms (ds, "deal-kind=alliance;hide-isolated", "a b | ab");
  check_terms (ds, "status=rumoured,proposed", "a b c d e f lone | ac ea");
  /* Without the fund, its stake in Alpha has one party left and goes; Gamma urged it but
   * is not one of its ends. */
  check_terms (ds, "entity-kind=company", "a b c d lone | ab bd ac cdf");
  check_terms (ds, "country=jp", "a c e | ac ea");
  /* Dates: a deal's time (its date to its end) meets the range; undated deals stay. */
  check_terms (ds, "from=2023", "a b c d e f lone | bd ac cdf ea");
  check_terms (ds, "to=2022", "a b c d e f lone | ab ac");
  check_terms (ds, "from=2022-06-30;to=2022-07", "a b c d e f lone | ab ac");
  check_terms (ds, "article=later;hide-isolated", "a b c d e | bd ac ea");
}

static void
test_combinations (void)
{
  g_autoptr (KrDataset) ds = load_network ();

  /* Terms add up: each narrows what the others leave. */
  check_terms (ds, "country=JP;status=proposed;hide-isolated", "a c | ac");
  check_terms (ds, "deal-kind=alliance,supply;from=2023;hide-isolated", "b d | bd");
  /* Values of the same key are added to each other. */
  check_terms (ds, "deal-kind=alliance;deal-kind=supply;hide-isolated", "a b d | ab bd");
  check_terms (ds, "country=KR;country=US;hide-isolated", "b d | bd");
}

static void
test_terms_round_trip (void)
{
  const char *terms = "deal-kind=investment,alliance;status=rumoured;entity-kind=company;"
                      "country=JP,FR;article=early;from=2022;to=2023-06;hide-isolated";
  g_auto (GStrv) list = g_strsplit (terms, ";", -1);
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_auto (KrFilter) back = KR_FILTER_INIT;
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;
  g_auto (GStrv) parts = NULL;

  kr_filter_init (&f);
  for (guint i = 0; list[i] != NULL; i++)
    g_assert_true (kr_filter_parse_term (&f, list[i], NULL));
  written = kr_filter_terms_to_string (&f);
  g_assert_cmpstr (written, ==, terms);

  kr_filter_init (&back);
  parts = g_strsplit (written, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    g_assert_true (kr_filter_parse_term (&back, parts[i], NULL));
  again = kr_filter_terms_to_string (&back);
  g_assert_cmpstr (again, ==, written);

  kr_filter_clear (&back);
  g_clear_pointer (&again, g_free);
  again = kr_filter_terms_to_string (&back);
  g_assert_cmpstr (again, ==, "");
}

static void
test_bad_terms (void)
{
  const char *bad[] = { "status=agred", "deal-kind=", "colour=red",       "from=2023-13",
                        "to=yesterday", "deal-kind",  "entity-kind=robot" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (KrFilter) f = KR_FILTER_INIT;
      g_autoptr (GError) error = NULL;
      kr_filter_init (&f);
      g_assert_false (kr_filter_parse_term (&f, bad[i], &error));
      g_assert_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID);
      g_test_message ("%s: %s", bad[i], error->message);
    }
}

static void
test_focus (void)
{
  g_autoptr (KrDataset) ds = load_network ();
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_autofree char *one = NULL, *two = NULL, *three = NULL;
  gboolean entities[N_ENTITIES], deals[N_DEALS];
  g_autoptr (GError) error = NULL;

  kr_filter_init (&f);
  f.focus = g_strdup ("b");
  f.depth = 1;
  one = shown (ds, &f);
  g_assert_cmpstr (one, ==, "a b d | ab bd");
  f.depth = 2;
  /* Two deals away: through Alpha's deals (Gamma also urged the fund's stake) and Delta's
   * venture, whose three parties are all within reach. */
  two = shown (ds, &f);
  g_assert_cmpstr (two, ==, "a b c d e f | ab bd ac cdf ea");
  f.depth = 3;
  three = shown (ds, &f);
  g_assert_cmpstr (three, ==, two);

  /* Focus combines with filters: without supply deals Delta is out of reach at depth 1. */
  g_assert_true (kr_filter_parse_term (&f, "deal-kind=alliance,investment", NULL));
  f.depth = 1;
  g_clear_pointer (&one, g_free);
  one = shown (ds, &f);
  g_assert_cmpstr (one, ==, "a b | ab");

  g_free (f.focus);
  f.focus = g_strdup ("nobody");
  g_assert_false (kr_filter_apply (&f, ds, entities, deals, &error));
  g_assert_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID);
}

static char *
chain_to_string (KrDataset *ds, GArray *chain)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < chain->len; i++)
    {
      guint v = g_array_index (chain, guint, i);
      g_string_append_printf (s, "%s%s", i ? "-" : "",
                              i % 2 == 0 ? kr_dataset_get_entity (ds, v)->id
                                         : kr_dataset_get_deal (ds, v)->id);
    }
  return g_string_free (s, FALSE);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

static void
test_paths (void)
{
  g_autoptr (KrDataset) ds = load_network ();
  g_autoptr (GPtrArray) chains = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) limited = NULL;
  g_autoptr (GPtrArray) multi = NULL;
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_autofree char *got = NULL;
  gboolean entities[N_ENTITIES], deals[N_DEALS];
  g_autoptr (GError) error = NULL;

  /* Alpha to Delta: three chains of two deals tie, one through Beta and two through Gamma
   * (its investment, and the fund's stake that Gamma urged). */
  chains = kr_dataset_shortest_paths (ds, 0, 3, NULL, 10);
  for (guint i = 0; i < chains->len; i++)
    g_ptr_array_add (strings, chain_to_string (ds, chains->pdata[i]));
  g_ptr_array_sort (strings, compare_strings);
  g_assert_cmpuint (strings->len, ==, 3);
  g_assert_cmpstr (strings->pdata[0], ==, "a-ab-b-bd-d");
  g_assert_cmpstr (strings->pdata[1], ==, "a-ac-c-cdf-d");
  g_assert_cmpstr (strings->pdata[2], ==, "a-ea-c-cdf-d");

  limited = kr_dataset_shortest_paths (ds, 0, 3, NULL, 2);
  g_assert_cmpuint (limited->len, ==, 2);

  /* Across a multi-party deal: the venture is one deal from each of its parties. */
  multi = kr_dataset_shortest_paths (ds, 5, 0, NULL, 10);
  g_assert_cmpuint (multi->len, ==, 2);
  g_assert_cmpuint (((GArray *)multi->pdata[0])->len, ==, 5);

  /* Disconnected: no chain. */
  none = kr_dataset_shortest_paths (ds, 0, 6, NULL, 10);
  g_assert_cmpuint (none->len, ==, 0);

  /* As a filter: only what lies on the chains. */
  kr_filter_init (&f);
  f.path_from = g_strdup ("a");
  f.path_to = g_strdup ("d");
  got = shown (ds, &f);
  g_assert_cmpstr (got, ==, "a b c d | ab bd ac cdf ea");

  /* Filters narrow the chains first. */
  g_assert_true (kr_filter_parse_term (&f, "status=active,agreed", NULL));
  g_clear_pointer (&got, g_free);
  got = shown (ds, &f);
  g_assert_cmpstr (got, ==, "a b d | ab bd");

  /* Not connected by what is shown: an error that says so. */
  g_assert_true (kr_filter_parse_term (&f, "deal-kind=alliance", NULL));
  g_assert_false (kr_filter_apply (&f, ds, entities, deals, &error));
  g_assert_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_NO_PATH);
  g_test_message ("%s", error->message);
}

static void
test_time (void)
{
  g_autoptr (KrDataset) ds = load_network ();
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_autofree char *early = NULL, *mid = NULL, *reported_early = NULL, *reported_later = NULL;
  gboolean entities[N_ENTITIES], deals[N_DEALS];
  g_autoptr (GError) error = NULL;

  kr_filter_init (&f);
  /* As of a date: deals started by then and not ended before; undated ones stay. */
  f.as_of = g_strdup ("2022-01-01");
  early = shown (ds, &f);
  g_assert_cmpstr (early, ==, "a b c d e f lone | ab ac");
  g_free (f.as_of);
  /* "2023-01" begins after the alliance ended (June 2022), and the venture's "2023" may
   * already have begun. */
  f.as_of = g_strdup ("2023-01");
  mid = shown (ds, &f);
  g_assert_cmpstr (mid, ==, "a b c d e f lone | ac cdf");
  g_clear_pointer (&f.as_of, g_free);

  /* As reported: only what articles published by then evidence, and who they mention. */
  f.as_reported = g_strdup ("2022-12-31");
  reported_early = shown (ds, &f);
  g_assert_cmpstr (reported_early, ==, "a b | ab");
  g_free (f.as_reported);
  f.as_reported = g_strdup ("2023-07");
  reported_later = shown (ds, &f);
  g_assert_cmpstr (reported_later, ==, "a b c d e lone | ab bd ac ea");

  {
    g_auto (GStrv) dates = kr_dataset_list_dates (ds, 100);
    g_auto (GStrv) months = kr_dataset_list_dates (ds, 6);
    g_auto (GStrv) years = kr_dataset_list_dates (ds, 3);
    g_autofree char *all = g_strjoinv (" ", dates);
    g_autofree char *by_month = g_strjoinv (" ", months);
    g_autofree char *by_year = g_strjoinv (" ", years);
    g_assert_cmpstr (all, ==, "2021 2022-03-01 2022-06 2023 2023-07 2023-07-15 2024-01");
    g_assert_cmpstr (by_month, ==, "2021 2022-03 2022-06 2023 2023-07 2024-01");
    g_assert_cmpstr (by_year, ==, "2021 2022 2023 2024");
  }

  g_free (f.as_reported);
  f.as_reported = g_strdup ("last week");
  g_assert_false (kr_filter_apply (&f, ds, entities, deals, &error));
  g_assert_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID);
}

/* The matches for @query as "id:kind:matched", in order. */
static char *
search (KrDataset *ds, const char *query)
{
  g_autoptr (GArray) matches = kr_dataset_search (ds, query);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < matches->len; i++)
    {
      const KrSearchMatch *m = &g_array_index (matches, KrSearchMatch, i);
      g_string_append_printf (s, "%s%s:%d:%s", i ? " " : "",
                              kr_dataset_get_entity (ds, m->entity)->id, m->kind, m->matched);
    }
  return g_string_free (s, FALSE);
}

static void
test_search (void)
{
  g_autoptr (KrDataset) ds = load_network ();
  struct
  {
    const char *query, *expected;
  } cases[] = {
    /* Case and accents do not matter, either way round; an alias can match. */
    { "alpha", "a:0:Álpha" },
    { "ÁLPHA", "a:0:Álpha" },
    { "ＡＬＰＨＡ", "a:0:Álpha" }, /* full-width letters */
    { "alp", "a:1:Alpha Motors" },
    { "  alp ", "a:1:Alpha Motors" },
    { "motors", "a:2:Alpha Motors" },
    { "eta", "b:3:Beta Cells" },
    /* Prefixes before substrings, whatever the alphabet says. */
    { "ph", "f:1:Phi Ventures a:3:Alpha Motors" },
    /* Markup is text like any other. */
    { "<b>", "d:2:Delta <b>Bold</b>" },
    { "", "" },
    { "   ", "" },
    { "zzz", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = search (ds, cases[i].query);
      g_test_message ("“%s” → %s", cases[i].query, got);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_fold (void)
{
  g_autofree char *a = kr_search_fold ("  Renault–Nissan  Alliance ");
  g_autofree char *b = kr_search_fold ("Société Générale");
  g_autofree char *c = kr_search_fold ("ﬁnance"); /* a ligature */
  g_autofree char *d = kr_search_fold ("日産自動車");

  g_assert_cmpstr (a, ==, "renault–nissan alliance");
  g_assert_cmpstr (b, ==, "societe generale");
  g_assert_cmpstr (c, ==, "finance");
  g_assert_cmpstr (d, ==, "日産自動車");
}

/* Every part of a filter is tested, copied, cleared and described on its own. */
static void
test_parts (void)
{
  g_autoptr (KrDataset) ds = load_network ();
  g_auto (KrFilter) full = KR_FILTER_INIT;
  g_autofree char *help = kr_filter_terms_help ();
  static const char *const terms[] = {
    "deal-kind=alliance", "status=active", "entity-kind=company", "country=JP", "article=early",
    "from=2020",          "to=2024",       "hide-isolated"
  };

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_auto (GStrv) key = g_strsplit (terms[i], "=", 2);
      g_assert_true (kr_filter_parse_term (&full, terms[i], NULL));
      /* --help lists every term the parser reads. */
      g_assert_nonnull (strstr (help, key[0]));
    }
  full.focus = g_strdup ("a");
  full.depth = 2;
  full.radial = TRUE;
  full.path_from = g_strdup ("a");
  full.path_to = g_strdup ("d");
  full.as_of = g_strdup ("2023");

  for (KrFilterPart part = 0; part < KR_N_FILTER_PARTS; part++)
    {
      g_auto (KrFilter) copy = KR_FILTER_INIT;
      g_autofree char *text = kr_filter_describe_part (&full, part, ds);
      const char *token = kr_filter_part_to_token (part);

      g_assert_cmpint (kr_filter_part_from_token (token), ==, part);
      g_assert_true (kr_filter_has_part (&full, part));
      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");

      /* Clearing a part leaves every other part as it was. */
      kr_filter_copy (&copy, &full);
      kr_filter_clear_part (&copy, part);
      g_assert_false (kr_filter_has_part (&copy, part));
      g_assert_null (kr_filter_describe_part (&copy, part, ds));
      /* A radial layout is the focus's: it goes with it, and only with it. */
      g_assert_true (copy.radial == (part != KR_FILTER_PART_FOCUS));
      for (KrFilterPart other = 0; other < KR_N_FILTER_PARTS; other++)
        if (other != part)
          g_assert_true (kr_filter_has_part (&copy, other));
    }
  g_assert_cmpint (kr_filter_part_from_token ("size"), ==, -1);
  {
    g_autofree char *around = kr_filter_describe_part (&full, KR_FILTER_PART_FOCUS, ds);
    g_autofree char *chains = kr_filter_describe_part (&full, KR_FILTER_PART_PATH, ds);
    g_autofree char *kinds = kr_filter_describe_part (&full, KR_FILTER_PART_DEAL_KINDS, ds);
    g_auto (KrFilter) copy = KR_FILTER_INIT;

    g_assert_cmpstr (around, ==, "Around Alpha Motors");
    g_assert_cmpstr (chains, ==, "Chains from Alpha Motors to Delta <b>Bold</b>");
    g_assert_cmpstr (kinds, ==, "Deals: Alliance");
    kr_filter_copy (&copy, &full);
    g_assert_cmpuint (copy.depth, ==, 2);
    g_assert_true (copy.radial);
    for (KrFilterPart part = 0; part < KR_N_FILTER_PARTS; part++)
      kr_filter_clear_part (&copy, part);
    g_assert_true (kr_filter_is_empty (&copy));
  }
}

static void
add_deal (GString *json, guint *n, const char *from, const char *to)
{
  g_string_append_printf (json,
                          "%s{\"id\":\"d%u\",\"kind\":\"alliance\",\"status\":\"active\","
                          "\"summary\":\"S\",\"parties\":[{\"entity\":\"%s\",\"role\":"
                          "\"partner\"},{\"entity\":\"%s\",\"role\":\"partner\"}],"
                          "\"evidence\":[{\"article\":\"p\",\"quote\":\"q\"}]}",
                          *n > 0 ? "," : "", *n, from, to);
  (*n)++;
}

/* A ladder from "a" to "b" through three rungs of twelve entities, each joined to every one of
 * the next: 12 × 12 × 12 equally short chains. A way off it, through "x" to "y", is on none. */
static KrDataset *
ladder_dataset (void)
{
  g_autoptr (GString) json = g_string_new (
      "{\"format\":\"keiretsu-dataset\",\"version\":1,\"title\":\"ladder\",\"articles\":"
      "[{\"id\":\"p\",\"title\":\"T\",\"publisher\":\"P\"}],\"entities\":[");
  g_autoptr (GPtrArray) rungs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;
  KrDataset *ds;

  g_string_append (json, "{\"id\":\"a\",\"name\":\"A\",\"kind\":\"company\"},"
                         "{\"id\":\"b\",\"name\":\"B\",\"kind\":\"company\"},"
                         "{\"id\":\"x\",\"name\":\"X\",\"kind\":\"company\"},"
                         "{\"id\":\"y\",\"name\":\"Y\",\"kind\":\"company\"}");
  for (guint r = 0; r < 3; r++)
    for (guint i = 0; i < 12; i++)
      g_string_append_printf (json, ",{\"id\":\"r%u-%u\",\"name\":\"R%u-%u\",\"kind\":\"company\"}",
                              r, i, r, i);
  g_string_append (json, "],\"deals\":[");
  for (guint r = 0; r < 3; r++)
    for (guint i = 0; i < 12; i++)
      g_ptr_array_add (rungs, g_strdup_printf ("r%u-%u", r, i));
  for (guint i = 0; i < 12; i++)
    {
      add_deal (json, &n, "a", (char *)rungs->pdata[i]);
      add_deal (json, &n, (char *)rungs->pdata[24 + i], "b");
      for (guint j = 0; j < 12; j++)
        {
          add_deal (json, &n, (char *)rungs->pdata[i], (char *)rungs->pdata[12 + j]);
          add_deal (json, &n, (char *)rungs->pdata[12 + i], (char *)rungs->pdata[24 + j]);
        }
    }
  add_deal (json, &n, "a", "x");
  add_deal (json, &n, "x", "y");
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  ds = kr_dataset_new_from_bytes (bytes, "ladder", NULL, &error);
  g_assert_no_error (error);
  return ds;
}

/* --path shows every chain, past any number of them, not the first thousand. */
static void
test_all_paths (void)
{
  g_autoptr (KrDataset) ds = ladder_dataset ();
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (ds);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (ds);
  g_autoptr (GPtrArray) chains = kr_dataset_shortest_paths (ds, 0, 1, NULL, 2000);
  g_auto (KrFilter) f = KR_FILTER_INIT;
  g_autoptr (GError) error = NULL;
  guint n_entities = kr_dataset_get_n_entities (ds), n_deals = kr_dataset_get_n_deals (ds);

  g_assert_cmpuint (chains->len, ==, 12 * 12 * 12);
  f.path_from = g_strdup ("a");
  f.path_to = g_strdup ("b");
  g_assert_true (kr_filter_apply (&f, ds, entities, deals, &error));
  g_assert_no_error (error);
  for (guint e = 0; e < n_entities; e++)
    {
      const char *id = kr_dataset_get_entity (ds, e)->id;
      g_assert_true (entities[e] == (!g_str_equal (id, "x") && !g_str_equal (id, "y")));
    }
  for (guint d = 0; d < n_deals; d++)
    g_assert_true (deals[d] == (d < n_deals - 2));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/empty", test_empty);
  g_test_add_func ("/filter/parts", test_parts);
  g_test_add_func ("/filter/each", test_each_filter);
  g_test_add_func ("/filter/combinations", test_combinations);
  g_test_add_func ("/filter/bad-terms", test_bad_terms);
  g_test_add_func ("/filter/terms-round-trip", test_terms_round_trip);
  g_test_add_func ("/filter/focus", test_focus);
  g_test_add_func ("/filter/paths", test_paths);
  g_test_add_func ("/filter/all-paths", test_all_paths);
  g_test_add_func ("/filter/time", test_time);
  g_test_add_func ("/search/matches", test_search);
  g_test_add_func ("/search/fold", test_fold);
  return g_test_run ();
}
