/* test-layout.c — graph building, layout with every engine, the scene and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kr-export.h"
#include "kr-graph.h"
#include "kr-layout.h"

#define S(str) ((char *)(str))

static KrDataset *
load_minimal (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "minimal.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  KrDataset *ds = kr_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return ds;
}

static Agedge_t *
find_edge (KrGraph *g, const char *deal_id, gboolean advocacy, guint nth)
{
  for (guint i = 0; i < g->edges->len; i++)
    {
      KrGraphEdge *e = &g_array_index (g->edges, KrGraphEdge, i);
      if (g_str_equal (kr_dataset_get_deal (g->dataset, e->deal)->id, deal_id)
          && e->advocacy == advocacy && nth-- == 0)
        return e->edge;
    }
  return NULL;
}

static void
test_graph_structure (void)
{
  g_autoptr (KrDataset) ds = load_minimal ();
  KrLayoutOptions options = { "dot", KR_RANKDIR_LR, NULL, NULL };
  g_autoptr (KrGraph) g = kr_graph_build (ds, &options, FALSE);
  Agedge_t *e;

  /* 5 entities, plus hubs for the three-party venture and the urged investment. */
  g_assert_cmpint (agnnodes (g->graph), ==, 7);
  g_assert_cmpuint (g->nodes->len, ==, 7);
  g_assert_nonnull (agnode (g->graph, S ("jv"), FALSE));
  g_assert_nonnull (agnode (g->graph, S ("urge"), FALSE));
  g_assert_null (agnode (g->graph, S ("buy"), FALSE)); /* two parties: a single edge */
  /* buy 1 + jv 3 + urge 2 + advocacy 1 + rivals 1 */
  g_assert_cmpint (agnedges (g->graph), ==, 8);

  /* The acquisition points from acquirer to target, solid, in its family colour. */
  e = find_edge (g, "buy", FALSE, 0);
  g_assert_nonnull (e);
  g_assert_cmpstr (agnameof (agtail (e)), ==, "example");
  g_assert_cmpstr (agnameof (aghead (e)), ==, "sample");
  g_assert_cmpstr (agget (e, S ("dir")), ==, "forward");
  g_assert_cmpstr (agget (e, S ("style")), ==, "solid");
  g_assert_cmpstr (agget (e, S ("color")), ==, "#c01c28");

  /* Two sources make a wider line than one. */
  g_assert_cmpfloat (
      g_ascii_strtod (agget (e, S ("penwidth")), NULL), >,
      g_ascii_strtod (agget (find_edge (g, "rivals", FALSE, 0), S ("penwidth")), NULL));

  /* A proposal is dashed; the fund that urged it joins the hub with a dashed advocacy edge. */
  e = find_edge (g, "urge", FALSE, 0);
  g_assert_cmpstr (agget (e, S ("style")), ==, "dashed");
  e = find_edge (g, "urge", TRUE, 0);
  g_assert_nonnull (e);
  g_assert_cmpstr (agnameof (agtail (e)), ==, "fund");
  g_assert_cmpstr (agnameof (aghead (e)), ==, "urge");
  g_assert_cmpstr (agget (e, S ("arrowhead")), ==, "empty");

  /* Equals have no arrow. */
  g_assert_cmpstr (agget (find_edge (g, "rivals", FALSE, 0), S ("dir")), ==, "none");

  /* Shapes follow entity kinds. */
  g_assert_cmpstr (agget (agnode (g->graph, S ("venture"), FALSE), S ("shape")), ==, "hexagon");
  g_assert_cmpstr (agget (agnode (g->graph, S ("fund"), FALSE), S ("shape")), ==, "octagon");
  g_assert_cmpstr (agget (agnode (g->graph, S ("example"), FALSE), S ("style")), ==,
                   "filled,rounded");
  g_assert_cmpstr (agget (agnode (g->graph, S ("jv"), FALSE), S ("shape")), ==, "diamond");
}

