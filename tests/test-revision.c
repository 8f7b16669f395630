/* test-revision.c — an edit's map made from the map before: nothing moves that the edit did
 * not touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "bench/kr-bench-data.h"
#include "kr-editor.h"
#include "kr-layout.h"
#include "kr-map.h"
#include "kr-test-data.h"
#include "kr-undo-stack.h"

/* How far a line's end may be from its node's box: Graphviz rounds to hundredths of an inch. */
#define JOIN_TOLERANCE 2.0

typedef struct
{
  KrUndoStack *undo;
  KrEditor *editor;
  KrScene *scene; /* the map of the editor's dataset */
  guint n_moved;  /* nodes the last revision moved, having grown */
} Edits;

static void
edits_clear (Edits *edits)
{
  g_clear_object (&edits->scene);
  g_clear_object (&edits->editor);
  g_clear_object (&edits->undo);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Edits, edits_clear)

#define EDITS_INIT                                                                                 \
  {                                                                                                \
    0                                                                                              \
  }

static KrDataset *
dataset (Edits *edits)
{
  return kr_editor_get_dataset (edits->editor);
}

static double
distance_to (KrRect r, KrPoint p)
{
  double dx = MAX (MAX (r.x - p.x, 0), p.x - (r.x + r.width));
  double dy = MAX (MAX (r.y - p.y, 0), p.y - (r.y + r.height));
  return hypot (dx, dy);
}

