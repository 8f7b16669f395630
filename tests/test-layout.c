/* test-layout.c — graph building, layout with every engine, the scene and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kr-arrangement.h"
#include "kr-cairo-painter.h"
#include "kr-dataset-queries.h"
#include "kr-export.h"
#include "kr-filter.h"
#include "kr-graph.h"
#include "kr-layout-input.h"
#include "kr-layout-output.h"
#include "kr-layout.h"
#include "kr-map.h"
#include "kr-scene-paint.h"
#include "kr-text.h"
#include "kr-test-data.h"
#include "kr-tile-cache.h"

#define S(str) ((char *)(str))

/* The graph as DOT output sees it: named, labelled and styled. */
typedef struct
{
  KrDataset *dataset;
  KrLayoutInput *input;
  KrGraph *graph;
} Built;

static void
built_clear (Built *b)
{
  g_clear_pointer (&b->graph, kr_graph_free);
  g_clear_pointer (&b->input, kr_layout_input_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Built, built_clear)

static void
build (Built *b, KrDataset *ds, const KrLayoutOptions *options)
{
  b->dataset = ds;
  b->input = kr_layout_input_new (ds, options);
  b->graph = kr_graph_new (b->input, ds, NULL);
}

static Agedge_t *
find_edge (Built *b, const char *deal_id, gboolean advocacy, guint nth)
{
  for (guint i = 0; i < b->input->edges->len; i++)
    {
      KrInputEdge *e = &g_array_index (b->input->edges, KrInputEdge, i);
      if (g_str_equal (kr_dataset_get_deal (b->dataset, e->deal)->id, deal_id)
          && e->advocacy == advocacy && nth-- == 0)
        return b->graph->edges[i];
    }
  return NULL;
}

static void
test_graph_structure (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_auto (Built) b = { 0 };
  Agraph_t *g;
  Agedge_t *e;

  build (&b, ds, &options);
  g = b.graph->graph;

  /* 5 entities, plus hubs for the three-party venture and the urged investment. */
  g_assert_cmpint (agnnodes (g), ==, 7);
  g_assert_cmpuint (b.input->nodes->len, ==, 7);
  g_assert_nonnull (agnode (g, S ("jv"), FALSE));
  g_assert_nonnull (agnode (g, S ("urge"), FALSE));
  g_assert_null (agnode (g, S ("buy"), FALSE)); /* two parties: a single edge */
  /* buy 1 + jv 3 + urge 2 + advocacy 1 + rivals 1 */
  g_assert_cmpint (agnedges (g), ==, 8);

  /* The acquisition points from acquirer to target, solid, in its family colour. */
  e = find_edge (&b, "buy", FALSE, 0);
  g_assert_nonnull (e);
  g_assert_cmpstr (agnameof (agtail (e)), ==, "example");
  g_assert_cmpstr (agnameof (aghead (e)), ==, "sample");
  g_assert_cmpstr (agget (e, S ("dir")), ==, "forward");
  g_assert_cmpstr (agget (e, S ("style")), ==, "solid");
  g_assert_cmpstr (agget (e, S ("color")), ==, "#c01c28");

  /* Two sources make a wider line than one. */
  g_assert_cmpfloat (
      g_ascii_strtod (agget (e, S ("penwidth")), NULL), >,
      g_ascii_strtod (agget (find_edge (&b, "rivals", FALSE, 0), S ("penwidth")), NULL));

  /* A proposal is dashed; the fund that urged it joins the hub with a dashed advocacy edge. */
  e = find_edge (&b, "urge", FALSE, 0);
  g_assert_cmpstr (agget (e, S ("style")), ==, "dashed");
  e = find_edge (&b, "urge", TRUE, 0);
  g_assert_nonnull (e);
  g_assert_cmpstr (agnameof (agtail (e)), ==, "fund");
  g_assert_cmpstr (agnameof (aghead (e)), ==, "urge");
  g_assert_cmpstr (agget (e, S ("arrowhead")), ==, "empty");

  /* Equals have no arrow. */
  g_assert_cmpstr (agget (find_edge (&b, "rivals", FALSE, 0), S ("dir")), ==, "none");

  /* Shapes follow entity kinds. */
  g_assert_cmpstr (agget (agnode (g, S ("venture"), FALSE), S ("shape")), ==, "hexagon");
  g_assert_cmpstr (agget (agnode (g, S ("fund"), FALSE), S ("shape")), ==, "octagon");
  g_assert_cmpstr (agget (agnode (g, S ("example"), FALSE), S ("style")), ==, "filled,rounded");
  g_assert_cmpstr (agget (agnode (g, S ("jv"), FALSE), S ("shape")), ==, "diamond");
}

static void
test_graph_filter (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  gboolean entities[5] = { TRUE, TRUE, FALSE, FALSE, TRUE };
  KrLayoutOptions options = { .visible_entities = entities, .n_entities = G_N_ELEMENTS (entities) };
  g_auto (Built) b = { 0 };
  Agraph_t *g;

  build (&b, ds, &options);
  g = b.graph->graph;

  /* Without the venture and the fund, the venture is a two-party deal and the urged
   * investment has no visible proposer: no hubs remain. */
  g_assert_cmpint (agnnodes (g), ==, 3);
  g_assert_cmpint (agnedges (g), ==, 4);
}

static const char *hostile_names[] = {
  "Quote \" and \\N and \\G and \\n",
  "<b>bold</b> <table><tr><td>x</td></tr></table>",
  "]; evil -> graph [label=\"pwned\"",
  "&amp; & ' \x01 control",
};

/* @text as a JSON string's contents: g_strescape() writes octal escapes, which JSON has not. */
static char *
json_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar)*p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar)*p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The dataset @json describes, which must be valid. */
static KrDataset *
dataset_from_json (GString *json, const char *name)
{
  /* GLib's inline g_string_append() allows for a NULL string: without this, GCC 15 warns of
   * the dereference below on that path. */
  g_assert_nonnull (json);
  g_autoptr (GBytes) bytes = g_bytes_new (json->str, json->len);
  g_autoptr (GError) error = NULL;
  KrDataset *ds = kr_dataset_new_from_bytes (bytes, name, NULL, &error);

  g_assert_no_error (error);
  return ds;
}

static KrDataset *
hostile_dataset (void)
{
  g_autoptr (GString) json = g_string_new ("{\"format\":\"keiretsu-dataset\",\"version\":1,"
                                           "\"title\":\"<script>alert(1)</script>\","
                                           "\"articles\":[{\"id\":\"a\",\"title\":\"T\","
                                           "\"publisher\":\"P\"}],\"entities\":[");

  for (guint i = 0; i < G_N_ELEMENTS (hostile_names); i++)
    {
      g_autofree char *escaped = json_escape (hostile_names[i]);
      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"name\":\"%s\",\"kind\":\"company\"}",
                              i ? "," : "", i, escaped);
    }
  g_string_append (json, "],\"deals\":[{\"id\":\"d\",\"kind\":\"alliance\",\"status\":\"active\","
                         "\"summary\":\"</title><script>x</script>\",\"parties\":["
                         "{\"entity\":\"e0\",\"role\":\"partner\"},{\"entity\":\"e1\",\"role\":"
                         "\"partner\"}],\"evidence\":[{\"article\":\"a\",\"quote\":\"q\"}]}]}");
  return dataset_from_json (json, "hostile");
}

static void
test_injection (void)
{
  g_autoptr (KrDataset) ds = hostile_dataset ();
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_auto (Built) b = { 0 };
  Agraph_t *g;
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (GBytes) svg = NULL;
  g_autoptr (GError) error = NULL;
  const char *text;

  build (&b, ds, &options);
  g = b.graph->graph;
  /* Names cannot add nodes, edges or attributes. */
  g_assert_cmpint (agnnodes (g), ==, (int)G_N_ELEMENTS (hostile_names));
  g_assert_cmpint (agnedges (g), ==, 1);
  /* Labels keep backslashes literal: Graphviz turns "\\N" back into "\N", not the node name. */
  g_assert_nonnull (strstr (agget (agnode (g, S ("e0"), FALSE), S ("label")), "\\\\N"));

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
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");

  for (KrEngine engine = 0; engine < KR_N_ENGINES; engine++)
    {
      KrLayoutOptions options = { .engine = engine };
      g_autoptr (GError) error = NULL;
      g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);

      g_test_message ("engine %s", kr_engine_get_name (engine));
      g_assert_no_error (error);
      g_assert_cmpstr (kr_scene_get_engine (scene), ==, kr_engine_get_name (engine));
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
  KrEngine engine = KR_ENGINE_TWOPI;
  g_autoptr (GError) error = NULL;

  g_assert_false (kr_engine_from_name ("osage; rm -rf", &engine, &error));
  g_assert_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_ENGINE);
  g_assert_cmpint (engine, ==, KR_ENGINE_TWOPI);
}

/* Every engine and direction is named, labelled and found by its name; the settings schema's
 * enums, generated from the same header, list the same names in the same order. */
