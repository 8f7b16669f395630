/* test-arrangement.c — pins, the undo stack, and the member "positions" of the views file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kr-arrangement.h"
#include "kr-test-data.h"
#include "kr-undo-stack.h"
#include "kr-views-file.h"

typedef struct
{
  guint n_changed;
  char *key;
  gboolean placed;
  KrPin nissan; /* where ::changed last put it */
} Heard;

static void
on_changed (KrArrangement *arrangement, const char *key, GHashTable *placed, Heard *heard)
{
  heard->n_changed++;
  g_free (heard->key);
  heard->key = g_strdup (key);
  heard->placed = placed != NULL;
  if (placed != NULL && g_hash_table_contains (placed, "nissan"))
    heard->nissan = *(KrPin *)g_hash_table_lookup (placed, "nissan");
}

static void
assert_pin (KrArrangement *arrangement, const char *key, const char *id, double x, double y)
{
  KrPin pin;

  g_assert_true (kr_arrangement_lookup (arrangement, key, id, &pin));
  g_assert_cmpfloat (pin.x, ==, x);
  g_assert_cmpfloat (pin.y, ==, y);
}

static void
test_move_undo_redo (void)
{
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  g_autoptr (KrUndoStack) stack = kr_undo_stack_new ();
  Heard heard = { 0 };
  KrMove first = { .id = "nissan", .from = { 10, 20 }, .to = { 100, 200 } };
  KrMove second = { .id = "nissan", .from = { 100, 200 }, .to = { 300, 400 } };

  g_signal_connect (arrangement, "changed", G_CALLBACK (on_changed), &heard);
  g_assert_true (kr_arrangement_is_empty (arrangement));
  g_assert_false (kr_undo_stack_can_undo (stack));

  kr_undo_stack_push (stack, kr_arrangement_move (arrangement, "dot LR", &first, 1));
  assert_pin (arrangement, "dot LR", "nissan", 100, 200);
  g_assert_false (kr_arrangement_lookup (arrangement, "neato", "nissan", NULL));
  g_assert_cmpstr (heard.key, ==, "dot LR");
  g_assert_true (heard.placed);
  g_assert_true (kr_undo_stack_can_undo (stack));
  g_assert_false (kr_undo_stack_can_redo (stack));

  kr_undo_stack_push (stack, kr_arrangement_move (arrangement, "dot LR", &second, 1));
  assert_pin (arrangement, "dot LR", "nissan", 300, 400);

  /* Back to the first pin, then to where it was before any, unpinned. */
  g_assert_true (kr_undo_stack_undo (stack));
  assert_pin (arrangement, "dot LR", "nissan", 100, 200);
  g_assert_cmpfloat (heard.nissan.x, ==, 100);
  g_assert_true (kr_undo_stack_undo (stack));
  g_assert_false (kr_arrangement_lookup (arrangement, "dot LR", "nissan", NULL));
  g_assert_cmpfloat (heard.nissan.x, ==, 10);
  g_assert_cmpfloat (heard.nissan.y, ==, 20);
  g_assert_true (kr_arrangement_is_empty (arrangement));
  g_assert_false (kr_undo_stack_can_undo (stack));
  g_assert_false (kr_undo_stack_undo (stack));

  g_assert_true (kr_undo_stack_redo (stack));
  assert_pin (arrangement, "dot LR", "nissan", 100, 200);
  g_assert_cmpstr (kr_undo_stack_get_redo_label (stack), !=, NULL);

  /* A new edit forgets what was undone. */
  kr_undo_stack_push (stack, kr_arrangement_move (arrangement, "dot LR", &second, 1));
  g_assert_false (kr_undo_stack_can_redo (stack));
  g_assert_null (kr_undo_stack_get_redo_label (stack));

  /* A pinned entity moves from its pin, even when the map had not yet put it there. */
  {
    KrMove third = { .id = "nissan", .from = { 0, 0 }, .to = { 500, 600 } };
    kr_undo_stack_push (stack, kr_arrangement_move (arrangement, "dot LR", &third, 1));
    kr_undo_stack_undo (stack);
    assert_pin (arrangement, "dot LR", "nissan", 300, 400);
    g_assert_cmpfloat (heard.nissan.x, ==, 300);
  }

  g_free (heard.key);
}

