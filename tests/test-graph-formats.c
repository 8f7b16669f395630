/* test-graph-formats.c — GraphML, GEXF and CSV as other programs write them, read into datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kr-arrangement.h"
#include "kr-csv-reader.h"
#include "kr-dataset.h"
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
test_yed_drawn (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("yed-drawn.graphml");
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  const KrEntity *toyota = entity (ds, "n0"), *panasonic = entity (ds, "n1");

  /* The label drawn is the name when no attribute gives one. */
  g_assert_cmpstr (toyota->name, ==, "Toyota");
  g_assert_cmpstr (panasonic->name, ==, "Panasonic Holdings");
  g_assert_cmpstr (entity (ds, "n2")->name, ==, "Prime Planet Energy & Solutions");
  /* Where yEd drew each box is kept as its centre, y up as the map's positions have it. */
  g_assert_true (toyota->has_position);
  g_assert_cmpfloat (toyota->x, ==, 0);
  g_assert_cmpfloat (toyota->y, ==, 0);
  g_assert_true (panasonic->has_position);
  g_assert_cmpfloat (panasonic->x, ==, 260.5);
  g_assert_cmpfloat (panasonic->y, ==, -150.25);
  g_assert_cmpfloat (entity (ds, "n2")->x, ==, 175);
  g_assert_cmpfloat (entity (ds, "n2")->y, ==, -350);
  /* A box that is not a number is no place. */
  g_assert_false (entity (ds, "n3")->has_position);
  /* Those drawn become the map's pins. */
  g_assert_cmpuint (kr_arrangement_pin_drawn (arrangement, "dot", ds), ==, 3);
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 2);
  g_assert_cmpint (kr_dataset_get_deal (ds, 0)->kind, ==, KR_DEAL_JOINT_VENTURE);
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

/* Where byte @offset of @text is, as problems say it: "LINE:COLUMN", in characters. */
static char *
position_of (const char *text, gsize offset)
{
  guint line = 1, column = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++, column = 1;
    else if (((guchar)text[i] & 0xC0) != 0x80)
      column++;
  return g_strdup_printf ("%u:%u", line, column);
}

/* A GEXF file longer than the pieces it is read in (64 KiB), whose nodes' labels are not ASCII:
 * characters cut between two pieces, and elements after the first, are read where they are. */
static GString *
long_gexf (guint n_nodes)
{
  GString *s = g_string_new ("<gexf version=\"1.3\">\n  <graph>\n    <nodes>\n");

  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (s, "      <node id=\"n%u\" label=\"株式会社 %u — Société\"/>\n", i, i);
  g_string_append (s, "    </nodes>\n    <edges>\n");
  return s;
}