static void
test_tables (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  const char *schema_dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GError) error = NULL;

  for (KrEngine engine = 0; engine < KR_N_ENGINES; engine++)
    {
      KrEngine found = KR_N_ENGINES;
      g_assert_nonnull (kr_engine_get_name (engine));
      g_assert_cmpstr (kr_engine_get_label (engine), !=, "");
      g_assert_true (kr_engine_from_name (kr_engine_get_name (engine), &found, NULL));
      g_assert_cmpint (found, ==, engine);
    }
  /* Every direction lays out, and the graph runs that way. */
  for (KrRankdir rankdir = 0; rankdir < KR_N_RANKDIRS; rankdir++)
    {
      KrLayoutOptions options = { .rankdir = rankdir };
      g_autofree char *attribute = g_strdup_printf ("rankdir=%s", kr_rankdir_get_name (rankdir));
      g_autofree char *dot = kr_layout_write_dot (ds, &options, &error);
      g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
      KrRankdir found = KR_N_RANKDIRS;

      g_assert_no_error (error);
      g_assert_nonnull (strstr (dot, attribute));
      g_assert_nonnull (scene);
      g_assert_cmpint (kr_scene_get_options (scene)->rankdir, ==, rankdir);
      g_assert_cmpstr (kr_rankdir_get_label (rankdir), !=, "");
      g_assert_true (kr_rankdir_from_name (kr_rankdir_get_name (rankdir), &found));
      g_assert_cmpint (found, ==, rankdir);
    }
  g_assert_false (kr_rankdir_from_name ("up", NULL));

  if (schema_dir == NULL)
    {
      g_test_skip ("GSETTINGS_SCHEMA_DIR names no compiled settings schema");
      return;
    }
  source = g_settings_schema_source_new_from_directory (schema_dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  g_assert_nonnull (schema);
  for (guint k = 0; k < 2; k++)
    {
      const char *name = k == 0 ? "layout-engine" : "rank-direction";
      guint n = k == 0 ? KR_N_ENGINES : KR_N_RANKDIRS;
      g_autoptr (GSettingsSchemaKey) key = g_settings_schema_get_key (schema, name);
      g_autoptr (GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr (GVariant) values = NULL;
      g_autofree const char **nicks = NULL;
      const char *type;
      gsize n_nicks;

      g_variant_get (range, "(&sv)", &type, &values);
      g_assert_cmpstr (type, ==, "enum");
      nicks = g_variant_get_strv (values, &n_nicks);
      g_assert_cmpuint (n_nicks, ==, n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (nicks[i], ==, k == 0 ? kr_engine_get_name (i) : kr_rankdir_get_name (i));
    }
}

/* A copy holds every field, and shares nothing with the original. */
static void
test_options_copy (void)
{
  gboolean entities[3] = { TRUE, FALSE, TRUE };
  gboolean deals[2] = { FALSE, TRUE };
  char root[] = "nissan";
  KrLayoutOptions options = {
    .engine = KR_ENGINE_TWOPI,
    .rankdir = KR_RANKDIR_BT,
    .root = root,
    .visible_entities = entities,
    .n_entities = G_N_ELEMENTS (entities),
    .visible_deals = deals,
    .n_deals = G_N_ELEMENTS (deals),
  };
  g_autoptr (KrLayoutOptions) copy = kr_layout_options_copy (&options);
  g_autoptr (KrLayoutOptions) boxed = g_boxed_copy (KR_TYPE_LAYOUT_OPTIONS, copy);
  const KrLayoutOptions none = { .visible_entities = entities, .visible_deals = deals };
  g_autoptr (KrLayoutOptions) empty = kr_layout_options_copy (&none);
  const KrLayoutOptions defaults = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (KrLayoutOptions) all = kr_layout_options_copy (&defaults);

  for (guint i = 0; i < 2; i++)
    {
      const KrLayoutOptions *c = i == 0 ? copy : boxed;
      g_assert_cmpint (c->engine, ==, KR_ENGINE_TWOPI);
      g_assert_cmpint (c->rankdir, ==, KR_RANKDIR_BT);
      g_assert_cmpstr (c->root, ==, "nissan");
      g_assert_cmpuint (c->n_entities, ==, 3);
      g_assert_cmpmem (c->visible_entities, 3 * sizeof (gboolean), entities, sizeof entities);
      g_assert_cmpuint (c->n_deals, ==, 2);
      g_assert_cmpmem (c->visible_deals, 2 * sizeof (gboolean), deals, sizeof deals);
    }
  g_assert_true (copy->root != options.root && copy->root != boxed->root);
  g_assert_true (copy->visible_entities != entities
                 && copy->visible_entities != boxed->visible_entities);
  g_assert_true (copy->visible_deals != deals && copy->visible_deals != boxed->visible_deals);
  root[0] = 'N';
  entities[0] = FALSE;
  deals[1] = FALSE;
  g_assert_cmpstr (copy->root, ==, "nissan");
  g_assert_true (copy->visible_entities[0] && copy->visible_deals[1]);

  /* Nothing visible stays nothing visible; no flags stay everything visible. */
  g_assert_nonnull (empty->visible_entities);
  g_assert_nonnull (empty->visible_deals);
  g_assert_null (all->root);
  g_assert_null (all->visible_entities);
  g_assert_null (all->visible_deals);
}

static void
test_hit_test (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
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
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_export_formats (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
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
  g_assert_cmpint (kr_export_format_from_filename ("map.gv"), ==, KR_EXPORT_DOT);
  g_assert_cmpint (kr_export_format_from_filename ("svg"), ==, -1);
  /* Every format's usual extension names it. */
  for (KrExportFormat f = KR_EXPORT_SVG; f <= KR_EXPORT_DOT; f++)
    g_assert_cmpint (kr_export_format_from_extension (kr_export_format_extension (f)), ==, f);

  /* The window renders in a thread: the same file as here. */
  {
    g_autoptr (GBytes) svg = kr_export_render (scene, KR_EXPORT_SVG, NULL, &error);
    g_autoptr (GBytes) threaded = NULL;
    g_autoptr (GAsyncResult) result = NULL;

    kr_export_render_async (scene, KR_EXPORT_SVG, NULL, NULL, store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    threaded = kr_export_render_finish (result, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (svg, threaded));
  }
}

static KrScene *
wait_for_layout (GAsyncResult **slot, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (slot);
  return kr_layout_run_finish (result, error);
}

static gboolean
use_keiretsu_as_worker (void)
{
  const char *keiretsu = g_getenv ("KEIRETSU");
  const char *argv[] = { keiretsu, KR_LAYOUT_WORKER_OPTION, NULL };

  if (keiretsu == NULL)
    {
      g_test_skip ("KEIRETSU names no program to run as the layout helper");
      return FALSE;
    }
  kr_layout_set_worker (argv);
  return TRUE;
}

static void
test_worker (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) local = kr_layout_run (ds, &options, &error);
  g_autoptr (KrScene) remote = NULL;
  GAsyncResult *result = NULL;

  if (!use_keiretsu_as_worker ())
    return;
  kr_layout_run_async (ds, &options, NULL, store_result, &result);
  remote = wait_for_layout (&result, &error);
  kr_layout_set_worker (NULL);

  /* The helper's layout is the one this process would have made. */
  g_assert_no_error (error);
  g_assert_cmpuint (kr_scene_get_n_nodes (remote), ==, kr_scene_get_n_nodes (local));
  g_assert_cmpuint (kr_scene_get_n_edges (remote), ==, kr_scene_get_n_edges (local));
  g_assert_cmpfloat_with_epsilon (kr_scene_get_width (remote), kr_scene_get_width (local), 0.01);
  for (guint i = 0; i < kr_scene_get_n_nodes (local); i++)
    {
      const KrSceneNode *a = kr_scene_get_node (local, i), *b = kr_scene_get_node (remote, i);
      g_assert_cmpuint (a->index, ==, b->index);
      g_assert_cmpfloat_with_epsilon (a->x, b->x, 0.01);
      g_assert_cmpfloat_with_epsilon (a->y, b->y, 0.01);
      g_assert_cmpuint (a->n_vertices, ==, b->n_vertices);
    }
  for (guint i = 0; i < kr_scene_get_n_edges (local); i++)
    g_assert_cmpuint (kr_scene_get_edge (local, i)->n_points, ==,
                      kr_scene_get_edge (remote, i)->n_points);
}

static void
test_worker_cancel (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions first = { .engine = KR_ENGINE_NEATO };
  KrLayoutOptions second = { .engine = KR_ENGINE_DOT };
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error1 = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (KrScene) scene1 = NULL;
  g_autoptr (KrScene) scene2 = NULL;
  GAsyncResult *result1 = NULL, *result2 = NULL;

  if (!use_keiretsu_as_worker ())
    return;
  /* A newer request cancels the older one at once. */
  kr_layout_run_async (ds, &first, cancellable, store_result, &result1);
  g_cancellable_cancel (cancellable);
  kr_layout_run_async (ds, &second, NULL, store_result, &result2);
  scene1 = wait_for_layout (&result1, &error1);
  scene2 = wait_for_layout (&result2, &error2);
  kr_layout_set_worker (NULL);

  g_assert_null (scene1);
  g_assert_error (error1, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (error2);
  g_assert_cmpstr (kr_scene_get_engine (scene2), ==, "dot");
}

static void
test_worker_crash (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  const char *crashing[] = { "/bin/sh", "-c", "cat >/dev/null; kill -SEGV $$", NULL };
  const char *failing[]
      = { "/bin/sh", "-c", "cat >/dev/null; echo 'Error: syntax' >&2; exit 1", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = NULL;
  GAsyncResult *result = NULL;

  /* A crash inside the helper is an error message, not a crash here. */
  kr_layout_set_worker (crashing);
  kr_layout_run_async (ds, &options, NULL, store_result, &result);
  scene = wait_for_layout (&result, &error);
  g_assert_null (scene);
  g_assert_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "stopped unexpectedly"));
  g_clear_error (&error);

  kr_layout_set_worker (failing);
  kr_layout_run_async (ds, &options, NULL, store_result, &result);
  scene = wait_for_layout (&result, &error);
  kr_layout_set_worker (NULL);
  g_assert_null (scene);
  g_assert_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Error: syntax");
}

/* A reply for @input whose first node sits at @x, its edges straight lines along y = 0. */
static KrLayoutOutput *
make_output (const KrLayoutInput *input, double x)
{
  KrLayoutOutput *output = kr_layout_output_new (100, 50);

  for (guint i = 0; i < input->nodes->len; i++)
    {
      KrOutputNode node = { .x = i == 0 ? x : 10.0 * i, .y = 20 };
      g_array_append_val (output->nodes, node);
    }
  for (guint i = 0; i < input->edges->len; i++)
    {
      KrOutputEdge edge = { .n_points = 4, .points = g_new (KrPoint, 4) };
      for (guint p = 0; p < 4; p++)
        edge.points[p] = (KrPoint){ p, 0 };
      g_array_append_val (output->edges, edge);
    }
  return output;
}

static void
test_unplaced_output (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (KrLayoutInput) input = kr_layout_input_new (ds, &options);
  const double places[] = { 0, NAN, INFINITY, -INFINITY };

  /* Coordinates that are not numbers come through intact, and are judged apart: an engine's
   * failure, not a malformed reply. */
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr (KrLayoutOutput) output = make_output (input, places[i]);
      g_autoptr (GBytes) bytes = kr_layout_output_serialize (output);
      g_autoptr (GError) error = NULL;
      g_autoptr (KrLayoutOutput) back
          = kr_layout_output_deserialize (bytes, input->nodes->len, input->edges->len, &error);

      g_assert_no_error (error);
      g_assert_nonnull (back);
      g_assert_true (kr_layout_output_is_placed (back) == isfinite (places[i]));
    }
  {
    g_autoptr (KrLayoutOutput) output = make_output (input, 0);
    g_array_index (output->edges, KrOutputEdge, 0).points[2].y = NAN;
    g_assert_false (kr_layout_output_is_placed (output));
    output->width = INFINITY;
    g_array_index (output->edges, KrOutputEdge, 0).points[2].y = 0;
    g_assert_false (kr_layout_output_is_placed (output));
  }
}

static void
test_worker_unplaced (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = { .engine = KR_ENGINE_SFDP };
  g_autoptr (KrLayoutInput) input = kr_layout_input_new (ds, &options);
  g_autoptr (KrLayoutOutput) output = make_output (input, NAN);
  g_autoptr (GBytes) bytes = kr_layout_output_serialize (output);
  g_autofree char *path = NULL;
  g_autofree char *script = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = NULL;
  GAsyncResult *result = NULL;
  int fd = g_file_open_tmp ("kr-unplaced-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize)g_bytes_get_size (bytes), &error));
  script = g_strdup_printf ("cat >/dev/null; cat '%s'", path);

  /* A helper that answers with NaN: the engine is named as the one that failed. */
  {
    const char *argv[] = { "/bin/sh", "-c", script, NULL };
    kr_layout_set_worker (argv);
  }
  kr_layout_run_async (ds, &options, NULL, store_result, &result);
  scene = wait_for_layout (&result, &error);
  kr_layout_set_worker (NULL);
  g_remove (path);
  g_assert_null (scene);
  g_assert_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "sfdp could not place the entities: it gave coordinates that are not numbers");
}

static void
test_dot_output (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = { .engine = KR_ENGINE_NEATO };
  g_autoptr (GError) error = NULL;
  g_autofree char *dot = kr_layout_write_dot (ds, &options, &error);
  Agraph_t *g;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (dot, "digraph keiretsu {"));
  /* It reads back as the same graph, with names and labels. */
  g = agmemread (dot);
  g_assert_nonnull (g);
  g_assert_cmpint (agnnodes (g), ==, 7);
  g_assert_cmpint (agnedges (g), ==, 8);
  g_assert_cmpstr (agget (agnode (g, S ("example"), FALSE), S ("label")), ==, "Example Corp");
  g_assert_cmpstr (agget (g, S ("layout")), ==, "neato");
  agclose (g);
}

static double
luminance (KrColor c)
{
  double ch[3] = { c.red, c.green, c.blue };
  for (int i = 0; i < 3; i++)
    ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow ((ch[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static double
contrast (KrColor a, KrColor b)
{
  double la = luminance (a), lb = luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_palette_contrast (void)
{
  for (int dark = 0; dark < 2; dark++)
    {
      const KrPalette *p = kr_palette_get (dark);

      /* WCAG AA: 4.5:1 for text, 3:1 for lines and shapes against the background. */
      g_assert_cmpfloat (contrast (p->text, p->background), >=, 4.5);
      for (int k = 0; k < KR_N_ENTITY_KINDS; k++)
        g_assert_cmpfloat (contrast (p->text, p->entity_fill[k]), >=, 4.5);
      for (int k = 0; k < KR_N_DEAL_KINDS; k++)
        g_assert_cmpfloat (contrast (kr_palette_deal_color (p, k, KR_STATUS_ACTIVE), p->background),
                           >=, 3.0);
      g_assert_cmpfloat (contrast (p->node_stroke, p->background), >=, 3.0);
      g_assert_cmpfloat (contrast (p->selection, p->background), >=, 3.0);
      g_assert_cmpfloat (contrast (p->disputed, p->background), >=, 3.0);
    }
}

typedef struct
{
  KrPainter parent;
  guint paths, texts;
} CountingPainter;

static void
count_begin (KrPainter *p, const KrGroupInfo *info, double opacity)
{
}

static void
count_end (KrPainter *p)
{
}

static void
count_path (KrPainter *p, const KrPath *path, const KrPaint *paint)
{
  ((CountingPainter *)p)->paths++;
}

static void
count_text (KrPainter *p, PangoLayout *layout, double cx, double cy, double scale, KrColor color)
{
  ((CountingPainter *)p)->texts++;
}

static void
test_culling (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  PangoContext *context = kr_text_context_new ();
  CountingPainter all = { { count_begin, count_end, count_path, count_text, context }, 0, 0 };
  CountingPainter none = all, one = all;
  KrPaintOptions o;
  const KrSceneNode *example;

  g_assert_no_error (error);
  kr_paint_options_init (&o, kr_palette_get (FALSE));
  kr_scene_paint (scene, &all.parent, &o);
  g_assert_cmpuint (all.texts, ==, 5); /* every entity's name */
  g_assert_cmpuint (all.paths, >=, kr_scene_get_n_nodes (scene) + kr_scene_get_n_edges (scene));

  /* A viewport beside the diagram draws nothing. */
  o.viewport = (KrRect){ kr_scene_get_width (scene) + 100, 0, 50, 50 };
  kr_scene_paint (scene, &none.parent, &o);
  g_assert_cmpuint (none.paths, ==, 0);
  g_assert_cmpuint (none.texts, ==, 0);

  /* A viewport on one node draws that node and little else. */
  example = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, 0));
  o.viewport = (KrRect){ example->x - 2, example->y - 2, 4, 4 };
  kr_scene_paint (scene, &one.parent, &o);
  g_assert_cmpuint (one.texts, >=, 1);
  g_assert_cmpuint (one.paths, <, all.paths);

  /* Far out, labels are not drawn; exports (scale 0) always draw them. */
  o.viewport.width = 0;
  o.scale = 0.1;
  none.paths = none.texts = 0;
  kr_scene_paint (scene, &none.parent, &o);
  g_assert_cmpuint (none.texts, ==, 0);
  g_object_unref (context);
}

/* ---- legibility ---- */

/* Deal number @n between two entities, one of them supplying the other or both partners. */
static void
append_deal (GString *deals, guint n, const char *first, const char *second, gboolean supply)
{
  g_string_append_printf (deals,
                          "%s{\"id\":\"d%u\",\"kind\":\"%s\",\"status\":\"active\","
                          "\"summary\":\"s\",\"parties\":[{\"entity\":\"%s\",\"role\":\"%s\"},"
                          "{\"entity\":\"%s\",\"role\":\"%s\"}],\"evidence\":[{\"article\":"
                          "\"a\",\"quote\":\"q\"}]}",
                          n > 0 ? "," : "", n, supply ? "supply" : "alliance", first,
                          supply ? "supplier" : "partner", second, supply ? "customer" : "partner");
}

/* Hubs: entities h0, h1… each with leaves[i] entities of their own, which have no other deal;
 * the hubs are in a chain of alliances. */
static KrDataset *
star_dataset (const guint *leaves, guint n_hubs)
{
  g_autoptr (GString) entities = g_string_new (NULL);
  g_autoptr (GString) deals = g_string_new (NULL);
  g_autoptr (GString) json = g_string_new (NULL);
  guint n = 0;

  for (guint h = 0; h < n_hubs; h++)
    {
      g_autofree char *hub = g_strdup_printf ("h%u", h);
      g_autofree char *previous = g_strdup_printf ("h%u", h - 1);

      g_string_append_printf (entities,
                              "%s{\"id\":\"%s\",\"name\":\"Hub %u\",\"kind\":"
                              "\"company\"}",
                              h > 0 ? "," : "", hub, h);
      if (h > 0)
        append_deal (deals, n++, previous, hub, FALSE);
      for (guint l = 0; l < leaves[h]; l++)
        {
          g_autofree char *leaf = g_strdup_printf ("h%u-%u", h, l);

          g_string_append_printf (entities,
                                  ",{\"id\":\"%s\",\"name\":\"Leaf %u of hub %u\","
                                  "\"kind\":\"company\"}",
                                  leaf, l, h);
          append_deal (deals, n++, hub, leaf, TRUE);
        }
    }
  g_string_append_printf (json,
                          "{\"format\":\"keiretsu-dataset\",\"version\":1,\"title\":"
                          "\"Stars\",\"articles\":[{\"id\":\"a\",\"title\":\"T\",\"publisher\":"
                          "\"P\"}],\"entities\":[%s],\"deals\":[%s]}",
                          entities->str, deals->str);
  return dataset_from_json (json, "stars");
}

/* Hubs are labelled larger, the more deals they have; every node holds its label; DOT output
 * gives each its size. */
static void
test_hub_labels (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  g_autofree char *dot = NULL;
  int nissan = kr_dataset_find_entity (ds, "nissan");
  const KrSceneNode *hub;
  g_autoptr (GArray) deals = NULL;
  guint fewest = G_MAXUINT;
  Agraph_t *g;

  g_assert_no_error (error);
  hub = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, (guint)nissan));
  deals = kr_dataset_list_entity_deals (ds, (guint)nissan);
  g_assert_cmpuint (hub->n_deals, ==, deals->len);
  g_assert_cmpfloat (hub->font_size, >, KR_SCENE_FONT_SIZE);
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, i);

      if (node->type != KR_SCENE_NODE_ENTITY)
        continue;
      fewest = MIN (fewest, node->n_deals);
      g_assert_cmpfloat (node->font_size, >=, KR_SCENE_FONT_SIZE);
      g_assert_cmpfloat (node->font_size, <=, hub->font_size);
      g_assert_true (node->n_deals < hub->n_deals || node->font_size == hub->font_size);
      g_assert_cmpfloat (node->label_width, >, 0);
      g_assert_cmpfloat (node->label_width, <, node->width);
      g_assert_cmpfloat (node->label_height, <, node->height);
    }
  g_assert_cmpfloat (kr_text_label_size (fewest), ==, KR_SCENE_FONT_SIZE);

  dot = kr_layout_write_dot (ds, &options, &error);
  g_assert_no_error (error);
  g = agmemread (dot);
  g_assert_nonnull (g);
  g_assert_cmpfloat_with_epsilon (
      g_ascii_strtod (agget (agnode (g, S ("nissan"), FALSE), S ("fontsize")), NULL),
      hub->font_size, 1e-3);
  g_assert_cmpfloat (g_ascii_strtod (agget (agnode (g, S ("s-ride"), FALSE), S ("fontsize")), NULL),
                     ==, KR_SCENE_FONT_SIZE);
  agclose (g);
}

