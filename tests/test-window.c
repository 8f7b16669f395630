/* test-window.c — the window shows the built-in map, selection drives the panel, and a bad
 * file never replaces the dataset that is open. Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "kr-builtin.h"
#include "kr-diagram-view.h"
#include "kr-evidence-panel.h"
#include "kr-layout.h"
#include "kr-window.h"

static gboolean
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return done (data);
}

static gboolean
has_scene (gpointer window)
{
  return kr_window_get_scene (window) != NULL;
}

static gboolean
scene_is_of (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return scene != NULL && kr_scene_get_dataset (scene) == pair[1];
}

static gboolean
idle_for_a_while (gpointer data)
{
  return g_get_monotonic_time () > *(gint64 *)data;
}

static void
settle (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  wait_for (idle_for_a_while, &until);
}

static void
test_window (void)
{
  KrWindow *window = kr_window_new (NULL);
  g_autoptr (KrDataset) builtin = kr_builtin_dataset_load (NULL);
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  KrEvidencePanel *panel = KR_EVIDENCE_PANEL (kr_window_get_panel (window));
  KrDataset *shown;
  KrScene *scene;
  int nissan;
  g_autofree char *bad_path = NULL;
  g_autofree char *good_path = NULL;
  g_autoptr (GFile) bad = NULL;
  g_autoptr (GFile) good = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));

  /* The built-in dataset is on the map: every entity has a node. */
  shown = kr_window_get_dataset (window);
  g_assert_nonnull (shown);
  g_assert_cmpstr (kr_dataset_get_title (shown), ==, kr_dataset_get_title (builtin));
  scene = kr_window_get_scene (window);
  g_assert_cmpuint (kr_dataset_get_n_entities (shown), >, 20);
  for (guint i = 0; i < kr_dataset_get_n_entities (shown); i++)
    g_assert_cmpint (kr_scene_find_entity (scene, i), >=, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, kr_dataset_get_title (shown));

  /* Selecting Nissan on the map shows Nissan in the side panel. */
  nissan = kr_dataset_find_entity (shown, "nissan");
  g_assert_cmpint (nissan, >=, 0);
  kr_diagram_view_select_entity (diagram, nissan, TRUE);
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, "nissan");
  kr_diagram_view_clear_selection (diagram);
  g_assert_null (kr_evidence_panel_get_shown_id (panel));

  /* Selecting a deal shows the deal. */
  kr_diagram_view_select_deal (diagram, 0, TRUE);
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, kr_dataset_get_deal (shown, 0)->id);

  /* A bad file leaves the open dataset alone. */
  bad_path = g_test_build_filename (G_TEST_DIST, "data", "bad", "many-problems.json", NULL);
  bad = g_file_new_for_path (bad_path);
  kr_window_open_file (window, bad);
  settle (1500);
  g_assert_true (kr_window_get_dataset (window) == shown);
  g_assert_true (kr_window_get_scene (window) == scene);

  /* A good one replaces it. */
  good_path = g_test_build_filename (G_TEST_DIST, "data", "good", "minimal.json", NULL);
  good = g_file_new_for_path (good_path);
  kr_window_open_file (window, good);
  settle (1500);
  g_assert_cmpstr (kr_dataset_get_title (kr_window_get_dataset (window)), ==, "Minimal example");
  {
    gpointer pair[2] = { window, kr_window_get_dataset (window) };
    g_assert_true (wait_for (scene_is_of, pair));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Lay out in helper processes, as the application does. */
  if (g_getenv ("KEIRETSU") != NULL)
    {
      const char *worker[] = { g_getenv ("KEIRETSU"), KR_LAYOUT_WORKER_OPTION, NULL };
      kr_layout_set_worker (worker);
    }
  g_test_add_func ("/window/builtin-map", test_window);
  return g_test_run ();
}