static void
test_gexf_pieces (void)
{
  g_autoptr (GString) good = long_gexf (3000);
  g_autoptr (GString) bad = long_gexf (3000);
  g_autoptr (GString) cut = g_string_new ("<gexf version=\"1.3\">\n  <graph>\n    <nodes>\n");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = NULL;
  g_autofree char *edge_at = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cut_at = NULL;
  gsize offset;

  g_string_append (good, "      <edge source=\"n1\" target=\"n2999\"/>\n"
                         "    </edges>\n  </graph>\n</gexf>\n");
  bytes = g_bytes_new (good->str, good->len);
  ds = kr_dataset_new_from_bytes (bytes, "x.gexf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 3000);
  g_assert_cmpstr (entity (ds, "n2999")->name, ==, "株式会社 2999 — Société");

  /* A problem far into the file is placed at its element. */
  offset = bad->len + strlen ("      ");
  g_string_append (bad, "      <edge source=\"n1\" target=\"zz\"/>\n"
                        "    </edges>\n  </graph>\n</gexf>\n");
  edge_at = position_of (bad->str, offset);
  text = kr_test_problems_of ("bad.gexf", bad->str);
  expected = g_strdup_printf ("bad.gexf:%s: target.entity: unknown entity \"zz\"", edge_at);
  g_assert_cmpstr (text, ==, expected);

  /* A character that is not one, cut between the first piece and the second. */
  while (cut->len < 65000)
    g_string_append (cut, "      <node id=\"x\" label=\"x\"/>\n");
  g_string_append (cut, "      <node id=\"y\" label=\"");
  while (cut->len < 65535)
    g_string_append_c (cut, 'a');
  cut_at = position_of (cut->str, cut->len);
  g_string_append (cut, "\xe6\xa0X\"/>\n    </nodes>\n  </graph>\n</gexf>\n");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = kr_test_problems_of ("bad.gexf", cut->str);
  expected = g_strdup_printf ("bad.gexf:%s: the file is not valid UTF-8 text", cut_at);
  g_assert_cmpstr (text, ==, expected);
}

/* ---- XML as the graph readers take it ----------------------------------------------- */

/* A GraphML file whose one node is @node, after a key for its label. */
static char *
graphml_with (const char *node)
{
  return g_strconcat ("<graphml>\n<key id=\"d0\" for=\"node\" attr.name=\"label\"/>\n<graph>\n",
                      node, "\n</graph>\n</graphml>\n", NULL);
}

/* The @size bytes of @text read as a file called @name, which must load. */
static KrDataset *
read_named (const char *name, const char *text, gsize size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, size);
  g_autoptr (GError) error = NULL;
  KrDataset *dataset = kr_dataset_new_from_bytes (bytes, name, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static KrDataset *
read_graphml (const char *text, gsize size)
{
  return read_named ("x.graphml", text, size);
}

static void
test_xml_text (void)
{
  g_autofree char *text = graphml_with (
      "<node id=\"a&#x2D;1\" >\r\n<data key='d0'><![CDATA[A <&> B]]> &amp; &#20013;<!-- no -->"
      "&lt;&gt;&quot;&apos;\r\nC\rD</data></node>");
  g_autoptr (KrDataset) ds = read_graphml (text, strlen (text));

  /* References, CDATA taken as it is, comments left out, every line break read as "\n". */
  g_assert_cmpstr (entity (ds, "a-1")->name, ==, "A <&> B & 中<>\"'\nC\nD");
}

/* A text longer than the pieces the file is read in, with a character cut between two pieces
 * and references on either side. */
static void
test_xml_long_text (void)
{
  g_autoptr (GString) text
      = g_string_new ("<graphml>\n<key id=\"d0\" for=\"node\" attr.name=\"label\"/>\n<graph>\n"
                      "<node id=\"a\"><data key=\"d0\">&amp;");
  g_autoptr (GString) name = g_string_new ("&");
  g_autoptr (KrDataset) ds = NULL;

  while (text->len < 65535)
    {
      g_string_append_c (text, 'a');
      g_string_append_c (name, 'a');
    }
  g_string_append (text, "\xC3\xA9&lt;</data></node>\n</graph>\n</graphml>\n");
  g_string_append (name, "é<");
  ds = read_graphml (text->str, text->len);
  g_assert_cmpstr (entity (ds, "a")->name, ==, name->str);
}

/* A GEXF title with an element inside, whose long name makes the reader's list of open
 * elements grow while the title's own name is still wanted. */
static void
test_xml_title_inside (void)
{
  g_autoptr (GString) text = g_string_new ("<gexf><meta><title>Toyota<");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = NULL;

  for (int i = 0; i < 500; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "/>'s circle</title></meta><graph><nodes><node id=\"a\"/></nodes>"
                         "</graph></gexf>\n");
  bytes = g_bytes_new (text->str, text->len);
  ds = kr_dataset_new_from_bytes (bytes, "x.gexf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "Toyota's circle");
}

static void
test_xml_refused (void)
{
  static const struct
  {
    const char *node, *problem;
  } cases[] = {
    { "<node id=\"a\" id2>", "4:17: syntax error: \"=\" was expected after id2" },
    { "<node id=a/>", "4:10: syntax error: an attribute's value must be in quotes" },
    { "<node id=\"a\"id=\"b\"/>",
      "4:13: syntax error: attributes must be separated by white space" },
    { "<node id=\"a\" id=\"b\"/>", "4:14: syntax error: the attribute id is given twice" },
    { "<node id=\"a<\"/>", "4:12: syntax error: \"<\" is not allowed in an attribute's value" },
    { "<node id=\"a\"></edge>", "4:14: syntax error: </edge> does not close <node>" },
    { "<node id=\"a\" <data/>", "4:14: syntax error: an attribute's name was expected" },
    { "< node id=\"a\"/>", "4:2: syntax error: an element's name was expected after \"<\"" },
    { "<node id=\"a\"/><!-- open", "4:15: syntax error: a comment is not closed with \"-->\"" },
    { "<node id=\"a\"><![CDATA[open</node>",
      "4:14: syntax error: a CDATA section is not closed with \"]]>\"" },
    { "<node id=\"&#0;\"/>", "4:11: syntax error: &#0; is not a character XML allows" },
    { "<node id=\"&#xD800;\"/>", "4:11: syntax error: &#xD800; is not a character XML allows" },
    { "<node id=\"&#x110000;\"/>", "4:11: syntax error: &#x110000; is not a character XML allows" },
    { "<node id=\"&#12a;\"/>", "4:11: syntax error: &#12a; is not a character XML allows" },
    { "<node id=\"a\">&#;</node>", "4:14: syntax error: &#; is not a character XML allows" },
    { "<node id=\"a &amp b\"/>",
      "4:13: syntax error: a reference that starts with \"&\" must end with \";\"" },
    { "<node id=\"a\">&x;</node>", "4:14: syntax error: the entity &x; is not defined" },
    { "<node id=\"a\">\x01</node>", "4:14: syntax error: the control character U+0001 is not "
                                    "allowed in XML" },
    { "<node id=\"a\"><!DOCTYPE x></node>", "4:14: the file declares a DTD" },
    { "<node id=\"a\"><!ELEMENT x></node>",
      "4:14: syntax error: \"<!\" starts no comment or CDATA section" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = graphml_with (cases[i].node);
      g_autofree char *problems = kr_test_problems_of ("bad.graphml", text);
      g_autofree char *expected = g_strconcat ("bad.graphml:", cases[i].problem, NULL);

      g_assert_true (g_str_has_prefix (problems, expected));
    }
}

static void
test_xml_structure (void)
{
  static const struct
  {
    const char *text, *problem;
  } cases[] = {
    { "<graphml><graph>\n</graph>", "2:9: syntax error: the file ends before </graphml>" },
    { "<graphml><graph><node id=\"a\"", "1:17: syntax error: a tag is not closed with \">\"" },
    { "text<graphml/>", "1:1: syntax error: text before the root element" },
    { "<graphml/>\n<graphml/>", "2:1: syntax error: there is more after the root element's end" },
    { "<graphml/>\ntext", "2:1: syntax error: text after the root element" },
    { "</graphml>", "1:1: syntax error: an end tag closes no element" },
    { "<?xml version=\"1.0\"?>\n<!-- only a comment -->\n", "3:1: syntax error: the file has no "
                                                            "root element" },
    { "<?xml version=\"1.0\" encoding=\"NO-SUCH-ENCODING\"?><graphml/>",
      "1:1: the file is in the encoding NO-SUCH-ENCODING, which cannot be read" },
  };
  g_autoptr (GString) deep = g_string_new ("<graphml>");
  g_autofree char *nested = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problems = kr_test_problems_of ("bad.graphml", cases[i].text);
      g_autofree char *expected = g_strconcat ("bad.graphml:", cases[i].problem, NULL);

      g_assert_cmpstr (problems, ==, expected);
    }

  /* The root is at depth 0: the 64th element inside it is one too many. */
  for (int i = 0; i < KR_DATASET_MAX_DEPTH; i++)
    g_string_append (deep, "<x>");
  nested = kr_test_problems_of ("bad.graphml", deep->str);
  g_assert_cmpstr (nested, ==, "bad.graphml:1:199: elements are nested more than 64 levels deep");
}

static void
test_xml_encodings (void)
{
  const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<graphml><graph>"
                        "<node id=\"a\"><data key=\"label\">Soci\xe9t\xe9</data></node>"
                        "</graph></graphml>\n";
  const char bom[] = "\xEF\xBB\xBF<graphml><graph><edge source=\"a\" target=\"b\"/>"
                     "</graph></graphml>\n";
  g_autoptr (KrDataset) from_latin1 = read_graphml (latin1, strlen (latin1));
  g_autoptr (GString) utf16 = g_string_new_len ("\xFF\xFE", 2);
  g_autoptr (KrDataset) from_utf16 = NULL;
  g_autofree char *utf8 = g_strdup ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                    "<graphml><graph><node id=\"a\"><data key=\"label\">株式会社"
                                    "</data></node></graph></graphml>\n");
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, NULL, NULL);
  const char *mislabelled = utf8;
  g_autoptr (KrDataset) from_mislabelled = NULL;
  g_autofree char *at_bom = kr_test_problems_in ("bad.graphml", bom, strlen (bom));

  g_assert_cmpstr (entity (from_latin1, "a")->name, ==, "Société");
  /* A file that says UTF-16 in single bytes is read as the bytes say. */
  from_mislabelled = read_graphml (mislabelled, strlen (mislabelled));
  g_assert_cmpstr (entity (from_mislabelled, "a")->name, ==, "株式会社");

  /* The bytes of a little-endian machine, after their byte order mark. */
  for (const gunichar2 *u = units; *u != 0; u++)
    {
      g_string_append_c (utf16, (char)(*u & 0xFF));
      g_string_append_c (utf16, (char)(*u >> 8));
    }
  from_utf16 = read_graphml (utf16->str, utf16->len);
  g_assert_cmpstr (entity (from_utf16, "a")->name, ==, "株式会社");

  /* A byte order mark takes no column. */
  g_assert_cmpstr (at_bom, ==,
                   "bad.graphml:1:17: source.entity: unknown entity \"a\"\n"
                   "bad.graphml:1:17: target.entity: unknown entity \"b\"");
}

/* ---- CSV ---------------------------------------------------------------------------- */

static KrDataset *
read_text (const char *text)
{
  return read_named ("good.csv", text, strlen (text));
}

static void
test_kumu (void)
{
  /* Either file of the pair opens both. */
  g_autoptr (KrDataset) ds = kr_test_load_format ("kumu.csv");
  g_autoptr (KrDataset) same = kr_test_load_format ("kumu.entities.csv");
  const KrDeal *stake, *leads, *alliance;

  g_assert_cmpstr (kr_dataset_get_title (ds), ==, "kumu");
  g_assert_cmpstr (kr_dataset_get_title (same), ==, "kumu");
  g_assert_cmpuint (kr_dataset_get_n_entities (same), ==, kr_dataset_get_n_entities (ds));
  g_assert_cmpuint (kr_dataset_get_n_deals (same), ==, kr_dataset_get_n_deals (ds));

  /* Three from the table of entities, one that only a deal names. */
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 4);
  g_assert_cmpstr (entity (ds, "toyota-motor")->name, ==, "Toyota Motor");
  g_assert_cmpint (entity (ds, "toyota-motor")->kind, ==, KR_ENTITY_COMPANY);
  /* A quoted cell keeps its separator and its line break. */
  g_assert_cmpstr (entity (ds, "toyota-motor")->description, ==,
                   "Carmaker based in Toyota City;\r\nthe largest in Japan");
  g_assert_cmpint (entity (ds, "akio-toyoda")->kind, ==, KR_ENTITY_PERSON);
  g_assert_cmpint (entity (ds, "mazda")->kind, ==, KR_ENTITY_OTHER);

  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 3);
  stake = kr_dataset_get_deal (ds, 0);
  leads = kr_dataset_get_deal (ds, 1);
  alliance = kr_dataset_get_deal (ds, 2);
  g_assert_cmpint (stake->kind, ==, KR_DEAL_EQUITY_STAKE);
  g_assert_cmpint (stake->status, ==, KR_STATUS_UNSPECIFIED);
  g_assert_cmpstr (stake->summary, ==, "Toyota raises its stake\r\nto 20 %");
  g_assert_cmpstr (stake->date, ==, "2019-09-27");
  g_assert_cmpuint (stake->n_evidence, ==, 0);
  g_assert_cmpstr (kr_dataset_get_entity (ds, stake->parties[0].entity)->id, ==, "toyota-motor");
  g_assert_cmpstr (kr_dataset_get_entity (ds, stake->parties[1].entity)->id, ==, "subaru");
  g_assert_cmpint (leads->kind, ==, KR_DEAL_LEADERSHIP);
  g_assert_cmpstr (leads->date, ==, "2009");
  g_assert_cmpint (alliance->kind, ==, KR_DEAL_ALLIANCE);
  g_assert_cmpuint (kr_dataset_get_n_articles (ds), ==, 0);
}