/* dot spreads the leaves of a hub over three ranks instead of one long row. */
static void
test_stagger (void)
{
  const guint leaves[] = { 9 };
  g_autoptr (KrDataset) ds = star_dataset (leaves, 1);
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  g_autoptr (GHashTable) ranks = g_hash_table_new (NULL, NULL);
  const KrSceneNode *hub;

  g_assert_no_error (error);
  hub = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, 0));
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, i);
      if (node != hub)
        g_hash_table_add (ranks, GINT_TO_POINTER ((int)round (node->x)));
    }
  /* Left to right: the leaves stand in three columns. */
  g_assert_cmpuint (g_hash_table_size (ranks), ==, 3);
}

static gboolean
rects_overlap (KrRect a, KrRect b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/* From afar, the hubs are named on plates that hide no other name, the rest are left out; close
 * up, every label is drawn at its own size in its node; in between, small labels grow within
 * their nodes. */
static void
test_label_plan (void)
{
  const guint leaves[] = { 24, 12, 6, 2 };
  g_autoptr (KrDataset) ds = star_dataset (leaves, G_N_ELEMENTS (leaves));
  KrLayoutOptions options = { .engine = KR_ENGINE_SFDP };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  double far = 2.0 / KR_SCENE_FONT_SIZE, between = 8.0 / KR_SCENE_FONT_SIZE;
  g_autoptr (KrLabelPlan) afar = NULL;
  g_autoptr (KrLabelPlan) near = NULL;
  g_autoptr (KrLabelPlan) mid = NULL;
  g_autoptr (GArray) plates = g_array_new (FALSE, FALSE, sizeof (KrRect));
  PangoContext *context = kr_text_context_new ();
  CountingPainter counter = { { count_begin, count_end, count_path, count_text, context }, 0, 0 };
  KrPaintOptions o;
  guint shown = 0;

  g_assert_no_error (error);
  afar = kr_label_plan_new (scene, far);
  near = kr_label_plan_new (scene, 1.0);
  mid = kr_label_plan_new (scene, between);
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, i);
      KrLabel label = kr_label_plan_get (afar, i);
      KrLabel close_up = kr_label_plan_get (near, i);
      KrLabel grown = kr_label_plan_get (mid, i);

      if (node->type != KR_SCENE_NODE_ENTITY)
        {
          g_assert_cmpint (label.placement, ==, KR_LABEL_HIDDEN);
          continue;
        }
      if (node->font_size > KR_SCENE_FONT_SIZE)
        {
          /* Every hub but the one with only two leaves. */
          g_assert_cmpint (label.placement, ==, KR_LABEL_ON_PLATE);
          g_assert_cmpfloat_with_epsilon (node->font_size * label.scale * far,
                                          KR_LABEL_LEGIBLE_PIXELS, 1e-9);
          for (guint k = 0; k < plates->len; k++)
            g_assert_false (
                rects_overlap (g_array_index (plates, KrRect, k),
                               kr_label_plate_bounds (node, label, far, node->x, node->y)));
          g_array_append_val (
              plates, *(KrRect[]){ kr_label_plate_bounds (node, label, far, node->x, node->y) });
          /* A plate stands for its node: a point on it, beyond the node's outline, is the
           * node's. */
          {
            KrRect r = kr_label_plate_bounds (node, label, far, node->x, node->y);
            double x = r.x + 1e-3, y = node->y;
            g_assert_cmpfloat (x, <, node->x - node->width / 2);
            g_assert_cmpint (kr_label_plan_plate_at (afar, scene, x, y), ==, (int)i);
            g_assert_cmpint (kr_label_plan_plate_at (near, scene, x, y), ==, -1);
          }
        }
      else
        g_assert_cmpint (label.placement, ==, KR_LABEL_HIDDEN);
      shown += label.placement != KR_LABEL_HIDDEN;

      g_assert_cmpint (close_up.placement, ==, KR_LABEL_IN_NODE);
      g_assert_cmpfloat (close_up.scale, ==, 1.0);

      g_assert_cmpint (grown.placement, ==, KR_LABEL_IN_NODE);
      if (node->font_size * between < KR_LABEL_LEGIBLE_PIXELS)
        g_assert_cmpfloat (grown.scale, >, 1.0);
      else
        g_assert_cmpfloat (grown.scale, ==, 1.0);
      g_assert_cmpfloat (node->label_width * grown.scale, <, node->width);
      g_assert_cmpfloat (node->label_height * grown.scale, <, node->height);
    }
  g_assert_cmpuint (plates->len, ==, 3);

  /* Drawn so: the plated names, and no other. */
  kr_paint_options_init (&o, kr_palette_get (FALSE));
  o.scale = far;
  o.labels = afar;
  kr_scene_paint (scene, &counter.parent, &o);
  g_assert_cmpuint (counter.texts, ==, shown);
  g_object_unref (context);
}

