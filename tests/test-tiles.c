/* test-tiles.c — after an edit, the tiles kept from the map before and those drawn again make
 * the same picture as tiles all drawn afresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kr-cairo-painter.h"
#include "kr-editor.h"
#include "kr-label-plan.h"
#include "kr-layout.h"
#include "kr-palette.h"
#include "kr-test-data.h"
#include "kr-text.h"
#include "kr-tile-cache.h"
#include "kr-undo-stack.h"

#define TILE_SIZE 128
#define ZOOM 0.8 /* device pixels per point: names are legible, some hubs' on plates */

/* What the map shows now, as the diagram view draws it into tiles. */
typedef struct
{
  KrScene *scene;
  KrLabelPlan *labels;
  guint8 *node_emphasis, *edge_emphasis; /* NULL: nothing dimmed */
  int selected_node;
  PangoContext *context;
} Shown;

/* What dims the map. */
typedef enum
{
  DIM_NONE,
  DIM_SELECTION, /* an entity selected: what is not related to it is dimmed */
  DIM_HIGHLIGHT, /* a filter or a search: a few entities stand out, the rest is dimmed */
} Dimming;

static void
shown_clear (Shown *shown)
{
  g_clear_object (&shown->scene);
  g_clear_pointer (&shown->labels, kr_label_plan_free);
  g_clear_pointer (&shown->node_emphasis, g_free);
  g_clear_pointer (&shown->edge_emphasis, g_free);
}

static void
shown_options (const Shown *shown, KrPaintOptions *options)
{
  kr_paint_options_init (options, kr_palette_get (FALSE));
  options->labels = shown->labels;
  options->node_emphasis = shown->node_emphasis;
  options->edge_emphasis = shown->edge_emphasis;
  options->selected_node = shown->selected_node;
  options->scale = ZOOM;
}

/* Shows @scene dimmed as @dimming says, about the entity @focus (an id). */
static void
shown_set (Shown *shown, KrScene *scene, Dimming dimming, const char *focus)
{
  guint n_nodes = kr_scene_get_n_nodes (scene), n_edges = kr_scene_get_n_edges (scene);
  KrDataset *ds = kr_scene_get_dataset (scene);
  int node = kr_scene_find_entity (scene, (guint)kr_dataset_find_entity (ds, focus));

  shown_clear (shown);
  shown->scene = g_object_ref (scene);
  shown->labels = kr_label_plan_new (scene, ZOOM);
  shown->selected_node = -1;
  g_assert_cmpint (node, >=, 0);
  if (dimming == DIM_NONE)
    return;
  shown->node_emphasis = g_malloc0 (MAX (n_nodes, 1));
  shown->edge_emphasis = g_malloc0 (MAX (n_edges, 1));
  if (dimming == DIM_SELECTION)
    {
      shown->selected_node = node;
      g_assert_true (
          kr_scene_compute_emphasis (scene, node, -1, shown->node_emphasis, shown->edge_emphasis));
      return;
    }
  /* The focus and every third entity stand out. */
  shown->node_emphasis[node] = 1;
  for (guint i = 0; i < n_nodes; i += 3)
    shown->node_emphasis[i] = kr_scene_get_node (scene, i)->type == KR_SCENE_NODE_ENTITY;
}

static void
draw_shown (cairo_t *cr, const KrRect *area, gpointer data)
{
  const Shown *shown = data;
  KrPaintOptions options;

  shown_options (shown, &options);
  options.viewport = *area;
  kr_cairo_paint_scene (cr, shown->context, shown->scene, &options);
}

/* Tiles by position, the pixels of each. */
static void
collect_tile (KrTile *tile, gpointer data)
{
  GHashTable *pixels = data;
  int stride = cairo_image_surface_get_stride (tile->surface);

  cairo_surface_flush (tile->surface);
  g_hash_table_insert (
      pixels, g_strdup_printf ("%d,%d", tile->column, tile->row),
      g_bytes_new (cairo_image_surface_get_data (tile->surface), (gsize)stride * TILE_SIZE));
}

/* Every tile of the area that either scene covers. */
static GHashTable *
all_tiles (KrTileCache *cache, double width, double height)
{
  GHashTable *pixels
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);

  kr_tile_cache_foreach (cache, 0, 0, width * ZOOM, height * ZOOM, 0, collect_tile, pixels);
  return pixels;
}

/* The map before, dimmed as @dimming says about @focus, drawn into tiles; then the map after
 * the edit: the tiles that kr_tile_changes() leaves are kept, the others drawn again. The
 * picture is that of a fresh cache, and some tiles, not all, were kept. */