static gboolean
overlap (KrRect a, KrRect b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/* The edge of @scene for deal @deal_id between the nodes of records @tail and @head of
 * @from's dataset, or NULL. */
static const KrSceneEdge *
find_line (KrScene *scene, KrScene *from, const KrSceneEdge *edge)
{
  KrDataset *ds = kr_scene_get_dataset (from);
  const KrSceneNode *tail = kr_scene_get_node (from, edge->tail);
  const KrSceneNode *head = kr_scene_get_node (from, edge->head);
  int t = kr_scene_find_record (scene, ds, tail->type, tail->index);
  int h = kr_scene_find_record (scene, ds, head->type, head->index);
  int deal = kr_dataset_find_deal (kr_scene_get_dataset (scene),
                                   kr_dataset_get_deal (ds, edge->deal)->id);

  for (guint k = 0; k < kr_scene_get_n_edges (scene) && t >= 0 && h >= 0; k++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (scene, k);
      if ((int)e->deal == deal && (int)e->tail == t && (int)e->head == h
          && !e->advocacy == !edge->advocacy)
        return e;
    }
  return NULL;
}

/* Whether the box @box overlaps that of any node of @scene but @except. */
static gboolean
covers_any (KrScene *scene, KrRect box, guint except)
{
  for (guint j = 0; j < kr_scene_get_n_nodes (scene); j++)
    if (j != except && overlap (box, kr_scene_node_bounds (kr_scene_get_node (scene, j))))
      return TRUE;
  return FALSE;
}

/* What @after must be, made from @before for an edit: every node shown before stays exactly
 * where it was, but for one that grew (a longer name) and would cover a neighbour there, which
 * goes to where it covers nothing, near; a node new covers no entity; every line joins its two
 * nodes; a line between nodes the edit left as they were is as it was. @n_grown counts the
 * nodes that grew, @n_moved those of them that moved. */
static void
assert_revised_moves (KrScene *before, KrScene *after, guint *n_new, guint *n_kept_lines,
                      guint *n_grown, guint *n_moved)
{
  KrDataset *ds = kr_scene_get_dataset (after);
  g_autofree gboolean *still = g_new0 (gboolean, MAX (kr_scene_get_n_nodes (after), 1));

  *n_new = 0;
  *n_kept_lines = 0;
  *n_grown = *n_moved = 0;
  for (guint i = 0; i < kr_scene_get_n_nodes (after); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (after, i);
      int at = kr_scene_find_record (before, ds, node->type, node->index);

      if (at >= 0)
        {
          const KrSceneNode *was = kr_scene_get_node (before, (guint)at);
          KrRect box = kr_scene_node_bounds (node);

          still[i] = node->width == was->width && node->height == was->height;
          if (node->width <= was->width && node->height <= was->height)
            {
              g_assert_cmpfloat (node->x, ==, was->x);
              g_assert_cmpfloat (node->y, ==, was->y);
              continue;
            }
          (*n_grown)++;
          /* Grown, it covers nothing, where it was or where it went. */
          g_assert_false (covers_any (after, box, i));
          if (node->x == was->x && node->y == was->y)
            continue;
          (*n_moved)++;
          /* Within the map, which grows to hold it where the free place found reaches past
           * the edge of the map before. */
          g_assert_cmpfloat (box.x, >=, 0);
          g_assert_cmpfloat (box.y, >=, 0);
          g_assert_cmpfloat (node->x + node->width / 2, <=, kr_scene_get_width (after));
          g_assert_cmpfloat (node->y + node->height / 2, <=, kr_scene_get_height (after));
          /* Moved because, grown where it was, it would have covered another. */
          box.x += was->x - node->x;
          box.y += was->y - node->y;
          g_assert_true (covers_any (after, box, i));
          continue;
        }
      (*n_new)++;
      for (guint j = 0; j < kr_scene_get_n_nodes (after); j++)
        {
          const KrSceneNode *other = kr_scene_get_node (after, j);

          if (j != i && other->type == KR_SCENE_NODE_ENTITY)
            g_assert_false (overlap (kr_scene_node_bounds (node), kr_scene_node_bounds (other)));
        }
    }
  for (guint k = 0; k < kr_scene_get_n_edges (after); k++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (after, k);
      const KrSceneEdge *was = find_line (before, after, e);
      KrPoint start = e->arrow_start.present ? e->arrow_start.tip : e->points[0];
      KrPoint end = e->arrow_end.present ? e->arrow_end.tip : e->points[e->n_points - 1];

      g_assert_cmpfloat (
          distance_to (kr_scene_node_bounds (kr_scene_get_node (after, e->tail)), start), <=,
          JOIN_TOLERANCE);
      g_assert_cmpfloat (
          distance_to (kr_scene_node_bounds (kr_scene_get_node (after, e->head)), end), <=,
          JOIN_TOLERANCE);
      if (was == NULL || !still[e->tail] || !still[e->head])
        continue;
      g_assert_cmpuint (e->n_points, ==, was->n_points);
      for (guint p = 0; p < e->n_points; p++)
        {
          g_assert_cmpfloat (e->points[p].x, ==, was->points[p].x);
          g_assert_cmpfloat (e->points[p].y, ==, was->points[p].y);
        }
      (*n_kept_lines)++;
    }
}

static void
assert_revised (KrScene *before, KrScene *after, guint *n_new, guint *n_kept_lines)
{
  guint n_grown, n_moved;

  assert_revised_moves (before, after, n_new, n_kept_lines, &n_grown, &n_moved);
}

/* Lays the editor's dataset out from the map before, and checks it; @n_new nodes are new. */
static void
revise (Edits *edits, guint n_new)
{
  KrLayoutOptions options = *kr_scene_get_options (edits->scene);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) after = NULL;
  guint n_placed, n_kept_lines, n_grown;

  options.seed = edits->scene;
  options.revise = TRUE;
  after = kr_layout_run (dataset (edits), &options, &error);
  g_assert_no_error (error);
  g_assert_true (kr_scene_get_dataset (after) == dataset (edits));
  g_assert_true (kr_scene_get_options (after)->revise);
  assert_revised_moves (edits->scene, after, &n_placed, &n_kept_lines, &n_grown, &edits->n_moved);
  g_assert_cmpuint (n_placed, ==, n_new);
  /* Most lines are the edit's neighbours', not the edit's. */
  g_assert_cmpuint (n_kept_lines, >, kr_scene_get_n_edges (after) / 2);
  g_set_object (&edits->scene, after);
}

/* Edits of @start, from its map laid out with @options. */
static void
edits_start (Edits *edits, KrDataset *start, const KrLayoutOptions *options)
{
  g_autoptr (GError) error = NULL;

  edits->undo = kr_undo_stack_new ();
  edits->editor = kr_editor_new (start, edits->undo);
  edits->scene = kr_layout_run (start, options, &error);
  g_assert_no_error (error);
}

/* The entity taking part in most deals: the one whose change reaches furthest. */
static guint
busiest (KrDataset *ds)
{
  g_autofree guint *count = g_new0 (guint, kr_dataset_get_n_entities (ds));
  guint best = 0;

  for (guint d = 0; d < kr_dataset_get_n_deals (ds); d++)
    for (guint p = 0; p < kr_dataset_get_deal (ds, d)->n_parties; p++)
      count[kr_dataset_get_deal (ds, d)->parties[p].entity]++;
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    if (count[i] > count[best])
      best = i;
  return best;
}

