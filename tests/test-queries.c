/* test-queries.c — what an article evidences and what an entity takes part in, as the side
 * panel and the window ask for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kr-dataset-queries.h"
#include "kr-test-data.h"

static guint
article (KrDataset *dataset, const char *id)
{
  int index = kr_dataset_find_article (dataset, id);
  g_assert_cmpint (index, >=, 0);
  return (guint)index;
}

static guint
entity (KrDataset *dataset, const char *id)
{
  int index = kr_dataset_find_entity (dataset, id);
  g_assert_cmpint (index, >=, 0);
  return (guint)index;
}

typedef enum
{
  DEALS,
  ENTITIES,
  ARTICLES,
} Records;

/* The ids of the deals, entities or articles in @indices, joined by spaces. */
static char *
ids_of (KrDataset *dataset, GArray *indices, Records records)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < indices->len; i++)
    {
      guint k = g_array_index (indices, guint, i);
      const char *id = records == DEALS      ? kr_dataset_get_deal (dataset, k)->id
                       : records == ENTITIES ? kr_dataset_get_entity (dataset, k)->id
                                             : kr_dataset_get_article (dataset, k)->id;
      g_string_append_printf (ids, "%s%s", i ? " " : "", id);
    }
  return g_strdup (ids->str);
}

static char *
deal_ids (KrDataset *dataset, GArray *indices)
{
  return ids_of (dataset, indices, DEALS);
}

static char *
entity_ids (KrDataset *dataset, GArray *indices)
{
  return ids_of (dataset, indices, ENTITIES);
}

/* The ids of the articles of @dataset, newest first. */
static char *
articles_by_date (KrDataset *dataset)
{
  g_autoptr (GArray) articles = kr_dataset_list_articles_by_date (dataset);
  return ids_of (dataset, articles, ARTICLES);
}

static char *
joined (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **)names->pdata);
}

static void
test_article_deals (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (GArray) a1 = kr_dataset_list_article_deals (minimal, article (minimal, "a1"));
  g_autoptr (GArray) a2 = kr_dataset_list_article_deals (minimal, article (minimal, "a2"));
  g_autoptr (GArray) tesla
      = kr_dataset_list_article_deals (builtin, article (builtin, "a-tesla-nissan-foxconn-2025"));
  g_autofree char *a1_ids = deal_ids (minimal, a1);
  g_autofree char *a2_ids = deal_ids (minimal, a2);
  g_autofree char *tesla_ids = deal_ids (builtin, tesla);

  g_assert_cmpstr (a1_ids, ==, "buy jv");
  g_assert_cmpstr (a2_ids, ==, "buy urge rivals");
  g_assert_cmpstr (tesla_ids, ==,
                   "tesla-invest-in-nissan musk-leads-tesla honda-nissan-merger-talks "
                   "foxconn-four-way-alliance foxconn-alliance-vs-tesla-and-chinese-ev-makers "
                   "japan-proposals-vs-chinese-ev-makers us-tariffs-on-mexico-canada-cars "
                   "nissan-owns-us-plants tech-giants-automakers-self-driving "
                   "eu-digital-rules-vs-tech-platforms");
}

static void
test_article_entities (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (GArray) none = kr_dataset_list_article_entities (minimal, article (minimal, "a1"));
  g_autoptr (GArray) explores
      = kr_dataset_list_article_entities (builtin, article (builtin, "a-nissan-explores-2023"));
  g_autoptr (GArray) battery
      = kr_dataset_list_article_entities (builtin, article (builtin, "a-sony-battery-2014"));
  g_autofree char *explores_ids = entity_ids (builtin, explores);

  /* Only entities with excerpts of their own: the minimal dataset gives none. */
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpstr (explores_ids, ==,
                   "nissan nissan-executives nissan-long-term-plan alliance-oversight-board ampere "
                   "carlos-ghosn");
  g_assert_cmpuint (battery->len, ==, 15);
  g_assert_cmpstr (kr_dataset_get_entity (builtin, g_array_index (battery, guint, 0))->id, ==,
                   "nissan");
  g_assert_cmpstr (kr_dataset_get_entity (builtin, g_array_index (battery, guint, 14))->id, ==,
                   "tesla");
}

static void
test_evidenced_by (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (GArray) entities = NULL;
  g_autoptr (GArray) deals = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *deals_ids = NULL;

  /* The parties to its deals, each once; not who proposed them ("fund" urges "urge"). */
  kr_dataset_list_evidenced_by (minimal, article (minimal, "a2"), &entities, &deals);
  ids = entity_ids (minimal, entities);
  deals_ids = deal_ids (minimal, deals);
  g_assert_cmpstr (ids, ==, "example sample third");
  g_assert_cmpstr (deals_ids, ==, "buy urge rivals");
  g_clear_pointer (&entities, g_array_unref);
  g_clear_pointer (&deals, g_array_unref);
  g_clear_pointer (&ids, g_free);

  /* With the entities it describes: "software-partner" is only a party, "nissan-executives"
   * also described, and "renault" only a party. */
  kr_dataset_list_evidenced_by (builtin, article (builtin, "a-nissan-explores-2023"), &entities,
                                &deals);
  ids = entity_ids (builtin, entities);
  g_assert_cmpstr (ids, ==,
                   "nissan nissan-executives nissan-long-term-plan renault "
                   "alliance-oversight-board ampere carlos-ghosn software-partner");
  g_assert_cmpuint (deals->len, ==, 16);
}

