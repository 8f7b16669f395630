/* test-builder.c — the dataset builder fed records directly, as any reader would
 *
 * The places here are a spreadsheet's ("deals.csv:4/party:2/entity"), to show that the
 * builder reports where the reader says, whatever the reader's notation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kr-dataset-builder.h"

/* "deals.csv:4", then "/field" or "/field:2" for what is inside; in a message, "line 4". */
static void
format_rows (GString *out, const KrPlace *place, gboolean in_text)
{
  gsize start = out->len;

  if (place == NULL)
    return;
  format_rows (out, place->up, in_text);
  if (out->len > start)
    g_string_append_c (out, '/');
  if (place->key != NULL)
    g_string_append (out, place->key);
  if (place->indexed)
    g_string_append_printf (out, in_text ? " line %u" : ":%u", place->index);
}

static KrPlace
row (const char *file, guint line)
{
  return (KrPlace){ .key = file, .index = line, .indexed = TRUE };
}

/* Builds nothing, with exactly @expected as the problems. */
static void
assert_refused (KrDatasetBuilder *b, const char *expected)
{
  g_autoptr (KrDataset) ds = kr_dataset_builder_build (b);
  g_autofree char *text = kr_problems_to_string (kr_dataset_builder_get_problems (b), "F", 0);

  g_assert_null (ds);
  g_assert_cmpstr (text, ==, expected);
}

static KrArticleRecord *
add_article (KrDatasetBuilder *b, guint line, const char *id)
{
  KrArticleRecord *a = kr_dataset_builder_add_articles (b, 1);

  a->head.place = row ("articles.csv", line);
  a->id = id;
  a->title = "Alpha buys Beta";
  a->publisher = "The Daily";
  return a;
}

static KrEntityRecord *
add_entity (KrDatasetBuilder *b, guint line, const char *id, const char *name)
{
  KrEntityRecord *e = kr_dataset_builder_add_entities (b, 1);

  e->head.place = row ("entities.csv", line);
  e->id = id;
  e->name = name;
  e->kind = "company";
  return e;
}

/* A deal between @first and @second, evidenced by @article. */
static KrDealRecord *
add_deal (KrDatasetBuilder *b, guint line, const char *id, const char *first, const char *second,
          const char *article)
{
  KrDealRecord *d = kr_dataset_builder_add_deals (b, 1);

  d->head.place = row ("deals.csv", line);
  d->id = id;
  d->kind = "acquisition";
  d->status = "agreed";
  d->summary = "Alpha buys Beta.";
  d->has_parties = TRUE;
  d->n_parties = 2;
  d->parties = kr_dataset_builder_new0 (b, KrPartyRecord, 2);
  for (guint i = 0; i < 2; i++)
    {
      d->parties[i].head.place
          = (KrPlace){ .up = &d->head.place, .key = "party", .index = i + 1, .indexed = TRUE };
      d->parties[i].entity = i == 0 ? first : second;
      d->parties[i].role = i == 0 ? "acquirer" : "target";
    }
  d->has_evidence = TRUE;
  d->n_evidence = 1;
  d->evidence = kr_dataset_builder_new0 (b, KrEvidenceRecord, 1);
  d->evidence[0].head.place = (KrPlace){ .up = &d->head.place, .key = "source" };
  d->evidence[0].article = article;
  d->evidence[0].quote = "Alpha agreed to buy Beta.";
  return d;
}