static guint
entity_of (Edits *edits, const char *id)
{
  int at = kr_dataset_find_entity (dataset (edits), id);

  g_assert_cmpint (at, >=, 0);
  return (guint)at;
}

/* Adds a deal between the entities @ids, with the evidence of the first deal. */
static void
add_deal (Edits *edits, const char *const *ids, guint n)
{
  g_autoptr (GError) error = NULL;
  KrParty parties[3];
  KrDeal deal = { .kind = KR_DEAL_ALLIANCE,
                  .status = KR_STATUS_AGREED,
                  .summary = "A new alliance.",
                  .parties = parties,
                  .n_parties = n,
                  .stake_before = NAN,
                  .stake_after = NAN,
                  .evidence = kr_dataset_get_deal (dataset (edits), 0)->evidence,
                  .n_evidence = 1 };
  guint index;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (parties));
  for (guint i = 0; i < n; i++)
    parties[i] = (KrParty){ .entity = entity_of (edits, ids[i]), .role = KR_ROLE_PARTNER };
  g_assert_true (kr_editor_add_deal (edits->editor, &deal, &index, &error));
  g_assert_no_error (error);
}

/* Rename, add an entity alone, add deals of two and of three parties, delete and merge: after
 * each, the map is the map before and the change, with or without labels on the lines. */
static void
check_edits (KrDataset *start, KrEngine engine, gboolean link_labels)
{
  g_auto (Edits) edits = EDITS_INIT;
  KrLayoutOptions options = { .engine = engine, .link_labels = link_labels };
  g_autoptr (GError) error = NULL;
  g_autofree char *newcomer = NULL;
  KrEntity entity;
  guint hub = busiest (start), added;
  const char *hub_id = kr_dataset_get_entity (start, hub)->id;
  const char *gone = kr_dataset_get_entity (start, hub == 1 ? 2 : 1)->id;
  const char *other = kr_dataset_get_entity (start, hub == 0 ? 3 : 0)->id;
  const char *merged = kr_dataset_get_entity (start, hub == 4 ? 5 : 4)->id;

  edits_start (&edits, start, &options);

  /* A renamed entity keeps its centre, at the size of its new name. */
  entity = *kr_dataset_get_entity (dataset (&edits), hub);
  entity.name = "A name much longer than any other on this map";
  g_assert_true (kr_editor_set_entity (edits.editor, hub, &entity, &error));
  g_assert_no_error (error);
  revise (&edits, 0);

  /* An entity that deals with no one is put beside the map. */
  entity = (KrEntity){ .name = "Newcomer Holdings", .kind = KR_ENTITY_COMPANY };
  g_assert_true (kr_editor_add_entity (edits.editor, &entity, &added, &error));
  g_assert_no_error (error);
  newcomer = g_strdup (kr_dataset_get_entity (dataset (&edits), added)->id);
  revise (&edits, 1);

  /* A deal between two is one line; among three, a hub between the parties. */
  add_deal (&edits, (const char *[]){ newcomer, hub_id }, 2);
  revise (&edits, 0);
  add_deal (&edits, (const char *[]){ newcomer, hub_id, other }, 3);
  revise (&edits, 1);

  /* An entity and its deals go. */
  g_assert_true (kr_editor_delete_entity (edits.editor, entity_of (&edits, gone), &error));
  g_assert_no_error (error);
  revise (&edits, 0);

  /* Two become one: the lines of the one that goes join the one kept. */
  g_assert_true (kr_editor_merge_entities (edits.editor, entity_of (&edits, merged),
                                           entity_of (&edits, newcomer), &error));
  g_assert_no_error (error);
  revise (&edits, 0);
}

/* A map whose lines Graphviz routes around the nodes: it lays out those of the change. */
static void
test_routed (void)
{
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();

  check_edits (builtin, KR_ENGINE_NEATO, FALSE);
  check_edits (builtin, KR_ENGINE_NEATO, TRUE);
  check_edits (builtin, KR_ENGINE_DOT, FALSE);
}

/* A map too large for routed lines: every line is straight, and the edit needs no Graphviz. */
static void
test_straight (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kr-revision-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KrDataset) large = NULL;

  kr_bench_write_dataset (path, 600, 5);
  large = kr_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  check_edits (large, KR_ENGINE_SFDP, FALSE);
  check_edits (large, KR_ENGINE_SFDP, TRUE);
  kr_bench_remove_dir (dir);
}

/* A renamed entity whose new name would make it cover its neighbours goes, near, to where it
 * covers none, and its lines with it; nothing else moves. */