static void
test_articles_by_date (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) network = kr_test_load_good ("network.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autofree char *few_ids = articles_by_date (minimal);
  g_autofree char *some_ids = articles_by_date (network);
  g_autofree char *all_ids = articles_by_date (builtin);

  /* A month (2024-06) is newer than a day before it (2024-05-02). */
  g_assert_cmpstr (few_ids, ==, "a2 a1");
  /* The undated one after every dated one. */
  g_assert_cmpstr (some_ids, ==, "later early undated");
  /* Two of April 2023 in the dataset's order, then the year 2022, then January 2013. */
  g_assert_cmpstr (all_ids, ==,
                   "a-tesla-nissan-foxconn-2025 a-dmr-nissan-tech-2023 a-nissan-explores-2023 "
                   "a-panasonic-invest-2022 a-sony-battery-2014");
}

static void
test_deals_per_article (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autofree guint *few = kr_dataset_count_deals_per_article (minimal);
  g_autofree guint *counts = kr_dataset_count_deals_per_article (builtin);

  g_assert_cmpuint (few[article (minimal, "a1")], ==, 2);
  g_assert_cmpuint (few[article (minimal, "a2")], ==, 3);
  /* A deal with nine excerpts from the same article counts once. */
  g_assert_cmpuint (counts[article (builtin, "a-sony-battery-2014")], ==, 11);
  g_assert_cmpuint (counts[article (builtin, "a-dmr-nissan-tech-2023")], ==, 20);
  g_assert_cmpuint (counts[article (builtin, "a-panasonic-invest-2022")], ==, 12);
  g_assert_cmpuint (counts[article (builtin, "a-tesla-nissan-foxconn-2025")], ==, 10);
  g_assert_cmpuint (counts[article (builtin, "a-nissan-explores-2023")], ==, 16);
}

static void
test_entity_deals (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (GArray) fund = kr_dataset_list_entity_deals (minimal, entity (minimal, "fund"));
  g_autoptr (GArray) nissan = kr_dataset_list_entity_deals (builtin, entity (builtin, "nissan"));
  g_autoptr (GArray) first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *fund_ids = deal_ids (minimal, fund);
  g_autofree char *first_ids = NULL;

  /* Proposing a deal is taking part in it. */
  g_assert_cmpstr (fund_ids, ==, "urge");

  /* Mergers, then investments, then equity stakes; by status within each. */
  g_assert_cmpuint (nissan->len, ==, 26);
  g_array_append_vals (first, nissan->data, 7);
  first_ids = deal_ids (builtin, first);
  g_assert_cmpstr (first_ids, ==,
                   "nissan-renault-merger honda-nissan-merger-talks tesla-invest-in-nissan "
                   "nissan-ampere-investment renault-nissan-stake-rebalance "
                   "nissan-stake-in-renault renault-nissan-zero-zero-tie-up");
  for (guint i = 1; i < nissan->len; i++)
    {
      const KrDeal *a = kr_dataset_get_deal (builtin, g_array_index (nissan, guint, i - 1));
      const KrDeal *b = kr_dataset_get_deal (builtin, g_array_index (nissan, guint, i));
      g_assert_true (a->kind < b->kind || (a->kind == b->kind && a->status <= b->status));
    }
}

static void
test_entity_articles (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();

  g_assert_cmpuint (kr_dataset_count_entity_articles (minimal, entity (minimal, "example")), ==, 2);
  g_assert_cmpuint (kr_dataset_count_entity_articles (minimal, entity (minimal, "fund")), ==, 1);
  g_assert_cmpuint (kr_dataset_count_entity_articles (minimal, entity (minimal, "venture")), ==, 1);
  g_assert_cmpuint (kr_dataset_count_entity_articles (builtin, entity (builtin, "nissan")), ==, 4);
}

static void
test_names (void)
{
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (GPtrArray) example
      = kr_dataset_list_entity_names (minimal, entity (minimal, "example"));
  g_autoptr (GPtrArray) urge
      = kr_dataset_list_deal_names (minimal, (guint)kr_dataset_find_deal (minimal, "urge"));
  g_autofree char *example_names = joined (example);
  g_autofree char *urge_names = joined (urge);

  /* Names in other languages are not what English excerpts say. */
  g_assert_cmpstr (example_names, ==, "Example Corp|Example");
  g_assert_cmpstr (urge_names, ==, "Third Co|Sample Ltd|State fund");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/queries/article-deals", test_article_deals);
  g_test_add_func ("/queries/article-entities", test_article_entities);
  g_test_add_func ("/queries/evidenced-by", test_evidenced_by);
  g_test_add_func ("/queries/articles-by-date", test_articles_by_date);
  g_test_add_func ("/queries/deals-per-article", test_deals_per_article);
  g_test_add_func ("/queries/entity-deals", test_entity_deals);
  g_test_add_func ("/queries/entity-articles", test_entity_articles);
  g_test_add_func ("/queries/names", test_names);
  return g_test_run ();
}