/* ---- tiles ---- */

#define TEST_TILE 64

typedef struct
{
  KrScene *scene;
  PangoContext *context;
  double zoom;
  guint drawn;
} TileFixture;

static void
draw_test_tile (cairo_t *cr, const KrRect *area, gpointer data)
{
  TileFixture *f = data;
  KrPaintOptions o;

  kr_paint_options_init (&o, kr_palette_get (FALSE));
  o.viewport = *area;
  o.scale = f->zoom;
  kr_cairo_paint_scene (cr, f->context, f->scene, &o);
  f->drawn++;
}

static void
compose_tile (KrTile *tile, gpointer data)
{
  cairo_set_source_surface (data, tile->surface, tile->column * TEST_TILE, tile->row * TEST_TILE);
  cairo_paint (data);
}

static void
test_tiles (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = KR_LAYOUT_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, &options, &error);
  const double zoom = 1.7, x0 = -37, y0 = -21; /* a view not aligned with the tiles */
  TileFixture f = { scene, kr_text_context_new (), zoom, 0 };
  g_autoptr (KrTileCache) cache = kr_tile_cache_new (TEST_TILE, NULL);
  int width, height, columns, rows, differing = 0, worst = 0, painted = 0;
  cairo_surface_t *direct, *tiled;
  cairo_t *cr;
  KrPaintOptions o;
  guint drawn;

  g_assert_no_error (error);
  width = (int)ceil (kr_scene_get_width (scene) * zoom) + 80;
  height = (int)ceil (kr_scene_get_height (scene) * zoom) + 50;

  /* The whole view drawn at once … */
  direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (direct);
  cairo_translate (cr, -x0, -y0);
  cairo_scale (cr, zoom, zoom);
  kr_paint_options_init (&o, kr_palette_get (FALSE));
  o.viewport = (KrRect){ x0 / zoom, y0 / zoom, width / zoom, height / zoom };
  o.scale = zoom;
  kr_cairo_paint_scene (cr, f.context, scene, &o);
  cairo_destroy (cr);

  /* … and put together from tiles look the same. */
  tiled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (tiled);
  cairo_translate (cr, -x0, -y0);
  kr_tile_cache_configure (cache, zoom, 1, draw_test_tile, &f);
  kr_tile_cache_foreach (cache, x0, y0, width, height, 0, compose_tile, cr);
  cairo_destroy (cr);
  cairo_surface_flush (direct);
  cairo_surface_flush (tiled);
  for (int y = 0; y < height; y++)
    {
      const guint8 *a
          = cairo_image_surface_get_data (direct) + y * cairo_image_surface_get_stride (direct);
      const guint8 *b
          = cairo_image_surface_get_data (tiled) + y * cairo_image_surface_get_stride (tiled);
      for (int x = 0; x < width * 4; x++)
        {
          int d = abs (a[x] - b[x]);
          worst = MAX (worst, d);
          painted += x % 4 == 3 && a[x] != 0; /* alpha */
          differing += d > 2;
        }
    }
  g_test_message ("tiles against one drawing: worst %d, %d bytes differ by more than 2", worst,
                  differing);
  if (g_getenv ("KR_TEST_TILES_DUMP"))
    {
      cairo_surface_write_to_png (direct, "tiles-direct.png");
      cairo_surface_write_to_png (tiled, "tiles-tiled.png");
    }
  g_assert_cmpint (painted, >, width * height / 20); /* not two empty pictures */
  g_assert_cmpint (differing, <, width * height / 1000 + 1);
  g_assert_cmpint (worst, <=, 64);

  /* Every tile meeting the view was drawn once, and is reused. */
  columns = (int)(floor ((x0 + width - 1) / TEST_TILE) - floor (x0 / TEST_TILE)) + 1;
  rows = (int)(floor ((y0 + height - 1) / TEST_TILE) - floor (y0 / TEST_TILE)) + 1;
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, (guint)(columns * rows));
  g_assert_cmpuint (f.drawn, ==, (guint)(columns * rows));
  cr = cairo_create (tiled);
  kr_tile_cache_foreach (cache, x0, y0, width, height, 0, compose_tile, cr);
  g_assert_cmpuint (f.drawn, ==, (guint)(columns * rows));

  /* Panning by one tile draws one new column and keeps the rest. */
  drawn = f.drawn;
  kr_tile_cache_foreach (cache, x0 + TEST_TILE, y0, width, height, 1, compose_tile, cr);
  g_assert_cmpuint (f.drawn - drawn, ==, (guint)rows);

  /* Far away, the old tiles are dropped. */
  kr_tile_cache_foreach (cache, 100 * TEST_TILE, 0, TEST_TILE, TEST_TILE, 1, compose_tile, cr);
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, 1);

  /* Drawing ahead fills the ring around the view, one tile at a time, then stops. */
  drawn = f.drawn;
  while (kr_tile_cache_draw_ahead (cache, 100 * TEST_TILE, 0, TEST_TILE, TEST_TILE, 1))
    ;
  g_assert_cmpuint (f.drawn - drawn, ==, 8);
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, 9);
  /* With no margin, the rectangle's own tiles are drawn first. */
  drawn = f.drawn;
  g_assert_true (kr_tile_cache_draw_ahead (cache, 0, 0, 2 * TEST_TILE, TEST_TILE, 0));
  g_assert_true (kr_tile_cache_draw_ahead (cache, 0, 0, 2 * TEST_TILE, TEST_TILE, 0));
  g_assert_false (kr_tile_cache_draw_ahead (cache, 0, 0, 2 * TEST_TILE, TEST_TILE, 0));
  g_assert_cmpuint (f.drawn - drawn, ==, 2);
  g_assert_true (kr_tile_cache_is_current (cache, zoom, 1));
  g_assert_false (kr_tile_cache_is_current (cache, zoom, 2));

  /* Another zoom, or anything else changed, starts afresh. */
  kr_tile_cache_configure (cache, zoom, 2, draw_test_tile, &f);
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, 0);
  kr_tile_cache_configure (cache, zoom * 2, 2, draw_test_tile, &f);
  kr_tile_cache_foreach (cache, 0, 0, TEST_TILE, TEST_TILE, 0, compose_tile, cr);
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, 1);
  kr_tile_cache_configure (cache, zoom, 2, draw_test_tile, &f);
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (tiled);
  g_object_unref (f.context);
}