static void
test_graph_filter (void)
{
  g_autoptr (KrDataset) ds = load_minimal ();
  gboolean entities[5] = { TRUE, TRUE, FALSE, FALSE, TRUE };
  KrLayoutOptions options = { "dot", KR_RANKDIR_LR, entities, NULL };
  g_autoptr (KrGraph) g = kr_graph_build (ds, &options, FALSE);

  /* Without the venture and the fund, the venture is a two-party deal and the urged
   * investment has no visible proposer: no hubs remain. */
  g_assert_cmpint (agnnodes (g->graph), ==, 3);
  g_assert_cmpint (agnedges (g->graph), ==, 4);
}

static const char *hostile_names[] = {
  "Quote \" and \\N and \\G and \\n",
  "<b>bold</b> <table><tr><td>x</td></tr></table>",
  "]; evil -> graph [label=\"pwned\"",
  "&amp; & ' \x01 control",
};

static KrDataset *
hostile_dataset (void)
{
  g_autoptr (GString) json = g_string_new ("{\"format\":\"keiretsu-dataset\",\"version\":1,"
                                           "\"title\":\"<script>alert(1)</script>\","
                                           "\"articles\":[{\"id\":\"a\",\"title\":\"T\","
                                           "\"publisher\":\"P\"}],\"entities\":[");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  KrDataset *ds;

  for (guint i = 0; i < G_N_ELEMENTS (hostile_names); i++)
    {
      g_autofree char *escaped = g_strescape (hostile_names[i], NULL);
      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"name\":\"%s\",\"kind\":\"company\"}",
                              i ? "," : "", i, escaped);
    }
  g_string_append (json, "],\"deals\":[{\"id\":\"d\",\"kind\":\"alliance\",\"status\":\"active\","
                         "\"summary\":\"</title><script>x</script>\",\"parties\":["
                         "{\"entity\":\"e0\",\"role\":\"partner\"},{\"entity\":\"e1\",\"role\":"
                         "\"partner\"}],\"evidence\":[{\"article\":\"a\",\"quote\":\"q\"}]}]}");
  bytes = g_bytes_new (json->str, json->len);
  ds = kr_dataset_new_from_bytes (bytes, "hostile", NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static void
test_injection (void)
{
  g_autoptr (KrDataset) ds = hostile_dataset ();
  KrLayoutOptions options = { "dot", KR_RANKDIR_LR, NULL, NULL };
  g_autoptr (KrGraph) g = kr_graph_build (ds, &options, TRUE);
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (GBytes) svg = NULL;
  g_autoptr (GError) error = NULL;
  const char *text;

  /* Names cannot add nodes, edges or attributes. */
  g_assert_cmpint (agnnodes (g->graph), ==, (int)G_N_ELEMENTS (hostile_names));
  g_assert_cmpint (agnedges (g->graph), ==, 1);
  /* Labels keep backslashes literal: Graphviz turns "\\N" back into "\N", not the node name. */
  g_assert_nonnull (strstr (agget (agnode (g->graph, S ("e0"), FALSE), S ("label")), "\\\\N"));

  scene = kr_layout_run (ds, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kr_scene_get_node (scene, 0)->label, ==, hostile_names[0]);

  svg = kr_export_render (scene, KR_EXPORT_SVG, NULL, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (svg, NULL);
  g_assert_null (strstr (text, "<b>"));
  g_assert_null (strstr (text, "<script>"));
  g_assert_null (strstr (text, "<table>"));
  g_assert_nonnull (strstr (text, "&lt;b&gt;bold&lt;/b&gt;"));
  g_assert_nonnull (strstr (text, "&lt;/title&gt;&lt;script&gt;"));
  g_assert_null (strstr (text, "\x01"));
}

static void
test_every_engine (void)
{
  g_autoptr (KrDataset) ds = load_minimal ();
  const char *const *engines = kr_layout_engines ();

  for (guint i = 0; engines[i] != NULL; i++)
    {
      KrLayoutOptions options = { engines[i], KR_RANKDIR_LR, NULL, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);

      g_test_message ("engine %s", engines[i]);
      g_assert_no_error (error);
      g_assert_cmpstr (kr_scene_get_engine (scene), ==, engines[i]);
      g_assert_cmpuint (kr_scene_get_n_nodes (scene), ==, 7);
      g_assert_cmpuint (kr_scene_get_n_edges (scene), ==, 8);
      /* Everything lies inside the scene's bounds. */
      for (guint n = 0; n < kr_scene_get_n_nodes (scene); n++)
        {
          KrRect r = kr_scene_node_bounds (kr_scene_get_node (scene, n));
          g_assert_cmpfloat (r.x, >=, -0.5);
          g_assert_cmpfloat (r.y, >=, -0.5);
          g_assert_cmpfloat (r.x + r.width, <=, kr_scene_get_width (scene) + 0.5);
          g_assert_cmpfloat (r.y + r.height, <=, kr_scene_get_height (scene) + 0.5);
        }
      for (guint e = 0; e < kr_scene_get_n_edges (scene); e++)
        {
          const KrSceneEdge *edge = kr_scene_get_edge (scene, e);
          g_assert_cmpuint (edge->n_points, >=, 4);
          g_assert_cmpuint ((edge->n_points - 1) % 3, ==, 0);
        }
    }
}

static void
test_unknown_engine (void)
{
  g_autoptr (KrDataset) ds = load_minimal ();
  KrLayoutOptions options = { "osage; rm -rf", KR_RANKDIR_LR, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);

  g_assert_null (scene);
  g_assert_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_ENGINE);
}

static void
test_hit_test (void)
{
  g_autoptr (KrDataset) ds = load_minimal ();
  KrLayoutOptions options = { "dot", KR_RANKDIR_LR, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  int example = kr_scene_find_entity (scene, (guint)kr_dataset_find_entity (ds, "example"));
  const KrSceneNode *node = kr_scene_get_node (scene, (guint)example);
  const KrSceneEdge *edge = NULL;
  KrHit hit;
  KrPoint mid;

  g_assert_no_error (error);
  hit = kr_scene_hit_test (scene, node->x, node->y, 3);
  g_assert_cmpint (hit.type, ==, KR_HIT_NODE);
  g_assert_cmpint ((int)hit.index, ==, example);

  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    if (g_str_equal (kr_dataset_get_deal (ds, kr_scene_get_edge (scene, i)->deal)->id, "buy"))
      edge = kr_scene_get_edge (scene, i);
  g_assert_nonnull (edge);
  mid = kr_bezier_point (edge->points, 0.5);
  hit = kr_scene_hit_test (scene, mid.x, mid.y + 2, 4);
  g_assert_cmpint (hit.type, ==, KR_HIT_EDGE);
  g_assert_cmpuint (kr_scene_get_edge (scene, hit.index)->deal, ==,
                    (guint)kr_dataset_find_deal (ds, "buy"));

  hit = kr_scene_hit_test (scene, -100, -100, 4);
  g_assert_cmpint (hit.type, ==, KR_HIT_NONE);
}

static void
test_export_formats (void)
{
  g_autoptr (KrDataset) ds = load_minimal ();
  KrLayoutOptions options = { "dot", KR_RANKDIR_LR, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) pdf = NULL;
  gsize size;
  const guchar *data;

  g_assert_no_error (error);
  png = kr_export_render (scene, KR_EXPORT_PNG, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (png, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);

  pdf = kr_export_render (scene, KR_EXPORT_PDF, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (data, 5, "%PDF-", 5);

  g_assert_cmpint (kr_export_format_from_filename ("a.SVG"), ==, KR_EXPORT_SVG);
  g_assert_cmpint (kr_export_format_from_filename ("a.svg.txt"), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/structure", test_graph_structure);
  g_test_add_func ("/graph/filter", test_graph_filter);
  g_test_add_func ("/graph/injection", test_injection);
  g_test_add_func ("/layout/every-engine", test_every_engine);
  g_test_add_func ("/layout/unknown-engine", test_unknown_engine);
  g_test_add_func ("/scene/hit-test", test_hit_test);
  g_test_add_func ("/export/formats", test_export_formats);
  return g_test_run ();
}