static void
test_gephi_csv (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("gephi.csv");
  const KrDeal *alliance, *stake;

  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 3);
  g_assert_cmpstr (entity (ds, "n1")->name, ==, "Renault");
  g_assert_cmpstr (entity (ds, "n2")->country, ==, "JP");
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 2);
  alliance = kr_dataset_get_deal (ds, 0);
  stake = kr_dataset_get_deal (ds, 1);
  /* "Directed" is how Gephi draws the line; the label names the kind. */
  g_assert_cmpstr (alliance->id, ==, "e1");
  g_assert_cmpint (alliance->kind, ==, KR_DEAL_ALLIANCE);
  g_assert_cmpstr (alliance->date, ==, "1999");
  g_assert_cmpstr (alliance->end, ==, "2023");
  g_assert_cmpint (stake->kind, ==, KR_DEAL_OTHER);
  g_assert_cmpstr (stake->summary, ==, "34 % stake");
  g_assert_cmpstr (stake->date, ==, "2016-10-20");
  g_assert_null (stake->end);
}

static void
test_shapes (void)
{
  /* Tabs, "|" lists of parties and roles, evidence, and a cell Keiretsu wrote as text. */
  g_autoptr (KrDataset) ds
      = read_text ("parties\troles\ttype\tsource_url\tquote\tsummary\n"
                   "A|B|C\tpartner|partner|partner\tjoint venture\thttps://example.com/a\t"
                   "\"They said \"\"yes\"\"\"\t\"'=HYPERLINK(\"\"x\"\")\"\n");
  const KrDeal *deal = kr_dataset_get_deal (ds, 0);

  g_assert_cmpuint (deal->n_parties, ==, 3);
  g_assert_cmpint (deal->kind, ==, KR_DEAL_JOINT_VENTURE);
  g_assert_cmpstr (deal->summary, ==, "=HYPERLINK(\"x\")");
  g_assert_cmpuint (deal->n_evidence, ==, 1);
  g_assert_cmpstr (deal->evidence[0].quote, ==, "They said \"yes\"");
  g_assert_cmpstr (kr_dataset_get_article (ds, deal->evidence[0].article)->url, ==,
                   "https://example.com/a");
}