static void
test_several (void)
{
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  g_autoptr (KrCommand) command = NULL;
  const KrMove moves[] = {
    { .id = "nissan", .from = { 1, 1 }, .to = { 11, 21 } },
    { .id = "honda", .from = { 2, 2 }, .to = { 12, 22 } },
  };

  command = kr_arrangement_move (arrangement, "neato", moves, G_N_ELEMENTS (moves));
  assert_pin (arrangement, "neato", "nissan", 11, 21);
  assert_pin (arrangement, "neato", "honda", 12, 22);
  g_assert_cmpuint (g_hash_table_size (kr_arrangement_get_pins (arrangement, "neato")), ==, 2);
  kr_command_apply (command, FALSE);
  g_assert_null (kr_arrangement_get_pins (arrangement, "neato"));
}

static void
test_unpin_and_reset (void)
{
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  g_autoptr (KrUndoStack) stack = kr_undo_stack_new ();
  KrMove a = { .id = "nissan", .to = { 5, 6 } };
  KrMove b = { .id = "honda", .to = { 7, 8 } };
  Heard heard = { 0 };

  kr_undo_stack_push (stack, kr_arrangement_move (arrangement, "dot LR", &a, 1));
  kr_undo_stack_push (stack, kr_arrangement_move (arrangement, "twopi", &b, 1));
  g_signal_connect (arrangement, "changed", G_CALLBACK (on_changed), &heard);

  g_assert_null (kr_arrangement_unpin (arrangement, "dot LR", "honda"));
  kr_undo_stack_push (stack, kr_arrangement_unpin (arrangement, "dot LR", "nissan"));
  g_assert_false (kr_arrangement_lookup (arrangement, "dot LR", "nissan", NULL));
  g_assert_false (heard.placed);
  kr_undo_stack_undo (stack);
  assert_pin (arrangement, "dot LR", "nissan", 5, 6);
  kr_undo_stack_redo (stack);

  kr_undo_stack_push (stack, kr_arrangement_reset (arrangement));
  g_assert_true (kr_arrangement_is_empty (arrangement));
  g_assert_null (heard.key);
  g_assert_null (kr_arrangement_reset (arrangement));
  kr_undo_stack_undo (stack);
  assert_pin (arrangement, "twopi", "honda", 7, 8);
  g_assert_false (kr_arrangement_lookup (arrangement, "dot LR", "nissan", NULL));
  /* What comes back is the arrangement's own: redoing the reset empties it again. */
  kr_undo_stack_redo (stack);
  g_assert_true (kr_arrangement_is_empty (arrangement));
  kr_undo_stack_undo (stack);
  assert_pin (arrangement, "twopi", "honda", 7, 8);
  g_free (heard.key);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_member_round_trip (void)
{
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  g_autoptr (KrArrangement) again = kr_arrangement_new ();
  g_autoptr (JsonNode) member = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (kr_arrangement_to_member (arrangement));
  member = parse ("{\"dot LR\": {\"nissan\": [120.5, 48], \"gone\": [1, 2]},"
                  " \"neato\": {\"honda\": [-3, 4.25]}}");
  g_assert_true (kr_arrangement_load (arrangement, member, "a.views.json", &error));
  g_assert_no_error (error);
  assert_pin (arrangement, "dot LR", "nissan", 120.5, 48);
  /* An id the dataset may not have is kept. */
  assert_pin (arrangement, "dot LR", "gone", 1, 2);
  assert_pin (arrangement, "neato", "honda", -3, 4.25);

  written = kr_arrangement_to_member (arrangement);
  g_assert_true (kr_arrangement_load (again, written, "a.views.json", &error));
  assert_pin (again, "dot LR", "nissan", 120.5, 48);
  assert_pin (again, "neato", "honda", -3, 4.25);

  g_assert_true (kr_arrangement_load (again, NULL, "a.views.json", &error));
  g_assert_true (kr_arrangement_is_empty (again));
}

static void
test_member_errors (void)
{
  static const struct
  {
    const char *json, *message;
  } cases[] = {
    { "[1, 2]", "a.views.json: $.positions: an object of layouts is expected" },
    { "{\"dot LR\": 3}", "a.views.json: $.positions[\"dot LR\"]: an object of entity ids is "
                         "expected" },
    { "{\"dot LR\": {\"nissan\": [1]}}",
      "a.views.json: $.positions[\"dot LR\"].nissan: a position [x, y] of two numbers is "
      "expected" },
    { "{\"dot LR\": {\"nissan\": [1, \"2\"]}}",
      "a.views.json: $.positions[\"dot LR\"].nissan: a position [x, y] of two numbers is "
      "expected" },
    { "{\"neato\": {\"ok\": [1, 2], \"nissan\": {\"x\": 1}}}",
      "a.views.json: $.positions[\"neato\"].nissan: a position [x, y] of two numbers is "
      "expected" },
    { "{\"neato\": {\"nissan\": [1e300, 2]}}",
      "a.views.json: $.positions[\"neato\"].nissan: a position [x, y] of two numbers is "
      "expected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
      g_autoptr (JsonNode) member = parse (cases[i].json);
      g_autoptr (GError) error = NULL;
      KrMove move = { .id = "x", .to = { 1, 1 } };

      kr_command_free (kr_arrangement_move (arrangement, "dot LR", &move, 1));
      g_assert_false (kr_arrangement_load (arrangement, member, "a.views.json", &error));
      g_assert_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      /* Nothing of a member in error is kept. */
      g_assert_true (kr_arrangement_is_empty (arrangement));
    }
}

/* Writes a views file with pins, as the window does, to @path: the views file's schema test
 * checks it. */
static int
write_views (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KrViewsFile) views = kr_views_file_new (file);
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  g_autoptr (GError) error = NULL;
  const KrMove moves[] = {
    { .id = "nissan", .to = { 120.5, 48 } },
    { .id = "honda", .to = { 310.25, 96.125 } },
  };

  kr_command_free (kr_arrangement_move (arrangement, "dot LR", moves, G_N_ELEMENTS (moves)));
  kr_command_free (kr_arrangement_move (arrangement, "neato", moves, 1));
  kr_views_file_set_member (views, KR_ARRANGEMENT_MEMBER, kr_arrangement_to_member (arrangement));
  if (!kr_views_file_save (views, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* Where a graph file drew its entities: y turned down, the drawing moved to the origin, and
 * one too tight for labels spread out; entities it did not draw stay free. */
static void
test_pin_drawn (void)
{
  g_autoptr (KrDataset) gephi = kr_test_load_format ("gephi.gexf");
  g_autoptr (KrDataset) plain = kr_test_load_format ("cytoscape.graphml");
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  Heard heard = { 0 };
  KrPin pin;

  g_signal_connect (arrangement, "changed", G_CALLBACK (on_changed), &heard);
  g_assert_cmpuint (kr_arrangement_pin_drawn (arrangement, "dot LR", plain), ==, 0);
  g_assert_true (kr_arrangement_is_empty (arrangement));
  g_assert_cmpuint (heard.n_changed, ==, 0);

  g_assert_cmpuint (kr_arrangement_pin_drawn (arrangement, "dot LR", gephi), ==, 2);
  g_assert_cmpuint (heard.n_changed, ==, 1);
  g_assert_cmpstr (heard.key, ==, "dot LR");
  /* Toyota at (-120.5, 44.25), Subaru at (80, -10): far enough apart to stay as drawn. */
  assert_pin (arrangement, "dot LR", "toyota", 0, 0);
  assert_pin (arrangement, "dot LR", "subaru", 200.5, 54.25);
  g_assert_false (kr_arrangement_lookup (arrangement, "dot LR", "panasonic", &pin));
  g_assert_null (kr_arrangement_get_pins (arrangement, "neato"));
  g_free (heard.key);
}

static void
test_pin_drawn_tight (void)
{
  static const char text[]
      = "<gexf xmlns:viz='http://gexf.net/1.3/viz' version='1.3'><graph><nodes>"
        "<node id='a' label='A'><viz:position x='0' y='0'/></node>"
        "<node id='b' label='B'><viz:position x='1' y='0.5'/></node>"
        "<node id='c' label='C'><viz:position x='0.5' y='1'/></node>"
        "</nodes><edges/></graph></gexf>";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) ds = kr_dataset_new_from_bytes (bytes, "unit.gexf", NULL, &error);
  g_autoptr (KrArrangement) arrangement = kr_arrangement_new ();
  double scale;

  g_assert_no_error (error);
  g_assert_cmpuint (kr_arrangement_pin_drawn (arrangement, "neato", ds), ==, 3);
  /* A unit square, as networkx draws, becomes room for three labels; its shape stays. */
  scale = 120.0 * sqrt (3);
  assert_pin (arrangement, "neato", "a", 0, scale);
  assert_pin (arrangement, "neato", "b", scale, scale / 2);
  assert_pin (arrangement, "neato", "c", scale / 2, 0);
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--write-views"))
    return write_views (argv[2]);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/arrangement/move-undo-redo", test_move_undo_redo);
  g_test_add_func ("/arrangement/several", test_several);
  g_test_add_func ("/arrangement/unpin-and-reset", test_unpin_and_reset);
  g_test_add_func ("/arrangement/member-round-trip", test_member_round_trip);
  g_test_add_func ("/arrangement/member-errors", test_member_errors);
  g_test_add_func ("/arrangement/pin-drawn", test_pin_drawn);
  g_test_add_func ("/arrangement/pin-drawn-tight", test_pin_drawn_tight);
  return g_test_run ();
}
