/* test-graph-formats.c — GraphML and GEXF as other programs write them, read into datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "kr-test-data.h"

static const KrEntity *
entity (KrDataset *dataset, const char *id)
{
  int i = kr_dataset_find_entity (dataset, id);

  g_assert_cmpint (i, >=, 0);
  return kr_dataset_get_entity (dataset, (guint)i);
}

static void
test_yed (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("yed.graphml");
  const KrDeal *alliance, *stake;

  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 3);
  /* Names come from the labels drawn on the nodes; nothing says what kind they are. */
  g_assert_cmpstr (entity (ds, "n0")->name, ==, "Nissan");
  g_assert_cmpstr (entity (ds, "n0")->description, ==, "Carmaker based in Yokohama");
  g_assert_cmpint (entity (ds, "n0")->kind, ==, KR_ENTITY_OTHER);
  g_assert_cmpstr (entity (ds, "n2")->name, ==, "Mitsubishi Motors");

  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 2);
  alliance = kr_dataset_get_deal (ds, 0);
  stake = kr_dataset_get_deal (ds, 1);
  /* A label that names a kind is the kind; any other is what the link says. */
  g_assert_cmpint (alliance->kind, ==, KR_DEAL_ALLIANCE);
  g_assert_cmpint (alliance->status, ==, KR_STATUS_UNSPECIFIED);
  g_assert_cmpuint (alliance->n_parties, ==, 2);
  g_assert_cmpstr (kr_dataset_get_entity (ds, alliance->parties[0].entity)->id, ==, "n1");
  g_assert_cmpint (alliance->parties[0].role, ==, KR_ROLE_PARTNER);
  g_assert_cmpint (stake->kind, ==, KR_DEAL_OTHER);
  g_assert_cmpstr (stake->summary, ==, "34 % stake");
  g_assert_cmpuint (stake->n_evidence, ==, 0);
  g_assert_cmpuint (kr_dataset_get_n_articles (ds), ==, 0);
}

static void
test_cytoscape (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("cytoscape.graphml");
  const KrDeal *jv;

  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "Carmakers");
  /* Cytoscape's numbers are no ids of Keiretsu's: they become ones. */
  g_assert_cmpstr (entity (ds, "52")->name, ==, "Toyota");
  g_assert_cmpint (entity (ds, "52")->kind, ==, KR_ENTITY_COMPANY);
  jv = kr_dataset_get_deal (ds, 0);
  g_assert_cmpint (jv->kind, ==, KR_DEAL_JOINT_VENTURE);
  g_assert_cmpstr (jv->summary, ==, "Toyota → Panasonic");
  g_assert_true (jv->has_value);
  g_assert_cmpfloat (jv->value_amount, ==, 1e9);
  g_assert_cmpstr (jv->value_currency, ==, "USD");
}

/* An edge that gives an address and a quote gives its evidence; one article per address. */
static void
test_graphml_evidence (void)
{
  static const char text[]
      = "<graphml>\n"
        "  <key id='u' for='edge' attr.name='url'/><key id='q' for='edge' attr.name='quote'/>\n"
        "  <graph>\n"
        "    <node id='a'/><node id='b'/><node id='c'/>\n"
        "    <edge source='a' target='b'><data key='u'>https://news.example/x</data>"
        "<data key='q'>A and B agreed.</data></edge>\n"
        "    <edge source='b' target='c'><data key='u'>https://news.example/x</data>"
        "<data key='q'>B and C too.</data></edge>\n"
        "    <edge source='a' target='c'><data key='u'>https://news.example/y</data></edge>\n"
        "  </graph>\n"
        "</graphml>\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = kr_dataset_new_from_bytes (bytes, "x.graphml", &problems, &error);
  const KrArticle *article;

  g_assert_no_error (error);
  g_assert_cmpuint (kr_dataset_get_n_articles (ds), ==, 1);
  article = kr_dataset_get_article (ds, 0);
  g_assert_cmpstr (article->url, ==, "https://news.example/x");
  g_assert_cmpstr (article->title, ==, "https://news.example/x");
  g_assert_cmpstr (article->publisher, ==, "news.example");
  g_assert_cmpuint (kr_dataset_get_deal (ds, 0)->n_evidence, ==, 1);
  g_assert_cmpstr (kr_dataset_get_deal (ds, 1)->evidence[0].quote, ==, "B and C too.");
  /* An address with nothing quoted from it is no evidence. */
  g_assert_cmpuint (kr_dataset_get_deal (ds, 2)->n_evidence, ==, 0);
}