static void
test_places (void)
{
  static const struct
  {
    const char *text;
    gsize size; /* 0: up to the NUL */
    const char *problem;
  } cases[] = {
    { "Id,Label\nn1,A\nn1,B\n", 0, "bad.csv:3:1: id: duplicate id" },
    { "From,To,Type\nA,B,alliance\nC,,merger\n", 0, "bad.csv:3:1: parties: a deal needs" },
    { "From,To,Type\nA,B,\"alliance\nC,D,merger\n", 0, "bad.csv:2:3: a quoted cell does not end" },
    { "From,To,Type\nA,B,all\"iance\n", 0, "bad.csv:2:3: a quote in a cell" },
    { "From,To\nA,B\xff\n", 0, "bad.csv:2:2: the cell is not UTF-8 text" },
    { "From,To\nA,B\0\n", 13, "bad.csv:2:2: the cell holds a NUL byte" },
    { "\xff\xfe"
      "F\0",
      4, "bad.csv:1: the file is UTF-16 text" },
    { "", 0, "bad.csv:1: the file is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize size = cases[i].size ? cases[i].size : strlen (cases[i].text);
      g_autofree char *text = kr_test_problems_in ("bad.csv", cases[i].text, size);

      if (!g_str_has_prefix (text, cases[i].problem))
        g_error ("case %u: %s", i, text);
    }
}

/* A table longer than the pieces it is read in (64 KiB): every row is read, and a problem far
 * into it is placed at its row. */
static void
test_csv_pieces (void)
{
  g_autoptr (GString) table = g_string_new ("Id,Label\n");
  g_autoptr (KrDataset) ds = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (table, "n%u,株式会社 %u — Société\n", i, i);
  ds = read_text (table->str);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 5000);
  g_assert_cmpstr (entity (ds, "n4999")->name, ==, "株式会社 4999 — Société");
  g_string_append (table, "x,a\"b\n");
  text = kr_test_problems_of ("bad.csv", table->str);
  g_assert_true (g_str_has_prefix (text, "bad.csv:5002:2: a quote in a cell"));
}