/* Records handed over in code: deals first, then the entities and articles they name. */
static void
test_build (void)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (format_rows);
  g_autoptr (KrDataset) ds = NULL;
  KrDatasetRecord *header = kr_dataset_builder_get_dataset_record (b);
  static const char *aliases[] = { "Alpha Inc." };
  KrDealRecord *d;
  KrEntityRecord *e;
  const KrDeal *deal;
  const KrEntity *alpha;

  header->title = "Sample";
  d = add_deal (b, 1, "buy", "alpha", "beta", "a2");
  d->proposed_by = kr_dataset_builder_new0 (b, const char *, 1);
  d->proposed_by[0] = "fund";
  d->n_proposed_by = 1;
  d->value = kr_dataset_builder_new0 (b, KrValueRecord, 1);
  d->value->has_amount = TRUE;
  d->value->amount = 5e9;
  d->value->currency = "EUR";
  d->stake = kr_dataset_builder_new0 (b, KrStakeRecord, 1);
  d->stake->has_after = TRUE;
  d->stake->after = 100;
  e = add_entity (b, 1, "alpha", "Alpha");
  e->country = "JP";
  e->aliases = (const char **)aliases;
  e->n_aliases = 1;
  add_entity (b, 2, "beta", "Beta");
  add_entity (b, 3, "fund", "The Fund")->kind = "state_fund";
  add_article (b, 1, "a1");
  add_article (b, 2, "a2")->date = "2024-05";

  ds = kr_dataset_builder_build (b);
  g_assert_nonnull (ds);
  g_assert_cmpuint (kr_dataset_builder_get_problems (b)->len, ==, 0);
  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "Sample");
  g_assert_cmpuint (kr_dataset_get_n_articles (ds), ==, 2);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 3);
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 1);

  /* References resolved to the records handed over after them. */
  deal = kr_dataset_get_deal (ds, 0);
  g_assert_cmpstr (deal->id, ==, "buy");
  g_assert_cmpint (deal->kind, ==, KR_DEAL_ACQUISITION);
  g_assert_cmpint (deal->status, ==, KR_STATUS_AGREED);
  g_assert_cmpuint (deal->n_parties, ==, 2);
  g_assert_cmpint ((int)deal->parties[0].entity, ==, kr_dataset_find_entity (ds, "alpha"));
  g_assert_cmpint (deal->parties[0].role, ==, KR_ROLE_ACQUIRER);
  g_assert_cmpint ((int)deal->parties[1].entity, ==, kr_dataset_find_entity (ds, "beta"));
  g_assert_cmpuint (deal->n_proposed_by, ==, 1);
  g_assert_cmpint ((int)deal->proposed_by[0], ==, kr_dataset_find_entity (ds, "fund"));
  g_assert_cmpuint (deal->n_evidence, ==, 1);
  g_assert_cmpint ((int)deal->evidence[0].article, ==, kr_dataset_find_article (ds, "a2"));
  g_assert_cmpint (deal->evidence[0].stance, ==, KR_STANCE_SUPPORTS);
  g_assert_true (deal->has_value);
  g_assert_cmpfloat (deal->value_amount, ==, 5e9);
  g_assert_cmpstr (deal->value_currency, ==, "EUR");
  g_assert_true (isnan (deal->stake_before));
  g_assert_cmpfloat (deal->stake_after, ==, 100);

  alpha = kr_dataset_get_entity (ds, 0);
  g_assert_cmpstr (alpha->display_name, ==, "Alpha");
  g_assert_cmpstr (alpha->country, ==, "JP");
  g_assert_cmpuint (alpha->n_aliases, ==, 1);
  g_assert_cmpstr (alpha->aliases[0], ==, "Alpha Inc.");
  g_assert_cmpint (kr_dataset_get_entity (ds, 2)->kind, ==, KR_ENTITY_STATE_FUND);
  g_assert_cmpstr (kr_dataset_get_article (ds, 1)->date, ==, "2024-05");
}

/* Unknown ids are reported where the reader placed the record that names them. */
static void
test_unknown_references (void)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (format_rows);
  KrDealRecord *d;

  kr_dataset_builder_get_dataset_record (b)->title = "Ghosts";
  add_article (b, 1, "a1");
  add_entity (b, 1, "alpha", "Alpha");
  add_deal (b, 1, "ok", "alpha", "beta", "a1");
  d = add_deal (b, 4, "haunted", "alpha", "ghost", "nope");
  d->proposed_by = kr_dataset_builder_new0 (b, const char *, 1);
  d->proposed_by[0] = "spectre";
  d->n_proposed_by = 1;
  add_entity (b, 2, "beta", "Beta");

  assert_refused (b, "F:deals.csv:4/party:2/entity: unknown entity \"ghost\"\n"
                     "F:deals.csv:4/proposed_by:0: unknown entity \"spectre\"\n"
                     "F:deals.csv:4/source/article: unknown article \"nope\"");
}

/* An id names one record, whatever its type. */
static void
test_duplicate_ids (void)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (format_rows);

  kr_dataset_builder_get_dataset_record (b)->title = "Twins";
  add_deal (b, 1, "alpha", "alpha", "beta", "a1");
  add_entity (b, 1, "alpha", "Alpha");
  add_entity (b, 2, "beta", "Beta");
  add_article (b, 1, "a1");
  add_article (b, 2, "beta");

  /* Ids are taken by type, articles first, then entities, then deals. */
  assert_refused (b, "F:entities.csv:2/id: duplicate id \"beta\"; it is already used by article "
                     "articles.csv line 2\n"
                     "F:deals.csv:1/id: duplicate id \"alpha\"; it is already used by entity "
                     "entities.csv line 1\n"
                     "F:deals.csv:1/party:2/entity: unknown entity \"beta\"");
}

