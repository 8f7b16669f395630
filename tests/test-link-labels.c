/* test-link-labels.c — what the labels on the map's lines say, where Graphviz puts them, which
 * the window shows at a zoom, and that exports carry them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kr-export.h"
#include "kr-format.h"
#include "kr-label-plan.h"
#include "kr-layout.h"
#include "kr-link-room.h"
#include "kr-test-data.h"

static const char *
link_label_of (KrDataset *dataset, const char *deal_id)
{
  static char *text;
  int deal = kr_dataset_find_deal (dataset, deal_id);

  g_assert_cmpint (deal, >=, 0);
  g_free (text);
  text = kr_format_link_label (kr_dataset_get_deal (dataset, (guint)deal));
  return text;
}

/* Every link label a scene has, on edges and on deal hubs. */
static GPtrArray *
scene_links (KrScene *scene)
{
  GPtrArray *links = g_ptr_array_new ();

  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    if (kr_scene_get_edge (scene, i)->link_label.text != NULL)
      g_ptr_array_add (links, (gpointer)&kr_scene_get_edge (scene, i)->link_label);
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    if (kr_scene_get_node (scene, i)->link_label.text != NULL)
      g_ptr_array_add (links, (gpointer)&kr_scene_get_node (scene, i)->link_label);
  return links;
}

static void
test_texts (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_builtin ();

  g_assert_cmpstr (link_label_of (dataset, "renault-nissan-stake-rebalance"), ==,
                   "43 % → 15 % stake");
  g_assert_cmpstr (link_label_of (dataset, "nissan-stake-in-renault"), ==, "15 % stake");
  g_assert_cmpstr (link_label_of (dataset, "panasonic-acquires-blue-yonder"), ==,
                   "$7 bn acquisition");
  g_assert_cmpstr (link_label_of (dataset, "panasonic-batteries-supply-chain-investment"), ==,
                   "$4.9 bn investment");
  g_assert_cmpstr (link_label_of (dataset, "nissan-nec-joint-venture"), ==, "joint venture");
  g_assert_cmpstr (link_label_of (dataset, "renault-nissan-alliance"), ==, "alliance");
}

static gboolean
rects_overlap (const KrRect *a, const KrRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height
         && b->y < a->y + a->height;
}

/* How many deals the scene draws: each has a label of its own when the scene has labels. */
static guint
count_scene_deals (KrScene *scene)
{
  KrDataset *dataset = kr_scene_get_dataset (scene);
  g_autofree gboolean *seen = kr_dataset_new_deal_flags (dataset);
  guint n = 0;

  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    {
      guint deal = kr_scene_get_edge (scene, i)->deal;
      n += seen[deal] ? 0 : 1;
      seen[deal] = TRUE;
    }
  return n;
}

/* Graphviz placed each label it kept inside the scene, clear of every node; dot keeps them all,
 * the others those they find room for. Without the option, a scene has none. */