static void
test_limits (void)
{
  g_autoptr (GString) wide = g_string_new (NULL);
  g_autoptr (GString) cell = g_string_new ("From,To\nA,\"");
  g_autofree char *too_wide = NULL;
  g_autofree char *too_long = NULL;

  for (guint i = 0; i <= KR_CSV_MAX_COLUMNS; i++)
    g_string_append (wide, "x,");
  g_string_append (wide, "\n");
  too_wide = kr_test_problems_in ("bad.csv", wide->str, wide->len);
  g_assert_true (g_str_has_prefix (too_wide, "bad.csv:1:257: the row has more than 256 columns"));

  /* A cell that never ends is not held whole. */
  while (cell->len < 4 * KR_DATASET_MAX_STRING)
    g_string_append (cell, "0123456789");
  too_long = kr_test_problems_in ("bad.csv", cell->str, cell->len);
  g_assert_true (g_str_has_prefix (too_long, "bad.csv:2:2: the cell is longer than the limit"));
}

static void
test_mapping (void)
{
  const char *const kumu[] = { "From", "To", "Type", "Description" };
  const char *const elements[] = { "Label", "Type", "Description", "Tags" };
  const char *const changed[] = { "From", "To", "Kind", "Description" };
  g_autoptr (KrCsvMapping) deals = kr_csv_mapping_guess (kumu, G_N_ELEMENTS (kumu));
  g_autoptr (KrCsvMapping) entities = kr_csv_mapping_guess (elements, G_N_ELEMENTS (elements));
  g_autoptr (KrCsvMapping) back = NULL;
  g_autoptr (KrCsvMapping) stale = NULL;
  g_autoptr (JsonNode) kept = NULL;

  g_assert_cmpint (deals->kind, ==, KR_CSV_DEALS);
  g_assert_cmpint (deals->fields[0], ==, KR_CSV_SOURCE);
  g_assert_cmpint (deals->fields[1], ==, KR_CSV_TARGET);
  g_assert_cmpint (deals->fields[2], ==, KR_CSV_DEAL_KIND);
  g_assert_cmpint (deals->fields[3], ==, KR_CSV_SUMMARY);
  g_assert_cmpint (entities->kind, ==, KR_CSV_ENTITIES);
  g_assert_cmpint (entities->fields[0], ==, KR_CSV_NAME);
  g_assert_cmpint (entities->fields[1], ==, KR_CSV_ENTITY_KIND);
  g_assert_cmpint (entities->fields[3], ==, KR_CSV_IGNORED);

  /* Kept, it comes back for the same headers only. */
  deals->fields[3] = KR_CSV_NOTE;
  kept = kr_csv_mapping_to_json (deals, kumu);
  back = kr_csv_mapping_from_json (kept, kumu, G_N_ELEMENTS (kumu));
  g_assert_nonnull (back);
  g_assert_cmpint (back->fields[3], ==, KR_CSV_NOTE);
  stale = kr_csv_mapping_from_json (kept, changed, G_N_ELEMENTS (changed));
  g_assert_null (stale);
}