/* A radial layout centres on the root: the graph names it for twopi. */
static void
test_radial_root (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  KrLayoutOptions options = { .engine = KR_ENGINE_TWOPI, .root = "third" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dot = kr_layout_write_dot (ds, &options, &error);
  g_autofree char *plain = NULL;
  g_autoptr (KrScene) scene = NULL;
  const char *at, *line;

  g_assert_no_error (error);
  /* The graph's attributes say so, once. */
  line = strstr (dot, "\tgraph [");
  g_assert_nonnull (line);
  at = strstr (dot, "root=third");
  g_assert_nonnull (at);
  g_assert_true (line < at && strchr (line, ']') > at);
  g_assert_null (strstr (at + 1, "root="));

  options.root = NULL;
  plain = kr_layout_write_dot (ds, &options, NULL);
  g_assert_null (strstr (plain, "root="));

  /* And the layout runs with it. */
  options.root = "third";
  scene = kr_layout_run (ds, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kr_scene_get_n_nodes (scene), >, 0);

  /* Even with entities that are not connected to the root: a node attribute "root" once made
   * twopi crash on those. */
  {
    g_autoptr (KrDataset) network = kr_test_load_good ("network.json");
    g_autoptr (KrScene) radial = NULL;

    options.root = "a";
    radial = kr_layout_run (network, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kr_scene_get_n_nodes (radial), >, 0);
  }
}

/* ---- a map that stays still ---- */

/* Hiding an entity takes its node, and what no longer joins two nodes shown, off the scene;
 * everything keeps its place and its index. */
static void
test_masked_scene (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, NULL, &error);
  g_autoptr (KrScene) masked = NULL;
  g_autoptr (KrScene) again = NULL;
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (ds);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (ds);
  int venture = kr_dataset_find_entity (ds, "venture");
  int fund = kr_dataset_find_entity (ds, "fund");
  int jv = kr_dataset_find_deal (ds, "jv");
  int urge = kr_dataset_find_deal (ds, "urge");
  int rivals = kr_dataset_find_deal (ds, "rivals");
  const KrSceneNode *example;
  KrRect area;
  KrHit hit;

  g_assert_no_error (error);
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    entities[i] = i != (guint)venture && i != (guint)fund;
  for (guint i = 0; i < kr_dataset_get_n_deals (ds); i++)
    deals[i] = i != (guint)rivals;
  masked = kr_scene_new_masked (scene, entities, deals);

  g_assert_true (kr_scene_same_layout (scene, masked));
  g_assert_cmpuint (kr_scene_get_n_nodes (masked), ==, kr_scene_get_n_nodes (scene));
  g_assert_cmpuint (kr_scene_get_n_shown_nodes (masked), ==, 5); /* 3 entities, 2 hubs */
  g_assert_false (kr_scene_shows_everything (masked));
  g_assert_cmpint (kr_scene_find_entity (masked, (guint)venture), <, 0);
  g_assert_cmpint (kr_scene_find_entity (masked, (guint)fund), <, 0);
  /* The hubs join two parties still; the fund's advocacy goes with the fund. */
  g_assert_cmpint (kr_scene_find_deal_hub (masked, (guint)jv), >=, 0);
  g_assert_cmpint (kr_scene_find_deal_hub (masked, (guint)urge), >=, 0);
  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (scene, i);
      gboolean shown = kr_scene_is_edge_shown (masked, i);

      if (e->deal == (guint)rivals || e->advocacy)
        g_assert_false (shown);
      else
        g_assert_cmpint (shown, ==,
                         kr_scene_is_node_shown (masked, e->tail)
                             && kr_scene_is_node_shown (masked, e->head));
    }
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    g_assert_true (kr_scene_get_node (scene, i) == kr_scene_get_node (masked, i));

  /* What is hidden is not hit. */
  example = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, (guint)venture));
  hit = kr_scene_hit_test (masked, example->x, example->y, 3);
  g_assert_cmpint (hit.type, !=, KR_HIT_NODE);
  hit = kr_scene_hit_test (scene, example->x, example->y, 3);
  g_assert_cmpint (hit.type, ==, KR_HIT_NODE);

  /* The shown area holds what is shown, with the margin. */
  area = kr_scene_get_shown_area (masked);
  for (guint i = 0; i < kr_scene_get_n_nodes (masked); i++)
    if (kr_scene_is_node_shown (masked, i))
      {
        KrRect r = kr_scene_node_bounds (kr_scene_get_node (masked, i));
        g_assert_cmpfloat (r.x, >=, area.x + KR_SCENE_MARGIN - 1e-9);
        g_assert_cmpfloat (r.y, >=, area.y + KR_SCENE_MARGIN - 1e-9);
        g_assert_cmpfloat (r.x + r.width, <=, area.x + area.width - KR_SCENE_MARGIN + 1e-9);
        g_assert_cmpfloat (r.y + r.height, <=, area.y + area.height - KR_SCENE_MARGIN + 1e-9);
      }
  area = kr_scene_get_shown_area (scene);
  g_assert_cmpfloat (area.width, ==, kr_scene_get_width (scene));

  /* A hub left with one party goes. */
  entities[kr_dataset_find_entity (ds, "third")] = FALSE;
  {
    g_autoptr (KrScene) fewer = kr_scene_new_masked (scene, entities, deals);
    g_assert_cmpint (kr_scene_find_deal_hub (fewer, (guint)urge), <, 0);
    g_assert_cmpint (kr_scene_find_deal_hub (fewer, (guint)jv), >=, 0);
  }

  /* Masking a masked scene starts from all it holds. */
  again = kr_scene_new_masked (masked, NULL, NULL);
  g_assert_true (kr_scene_shows_everything (again));
  g_assert_cmpuint (kr_scene_get_n_shown_nodes (again), ==, kr_scene_get_n_nodes (scene));
}

/* The scene that shows @view, which must be at hand: no layout runs for it. */
static KrScene *
show_at_once (KrMap *map, const KrMapView *view)
{
  g_assert_true (kr_map_show (map, view));
  g_assert_false (kr_map_is_busy (map));
  return kr_map_get_scene (map);
}

/* Every node that @scene shows is exactly where it is in @whole. */
static void
assert_in_place (KrScene *scene, KrScene *whole)
{
  g_assert_true (kr_scene_same_layout (scene, whole));
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    if (kr_scene_is_node_shown (scene, i))
      {
        const KrSceneNode *a = kr_scene_get_node (scene, i), *b = kr_scene_get_node (whole, i);
        g_assert_cmpfloat (a->x, ==, b->x);
        g_assert_cmpfloat (a->y, ==, b->y);
      }
}

typedef struct
{
  KrMap *map;
  KrScene *whole;
  KrDataset *dataset;
  guint views;
} StillFixture;

/* Shows @filter's view, when it shows something, and checks that nothing shown moved and
 * nothing else is shown. */
static void
check_view (StillFixture *f, const KrFilter *filter)
{
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (f->dataset);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (f->dataset);
  KrMapView view = { .engine = KR_ENGINE_DOT };
  gboolean any = FALSE;
  KrScene *scene;

  if (!kr_filter_apply (filter, f->dataset, entities, deals, NULL))
    return;
  for (guint i = 0; i < kr_dataset_get_n_entities (f->dataset); i++)
    any |= entities[i];
  if (!any)
    return;
  view.shown_entities = entities;
  view.shown_deals = deals;
  scene = show_at_once (f->map, &view);
  assert_in_place (scene, f->whole);
  for (guint i = 0; i < kr_dataset_get_n_entities (f->dataset); i++)
    g_assert_cmpint (kr_scene_find_entity (scene, i) >= 0, ==, entities[i]);
  f->views++;
}

/* Each part of the filter, each step of the timeline in both modes and their mixtures move
 * nothing that stays on the map: no layout runs for them, and every node shown keeps the
 * coordinates of the whole map's. */
static void
test_map_stays_still (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  g_autoptr (KrMap) map = kr_map_new ();
  KrMapView all = { .engine = KR_ENGINE_DOT };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) whole = NULL;
  g_auto (GStrv) dates = kr_dataset_list_dates (ds, 120);
  g_autoptr (GPtrArray) countries = g_ptr_array_new ();
  StillFixture f = { map, NULL, ds, 0 };

  kr_map_set_dataset (map, ds, FALSE);
  whole = kr_map_show_and_wait (map, &all, &error);
  g_assert_no_error (error);
  g_assert_true (kr_scene_shows_everything (whole));
  f.whole = whole;

  for (guint k = 0; k < KR_N_DEAL_KINDS; k++)
    for (int isolated = 0; isolated < 2; isolated++)
      {
        g_auto (KrFilter) filter = KR_FILTER_INIT;
        filter.deal_kinds = ~(1u << k); /* one kind unticked */
        filter.hide_isolated = isolated;
        check_view (&f, &filter);
        filter.deal_kinds = 1u << k; /* only that one */
        check_view (&f, &filter);
      }
  for (guint k = 0; k < KR_N_STATUSES; k++)
    {
      g_auto (KrFilter) filter = KR_FILTER_INIT;
      filter.statuses = 1u << k;
      check_view (&f, &filter);
    }
  for (guint k = 0; k < KR_N_ENTITY_KINDS; k++)
    {
      g_auto (KrFilter) filter = KR_FILTER_INIT;
      filter.entity_kinds = 1u << k;
      check_view (&f, &filter);
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    {
      const char *country = kr_dataset_get_entity (ds, i)->country;
      if (country != NULL
          && !g_ptr_array_find_with_equal_func (countries, country, g_str_equal, NULL))
        {
          g_auto (KrFilter) filter = KR_FILTER_INIT;
          filter.countries = g_new0 (char *, 2);
          filter.countries[0] = g_strdup (country);
          check_view (&f, &filter);
          g_ptr_array_add (countries, (gpointer)country);
        }
    }
  for (guint i = 0; i < kr_dataset_get_n_articles (ds); i++)
    {
      g_auto (KrFilter) filter = KR_FILTER_INIT;
      filter.articles = g_new0 (char *, 2);
      filter.articles[0] = g_strdup (kr_dataset_get_article (ds, i)->id);
      check_view (&f, &filter);
    }
  for (guint depth = 1; depth <= KR_FILTER_MAX_DEPTH; depth++)
    {
      g_auto (KrFilter) filter = KR_FILTER_INIT;
      filter.focus = g_strdup ("nissan");
      filter.depth = depth;
      check_view (&f, &filter);
    }
  {
    g_auto (KrFilter) filter = KR_FILTER_INIT;
    filter.path_from = g_strdup ("honda");
    filter.path_to = g_strdup ("renault");
    check_view (&f, &filter);
  }
  g_assert_cmpuint (g_strv_length (dates), >, 5);
  for (guint i = 0; dates[i] != NULL; i++)
    for (int mode = 0; mode < 3; mode++)
      {
        g_auto (KrFilter) filter = KR_FILTER_INIT;
        if (mode == 0)
          filter.as_of = g_strdup (dates[i]);
        else if (mode == 1)
          filter.as_reported = g_strdup (dates[i]);
        else
          {
            filter.from = g_strdup (dates[0]);
            filter.to = g_strdup (dates[i]);
            filter.hide_isolated = TRUE;
          }
        check_view (&f, &filter);
      }
  g_test_message ("%u views, none moved a node", f.views);
  g_assert_cmpuint (f.views, >, 60);

  /* And back to the whole map: the very same scene. */
  g_assert_true (show_at_once (map, &all) == whole);
}

/* A radial focus is an arrangement of its own, asked for; turning it off, or leaving the
 * focus, shows the whole map's positions again, without laying anything out. */