static void
check_edit (KrScene *before, KrScene *after, Dimming dimming, const char *focus)
{
  PangoContext *context = kr_text_context_new ();
  Shown shown = { .context = context };
  g_autoptr (KrTileCache) cache = kr_tile_cache_new (TILE_SIZE, NULL);
  g_autoptr (KrTileCache) fresh = kr_tile_cache_new (TILE_SIZE, NULL);
  g_autoptr (GHashTable) kept = NULL;
  g_autoptr (GHashTable) redrawn = NULL;
  g_autoptr (GHashTable) afresh = NULL;
  g_autoptr (GArray) changed = NULL;
  double width = MAX (kr_scene_get_width (before), kr_scene_get_width (after));
  double height = MAX (kr_scene_get_height (before), kr_scene_get_height (after));
  KrPaintOptions was, now;
  Shown old = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  guint n_before, n_kept;

  shown_set (&shown, before, dimming, focus);
  kr_tile_cache_configure (cache, ZOOM, 1, draw_shown, &shown);
  kept = all_tiles (cache, width, height);
  n_before = kr_tile_cache_get_n_tiles (cache);

  /* The state before is kept aside while the new one is set, as the view does. */
  old = shown;
  shown = (Shown){ .context = context };
  shown_set (&shown, after, dimming, focus);
  shown_options (&old, &was);
  shown_options (&shown, &now);
  changed = kr_tile_changes (before, &was, after, &now);
  g_assert_nonnull (changed);
  g_assert_cmpuint (changed->len, >, 0);
  kr_tile_cache_keep (cache, 2, changed);
  n_kept = kr_tile_cache_get_n_tiles (cache);
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_kept, <, n_before);
  g_assert_true (kr_tile_cache_is_current (cache, ZOOM, 2));
  /* Tiles kept are the tiles drawn before, untouched. */
  kr_tile_cache_configure (cache, ZOOM, 2, draw_shown, &shown);
  g_assert_cmpuint (kr_tile_cache_get_n_tiles (cache), ==, n_kept);
  redrawn = all_tiles (cache, width, height);

  kr_tile_cache_configure (fresh, ZOOM, 2, draw_shown, &shown);
  afresh = all_tiles (fresh, width, height);

  g_assert_cmpuint (g_hash_table_size (redrawn), ==, g_hash_table_size (afresh));
  g_hash_table_iter_init (&iter, afresh);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *mine = g_hash_table_lookup (redrawn, key);

      g_assert_nonnull (mine);
      if (!g_bytes_equal (mine, value))
        g_error ("tile %s differs from the tile drawn afresh", (const char *)key);
    }
  shown_clear (&old);
  shown_clear (&shown);
  g_object_unref (context);
}

static KrScene *
revise (KrScene *before, KrDataset *dataset)
{
  KrLayoutOptions options = *kr_scene_get_options (before);
  g_autoptr (GError) error = NULL;
  KrScene *after;

  options.seed = before;
  options.revise = TRUE;
  after = kr_layout_run (dataset, &options, &error);
  g_assert_no_error (error);
  g_assert_true (kr_scene_get_options (after)->revise);
  return after;
}

/* Rename, add a deal, delete an entity: each with nothing dimmed, with a selection and with
 * highlights, the map of the edit drawn over the tiles of the map before. */
static void
check_edits (KrEngine engine, gboolean link_labels)
{
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = kr_editor_new (builtin, undo);
  KrLayoutOptions options = { .engine = engine, .link_labels = link_labels };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) first = kr_layout_run (builtin, &options, &error);
  /* The parties of the first deal: one renamed and dealing anew, the other deleted. */
  const KrDeal *first_deal = kr_dataset_get_deal (builtin, 0);
  guint hub = first_deal->parties[0].entity, partner = first_deal->parties[1].entity;
  g_autofree char *hub_id = g_strdup (kr_dataset_get_entity (builtin, hub)->id);
  guint lonely = (hub + partner + 1) % kr_dataset_get_n_entities (builtin);

  g_assert_no_error (error);
  while (lonely == hub || lonely == partner)
    lonely = (lonely + 1) % kr_dataset_get_n_entities (builtin);

  for (Dimming dimming = DIM_NONE; dimming <= DIM_HIGHLIGHT; dimming++)
    {
      KrEntity entity = *kr_dataset_get_entity (builtin, hub);
      KrParty parties[2] = { { .entity = hub, .role = KR_ROLE_PARTNER },
                             { .entity = lonely, .role = KR_ROLE_PARTNER } };
      KrDeal deal = { .kind = KR_DEAL_ALLIANCE,
                      .status = KR_STATUS_AGREED,
                      .summary = "A new alliance.",
                      .parties = parties,
                      .n_parties = 2,
                      .stake_before = NAN,
                      .stake_after = NAN,
                      .evidence = first_deal->evidence,
                      .n_evidence = 1 };
      g_autoptr (KrScene) renamed = NULL;
      g_autoptr (KrScene) added = NULL;
      g_autoptr (KrScene) deleted = NULL;
      int gone;

      /* Each dimming starts from the first version. */
      kr_editor_replace_dataset (editor, builtin, "start");

      entity.name = "A name much longer than any other on this map";
      g_assert_true (kr_editor_set_entity (editor, hub, &entity, &error));
      g_assert_no_error (error);
      renamed = revise (first, kr_editor_get_dataset (editor));
      check_edit (first, renamed, dimming, hub_id);

      g_assert_true (kr_editor_add_deal (editor, &deal, NULL, &error));
      g_assert_no_error (error);
      added = revise (renamed, kr_editor_get_dataset (editor));
      check_edit (renamed, added, dimming, hub_id);

      gone = kr_dataset_find_entity (kr_editor_get_dataset (editor),
                                     kr_dataset_get_entity (builtin, partner)->id);
      g_assert_cmpint (gone, >=, 0);
      g_assert_true (kr_editor_delete_entity (editor, (guint)gone, &error));
      g_assert_no_error (error);
      deleted = revise (added, kr_editor_get_dataset (editor));
      check_edit (added, deleted, dimming, hub_id);
    }
}

static void
test_routed (void)
{
  check_edits (KR_ENGINE_NEATO, FALSE);
}

static void
test_link_labels (void)
{
  check_edits (KR_ENGINE_NEATO, TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tiles/edits", test_routed);
  g_test_add_func ("/tiles/edits-with-link-labels", test_link_labels);
  return g_test_run ();
}