static void
test_placed (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_builtin ();
  const KrEngine engines[] = { KR_ENGINE_DOT, KR_ENGINE_NEATO, KR_ENGINE_SFDP, KR_ENGINE_TWOPI };

  for (guint k = 0; k < G_N_ELEMENTS (engines); k++)
    {
      KrLayoutOptions options = { .engine = engines[k], .link_labels = TRUE };
      g_autoptr (GError) error = NULL;
      g_autoptr (KrScene) scene = kr_layout_run (dataset, &options, &error);
      g_autoptr (KrScene) bare = NULL;
      g_autoptr (GPtrArray) links = NULL;
      guint n_deals;

      g_assert_no_error (error);
      links = scene_links (scene);
      n_deals = count_scene_deals (scene);
      g_test_message ("%s: %u of %u deals labelled", kr_engine_get_name (engines[k]), links->len,
                      n_deals);
      g_assert_cmpuint (links->len, <=, n_deals);
      if (engines[k] == KR_ENGINE_DOT)
        g_assert_cmpuint (links->len, ==, n_deals);
      else
        g_assert_cmpuint (links->len, >=, n_deals / 2);

      for (guint i = 0; i < links->len; i++)
        {
          const KrSceneLinkLabel *link = links->pdata[i];
          KrRect r = kr_scene_link_label_bounds (link);

          g_assert_cmpfloat (link->width, >, 0);
          g_assert_cmpfloat (link->height, >, 0);
          g_assert_cmpfloat (r.x, >=, 0);
          g_assert_cmpfloat (r.y, >=, 0);
          g_assert_cmpfloat (r.x + r.width, <=, kr_scene_get_width (scene));
          g_assert_cmpfloat (r.y + r.height, <=, kr_scene_get_height (scene));
          for (guint n = 0; n < kr_scene_get_n_nodes (scene); n++)
            {
              const KrSceneNode *node = kr_scene_get_node (scene, n);
              KrRect box = kr_scene_node_bounds (node);

              /* Graphviz rounds a label's room to whole points. */
              box = (KrRect){ box.x + 1, box.y + 1, box.width - 2, box.height - 2 };
              if (node->type == KR_SCENE_NODE_ENTITY && rects_overlap (&r, &box))
                g_error ("%s: “%s” lies over %s", kr_engine_get_name (engines[k]), link->text,
                         node->label);
            }
        }

      options.link_labels = FALSE;
      bare = kr_layout_run (dataset, &options, &error);
      g_assert_no_error (error);
      {
        g_autoptr (GPtrArray) none = scene_links (bare);
        g_assert_cmpuint (none->len, ==, 0);
      }
    }
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The helper process knows the labels' sizes only; the scene it makes has them as a layout in
 * this process does. */
static void
test_worker (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_builtin ();
  KrLayoutOptions options = { .engine = KR_ENGINE_NEATO, .link_labels = TRUE };
  const char *worker[] = { g_getenv ("KEIRETSU"), KR_LAYOUT_WORKER_OPTION, NULL };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) here = NULL;
  g_autoptr (KrScene) there = NULL;

  if (worker[0] == NULL)
    {
      g_test_skip ("KEIRETSU does not name the program");
      return;
    }
  here = kr_layout_run (dataset, &options, &error);
  g_assert_no_error (error);
  kr_layout_set_worker (worker);
  kr_layout_run_async (dataset, &options, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  there = kr_layout_run_finish (result, &error);
  kr_layout_set_worker (NULL);
  g_assert_no_error (error);

  g_assert_cmpuint (kr_scene_get_n_edges (there), ==, kr_scene_get_n_edges (here));
  g_assert_cmpuint (kr_scene_get_n_nodes (there), ==, kr_scene_get_n_nodes (here));
  for (guint i = 0; i < kr_scene_get_n_edges (here); i++)
    {
      const KrSceneLinkLabel *a = &kr_scene_get_edge (here, i)->link_label;
      const KrSceneLinkLabel *b = &kr_scene_get_edge (there, i)->link_label;

      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpfloat_with_epsilon (a->centre.x, b->centre.x, 1e-6);
      g_assert_cmpfloat_with_epsilon (a->centre.y, b->centre.y, 1e-6);
    }
  for (guint i = 0; i < kr_scene_get_n_nodes (here); i++)
    g_assert_cmpstr (kr_scene_get_node (here, i)->link_label.text, ==,
                     kr_scene_get_node (there, i)->link_label.text);
}

/* In the window, link labels show from the zoom at which they are legible, and none where it
 * would cover an entity's label or another link label. */
static void
test_plan (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_builtin ();
  KrLayoutOptions options = { .engine = KR_ENGINE_DOT, .link_labels = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run (dataset, &options, &error);
  const double zooms[] = { 0.5, 0.99, 1.0, 2.0 };

  g_assert_no_error (error);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr (KrLabelPlan) plan = kr_label_plan_new (scene, zooms[z]);
      g_autoptr (GArray) shown = g_array_new (FALSE, FALSE, sizeof (KrRect));
      gboolean legible = KR_SCENE_LINK_FONT_SIZE * zooms[z] >= KR_LABEL_LEGIBLE_PIXELS;

      for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
        if (kr_label_plan_shows_edge_link (plan, i))
          {
            KrRect r = kr_scene_link_label_bounds (&kr_scene_get_edge (scene, i)->link_label);
            g_array_append_val (shown, r);
          }
      for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
        if (kr_label_plan_shows_hub_link (plan, i))
          {
            KrRect r = kr_scene_link_label_bounds (&kr_scene_get_node (scene, i)->link_label);
            g_array_append_val (shown, r);
          }
      g_test_message ("zoom %.2f: %u link labels", zooms[z], shown->len);
      if (!legible)
        {
          g_assert_cmpuint (shown->len, ==, 0);
          continue;
        }
      g_assert_cmpuint (shown->len, >, 0);
      for (guint i = 0; i < shown->len; i++)
        {
          const KrRect *r = &g_array_index (shown, KrRect, i);

          for (guint j = i + 1; j < shown->len; j++)
            g_assert_false (rects_overlap (r, &g_array_index (shown, KrRect, j)));
          for (guint n = 0; n < kr_scene_get_n_nodes (scene); n++)
            {
              const KrSceneNode *node = kr_scene_get_node (scene, n);
              KrLabel label = kr_label_plan_get (plan, n);
              KrRect text;

              if (label.placement == KR_LABEL_HIDDEN)
                continue;
              text = label.placement == KR_LABEL_ON_PLATE
                         ? kr_label_plate_bounds (node, label, zooms[z], node->x, node->y)
                         : (KrRect){ node->x - node->label_width * label.scale / 2,
                                     node->y - node->label_height * label.scale / 2,
                                     node->label_width * label.scale,
                                     node->label_height * label.scale };
              g_assert_false (rects_overlap (r, &text));
            }
        }
    }
}

/* Exports write what the scene has: the labels as text in SVG, as labels in DOT. */
static void
test_exports (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_builtin ();
  const char *stake = "43 % → 15 % stake";

  for (int with = 0; with < 2; with++)
    {
      KrLayoutOptions options = { .engine = KR_ENGINE_DOT, .link_labels = with };
      g_autoptr (GError) error = NULL;
      g_autoptr (KrScene) scene = kr_layout_run (dataset, &options, &error);
      g_autoptr (GBytes) svg = NULL;
      g_autofree char *dot = NULL;
      g_autofree char *text = NULL;
      g_autofree char *label = g_strdup_printf ("label=\"%s\"", stake);

      g_assert_no_error (error);
      svg = kr_export_render (scene, KR_EXPORT_SVG, NULL, &error);
      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
      g_assert_true ((strstr (text, stake) != NULL) == with);
      g_assert_true ((strstr (text, "class=\"deal label\"") != NULL) == with);
      g_assert_true ((strstr (text, "$7 bn acquisition</tspan>") != NULL) == with);

      dot = kr_layout_write_dot (dataset, &options, &error);
      g_assert_no_error (error);
      g_assert_true ((strstr (dot, label) != NULL) == with);
      g_assert_true ((strstr (dot, "xlabel=\"joint venture\"") != NULL) == with);
    }
}

static void
add_room_node (KrLayoutInput *input, KrLayoutOutput *output, KrSceneNodeType type, double x,
               double y, double width, double height)
{
  KrInputNode in = { .type = type, .width = width, .height = height };
  KrOutputNode on = { .x = x, .y = y };

  if (type == KR_SCENE_NODE_DEAL)
    {
      in.link = (KrInputLink){ "label", 40, 14 };
      on.has_link = TRUE;
      on.link = (KrPoint){ x - 30, y };
    }
  g_array_append_val (input->nodes, in);
  g_array_append_val (output->nodes, on);
}

/* A label that Graphviz laid over an entity moves beside its hub, clear of the entity; one
 * with no free place beside its hub is left out. */
static void
test_room (void)
{
  KrLayoutInput input = { .nodes = g_array_new (FALSE, TRUE, sizeof (KrInputNode)),
                          .edges = g_array_new (FALSE, TRUE, sizeof (KrInputEdge)) };
  g_autoptr (KrLayoutOutput) output = kr_layout_output_new (300, 200);
  const KrOutputNode *hub;
  KrRect entity = { 60, 85, 80, 30 }, label;

  /* The hub at (150, 100), its label put at (120, 100), over the entity on its left. */
  add_room_node (&input, output, KR_SCENE_NODE_ENTITY, 100, 100, 80, 30);
  add_room_node (&input, output, KR_SCENE_NODE_DEAL, 150, 100, 14, 14);
  kr_link_room_clear (&input, output);
  hub = &g_array_index (output->nodes, KrOutputNode, 1);
  g_assert_true (hub->has_link);
  label = (KrRect){ hub->link.x - 20, hub->link.y - 7, 40, 14 };
  g_assert_false (rects_overlap (&label, &entity));
  /* Beside the hub: on its right, the first free place. */
  g_assert_cmpfloat (hub->link.x, ==, 150 + 7 + 20);
  g_assert_cmpfloat (hub->link.y, ==, 100);

  /* A scene just the size of the two: no place is free. */
  output->width = 160;
  output->height = 30;
  g_array_index (output->nodes, KrOutputNode, 1).link = (KrPoint){ 120, 100 };
  g_array_index (output->nodes, KrOutputNode, 1).y = 15;
  g_array_index (output->nodes, KrOutputNode, 0).y = 15;
  g_array_index (output->nodes, KrOutputNode, 1).link.y = 15;
  kr_link_room_clear (&input, output);
  g_assert_false (g_array_index (output->nodes, KrOutputNode, 1).has_link);

  g_array_unref (input.nodes);
  g_array_unref (input.edges);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link-labels/texts", test_texts);
  g_test_add_func ("/link-labels/placed", test_placed);
  g_test_add_func ("/link-labels/room", test_room);
  g_test_add_func ("/link-labels/worker", test_worker);
  g_test_add_func ("/link-labels/plan", test_plan);
  g_test_add_func ("/link-labels/exports", test_exports);
  return g_test_run ();
}