/* The columns chosen for a file are kept beside it, and read with it from then on. */
static void
test_kept (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deals.csv", NULL);
  g_autofree char *views = g_build_filename (dir, "deals.csv.views.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) heads = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) before = NULL;
  g_autoptr (KrDataset) after = NULL;
  KrCsvTableHead *head;

  g_assert_true (g_file_set_contents (path, "From,To,Description\nA,B,Talks began\n", -1, NULL));
  before = kr_test_load_file (file);
  g_assert_cmpstr (kr_dataset_get_deal (before, 0)->summary, ==, "Talks began");

  heads = kr_csv_reader_read_heads (file, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 1);
  head = heads->pdata[0];
  g_assert_cmpuint (head->rows->len, ==, 1);
  g_assert_cmpint (head->mapping->fields[2], ==, KR_CSV_SUMMARY);
  head->mapping->fields[2] = KR_CSV_NOTE;
  g_assert_true (kr_csv_reader_keep_mappings (file, heads, NULL, &error));
  g_assert_no_error (error);

  after = kr_test_load_file (file);
  g_assert_cmpstr (kr_dataset_get_deal (after, 0)->summary, ==, "A → B");
  g_assert_cmpstr (kr_dataset_get_deal (after, 0)->note, ==, "Talks began");

  g_remove (views);
  g_remove (path);
  g_rmdir (dir);
}

/* ---- two CSV tables given together ---------------------------------------------------- */

/* A folder of tables named @names, each holding the file of tests/data/formats/ that @texts
 * names, or else that text itself. */
typedef struct
{
  char *dir;
  GFile *files[3];
} Tables;

static void
tables_write (Tables *t, const char *const *names, const char *const *texts)
{
  t->dir = g_dir_make_tmp ("kr-pair-XXXXXX", NULL);
  g_assert_nonnull (t->dir);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (t->dir, names[i], NULL);
      g_autofree char *format
          = g_test_build_filename (G_TEST_DIST, "data", "formats", texts[i], NULL);
      g_autofree char *text = NULL;

      if (!g_file_get_contents (format, &text, NULL, NULL))
        text = g_strdup (texts[i]);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      t->files[i] = g_file_new_for_path (path);
    }
}