/* Every problem is reported, record by record and field by field, and nothing is built. */
static void
test_every_problem (void)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (format_rows);
  KrEntityRecord *e;
  KrDealRecord *d;

  add_article (b, 1, "a1")->url = "file:///etc/passwd";
  e = add_entity (b, 1, "alpha", "Alpha");
  e->kind = "corporation";
  e->country = "Japan";
  add_entity (b, 2, "Beta!", "  ");
  d = add_deal (b, 1, "buy", "alpha", "alpha", "a1");
  d->date = "2024-02-30";
  d->evidence[0].quote = "";
  d = add_deal (b, 2, "talk", "alpha", "beta", "a1");
  d->has_evidence = FALSE;
  d->n_parties = 1;
  d->stake = kr_dataset_builder_new0 (b, KrStakeRecord, 1);
  d->stake->head.place = (KrPlace){ .up = &d->head.place, .key = "stake" };
  d->stake->has_before = TRUE;
  d->stake->before = 120;

  assert_refused (
      b,
      "F:title: required member \"title\" is missing\n"
      "F:entities.csv:2/id: \"Beta!\" is not a valid id; use 1 to 64 characters from a-z, 0-9, "
      "'-', '_' and '.', starting with a letter or digit\n"
      "F:articles.csv:1/url: only http:// and https:// addresses are allowed\n"
      "F:entities.csv:1/kind: unknown kind \"corporation\"; expected one of: company, division, "
      "joint_venture, government, state_fund, person, group, programme, other\n"
      "F:entities.csv:1/country: \"Japan\" is not a country code; use two capital letters such as "
      "\"JP\"\n"
      "F:entities.csv:2/name: must not be empty\n"
      "F:deals.csv:1/date: \"2024-02-30\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD "
      "(ISO 8601)\n"
      "F:deals.csv:1/party:2/entity: \"alpha\" is already a party to this deal; a deal joins "
      "distinct entities\n"
      "F:deals.csv:1/source/quote: must not be empty\n"
      "F:deals.csv:2/stake/before: 120 is out of range; expected a number from 0 to 100\n"
      "F:deals.csv:2/parties: a deal needs at least two parties, this one has 1\n"
      "F:deals.csv:2/evidence: required member \"evidence\" is missing");
}

/* What the reader noted comes in the builder's order, and takes the place of its checks. */
static void
test_notes (void)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (format_rows);
  KrEntityRecord *e, *broken;

  kr_dataset_builder_report_position (b, 3, 7, "a problem found while reading");
  kr_dataset_builder_get_dataset_record (b)->title = "Notes";
  kr_dataset_builder_add_deals (b, 0);
  add_article (b, 1, "a1");
  e = add_entity (b, 1, "alpha", NULL);
  e->kind = "corporation";
  /* Noted before the builder's own problems with earlier fields, reported after them. */
  kr_dataset_builder_note_field (b, &e->head, "country", "expected a string, found %s", "a number");
  kr_dataset_builder_note_field (b, &e->head, "name", "expected a string, found %s", "null");
  kr_dataset_builder_note_record (b, &e->head, "colour", "unknown member \"%s\"", "colour");
  e->aliases = kr_dataset_builder_new0 (b, const char *, 2);
  e->aliases[0] = "Alpha Inc.";
  e->n_aliases = 2;
  kr_dataset_builder_note_element (b, &e->head, "aliases", 1, "expected a string, found %s",
                                   "an array");
  /* A record that could not be read at all: no "missing id" for it. */
  broken = add_entity (b, 2, NULL, NULL);
  kr_dataset_builder_note_record (b, &broken->head, NULL, "expected an object, found %s", "null");

  assert_refused (b,
                  "F:3:7: a problem found while reading\n"
                  "F:entities.csv:1/colour: unknown member \"colour\"\n"
                  "F:entities.csv:1/name: expected a string, found null\n"
                  "F:entities.csv:1/kind: unknown kind \"corporation\"; expected one of: company, "
                  "division, joint_venture, government, state_fund, person, group, programme, "
                  "other\n"
                  "F:entities.csv:1/country: expected a string, found a number\n"
                  "F:entities.csv:1/aliases:1: expected a string, found an array\n"
                  "F:entities.csv:2: expected an object, found null");
}

/* Record types must be listed, even empty; past the limit, nothing else is looked at. */
static void
test_limits (void)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (format_rows);
  g_autoptr (KrDatasetBuilder) empty = kr_dataset_builder_new (format_rows);

  kr_dataset_builder_get_dataset_record (b)->title = "Crowd";
  g_assert_null (kr_dataset_builder_add_articles (b, 0));
  g_assert_nonnull (kr_dataset_builder_add_deals (b, 2));
  g_assert_null (kr_dataset_builder_add_entities (b, kr_limits_get ()->max_records));
  assert_refused (b, "F:: the dataset has 200002 records; the limit is 200000");

  kr_dataset_builder_get_dataset_record (empty)->title = "Nothing";
  kr_dataset_builder_add_articles (empty, 0);
  kr_dataset_builder_add_deals (empty, 0);
  assert_refused (empty, "F:entities: required member \"entities\" is missing");
}

int
main (int argc, char *argv[])
{
  /* The limits of a machine with little memory, whatever this one has. */
  g_setenv (KR_LIMITS_MEMORY_VARIABLE, "256M", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/builder/build", test_build);
  g_test_add_func ("/builder/unknown-references", test_unknown_references);
  g_test_add_func ("/builder/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/builder/every-problem", test_every_problem);
  g_test_add_func ("/builder/notes", test_notes);
  g_test_add_func ("/builder/limits", test_limits);
  return g_test_run ();
}
