/* test-ftm.c — FollowTheMoney entity streams as OpenSanctions and Aleph publish them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kr-test-data.h"

static const KrEntity *
entity (KrDataset *dataset, const char *id)
{
  int i = kr_dataset_find_entity (dataset, id);

  g_assert_cmpint (i, >=, 0);
  return kr_dataset_get_entity (dataset, (guint)i);
}

static const KrDeal *
deal (KrDataset *dataset, const char *id)
{
  int i = kr_dataset_find_deal (dataset, id);

  g_assert_cmpint (i, >=, 0);
  return kr_dataset_get_deal (dataset, (guint)i);
}

static void
test_opensanctions (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("opensanctions.ftm.json");
  const KrEntity *company, *person;
  const KrDeal *owns, *directs;

  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 2);
  /* Ids with capitals are made into ids that a dataset takes. */
  company = entity (ds, "nk-4xqxgyglbuygkky8hlvgzf");
  g_assert_cmpstr (company->name, ==, "Northwind Holdings Ltd");
  g_assert_cmpint (company->kind, ==, KR_ENTITY_COMPANY);
  g_assert_cmpstr (company->country, ==, "CY");
  g_assert_cmpuint (company->n_aliases, ==, 2);
  g_assert_cmpstr (company->aliases[1], ==, "NWH");
  person = entity (ds, "nk-7bzxvqnp2o8klm3rt5wq9a");
  g_assert_cmpint (person->kind, ==, KR_ENTITY_PERSON);

  /* The owner acts on the asset, with the percentage it holds. */
  owns = deal (ds, "ofac-own-1");
  g_assert_cmpint (owns->kind, ==, KR_DEAL_OWNERSHIP);
  g_assert_cmpint (owns->status, ==, KR_STATUS_UNSPECIFIED);
  g_assert_cmpuint (owns->n_parties, ==, 2);
  g_assert_true (kr_dataset_get_entity (ds, owns->parties[0].entity) == person);
  g_assert_cmpint (owns->parties[0].role, ==, KR_ROLE_PARENT);
  g_assert_cmpint (owns->parties[1].role, ==, KR_ROLE_SUBSIDIARY);
  g_assert_cmpfloat (owns->stake_after, ==, 75);
  g_assert_true (isnan (owns->stake_before));
  g_assert_cmpstr (owns->date, ==, "2014-06");
  g_assert_cmpstr (owns->summary, ==, "Ivan Petrov → Northwind Holdings Ltd");
  /* Nothing in the file is an excerpt of an article. */
  g_assert_cmpuint (owns->n_evidence, ==, 0);
  g_assert_cmpuint (kr_dataset_get_n_articles (ds), ==, 0);

  directs = deal (ds, "ofac-dir-1");
  g_assert_cmpint (directs->kind, ==, KR_DEAL_LEADERSHIP);
  g_assert_cmpint (directs->parties[0].role, ==, KR_ROLE_LEADER);
  g_assert_cmpstr (directs->end, ==, "2021-12-31");

  /* Sanctions and addresses are not on the map, and that is said once. */
  g_assert_cmpstr (kr_dataset_get_left_out (ds)[0], ==,
                   "3 entities of schemata that Keiretsu does not show were skipped: "
                   "Address (1), Sanction (2)");
  g_assert_null (kr_dataset_get_left_out (ds)[1]);
}