static void
tables_clear (Tables *t)
{
  g_autoptr (GDir) dir = g_dir_open (t->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (t->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (t->dir);
  g_free (t->dir);
  for (guint i = 0; i < G_N_ELEMENTS (t->files); i++)
    g_clear_object (&t->files[i]);
}

static void
set_text (GFile *file, const char *text)
{
  g_assert_true (
      g_file_replace_contents (file, text, strlen (text), NULL, FALSE, 0, NULL, NULL, NULL));
}

static KrDataset *
load_pair (GFile *file, GFile *other)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  KrDataset *dataset = kr_dataset_new_from_pair (file, other, NULL, &problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  return dataset;
}

/* The first problem with @file and @other, as the command line prints it. */
static char *
pair_problem (GFile *file, GFile *other, int code)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = kr_dataset_new_from_pair (file, other, NULL, &problems, &error);
  g_autofree char *name = g_file_get_basename (file);

  g_assert_null (dataset);
  g_assert_error (error, KR_DATASET_ERROR, code);
  if (problems != NULL && problems->len > 0)
    return kr_problem_to_string (problems->pdata[0], name);
  return g_strdup (error->message);
}

static void
test_pair (void)
{
  Tables t = { 0 };
  g_autoptr (KrDataset) by_name = kr_test_load_format ("gephi.csv");
  g_autoptr (KrDataset) ds = NULL;
  g_autoptr (KrDataset) swapped = NULL;

  /* The deals' name gives the title; nothing names the entities after it. */
  tables_write (&t, (const char *const[]){ "gephi.csv", "people.csv", NULL },
                (const char *const[]){ "gephi.csv", "gephi.entities.csv" });
  /* Whatever their names and their order, the headers say which table holds the deals. */
  ds = load_pair (t.files[0], t.files[1]);
  swapped = load_pair (t.files[1], t.files[0]);
  kr_test_assert_same_dataset (ds, by_name);
  kr_test_assert_same_dataset (swapped, by_name);
  g_assert_cmpstr (entity (ds, "n2")->name, ==, "Nissan");
  tables_clear (&t);
}

static void
test_pair_refused (void)
{
  Tables t = { 0 };
  g_autofree char *deals = NULL;
  g_autofree char *entities = NULL;
  g_autofree char *other_format = NULL;

  tables_write (&t, (const char *const[]){ "a.csv", "b.csv", "c.json", NULL },
                (const char *const[]){ "From,To\nA,B\n", "Source,Target\nB,C\n", "{}" });
  deals = pair_problem (t.files[0], t.files[1], KR_DATASET_ERROR_INVALID);
  g_assert_cmpstr (deals, ==,
                   "a.csv:1:1: “a.csv” and “b.csv” are both tables of deals (with From and To, "
                   "or Source and Target columns): give one table of deals and one of entities");
  set_text (t.files[1], "Id,Label\nB,Bee\n");
  set_text (t.files[0], "Name\nA\n");
  entities = pair_problem (t.files[0], t.files[1], KR_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (
      entities, "a.csv:1:1: “a.csv” and “b.csv” are both tables of entities (with no From"));
  other_format = pair_problem (t.files[0], t.files[2], KR_DATASET_ERROR_NOT_PAIRED);
  g_assert_cmpstr (other_format, ==,
                   "“a.csv” and “c.json” do not open together: only two spreadsheets (CSV) do, "
                   "a table of deals and a table of entities");
  tables_clear (&t);
}

static void
test_pair_places (void)
{
  Tables t = { 0 };
  g_autofree char *in_other = NULL;
  g_autofree char *in_first = NULL;

  tables_write (&t, (const char *const[]){ "deals.csv", "people.csv", NULL },
                (const char *const[]){ "From,To,Type\nA,B,alliance\nC,,merger\n",
                                       "Id,Label\nA,Alpha\nA,Again\n" });
  /* The other table names itself; the one given first is named by whoever gave it. */
  in_other = pair_problem (t.files[0], t.files[1], KR_DATASET_ERROR_INVALID);
  g_assert_cmpstr (in_other, ==,
                   "deals.csv:people.csv:3:1: id: duplicate id \"a\"; it is already used by "
                   "entity people.csv:2");
  set_text (t.files[1], "Id,Label\nA,Alpha\n");
  in_first = pair_problem (t.files[1], t.files[0], KR_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (in_first, "people.csv:deals.csv:3:1: parties: a deal needs"));
  tables_clear (&t);
}

/* Two tables longer than the pieces they are read in (64 KiB), the header row of deals longer
 * too, the entities given first: telling them apart reads their header rows, and each is then
 * read whole from its first row, its problems placed at their rows. */
static void
test_pair_pieces (void)
{
  Tables t = { 0 };
  g_autoptr (GString) deals = g_string_new ("Source,Target");
  g_autoptr (GString) people = g_string_new ("Id,Label\n");
  g_autoptr (KrDataset) ds = NULL;
  g_autofree char *text = NULL;
  const KrDeal *first;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *header = g_strnfill (30000, (char)('a' + i));

      g_string_append_printf (deals, ",%s", header);
    }
  g_string_append_c (deals, '\n');
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (people, "n%u,株式会社 %u\n", i, i);
  for (guint i = 0; i + 1 < 5000; i++)
    g_string_append_printf (deals, "n%u,n%u\n", i, i + 1);
  tables_write (&t, (const char *const[]){ "deals.csv", "people.csv", NULL },
                (const char *const[]){ deals->str, people->str });
  ds = load_pair (t.files[1], t.files[0]);
  g_assert_cmpuint (kr_dataset_get_n_entities (ds), ==, 5000);
  g_assert_cmpuint (kr_dataset_get_n_deals (ds), ==, 4999);
  first = kr_dataset_get_deal (ds, 0);
  g_assert_cmpstr (kr_dataset_get_entity (ds, first->parties[0].entity)->name, ==, "株式会社 0");
  g_assert_cmpstr (entity (ds, "n4999")->name, ==, "株式会社 4999");
  g_string_append (people, "x,a\"b\n");
  set_text (t.files[1], people->str);
  text = pair_problem (t.files[0], t.files[1], KR_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (text, "deals.csv:people.csv:5002:2: a quote in a cell"));
  tables_clear (&t);
}