static void
test_grown (void)
{
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_auto (Edits) edits = EDITS_INIT;
  KrLayoutOptions options = { .engine = KR_ENGINE_NEATO };
  g_autoptr (GError) error = NULL;
  guint hub = busiest (builtin);
  KrEntity entity = *kr_dataset_get_entity (builtin, hub);
  KrSceneNode was;
  const KrSceneNode *now;

  edits_start (&edits, builtin, &options);
  was = *kr_scene_get_node (edits.scene, (guint)kr_scene_find_entity (edits.scene, hub));
  entity.name = "A name much longer than any other on this map";
  g_assert_true (kr_editor_set_entity (edits.editor, hub, &entity, &error));
  g_assert_no_error (error);
  /* revise(): it covers nothing where it goes, and its lines join it there. */
  revise (&edits, 0);
  g_assert_cmpuint (edits.n_moved, ==, 1);
  now = kr_scene_get_node (edits.scene, (guint)kr_scene_find_entity (edits.scene, hub));
  g_assert_true (now->x != was.x || now->y != was.y);
}

/* An edit that changes much of the map is laid out whole, as the first version was. */
static void
test_large_change (void)
{
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = kr_editor_new (builtin, undo);
  KrLayoutOptions options = { .engine = KR_ENGINE_NEATO };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) before = NULL;
  g_autoptr (KrScene) after = NULL;
  g_autoptr (KrScene) whole = NULL;
  guint n = kr_dataset_get_n_entities (builtin);

  before = kr_layout_run (builtin, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n / 2; i++)
    {
      KrEntity e = *kr_dataset_get_entity (kr_editor_get_dataset (editor), i);
      g_autofree char *name = g_strdup_printf ("Another name, of another size (%u)", i);

      e.name = name;
      g_assert_true (kr_editor_set_entity (editor, i, &e, &error));
      g_assert_no_error (error);
    }
  options.seed = before;
  options.anchor = TRUE;
  whole = kr_layout_run (kr_editor_get_dataset (editor), &options, &error);
  g_assert_no_error (error);
  options.revise = TRUE;
  after = kr_layout_run (kr_editor_get_dataset (editor), &options, &error);
  g_assert_no_error (error);
  g_assert_false (kr_scene_get_options (after)->revise);
  for (guint i = 0; i < kr_scene_get_n_nodes (after); i++)
    {
      /* Graphviz's arithmetic differs by a rounding from one run to the next. */
      g_assert_cmpfloat_with_epsilon (kr_scene_get_node (after, i)->x,
                                      kr_scene_get_node (whole, i)->x, 0.01);
      g_assert_cmpfloat_with_epsilon (kr_scene_get_node (after, i)->y,
                                      kr_scene_get_node (whole, i)->y, 0.01);
    }
}

/* The map of a window: an edit shows without a layout of the whole, and Reset Positions lays
 * it out afresh. */
static void
test_map (void)
{
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = kr_editor_new (builtin, undo);
  g_autoptr (KrMap) map = kr_map_new ();
  KrMapView view = { .engine = KR_ENGINE_NEATO };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) before = NULL;
  g_autoptr (KrScene) after = NULL;
  g_autoptr (KrScene) afresh = NULL;
  KrEntity e = *kr_dataset_get_entity (builtin, 0);
  guint n_new, n_kept_lines, moved;

  kr_map_set_dataset (map, builtin, FALSE);
  before = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  e.name = "A name of another width";
  g_assert_true (kr_editor_set_entity (editor, 0, &e, &error));
  kr_map_set_dataset (map, kr_editor_get_dataset (editor), TRUE);
  after = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  assert_revised (before, after, &n_new, &n_kept_lines);
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_true (kr_map_is_revised (map));

  kr_map_relayout (map);
  afresh = kr_map_show_and_wait (map, &view, &error);
  g_assert_no_error (error);
  g_assert_false (kr_map_is_revised (map));
  moved = 0;
  for (guint i = 0; i < kr_scene_get_n_nodes (afresh); i++)
    moved += kr_scene_get_node (afresh, i)->x != kr_scene_get_node (after, i)->x ? 1 : 0;
  g_assert_cmpuint (moved, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/revision/routed", test_routed);
  g_test_add_func ("/revision/straight", test_straight);
  g_test_add_func ("/revision/grown", test_grown);
  g_test_add_func ("/revision/large-change", test_large_change);
  g_test_add_func ("/revision/map", test_map);
  return g_test_run ();
}