static void
test_aleph (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("aleph.ijson");
  const char *shipping = "3f1c5a7e9b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e";
  const KrEntity *company;
  const KrDeal *link, *project, *succession;
  const KrArticle *article;

  /* Fragments of one entity on two lines are one entity. */
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 3);
  company = entity (ds, shipping);
  g_assert_cmpstr (company->name, ==, "Baltic Shipping AS");
  g_assert_cmpstr (company->description, ==, "Freight operator");
  g_assert_cmpstr (company->aliases[0], ==, "BSAS");
  g_assert_cmpint (entity (ds, "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b")->kind, ==,
                   KR_ENTITY_OTHER);
  g_assert_cmpint (entity (ds, "b1e2c3d4a5f60718293a4b5c6d7e8f9012345678")->kind, ==,
                   KR_ENTITY_GOVERNMENT);

  /* The link's proof is the article; its summary is the words, said to be no excerpt. */
  link = deal (ds, "link-1");
  g_assert_cmpint (link->kind, ==, KR_DEAL_OTHER);
  g_assert_cmpint (link->status, ==, KR_STATUS_ACTIVE);
  g_assert_cmpuint (link->n_evidence, ==, 1);
  article = kr_dataset_get_article (ds, link->evidence[0].article);
  g_assert_cmpstr (article->id, ==, "art-2021-port");
  g_assert_cmpstr (article->title, ==, "Port deal signed");
  g_assert_cmpstr (article->publisher, ==, "Baltic Times");
  g_assert_cmpstr (article->author, ==, "K. Tamm");
  g_assert_cmpstr (article->date, ==, "2021-09-14");
  g_assert_cmpstr (article->url, ==, "https://news.example/port-deal");
  g_assert_cmpstr (link->evidence[0].quote, ==, "Baltic Shipping runs the container terminal");
  g_assert_nonnull (link->evidence[0].note);

  /* A project is one deal between its participants. */
  project = deal (ds, "proj-1");
  g_assert_cmpint (project->kind, ==, KR_DEAL_PARTNERSHIP);
  g_assert_cmpint (project->status, ==, KR_STATUS_PLANNED);
  g_assert_cmpuint (project->n_parties, ==, 3);
  g_assert_cmpstr (project->summary, ==, "Rail Baltica freight hub");
  g_assert_true (project->has_value);
  g_assert_cmpfloat (project->value_amount, ==, 120000000);
  g_assert_cmpstr (project->value_currency, ==, "EUR");
  g_assert_cmpstr (project->date, ==, "2021");

  /* A source given by its address alone becomes an article of that address. */
  succession = deal (ds, "succ-1");
  g_assert_cmpint (succession->kind, ==, KR_DEAL_TRANSFER);
  g_assert_cmpuint (succession->n_evidence, ==, 1);
  article = kr_dataset_get_article (ds, succession->evidence[0].article);
  g_assert_cmpstr (article->url, ==, "https://gov.example/decree-12");
  g_assert_cmpstr (article->publisher, ==, "State Gazette");
  g_assert_null (kr_dataset_get_left_out (ds)[0]);
}

static void
test_places (void)
{
  g_autofree char *text = kr_test_problems_of (
      "x.ftm.json",
      "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\"]}}\n"
      "\n"
      "{\"id\": \"o\", \"schema\": \"Ownership\", \"properties\": {\"owner\": "
      "[\"a\"], \"asset\": [\"b\"]}}\n"
      "{\"id\": \"p\", \"schema\": \"Person\", \"properties\": {\"name\": [1]}}\n"
      "{\"id\": \"q\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Q\"],}}\n"
      "[1]\n"
      "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {}}\n"
      "{\"id\": \"m\", \"schema\": \"Membership\", \"properties\": {\"member\": "
      "[\"a\"]}}\n");

  g_assert_cmpstr (
      text, ==,
      "x.ftm.json:4: property \"name\" must be an array of strings\n"
      "x.ftm.json:5:62: syntax error: a comma before \"}\" must be followed by a member\n"
      "x.ftm.json:6: expected an entity: an object with \"id\", \"schema\" and "
      "\"properties\"\n"
      "x.ftm.json:7: id \"a\" is already a Company on line 1\n"
      "x.ftm.json:3: asset.entity: unknown entity \"b\"\n"
      "x.ftm.json:8: parties: a Membership needs \"member\" and \"organization\"");
}

/* A stream longer than the pieces it is read in (64 KiB): lines cut between two pieces are
 * read whole, and a problem far into it is placed at its line. */
static void
test_pieces (void)
{
  g_autoptr (GString) lines = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (lines,
                            "{\"id\": \"e%u\", \"schema\": \"Company\", \"properties\": "
                            "{\"name\": [\"株式会社 %u — Société\"]}}\n",
                            i, i);
  bytes = g_bytes_new (lines->str, lines->len);
  ds = kr_dataset_new_from_bytes (bytes, "x.ftm.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 2000);
  g_assert_cmpstr (kr_dataset_get_entity (ds, (guint)kr_dataset_find_entity (ds, "e1999"))->name,
                   ==, "株式会社 1999 — Société");
  g_string_append (lines, "{\"id\": \"p\", \"schema\": \"Person\", \"properties\": "
                          "{\"name\": [1]}}\n");
  text = kr_test_problems_of ("x.ftm.json", lines->str);
  g_assert_cmpstr (text, ==, "x.ftm.json:2001: property \"name\" must be an array of strings");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ftm/read/opensanctions", test_opensanctions);
  g_test_add_func ("/ftm/read/aleph", test_aleph);
  g_test_add_func ("/ftm/read/places", test_places);
  g_test_add_func ("/ftm/read/pieces", test_pieces);
  return g_test_run ();
}