/* The columns chosen for two tables are kept beside the table of deals, whichever came first,
 * under the other's name, or its address when it is in another folder. */
static void
test_pair_kept (void)
{
  Tables t = { 0 };
  g_autofree char *sub = NULL;
  g_autofree char *far_path = NULL;
  g_autoptr (GFile) far = NULL;
  g_autoptr (GPtrArray) heads = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) kept = NULL;
  g_autoptr (KrDataset) swapped = NULL;
  KrCsvTableHead *deals, *people;

  tables_write (&t, (const char *const[]){ "deals.csv", NULL },
                (const char *const[]){ "From,To,Description\nA,B,Talks began\n" });
  sub = g_build_filename (t.dir, "sub", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  far_path = g_build_filename (sub, "people.csv", NULL);
  g_assert_true (g_file_set_contents (far_path, "Id,Label,Notes\nA,Alpha,First\n", -1, NULL));
  far = g_file_new_for_path (far_path);

  heads = kr_csv_reader_read_pair_heads (far, t.files[0], 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 2);
  deals = heads->pdata[0];
  people = heads->pdata[1];
  g_assert_true (g_file_equal (deals->file, t.files[0]));
  g_assert_cmpint (deals->mapping->kind, ==, KR_CSV_DEALS);
  g_assert_cmpint (people->mapping->fields[2], ==, KR_CSV_DESCRIPTION);
  deals->mapping->fields[2] = KR_CSV_NOTE;
  people->mapping->fields[2] = KR_CSV_IGNORED;
  g_assert_true (kr_csv_reader_keep_mappings (deals->file, heads, NULL, &error));
  g_assert_no_error (error);

  kept = load_pair (t.files[0], far);
  swapped = load_pair (far, t.files[0]);
  g_assert_cmpstr (kr_dataset_get_deal (kept, 0)->note, ==, "Talks began");
  g_assert_null (entity (kept, "a")->description);
  kr_test_assert_same_dataset (kept, swapped);
  g_clear_pointer (&heads, g_ptr_array_unref);
  heads = kr_csv_reader_read_pair_heads (t.files[0], far, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((KrCsvTableHead *)heads->pdata[1])->mapping->fields[2], ==, KR_CSV_IGNORED);

  g_remove (far_path);
  g_rmdir (sub);
  tables_clear (&t);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/graph-formats/graphml/yed", test_yed);
  g_test_add_func ("/graph-formats/graphml/yed-drawn", test_yed_drawn);
  g_test_add_func ("/graph-formats/graphml/cytoscape", test_cytoscape);
  g_test_add_func ("/graph-formats/graphml/evidence", test_graphml_evidence);
  g_test_add_func ("/graph-formats/graphml/places", test_graphml_places);
  g_test_add_func ("/graph-formats/gexf/gephi", test_gephi);
  g_test_add_func ("/graph-formats/gexf/places", test_gexf_places);
  g_test_add_func ("/graph-formats/gexf/pieces", test_gexf_pieces);
  g_test_add_func ("/graph-formats/xml/text", test_xml_text);
  g_test_add_func ("/graph-formats/xml/long-text", test_xml_long_text);
  g_test_add_func ("/graph-formats/xml/title-inside", test_xml_title_inside);
  g_test_add_func ("/graph-formats/xml/refused", test_xml_refused);
  g_test_add_func ("/graph-formats/xml/structure", test_xml_structure);
  g_test_add_func ("/graph-formats/xml/encodings", test_xml_encodings);
  g_test_add_func ("/graph-formats/csv/kumu", test_kumu);
  g_test_add_func ("/graph-formats/csv/gephi", test_gephi_csv);
  g_test_add_func ("/graph-formats/csv/shapes", test_shapes);
  g_test_add_func ("/graph-formats/csv/places", test_places);
  g_test_add_func ("/graph-formats/csv/pieces", test_csv_pieces);
  g_test_add_func ("/graph-formats/csv/limits", test_limits);
  g_test_add_func ("/graph-formats/csv/mapping", test_mapping);
  g_test_add_func ("/graph-formats/csv/kept", test_kept);
  g_test_add_func ("/graph-formats/csv/pair", test_pair);
  g_test_add_func ("/graph-formats/csv/pair-refused", test_pair_refused);
  g_test_add_func ("/graph-formats/csv/pair-places", test_pair_places);
  g_test_add_func ("/graph-formats/csv/pair-pieces", test_pair_pieces);
  g_test_add_func ("/graph-formats/csv/pair-kept", test_pair_kept);
  return g_test_run ();
}