static void
test_graphml_places (void)
{
  g_autofree char *text
      = kr_test_problems_of ("bad.graphml", "<graphml>\n"
                                            "  <graph>\n"
                                            "    <node id=\"a\"/>\n"
                                            "    <edge source=\"a\" target=\"b\"/>\n"
                                            "  </graph>\n"
                                            "</graphml>\n");
  g_autofree char *syntax
      = kr_test_problems_of ("bad.graphml", "<graphml>\n<graph>\n<node id='a'>\n"
                                            "</graph>\n</graphml>\n");

  g_assert_cmpstr (text, ==, "bad.graphml:4:5: target.entity: unknown entity \"b\"");
  g_assert_true (g_str_has_prefix (syntax, "bad.graphml:4:"));
}

static void
test_gephi (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("gephi.gexf");
  const KrEntity *toyota;
  const KrDeal *stake, *founding, *link;

  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "Toyota's circle");
  toyota = entity (ds, "toyota");
  g_assert_cmpint (toyota->kind, ==, KR_ENTITY_COMPANY);
  /* An attribute's default stands where a node gives none. */
  g_assert_cmpstr (toyota->country, ==, "JP");
  g_assert_cmpstr (entity (ds, "ppes")->name, ==, "Prime Planet Energy & Solutions");
  g_assert_cmpint (entity (ds, "ppes")->kind, ==, KR_ENTITY_JOINT_VENTURE);
  /* Where Gephi drew it is kept; a node it did not place has no place. */
  g_assert_true (toyota->has_position);
  g_assert_cmpfloat (toyota->x, ==, -120.5);
  g_assert_cmpfloat (toyota->y, ==, 44.25);
  g_assert_false (entity (ds, "panasonic")->has_position);

  stake = kr_dataset_get_deal (ds, 0);
  g_assert_cmpint (stake->kind, ==, KR_DEAL_EQUITY_STAKE);
  g_assert_cmpint (stake->status, ==, KR_STATUS_COMPLETED);
  g_assert_cmpstr (stake->date, ==, "2019-09-27");
  g_assert_null (stake->end);
  g_assert_cmpint (stake->parties[0].role, ==, KR_ROLE_INVESTOR);
  g_assert_cmpint (stake->parties[1].role, ==, KR_ROLE_INVESTEE);
  g_assert_true (stake->has_value);
  g_assert_cmpstr (stake->value_currency, ==, "JPY");
  /* The first spell gives the dates of an edge that has none of its own. */
  founding = kr_dataset_get_deal (ds, 1);
  g_assert_cmpint (founding->kind, ==, KR_DEAL_FOUNDING);
  g_assert_cmpstr (founding->date, ==, "2020-04-01");
  g_assert_cmpstr (founding->end, ==, "2024-03-31");
  link = kr_dataset_get_deal (ds, 2);
  g_assert_cmpint (link->kind, ==, KR_DEAL_OTHER);
  g_assert_cmpint (link->status, ==, KR_STATUS_UNSPECIFIED);
  g_assert_cmpstr (link->summary, ==, "Panasonic → Prime Planet Energy & Solutions");
  g_assert_null (link->date);
}

static void
test_gexf_places (void)
{
  g_autofree char *text
      = kr_test_problems_of ("bad.gexf", "<gexf version=\"1.3\">\n"
                                         "  <graph>\n"
                                         "    <nodes><node id=\"a\" label=\"A\"/></nodes>\n"
                                         "    <edges>\n"
                                         "      <edge source=\"a\" target=\"b\"/>\n"
                                         "    </edges>\n"
                                         "  </graph>\n"
                                         "</gexf>\n");
  g_autofree char *other = kr_test_problems_of ("bad.gexf", "<graphml/>");

  g_assert_cmpstr (text, ==, "bad.gexf:5:7: target.entity: unknown entity \"b\"");
  g_assert_cmpstr (other, ==, "bad.gexf:1:1: this is not a GEXF file; expected <gexf>");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/graph-formats/graphml/yed", test_yed);
  g_test_add_func ("/graph-formats/graphml/cytoscape", test_cytoscape);
  g_test_add_func ("/graph-formats/graphml/evidence", test_graphml_evidence);
  g_test_add_func ("/graph-formats/graphml/places", test_graphml_places);
  g_test_add_func ("/graph-formats/gexf/gephi", test_gephi);
  g_test_add_func ("/graph-formats/gexf/places", test_gexf_places);
  return g_test_run ();
}