static void
test_map_radial (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  g_autoptr (KrMap) map = kr_map_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) whole = NULL;
  g_autoptr (KrScene) radial = NULL;
  g_autoptr (KrScene) focused = NULL;
  g_autoptr (KrScene) nearer = NULL;
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (ds);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (ds);
  KrMapView view = { .engine = KR_ENGINE_DOT };

  kr_map_set_dataset (map, ds, FALSE);
  whole = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);

  filter.focus = g_strdup ("nissan");
  filter.depth = 2;
  g_assert_true (kr_filter_apply (&filter, ds, entities, deals, NULL));
  view.shown_entities = entities;
  view.shown_deals = deals;
  focused = g_object_ref (show_at_once (map, &view));
  assert_in_place (focused, whole);

  view.radial = "nissan";
  radial = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  g_assert_false (kr_scene_same_layout (radial, whole));
  g_assert_cmpstr (kr_scene_get_engine (radial), ==, "twopi");
  g_assert_cmpint (kr_map_get_arrangement (map), ==, KR_MAP_RADIAL);

  /* Reaching less keeps the circles: a part of them, hidden, not laid out again. */
  filter.depth = 1;
  g_assert_true (kr_filter_apply (&filter, ds, entities, deals, NULL));
  nearer = g_object_ref (show_at_once (map, &view));
  assert_in_place (nearer, radial);
  g_assert_cmpuint (kr_scene_get_n_shown_nodes (nearer), <, kr_scene_get_n_shown_nodes (radial));

  /* Off: the map as it was. */
  view.radial = NULL;
  assert_in_place (show_at_once (map, &view), whole);
  g_assert_cmpint (kr_map_get_arrangement (map), ==, KR_MAP_WHOLE);
  /* Leaving the focus: the whole map itself. */
  view.shown_entities = view.shown_deals = NULL;
  g_assert_true (show_at_once (map, &view) == whole);
}

/* Tidying lays out what the view shows, from where it is; it holds while the view narrows,
 * and the whole map's positions come back with a view that shows more, or everything. */
static void
test_map_tidy (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  g_autoptr (KrMap) map = kr_map_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) whole = NULL;
  g_autoptr (KrScene) tidied = NULL;
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (ds);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (ds);
  KrMapView view = { .engine = KR_ENGINE_NEATO };

  kr_map_set_dataset (map, ds, FALSE);
  whole = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  /* Nothing is hidden: nothing to tidy. */
  kr_map_tidy (map);
  g_assert_false (kr_map_is_busy (map));

  filter.deal_kinds = 1u << KR_DEAL_ALLIANCE | 1u << KR_DEAL_JOINT_VENTURE;
  filter.hide_isolated = TRUE;
  g_assert_true (kr_filter_apply (&filter, ds, entities, deals, NULL));
  view.shown_entities = entities;
  view.shown_deals = deals;
  assert_in_place (show_at_once (map, &view), whole);

  kr_map_tidy (map);
  g_assert_true (kr_map_is_busy (map));
  while (kr_map_is_busy (map))
    g_main_context_iteration (NULL, TRUE);
  tidied = g_object_ref (kr_map_get_scene (map));
  g_assert_false (kr_scene_same_layout (tidied, whole));
  g_assert_cmpint (kr_map_get_arrangement (map), ==, KR_MAP_TIDIED);
  g_assert_cmpstr (kr_scene_get_engine (tidied), ==, "neato");
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    g_assert_cmpint (kr_scene_find_entity (tidied, i) >= 0, ==, entities[i]);

  /* Narrower: still tidied. */
  filter.deal_kinds = 1u << KR_DEAL_ALLIANCE;
  g_assert_true (kr_filter_apply (&filter, ds, entities, deals, NULL));
  assert_in_place (show_at_once (map, &view), tidied);
  g_assert_cmpint (kr_map_get_arrangement (map), ==, KR_MAP_TIDIED);

  /* Wider: the map's positions, as they were. */
  kr_filter_clear (&filter);
  filter.hide_isolated = TRUE;
  g_assert_true (kr_filter_apply (&filter, ds, entities, deals, NULL));
  assert_in_place (show_at_once (map, &view), whole);
  g_assert_cmpint (kr_map_get_arrangement (map), ==, KR_MAP_WHOLE);
}

static void
assert_entity_at (KrScene *scene, int entity, double x, double y)
{
  int at = kr_scene_find_entity (scene, (guint)entity);

  g_assert_cmpint (at, >=, 0);
  g_assert_cmpfloat_with_epsilon (kr_scene_get_node (scene, (guint)at)->x, x, 0.01);
  g_assert_cmpfloat_with_epsilon (kr_scene_get_node (scene, (guint)at)->y, y, 0.01);
}

static void
wait_for_map (KrMap *map)
{
  g_assert_true (kr_map_is_busy (map));
  while (kr_map_is_busy (map))
    g_main_context_iteration (NULL, TRUE);
}

/* A draft places every entity in the disc of the hub it is nearest to by deals: with one hub in
 * eight entities, each leaf of a star is nearer its own hub than any other. */
static void
test_draft (void)
{
  guint leaves[40];
  g_autoptr (KrDataset) ds = NULL;
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (GError) error = NULL;
  KrLayoutOptions options = { .engine = KR_ENGINE_SFDP, .draft = TRUE };
  double width, height;
  guint n = 0;

  for (guint h = 0; h < G_N_ELEMENTS (leaves); h++)
    leaves[h] = 7;
  ds = star_dataset (leaves, G_N_ELEMENTS (leaves));
  scene = kr_layout_run (ds, &options, &error);
  g_assert_no_error (error);
  width = kr_scene_get_width (scene);
  height = kr_scene_get_height (scene);
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, i);
      const KrEntity *e = kr_dataset_get_entity (ds, node->index);
      const KrSceneNode *own = NULL;
      double nearest = G_MAXDOUBLE;
      guint hub;

      g_assert_true (node->x >= 0 && node->x <= width && node->y >= 0 && node->y <= height);
      if (sscanf (e->id, "h%u-", &hub) != 1 || strchr (e->id, '-') == NULL)
        continue;
      for (guint k = 0; k < kr_scene_get_n_nodes (scene); k++)
        {
          const KrSceneNode *other = kr_scene_get_node (scene, k);
          const char *id = kr_dataset_get_entity (ds, other->index)->id;
          g_autofree char *name = g_strdup_printf ("h%u", hub);

          if (strchr (id, '-') != NULL)
            continue;
          if (g_str_equal (id, name))
            own = other;
          else
            nearest = MIN (nearest, hypot (other->x - node->x, other->y - node->y));
        }
      g_assert_nonnull (own);
      g_assert_cmpfloat (hypot (own->x - node->x, own->y - node->y), <, nearest);
      n++;
    }
  g_assert_cmpuint (n, ==, 40 * 7);
}

/* A draft is made in the window's own worker thread: no helper is started (this one would
 * fail), and it places every entity where a draft made in this process does. */
static void
test_draft_without_helper (void)
{
  guint leaves[24];
  const char *failing[] = { "/bin/sh", "-c", "cat >/dev/null; exit 1", NULL };
  KrLayoutOptions options = { .engine = KR_ENGINE_SFDP, .draft = TRUE };
  g_autoptr (KrDataset) ds = NULL;
  g_autoptr (KrScene) here = NULL;
  g_autoptr (KrScene) there = NULL;
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;

  for (guint h = 0; h < G_N_ELEMENTS (leaves); h++)
    leaves[h] = 1 + h % 9;
  ds = star_dataset (leaves, G_N_ELEMENTS (leaves));
  here = kr_layout_run (ds, &options, &error);
  g_assert_no_error (error);
  kr_layout_set_worker (failing);
  kr_layout_run_async (ds, &options, NULL, store_result, &result);
  there = wait_for_layout (&result, &error);
  kr_layout_set_worker (NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (kr_scene_get_n_nodes (there), ==, kr_scene_get_n_nodes (here));
  for (guint i = 0; i < kr_scene_get_n_nodes (here); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (here, i);
      assert_entity_at (there, (int)node->index, node->x, node->y);
    }
}

/* sfdp is given the graph that `dot` builds from the DOT Keiretsu exports, in the same order:
 * the command-line tool lays that DOT out exactly as Keiretsu's helper process does. (In one
 * process, Graphviz's later sfdp layouts differ from its first: each layout has a helper of
 * its own, as the command-line tool is a process of its own.) */
static void
test_sfdp_as_exported (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  KrLayoutOptions options = { .engine = KR_ENGINE_SFDP };
  g_autofree char *program = g_find_program_in_path ("dot");
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *plain = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) placed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = kr_dataset_get_n_entities (ds), compared = 0;

  if (program == NULL)
    {
      g_test_skip ("Graphviz's dot program is not installed");
      return;
    }
  if (!use_keiretsu_as_worker ())
    return;
  {
    GAsyncResult *result = NULL;

    kr_layout_run_async (ds, &options, NULL, store_result, &result);
    scene = wait_for_layout (&result, &error);
    kr_layout_set_worker (NULL);
  }
  g_assert_no_error (error);
  text = kr_layout_write_dot (ds, &options, &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("kr-test-layout-XXXXXX", NULL);
  path = g_build_filename (dir, "map.dot", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  {
    const char *argv[] = { program, "-Ksfdp", "-Tplain", path, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &plain, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (path);
  g_rmdir (dir);

  /* "node NAME X Y …", in inches. */
  lines = g_strsplit (plain, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = g_strsplit (lines[i], " ", 5);
      KrPoint *at;

      if (g_strv_length (words) < 4 || !g_str_equal (words[0], "node"))
        continue;
      /* Ids with a hyphen come quoted. */
      if (words[1][0] == '"')
        {
          memmove (words[1], words[1] + 1, strlen (words[1]));
          words[1][strlen (words[1]) - 1] = '\0';
        }
      at = g_new (KrPoint, 1);
      at->x = g_ascii_strtod (words[2], NULL) * 72;
      at->y = g_ascii_strtod (words[3], NULL) * 72;
      for (guint e = 0; e < n; e++)
        if (g_str_equal (kr_dataset_get_entity (ds, e)->id, words[1]))
          g_hash_table_insert (placed, (gpointer)kr_dataset_get_entity (ds, e)->id, at), at = NULL;
      g_free (at);
    }
  /* The same places, but for where each puts the map: every distance between two entities is
   * the same. */
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        const KrPoint *pa = g_hash_table_lookup (placed, kr_dataset_get_entity (ds, a)->id);
        const KrPoint *pb = g_hash_table_lookup (placed, kr_dataset_get_entity (ds, b)->id);
        const KrSceneNode *na = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, a));
        const KrSceneNode *nb = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, b));

        g_assert_nonnull (pa);
        g_assert_nonnull (pb);
        g_assert_cmpfloat_with_epsilon (hypot (na->x - nb->x, na->y - nb->y),
                                        hypot (pa->x - pb->x, pa->y - pb->y), 1.0);
        compared++;
      }
  g_assert_cmpuint (compared, >, 100);
}

static void
count_failure (gpointer map, const GError *error, guint *failures)
{
  (*failures)++;
}

/* Stopping a layout under way says nothing and shows nothing new; the next view that needs it
 * starts it again. */
static void
test_map_stop (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  g_autoptr (KrMap) map = kr_map_new ();
  KrMapView view = { .engine = KR_ENGINE_NEATO };
  const char *sleeping[] = { "/bin/sh", "-c", "cat >/dev/null; exec sleep 600", NULL };
  guint failures = 0;

  g_signal_connect (map, "failed", G_CALLBACK (count_failure), &failures);
  kr_map_set_dataset (map, ds, FALSE);
  kr_layout_set_worker (sleeping);
  g_assert_false (kr_map_show (map, &view));
  g_assert_true (kr_map_is_busy (map));
  kr_map_stop (map);
  kr_layout_set_worker (NULL);
  g_assert_false (kr_map_is_busy (map));
  /* What the cancelled helper would still say is not heard. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  g_assert_null (kr_map_get_scene (map));
  g_assert_cmpuint (failures, ==, 0);

  g_assert_false (kr_map_show (map, &view));
  wait_for_map (map);
  g_assert_nonnull (kr_map_get_scene (map));
  g_assert_cmpuint (failures, ==, 0);
  kr_map_stop (map); /* at rest: nothing to stop, and the scene stays */
  g_assert_nonnull (kr_map_get_scene (map));
}

/* A graph file that draws its entities opens as drawn: the pins the arrangement makes of its
 * positions put each where the file has it, relative to the others, with y turned down. */
static void
test_drawn_pins (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_format ("gephi.gexf");
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  g_autoptr (KrMap) map = kr_map_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = NULL;
  KrMapView view = KR_MAP_VIEW_INIT;
  g_autofree char *key = kr_map_pins_key (view.engine, view.rankdir);
  int toyota = kr_dataset_find_entity (ds, "toyota");
  int subaru = kr_dataset_find_entity (ds, "subaru");
  const KrSceneNode *t, *s;

  g_assert_cmpuint (kr_arrangement_pin_drawn (arrangement, key, ds), ==, 2);
  view.pins = kr_arrangement_get_pins (arrangement, key);
  kr_map_set_dataset (map, ds, FALSE);
  scene = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  t = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, (guint)toyota));
  s = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, (guint)subaru));
  /* Gephi has Toyota at (-120.5, 44.25) and Subaru at (80, -10), y up. */
  g_assert_cmpfloat_with_epsilon (s->x - t->x, 200.5, 0.01);
  g_assert_cmpfloat_with_epsilon (s->y - t->y, 54.25, 0.01);
}

/* An entity placed on the map goes exactly there, and nothing else moves; with the view's pins
 * it stays there in a view that hides part of the map and when that view is tidied; relaid out
 * without them, the map is Graphviz's own again. */
static void
test_map_pins (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  g_autoptr (KrMap) map = kr_map_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) whole = NULL;
  g_autoptr (GHashTable) pins = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (ds);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (ds);
  int nissan = kr_dataset_find_entity (ds, "nissan");
  KrMapView view = { .engine = KR_ENGINE_DOT };
  const KrSceneNode *before;
  KrPin pin;
  KrScene *placed;

  kr_map_set_dataset (map, ds, FALSE);
  whole = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  before = kr_scene_get_node (whole, (guint)kr_scene_find_entity (whole, (guint)nissan));
  pin = (KrPin){ before->x + 25, before->y + 15 };
  g_hash_table_insert (pins, (gpointer) "nissan", &pin);

  kr_map_place (map, pins);
  wait_for_map (map);
  placed = kr_map_get_scene (map);
  assert_entity_at (placed, nissan, pin.x, pin.y);
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    if ((int)i != nissan)
      {
        const KrSceneNode *n = kr_scene_get_node (whole, (guint)kr_scene_find_entity (whole, i));
        assert_entity_at (placed, (int)i, n->x, n->y);
      }

  view.pins = pins;
  filter.entity_kinds = 1u << KR_ENTITY_COMPANY;
  g_assert_true (kr_filter_apply (&filter, ds, entities, deals, NULL));
  g_assert_true (entities[nissan]);
  view.shown_entities = entities;
  view.shown_deals = deals;
  assert_entity_at (show_at_once (map, &view), nissan, pin.x, pin.y);
  kr_map_tidy (map);
  wait_for_map (map);
  g_assert_cmpint (kr_map_get_arrangement (map), ==, KR_MAP_TIDIED);
  assert_entity_at (kr_map_get_scene (map), nissan, pin.x, pin.y);

  /* The pins go with the view, and the map keeps its places until it is laid out again. */
  view = (KrMapView){ .engine = KR_ENGINE_DOT };
  assert_entity_at (show_at_once (map, &view), nissan, pin.x, pin.y);
  kr_map_relayout (map);
  wait_for_map (map);
  assert_entity_at (kr_map_get_scene (map), nissan, before->x, before->y);
}

/* Exports of a scene that hides part of the map write only what it shows, where it shows it:
 * DOT with each node's position, pictures cropped to it. */
static void
test_export_shown (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("minimal.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (ds, NULL, &error);
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (ds);
  g_autoptr (KrScene) masked = NULL;
  g_autofree char *dot = NULL;
  g_autoptr (GBytes) svg = NULL;
  g_autoptr (GBytes) whole_svg = NULL;
  KrRect area;
  Agraph_t *g;
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    entities[i] = !g_str_equal (kr_dataset_get_entity (ds, i)->id, "fund")
                  && !g_str_equal (kr_dataset_get_entity (ds, i)->id, "third");
  masked = kr_scene_new_masked (scene, entities, NULL);

  dot = kr_layout_write_scene_dot (masked, &error);
  g_assert_no_error (error);
  g = agmemread (dot);
  g_assert_nonnull (g);
  g_assert_cmpint (agnnodes (g), ==, (int)kr_scene_get_n_shown_nodes (masked));
  g_assert_null (agnode (g, S ("fund"), FALSE));
  g_assert_null (agget (g, S ("layout")));
  for (Agnode_t *node = agfstnode (g); node != NULL; node = agnxtnode (g, node))
    {
      int e = kr_dataset_find_entity (ds, agnameof (node));
      const KrSceneNode *sn;
      double x, y;

      if (e < 0)
        continue;
      sn = kr_scene_get_node (masked, (guint)kr_scene_find_entity (masked, (guint)e));
      g_assert_cmpint (sscanf (agget (node, S ("pos")), "%lf,%lf", &x, &y), ==, 2);
      g_assert_cmpfloat_with_epsilon (x, sn->x, 0.01);
      g_assert_cmpfloat_with_epsilon (y, kr_scene_get_height (masked) - sn->y, 0.01);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  agclose (g);

  /* The picture shows the part of the map left, no larger. */
  area = kr_scene_get_shown_area (masked);
  g_assert_cmpfloat (area.width * area.height, <,
                     kr_scene_get_width (scene) * kr_scene_get_height (scene));
  {
    KrExportOptions plain = { .legend = FALSE };
    g_autofree char *size = g_strdup_printf ("width=\"%d\" height=\"%d\"",
                                             (int)(area.width + 0.999), (int)(area.height + 0.999));
    svg = kr_export_render (masked, KR_EXPORT_SVG, &plain, &error);
    g_assert_no_error (error);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), 400, size));
    g_assert_null (strstr (g_bytes_get_data (svg, NULL), "kr-entity-fund"));
    whole_svg = kr_export_render (scene, KR_EXPORT_SVG, &plain, &error);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (whole_svg, NULL), 400, "viewBox=\"0 0 "));
  }
}

/* The builtin dataset and a new version of it: one more company, in a deal with Nissan. */
static KrDataset *
builtin_revised (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "..", "data", "keiretsu-builtin.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GString) json = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  json = g_string_new (text);
  g_string_replace (json, "\"entities\": [",
                    "\"entities\": [{\"id\": \"newco\", \"name\": \"New Co\", \"kind\": "
                    "\"company\"},",
                    1);
  g_string_replace (json, "\"deals\": [",
                    "\"deals\": [{\"id\": \"newco-deal\", \"kind\": \"alliance\", \"status\": "
                    "\"active\", \"summary\": \"s\", \"parties\": [{\"entity\": \"newco\", "
                    "\"role\": \"partner\"}, {\"entity\": \"nissan\", \"role\": \"partner\"}], "
                    "\"evidence\": [{\"article\": \"a-panasonic-invest-2022\", \"quote\": "
                    "\"q\"}]},",
                    1);
  return dataset_from_json (json, "revised");
}

/* How far the entities of @a move in @b on average, but for a translation of the whole. */
static double
mean_move (KrScene *a, KrScene *b)
{
  KrDataset *da = kr_scene_get_dataset (a);
  double dx = 0, dy = 0, sum = 0;
  guint n = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < kr_dataset_get_n_entities (da); i++)
        {
          int na = kr_scene_find_entity (a, i);
          int nb = kr_scene_find_record (b, da, KR_SCENE_NODE_ENTITY, i);
          const KrSceneNode *pa, *pb;

          if (na < 0 || nb < 0)
            continue;
          pa = kr_scene_get_node (a, (guint)na);
          pb = kr_scene_get_node (b, (guint)nb);
          if (pass == 0)
            {
              dx += pb->x - pa->x;
              dy += pb->y - pa->y;
              n++;
            }
          else
            sum += hypot (pb->x - pa->x - dx, pb->y - pa->y - dy);
        }
      if (pass == 0 && n > 0)
        {
          dx /= n;
          dy /= n;
        }
    }
  return n > 0 ? sum / n : 0;
}

/* A new version of the dataset starts from where its entities were: with neato and fdp, they
 * move less than when it is laid out afresh (sfdp, as Debian 12 packages it, and the other
 * engines place everything afresh). */
static void
test_map_revision (void)
{
  g_autoptr (KrDataset) first = kr_test_load_builtin ();
  g_autoptr (KrDataset) revised = builtin_revised ();
  KrEngine engines[] = { KR_ENGINE_NEATO, KR_ENGINE_FDP };

  for (guint k = 0; k < G_N_ELEMENTS (engines); k++)
    {
      g_autoptr (KrMap) map = kr_map_new ();
      g_autoptr (KrMap) fresh = kr_map_new ();
      KrMapView view = { .engine = engines[k] };
      g_autoptr (GError) error = NULL;
      g_autoptr (KrScene) before = NULL;
      g_autoptr (KrScene) after = NULL;
      g_autoptr (KrScene) afresh = NULL;
      double kept, moved;

      kr_map_set_dataset (map, first, FALSE);
      before = kr_map_show_and_wait (map, &view, &error);
      g_assert_no_error (error);
      kr_map_set_dataset (map, revised, TRUE);
      after = kr_map_show_and_wait (map, &view, &error);
      g_assert_no_error (error);
      g_assert_true (kr_scene_get_dataset (after) == revised);
      kr_map_set_dataset (fresh, revised, FALSE);
      afresh = kr_map_show_and_wait (fresh, &view, &error);
      g_assert_no_error (error);

      kept = mean_move (before, after);
      moved = mean_move (before, afresh);
      /* What is new is placed around what is kept, not over it. */
      for (guint i = 0; i < kr_scene_get_n_nodes (after); i++)
        for (guint j = i + 1; j < kr_scene_get_n_nodes (after); j++)
          {
            const KrSceneNode *a = kr_scene_get_node (after, i);
            const KrSceneNode *b = kr_scene_get_node (after, j);
            KrRect ra = kr_scene_node_bounds (a);

            /* Graphviz rounds sizes to hundredths of an inch. */
            ra = (KrRect){ ra.x + 1, ra.y + 1, ra.width - 2, ra.height - 2 };
            if (a->type == KR_SCENE_NODE_ENTITY && b->type == KR_SCENE_NODE_ENTITY)
              g_assert_false (rects_overlap (ra, kr_scene_node_bounds (b)));
          }
      g_test_message ("%s: entities move %.1f points from where they were, %.1f laid out afresh",
                      kr_engine_get_name (engines[k]), kept, moved);
      g_assert_cmpfloat (kept, <, moved * (engines[k] == KR_ENGINE_NEATO ? 0.25 : 0.85));
    }
}

/* A name with no place to break, up to the loader's limit: the label is cut to what it can
 * show, so that four times the name takes about as long, not sixteen times as Pango's
 * breaking would. */
static gint64
time_label (const char *name, char **wrapped)
{
  gint64 start = g_get_monotonic_time ();
  double width, height;

  *wrapped = kr_text_wrap (name, "\n");
  kr_text_measure (name, KR_SCENE_FONT_SIZE, &width, &height);
  g_assert_cmpfloat (width, <=, KR_SCENE_LABEL_WRAP + 1);
  return g_get_monotonic_time () - start;
}

static void
test_long_label (void)
{
  g_autofree char *short_name = g_strnfill (16 * 1024, 'N');
  g_autofree char *long_name = g_strnfill (64 * 1024 - 1, 'N');
  g_autofree char *short_label = NULL;
  g_autofree char *long_label = NULL;
  g_autofree char *accents = NULL;
  gint64 short_time, long_time;

  short_time = time_label (short_name, &short_label);
  long_time = time_label (long_name, &long_label);
  g_assert_cmpstr (short_label, ==, long_label);
  g_assert_true (g_str_has_suffix (long_label, "…"));
  g_assert_cmpuint (g_utf8_strlen (long_label, -1), <=, KR_TEXT_MAX_CHARS + 20);
  /* Generous: timing on a shared machine is noisy, but quadratic is 16 times. */
  g_assert_cmpint (long_time, <, 4 * short_time + G_USEC_PER_SEC / 2);

  /* Cut where a letter ends, never between it and its accent. */
  {
    g_autoptr (GString) name = g_string_new ("x");
    for (guint i = 0; i < KR_TEXT_MAX_CHARS; i++)
      g_string_append (name, "e\xcc\x81");
    accents = kr_text_wrap (name->str, "");
    g_assert_true (g_str_has_suffix (accents, "e\xcc\x81…"));
  }
}

/* A draft's label sizes, from the table of character widths, are those Pango gives: for the
 * built-in dataset's names at every label size, accented names, and names in scripts the table
 * leaves to Pango. A word longer than a line is broken within a point or two of where Pango
 * breaks it. */
static void
test_near_labels (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  const char *names[] = { "Société Générale",   "Škoda Auto a.s.",
                          "日産自動車株式会社", "Renault–Nissan–Mitsubishi Alliance",
                          "Ōsaka Gas, Kansai",  "Hyundai 현대" };
  double sizes[] = { KR_SCENE_FONT_SIZE, kr_text_label_size (8), kr_text_label_size (200) };
  double width, height, near_width, near_height;

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
        {
          const char *name = kr_dataset_get_entity (ds, i)->display_name;

          kr_text_measure (name, sizes[k], &width, &height);
          kr_text_measure_near (name, sizes[k], &near_width, &near_height);
          g_assert_cmpfloat_with_epsilon (near_width, width, 0.01);
          g_assert_cmpfloat_with_epsilon (near_height, height, 0.01);
        }
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          kr_text_measure (names[i], sizes[k], &width, &height);
          kr_text_measure_near (names[i], sizes[k], &near_width, &near_height);
          g_assert_cmpfloat_with_epsilon (near_width, width, 0.01);
          g_assert_cmpfloat_with_epsilon (near_height, height, 0.01);
        }
    }
  kr_text_measure ("Supercalifragilisticexpialidocious Holdings", KR_SCENE_FONT_SIZE, &width,
                   &height);
  kr_text_measure_near ("Supercalifragilisticexpialidocious Holdings", KR_SCENE_FONT_SIZE,
                        &near_width, &near_height);
  g_assert_cmpfloat_with_epsilon (near_width, width, 2.0);
  g_assert_cmpfloat_with_epsilon (near_height, height, 0.01);
}

/* A pinned entity is exactly where it was pinned, and everything else stays where dot, circo
 * and twopi put it; held, every other node stays where the seed has it, whatever the engine.
 * neato, fdp and sfdp place the whole where they like: the pins keep their places relative to
 * each other. The helper process places them alike. */
static void
test_pins (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_builtin ();
  int nissan = kr_dataset_find_entity (ds, "nissan");
  int renault = kr_dataset_find_entity (ds, "renault");
  gboolean worker = g_getenv ("KEIRETSU") != NULL;

  g_assert_cmpint (nissan, >=, 0);
  g_assert_cmpint (renault, >=, 0);
  for (KrEngine engine = 0; engine < KR_N_ENGINES; engine++)
    {
      KrLayoutOptions unpinned = { .engine = engine };
      g_autoptr (KrScene) base = kr_layout_run (ds, &unpinned, NULL);

      for (guint held = 0; held < 2; held++)
        {
          KrLayoutOptions options = { .engine = engine };
          g_autoptr (GError) error = NULL;
          g_autoptr (GHashTable) pins = g_hash_table_new (g_str_hash, g_str_equal);
          g_autoptr (KrScene) pinned = NULL;
          const KrSceneNode *before, *after, *other;
          KrPin pin, other_pin;
          gboolean stable = held || engine == KR_ENGINE_DOT || engine == KR_ENGINE_CIRCO
                            || engine == KR_ENGINE_TWOPI;

          g_assert_no_error (error);
          before = kr_scene_get_node (base, (guint)kr_scene_find_entity (base, (guint)nissan));
          pin = (KrPin){ before->x + 37.5, before->y + 23.25 };
          g_hash_table_insert (pins, (gpointer) "nissan", &pin);
          other = kr_scene_get_node (base, (guint)kr_scene_find_entity (base, (guint)renault));
          other_pin = (KrPin){ other->x, other->y };
          if (!stable)
            g_hash_table_insert (pins, (gpointer) "renault", &other_pin);
          /* An id the dataset lacks is left out. */
          g_hash_table_insert (pins, (gpointer) "no-such-entity", &pin);
          options.pins = pins;
          options.seed = held ? base : NULL;
          options.hold = held;
          if (worker && engine == KR_ENGINE_DOT)
            {
              GAsyncResult *result = NULL;

              g_assert_true (use_keiretsu_as_worker ());
              kr_layout_run_async (ds, &options, NULL, store_result, &result);
              pinned = wait_for_layout (&result, &error);
              kr_layout_set_worker (NULL);
            }
          else
            pinned = kr_layout_run (ds, &options, &error);
          g_assert_no_error (error);

          after = kr_scene_get_node (pinned, (guint)kr_scene_find_entity (pinned, (guint)nissan));
          other = kr_scene_get_node (pinned, (guint)kr_scene_find_entity (pinned, (guint)renault));
          if (stable)
            {
              g_assert_cmpfloat_with_epsilon (after->x, pin.x, 0.01);
              g_assert_cmpfloat_with_epsilon (after->y, pin.y, 0.01);
            }
          else
            {
              g_assert_cmpfloat_with_epsilon (after->x - other->x, pin.x - other_pin.x, 0.01);
              g_assert_cmpfloat_with_epsilon (after->y - other->y, pin.y - other_pin.y, 0.01);
            }
          g_assert_cmpuint (kr_scene_get_n_nodes (pinned), ==, kr_scene_get_n_nodes (base));
          for (guint i = 0; i < kr_scene_get_n_nodes (base) && stable; i++)
            {
              const KrSceneNode *a = kr_scene_get_node (base, i),
                                *b = kr_scene_get_node (pinned, i);
              if (a->type == KR_SCENE_NODE_ENTITY && a->index == (guint)nissan)
                continue;
              g_assert_cmpfloat_with_epsilon (a->x, b->x, 0.01);
              g_assert_cmpfloat_with_epsilon (a->y, b->y, 0.01);
            }
          /* The lines were laid out again: those of the moved entity end at its new place. */
          for (guint i = 0; i < kr_scene_get_n_edges (pinned); i++)
            {
              const KrSceneEdge *e = kr_scene_get_edge (pinned, i);
              const KrSceneNode *tail = kr_scene_get_node (pinned, e->tail);
              KrRect box = kr_scene_node_bounds (tail);

              if (tail != after)
                continue;
              g_assert_cmpfloat (fabs (e->points[0].x - after->x), <=, box.width / 2 + 12);
              g_assert_cmpfloat (fabs (e->points[0].y - after->y), <=, box.height / 2 + 12);
            }
        }
    }
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
  g_test_add_func ("/layout/tables", test_tables);
  g_test_add_func ("/layout/options-copy", test_options_copy);
  g_test_add_func ("/scene/hit-test", test_hit_test);
  g_test_add_func ("/render/culling", test_culling);
  g_test_add_func ("/layout/hub-labels", test_hub_labels);
  g_test_add_func ("/layout/long-label", test_long_label);
  g_test_add_func ("/layout/stagger", test_stagger);
  g_test_add_func ("/render/label-plan", test_label_plan);
  g_test_add_func ("/render/tiles", test_tiles);
  g_test_add_func ("/layout/radial-root", test_radial_root);
  g_test_add_func ("/scene/masked", test_masked_scene);
  g_test_add_func ("/map/stays-still", test_map_stays_still);
  g_test_add_func ("/map/radial", test_map_radial);
  g_test_add_func ("/map/tidy", test_map_tidy);
  g_test_add_func ("/map/stop", test_map_stop);
  g_test_add_func ("/layout/sfdp-as-exported", test_sfdp_as_exported);
  g_test_add_func ("/layout/draft", test_draft);
  g_test_add_func ("/layout/draft-without-helper", test_draft_without_helper);
  g_test_add_func ("/layout/near-labels", test_near_labels);
  g_test_add_func ("/map/revision", test_map_revision);

  g_test_add_func ("/render/palette-contrast", test_palette_contrast);
  g_test_add_func ("/export/formats", test_export_formats);
  g_test_add_func ("/export/dot", test_dot_output);
  g_test_add_func ("/export/shown", test_export_shown);
  g_test_add_func ("/layout/worker", test_worker);
  g_test_add_func ("/layout/worker-cancel", test_worker_cancel);
  g_test_add_func ("/layout/worker-crash", test_worker_crash);
  g_test_add_func ("/pins/layout", test_pins);
  g_test_add_func ("/pins/drawn", test_drawn_pins);
  g_test_add_func ("/pins/map", test_map_pins);
  g_test_add_func ("/layout/unplaced-output", test_unplaced_output);
  g_test_add_func ("/layout/worker-unplaced", test_worker_unplaced);
  return g_test_run ();
}
