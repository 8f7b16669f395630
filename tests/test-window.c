/* test-window.c — the window shows the built-in map, selection drives the panel, and a bad
 * file never replaces the dataset that is open. Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "kr-bench-data.h"
#include "kr-builtin.h"
#include "kr-diagram-view.h"
#include "kr-evidence-panel.h"
#include "kr-layout.h"
#include "kr-filter-popover.h"
#include "kr-view-bar.h"
#include "kr-window.h"

/* A window that remembers, as the application's do: in the memory backend the tests use. */
static KrWindow *
new_window (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  return kr_window_new (NULL, settings);
}

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
scene_has_fewer_nodes (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return scene != NULL && kr_scene_get_n_nodes (scene) < GPOINTER_TO_UINT (pair[1]);
}

static gboolean
scene_has_all_nodes (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return scene != NULL && kr_scene_get_n_nodes (scene) == GPOINTER_TO_UINT (pair[1]);
}

static gboolean
dataset_changed (gpointer data)
{
  gpointer *pair = data;
  return kr_window_get_dataset (pair[0]) != pair[1];
}

static gboolean
title_is (gpointer data)
{
  gpointer *pair = data;
  KrDataset *ds = kr_window_get_dataset (pair[0]);
  return ds != NULL && g_strcmp0 (kr_dataset_get_title (ds), pair[1]) == 0;
}

static char *
replace (const char *text, const char *old, const char *new)
{
  g_auto (GStrv) parts = g_strsplit (text, old, -1);
  return g_strjoinv (new, parts);
}

static GtkWidget *
find_label_with_class (GtkWidget *widget, const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_with_class (c, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every label under widget: markup is well-formed, and the visible texts are gathered. */
static void
collect_label_texts (GtkWidget *widget, GString *texts)
{
  if (GTK_IS_LABEL (widget))
    {
      if (gtk_label_get_use_markup (GTK_LABEL (widget)))
        g_assert_true (pango_parse_markup (gtk_label_get_label (GTK_LABEL (widget)), -1, 0, NULL,
                                           NULL, NULL, NULL));
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_label_texts (c, texts);
}

/* The search entry holds "renau" and the status beside it counts what matches it. */
static gboolean
search_found (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr (GString) texts = g_string_new (NULL);

  if (!GTK_IS_EDITABLE (focus) || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), "renau"))
    return FALSE;
  collect_label_texts (GTK_WIDGET (window), texts);
  return strstr (texts->str, " match") != NULL && strstr (texts->str, "No match") == NULL;
}

/* The search entry has the focus and can take keys: its bar has finished sliding in (until
 * then, the revealer holding it lets no event through). */
static gboolean
search_entry_ready (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *revealer;

  if (!GTK_IS_EDITABLE (focus) || !gtk_widget_get_mapped (focus))
    return FALSE;
  revealer = gtk_widget_get_ancestor (focus, GTK_TYPE_REVEALER);
  return revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* The bar above the map shows the date of a timeline. */
static gboolean
bar_shows_a_date (gpointer window)
{
  g_autofree char *chips = kr_view_bar_describe (KR_VIEW_BAR (kr_window_get_view_bar (window)));
  return strstr (chips, "As of ") != NULL;
}

/* Nothing is being opened, laid out or worked out. */
static gboolean
is_idle (gpointer window)
{
  return !kr_window_is_busy (window);
}

typedef struct
{
  KrWindow *window;
  double x, y, width, height; /* where the map was … */
  gint64 frame;               /* … since this frame, or -1 */
} Still;

/* The map is on screen and has kept its place for two frames: laid out, allocated, fitted. */
static gboolean
map_is_still (gpointer data)
{
  Still *still = data;
  GtkWidget *diagram = kr_window_get_diagram (still->window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (diagram);
  double x, y, width = gtk_widget_get_width (diagram), height = gtk_widget_get_height (diagram);
  gint64 frame;

  if (!is_idle (still->window) || clock == NULL
      || kr_diagram_view_is_animating (KR_DIAGRAM_VIEW (diagram)))
    {
      still->frame = -1;
      return FALSE;
    }
  kr_diagram_view_to_widget (KR_DIAGRAM_VIEW (diagram), 0, 0, &x, &y);
  frame = gdk_frame_clock_get_frame_counter (clock);
  /* Frames are drawn on request only: ask for them while watching. */
  gtk_widget_queue_draw (diagram);
  if (still->frame < 0 || x != still->x || y != still->y || width != still->width
      || height != still->height)
    {
      *still = (Still){ still->window, x, y, width, height, frame };
      return FALSE;
    }
  return frame - still->frame >= 2;
}

/* Some text in the window (a toast, a page) contains pair[1]. */
static gboolean
window_says (gpointer data)
{
  gpointer *pair = data;
  g_autoptr (GString) texts = g_string_new (NULL);

  collect_label_texts (GTK_WIDGET (pair[0]), texts);
  return strstr (texts->str, pair[1]) != NULL;
}

static gboolean
panel_shows (gpointer data)
{
  gpointer *pair = data;
  return g_strcmp0 (kr_evidence_panel_get_shown_id (pair[0]), pair[1]) == 0;
}

/* Clicks at a point of the diagram with a real pointer event, through the X server. */
static gboolean
click_diagram (KrWindow *window, double x, double y)
{
#ifdef GDK_WINDOWING_X11
  GtkWidget *diagram = kr_window_get_diagram (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *wid = NULL;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;
  double wx, wy, sx, sy;
  int status = -1;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
#if GTK_CHECK_VERSION(4, 12, 0)
  {
    graphene_point_t p;
    if (!gtk_widget_compute_point (diagram, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (x, y), &p))
      return FALSE;
    wx = p.x;
    wy = p.y;
  }
#else
  if (!gtk_widget_translate_coordinates (diagram, GTK_WIDGET (window), x, y, &wx, &wy))
    return FALSE;
#endif
  /* The surface may be larger than the window (client-side shadows). */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  wid = g_strdup_printf ("%lu", (unsigned long)gdk_x11_surface_get_xid (surface));
  px = g_strdup_printf ("%d", (int)(wx + sx));
  py = g_strdup_printf ("%d", (int)(wy + sy));
  {
    const char *argv[]
        = { xdotool, "mousemove", "--sync", "--window", wid, px, py, "click", "1", NULL };
    g_spawn_sync (NULL, (char **)argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, NULL);
  }
  return status == 0;
#else
  return FALSE;
#endif
}

/* Sends keys to the window with xdotool: "key" NAMES… or "type" TEXT. */
static gboolean
send_keys (KrWindow *window, const char *command, const char *keys)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *wid = NULL;
  int status = -1;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
  wid = g_strdup_printf ("%lu", (unsigned long)gdk_x11_surface_get_xid (surface));
  {
    const char *argv[] = { xdotool, command, "--window", wid, keys, NULL };
    g_spawn_sync (NULL, (char **)argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, NULL);
  }
  return status == 0;
#else
  return FALSE;
#endif
}

static void
test_window (void)
{
  KrWindow *window = new_window ();
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

  /* Clicking Nissan on the map shows Nissan in the side panel. */
  nissan = kr_dataset_find_entity (shown, "nissan");
  g_assert_cmpint (nissan, >=, 0);
  {
    Still still = { .window = window, .frame = -1 };
    g_assert_true (wait_for (map_is_still, &still)); /* the first fit has ended */
  }
  {
    const KrSceneNode *node
        = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, (guint)nissan));
    gpointer pair[2] = { panel, (gpointer) "nissan" };
    double x, y;

    kr_diagram_view_to_widget (diagram, node->x, node->y, &x, &y);
    if (click_diagram (window, x, y))
      {
        g_assert_true (wait_for (panel_shows, pair));
        kr_diagram_view_clear_selection (diagram);
      }
    else
      g_test_message ("xdotool or X11 missing: the click is simulated by a call");
  }
  kr_diagram_view_select_entity (diagram, nissan, TRUE);
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, "nissan");
  kr_diagram_view_clear_selection (diagram);
  g_assert_null (kr_evidence_panel_get_shown_id (panel));

  /* Zooming keeps the point under the pointer where it is. */
  {
    double before_x, before_y, after_x, after_y;
    kr_diagram_view_to_scene (diagram, 300, 200, &before_x, &before_y);
    kr_diagram_view_zoom_at (diagram, 2.5, 300, 200);
    kr_diagram_view_to_scene (diagram, 300, 200, &after_x, &after_y);
    g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-6);
    g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-6);
    kr_diagram_view_zoom_at (diagram, 0.1, 50, 60);
    kr_diagram_view_to_scene (diagram, 50, 60, &before_x, &before_y);
    kr_diagram_view_zoom_at (diagram, 3, 50, 60);
    kr_diagram_view_to_scene (diagram, 50, 60, &after_x, &after_y);
    g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-6);
    g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-6);
    kr_diagram_view_fit (diagram);
  }

  /* Search: Ctrl+F, type part of a name, Enter selects it and the panel shows it. */
  {
    gpointer pair[2] = { panel, (gpointer) "renault" };
    GtkWidget *focus;

    if (send_keys (window, "key", "ctrl+f"))
      {
        /* Type only once the search entry has the focus and is on screen: on a busy machine
         * the bar is still sliding in long after Ctrl+F, and keys typed meanwhile are lost. */
        g_assert_true (wait_for (search_entry_ready, window));
        send_keys (window, "type", "renau");
        /* Every key has arrived, and the entry, which waits for typing to pause, has searched. */
        g_assert_true (wait_for (search_found, window));
        send_keys (window, "key", "Return");
      }
    else
      {
        g_test_message ("xdotool or X11 missing: typing is simulated by calls");
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
        focus = gtk_root_get_focus (GTK_ROOT (window));
        g_assert_true (GTK_IS_EDITABLE (focus));
        gtk_editable_set_text (GTK_EDITABLE (focus), "renau");
        g_assert_true (wait_for (search_found, window));
        g_signal_emit_by_name (focus, "activate");
      }
    g_assert_true (wait_for (panel_shows, pair));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (GTK_IS_EDITABLE (focus)); /* typing goes on in the search entry */
    kr_diagram_view_clear_selection (diagram);
  }

  /* Focus from the panel: only Nissan's neighbourhood, said in the bar above the map; a
   * chip's button takes it away again. */
  {
    KrViewBar *bar = KR_VIEW_BAR (kr_window_get_view_bar (window));
    guint all = kr_scene_get_n_nodes (kr_window_get_scene (window));
    gpointer pair[2] = { window, GUINT_TO_POINTER (all) };
    g_autofree char *chips = NULL;

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus", "s", "honda"));
    g_assert_true (wait_for (scene_has_fewer_nodes, pair));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
    chips = kr_view_bar_describe (bar);
    g_assert_cmpstr (chips, ==, "Around Honda");
    {
      KrScene *focused = kr_window_get_scene (window);
      int nec = kr_dataset_find_entity (shown, "nec");
      /* Honda's partners are there; NEC, which has no deal with Honda, is not. */
      g_assert_cmpint (
          kr_scene_find_entity (focused, (guint)kr_dataset_find_entity (shown, "nissan")), >=, 0);
      g_assert_cmpint (kr_scene_find_entity (focused, (guint)nec), <, 0);
    }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-view-part", "s",
                                               kr_filter_part_to_token (KR_FILTER_PART_FOCUS)));
    g_assert_true (wait_for (scene_has_all_nodes, pair));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

    /* Connect To…: the next entity selected ends the path; the bar and the panel say so. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.path-from", "s", "honda"));
    kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "renault"), FALSE);
    g_assert_true (wait_for (scene_has_fewer_nodes, pair));
    g_clear_pointer (&chips, g_free);
    chips = kr_view_bar_describe (bar);
    g_assert_cmpstr (chips, ==, "Chains from Honda to Renault");
    g_assert_cmpint (kr_evidence_panel_get_page (panel), ==, KR_PANEL_PAGE_CHAINS);
    g_assert_cmpint (kr_scene_find_entity (kr_window_get_scene (window),
                                           (guint)kr_dataset_find_entity (shown, "nec")),
                     <, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-view", NULL));
    g_assert_true (wait_for (scene_has_all_nodes, pair));

    /* The timeline starts at the last date: the map as of then, said in the bar. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
    /* Its dates are found in the background. */
    g_assert_true (wait_for (bar_shows_a_date, window));
    g_clear_pointer (&chips, g_free);
    chips = kr_view_bar_describe (bar);
    g_assert_true (g_str_has_prefix (chips, "As of 20"));
    g_assert_true (wait_for (is_idle, window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
    g_assert_true (wait_for (scene_has_all_nodes, pair));
    g_assert_true (wait_for (is_idle, window)); /* the last layout those changes asked for */
    scene = kr_window_get_scene (window);
  }

  /* Selecting a deal shows the deal. */
  kr_diagram_view_select_entity (diagram, nissan, FALSE);
  kr_diagram_view_select_deal (diagram, 0, TRUE);
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, kr_dataset_get_deal (shown, 0)->id);

  /* The sources: an article's page lists what it evidences. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-article", "s",
                                             kr_dataset_get_article (shown, 0)->id));
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==,
                   kr_dataset_get_article (shown, 0)->id);
  kr_diagram_view_select_entity (diagram, nissan, FALSE);
  kr_diagram_view_select_deal (diagram, 0, TRUE);

  /* Back and forward go through what was selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, "nissan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forward", NULL));
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, kr_dataset_get_deal (shown, 0)->id);

  /* A bad file leaves the open dataset alone. */
  bad_path = g_test_build_filename (G_TEST_DIST, "data", "bad", "many-problems.json", NULL);
  bad = g_file_new_for_path (bad_path);
  kr_window_open_file (window, bad);
  g_assert_true (wait_for (is_idle, window));
  g_assert_true (kr_window_get_dataset (window) == shown);
  g_assert_true (kr_window_get_scene (window) == scene);

  /* A good one replaces it. */
  good_path = g_test_build_filename (G_TEST_DIST, "data", "good", "minimal.json", NULL);
  good = g_file_new_for_path (good_path);
  kr_window_open_file (window, good);
  {
    gpointer pair[2] = { window, (gpointer) "Minimal example" };
    g_assert_true (wait_for (title_is, pair));
  }
  {
    gpointer pair[2] = { window, kr_window_get_dataset (window) };
    g_assert_true (wait_for (scene_is_of, pair));
  }

  /* Names are text: markup in a name is shown as it is written, never interpreted. */
  {
    g_autofree char *path
        = g_test_build_filename (G_TEST_DIST, "data", "good", "network.json", NULL);
    g_autoptr (GFile) network = g_file_new_for_path (path);
    gpointer before[2] = { window, kr_window_get_dataset (window) };
    gpointer delta[2] = { panel, (gpointer) "d" };
    GtkWidget *title;

    /* Filters chosen for it the last time come back with it. */
    g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
    g_autofree char *uri = g_file_get_uri (network);
    g_autoptr (GVariant) remembered = NULL;
    const char *terms = NULL;
    g_settings_set_value (settings, "dataset-filters",
                          g_variant_new_parsed ("{%s: 'deal-kind=alliance;hide-isolated'}", uri));

    kr_window_open_file (window, network);
    g_assert_true (wait_for (dataset_changed, before));
    {
      gpointer pair[2] = { window, kr_window_get_dataset (window) };
      g_assert_true (wait_for (scene_is_of, pair));
    }
    g_assert_cmpint (kr_scene_find_entity (kr_window_get_scene (window), 6), <, 0);  /* lone */
    g_assert_cmpint (kr_scene_find_entity (kr_window_get_scene (window), 0), >=, 0); /* a */
    /* Changing them is remembered too. */
    g_assert_true (
        gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-view-part", "s",
                                    kr_filter_part_to_token (KR_FILTER_PART_HIDE_ISOLATED)));
    remembered = g_settings_get_value (settings, "dataset-filters");
    g_assert_true (g_variant_lookup (remembered, uri, "&s", &terms));
    g_assert_cmpstr (terms, ==, "deal-kind=alliance");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-view", NULL));
    g_assert_true (wait_for (is_idle, window));
    kr_diagram_view_select_entity (
        diagram, kr_dataset_find_entity (kr_window_get_dataset (window), "d"), FALSE);
    g_assert_true (wait_for (panel_shows, delta));
    title = find_label_with_class (GTK_WIDGET (panel), "title-2");
    g_assert_nonnull (title);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Delta <b>Bold</b>");
    g_assert_false (gtk_label_get_use_markup (GTK_LABEL (title)));
  }

  /* Names that mean something to Pango, HTML or printf are shown as written, everywhere. */
  {
    g_autofree char *path
        = g_test_build_filename (G_TEST_DIST, "data", "good", "hostile-names.json", NULL);
    g_autoptr (GFile) hostile = g_file_new_for_path (path);
    gpointer before[2] = { window, kr_window_get_dataset (window) };
    static const char *const as_written[][2] = {
      { "bold", "<b>Bold</b> <i>Italic</i> <span foreground=\"red\">Red</span>" },
      { "xml", "XML &amp; &lt; &#0; <?xml?> <![CDATA[x]]> </svg>" },
      { "printf", "<a href=\"https://evil.example\">click</a>" },
      { "d1", "</title><script>alert(\"x\")</script> \\N buys \\G" },
      { "d3", "%s%s%s%n" },
    };
    KrDataset *dataset;

    kr_window_open_file (window, hostile);
    g_assert_true (wait_for (dataset_changed, before));
    dataset = kr_window_get_dataset (window);
    {
      gpointer pair[2] = { window, dataset };
      g_assert_true (wait_for (scene_is_of, pair));
    }
    for (guint i = 0; i < G_N_ELEMENTS (as_written); i++)
      {
        gpointer pair[2] = { panel, (gpointer)as_written[i][0] };
        g_autoptr (GString) texts = g_string_new (NULL);
        int entity = kr_dataset_find_entity (dataset, as_written[i][0]);

        if (entity >= 0)
          kr_diagram_view_select_entity (diagram, entity, FALSE);
        else
          kr_diagram_view_select_deal (diagram, kr_dataset_find_deal (dataset, as_written[i][0]),
                                       FALSE);
        g_assert_true (wait_for (panel_shows, pair));
        collect_label_texts (GTK_WIDGET (window), texts);
        if (strstr (texts->str, as_written[i][1]) == NULL)
          g_error ("“%s” is not shown as written in:\n%s", as_written[i][1], texts->str);
      }
  }

  /* The open file is watched: a new version replaces it and keeps the selection; a broken
   * version is reported and the map stays. */
  {
    g_autofree char *dir = g_dir_make_tmp ("kr-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "data.json", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *revised = NULL;
    g_autoptr (GFile) copy = NULL;
    gpointer before[2] = { window, kr_window_get_dataset (window) };
    gpointer sample[2] = { panel, (gpointer) "sample" };
    gpointer title[2] = { window, (gpointer) "Revised example" };

    g_assert_true (g_file_get_contents (good_path, &contents, NULL, NULL));
    g_assert_true (g_file_set_contents (path, contents, -1, NULL));
    copy = g_file_new_for_path (path);
    kr_window_open_file (window, copy);
    g_assert_true (wait_for (dataset_changed, before));
    {
      gpointer pair[2] = { window, kr_window_get_dataset (window) };
      g_assert_true (wait_for (scene_is_of, pair));
    }
    kr_diagram_view_select_entity (
        diagram, kr_dataset_find_entity (kr_window_get_dataset (window), "sample"), FALSE);
    g_assert_true (wait_for (panel_shows, sample));

    g_assert_true (wait_for (is_idle, window));
    revised = replace (contents, "Minimal example", "Revised example");
    g_assert_true (g_file_set_contents (path, revised, -1, NULL));
    g_assert_true (wait_for (title_is, title));
    {
      gpointer pair[2] = { window, kr_window_get_dataset (window) };
      g_assert_true (wait_for (scene_is_of, pair));
    }
    g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, "sample");

    g_assert_true (g_file_set_contents (path, "{ \"format\": ", -1, NULL));
    {
      gpointer said[2] = { window, (gpointer) "still showing the previous dataset" };
      g_assert_true (wait_for (window_says, said));
    }
    g_assert_cmpstr (kr_dataset_get_title (kr_window_get_dataset (window)), ==, "Revised example");
    g_assert_nonnull (kr_window_get_scene (window));

    g_unlink (path);
    g_rmdir (dir);
  }

  /* Graphviz crashing in the middle of a layout is reported, and the map stays. */
  {
    const char *crashing[] = { "/bin/sh", "-c", "cat >/dev/null; kill -SEGV $$", NULL };
    const char *worker[] = { g_getenv ("KEIRETSU"), KR_LAYOUT_WORKER_OPTION, NULL };
    KrScene *map_before = kr_window_get_scene (window);
    g_autoptr (GString) texts = g_string_new (NULL);

    g_assert_nonnull (map_before);
    kr_layout_set_worker (crashing);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.engine", "s", "neato"));
    {
      gpointer said[2] = { window, (gpointer) "Graphviz stopped unexpectedly" };
      g_assert_true (wait_for (window_says, said));
    }
    kr_layout_set_worker (worker[0] != NULL ? worker : NULL);
    g_assert_true (kr_window_get_scene (window) == map_before);
    g_assert_true (
        g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (
                         gtk_widget_get_ancestor (kr_window_get_diagram (window), GTK_TYPE_STACK))),
                     "diagram"));
    collect_label_texts (GTK_WIDGET (window), texts);
    if (strstr (texts->str, "Graphviz stopped unexpectedly") == NULL)
      g_error ("the crash is not reported:\n%s", texts->str);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_check (GtkWidget *widget, int *skip)
{
  if (GTK_IS_CHECK_BUTTON (widget) && (*skip)-- == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check (c, skip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
count_changes (KrFilterPopover *popover, int *changes)
{
  (*changes)++;
}

/* The filter popover lists what the dataset has; unticking a choice filters it out. */
static void
test_filter_popover (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "network.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KrDataset) ds = kr_dataset_new_from_file (file, NULL, NULL, NULL);
  GtkWidget *popover = g_object_ref_sink (kr_filter_popover_new ());
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  GtkWidget *first;
  int skip = 0, changes = 0;

  g_assert_nonnull (ds);
  kr_filter_init (&filter);
  kr_filter_popover_set_dataset (KR_FILTER_POPOVER (popover), ds, &filter);
  g_signal_connect (popover, "changed", G_CALLBACK (count_changes), &changes);

  /* Choices follow the vocabulary's order: of the network's deal kinds, investment is first. */
  first = find_check (popover, &skip);
  g_assert_nonnull (first);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first), FALSE);
  g_assert_cmpint (changes, ==, 1);
  kr_filter_popover_apply (KR_FILTER_POPOVER (popover), &filter);
  g_assert_cmpuint (filter.deal_kinds, !=, 0);
  g_assert_false (filter.deal_kinds & (1u << KR_DEAL_INVESTMENT));
  g_assert_true (filter.deal_kinds & (1u << KR_DEAL_ALLIANCE));

  /* Showing the filter again ticks what it shows, without reporting a change. */
  filter.deal_kinds = 0;
  kr_filter_popover_sync (KR_FILTER_POPOVER (popover), &filter);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  g_assert_cmpint (changes, ==, 1);
  g_object_unref (popover);
}

/* Connect To… and then a click on the same entity: the panel shows it, and no path is drawn. */
static void
test_path_to_itself (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  KrEvidencePanel *panel = KR_EVIDENCE_PANEL (kr_window_get_panel (window));
  gpointer honda[2] = { panel, (gpointer) "honda" };
  KrDataset *shown;
  guint all;

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  shown = kr_window_get_dataset (window);
  all = kr_scene_get_n_nodes (kr_window_get_scene (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.path-from", "s", "honda"));
  kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "honda"), FALSE);
  g_assert_true (wait_for (panel_shows, honda));
  g_assert_cmpuint (kr_scene_get_n_nodes (kr_window_get_scene (window)), ==, all);
  g_assert_false (gtk_widget_get_visible (kr_window_get_view_bar (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The timeline turned on before any dataset is shown waits for one, then shows its dates. */
static void
test_timeline_before_dataset (void)
{
  KrWindow *window = new_window ();
  g_autofree char *chips = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (bar_shows_a_date, window));
  chips = kr_view_bar_describe (KR_VIEW_BAR (kr_window_get_view_bar (window)));
  g_assert_true (g_str_has_prefix (chips, "As of 20"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

#define LARGE_DATASET 850 /* entities: more than the window lays out with dot */

static gboolean
scene_is_large (gpointer window)
{
  KrScene *scene = kr_window_get_scene (window);
  return scene != NULL && kr_dataset_get_n_entities (kr_scene_get_dataset (scene)) == LARGE_DATASET;
}

/* A large dataset is laid out with sfdp, but the preference stays: the next dataset is laid
 * out with dot again, and the layout engine setting never changes. */
static void
test_large_dataset_engine (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = g_dir_make_tmp ("kr-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr (GFile) large = g_file_new_for_path (path);
  g_autofree char *map_engine = NULL;
  g_autofree char *preference = NULL;
  KrWindow *window;
  guint changes = 0;

  g_settings_reset (settings, "layout-engine"); /* dot, whatever another test picked */
  g_signal_connect_swapped (settings, "changed::layout-engine", G_CALLBACK (count_change),
                            &changes);
  kr_bench_write_dataset (path, LARGE_DATASET, 1);
  window = kr_window_new (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));

  kr_window_open_file (window, large);
  g_assert_true (wait_for (scene_is_large, window));
  g_assert_cmpstr (kr_scene_get_engine (kr_window_get_scene (window)), ==, "sfdp");
  g_object_get (window, "map-engine", &map_engine, "engine", &preference, NULL);
  g_assert_cmpstr (map_engine, ==, "sfdp");
  g_assert_cmpstr (preference, ==, "dot");

  kr_window_open_builtin (window);
  {
    gpointer pair[2] = { window, kr_window_get_dataset (window) };
    g_assert_true (wait_for (scene_is_of, pair));
  }
  g_assert_cmpstr (kr_scene_get_engine (kr_window_get_scene (window)), ==, "dot");
  g_assert_true (wait_for (is_idle, window));
  g_assert_cmpuint (changes, ==, 0);
  g_clear_pointer (&preference, g_free);
  preference = g_settings_get_string (settings, "layout-engine");
  g_assert_cmpstr (preference, ==, "dot");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* No node of the map lies under the legend, or under the button that opens it. */
static void
assert_legend_clear (KrDiagramView *diagram)
{
  KrScene *scene = kr_diagram_view_get_scene (diagram);
  graphene_rect_t legend;

  g_assert_true (kr_diagram_view_get_legend_area (diagram, &legend));
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      KrRect b = kr_scene_node_bounds (kr_scene_get_node (scene, i));
      graphene_rect_t node;
      double x0, y0, x1, y1;

      kr_diagram_view_to_widget (diagram, b.x, b.y, &x0, &y0);
      kr_diagram_view_to_widget (diagram, b.x + b.width, b.y + b.height, &x1, &y1);
      node = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
      if (graphene_rect_intersection (&node, &legend, NULL))
        g_error ("node %u (%.0f, %.0f, %.0f × %.0f) is under the legend (%.0f, %.0f, %.0f × %.0f)",
                 i, x0, y0, x1 - x0, y1 - y0, legend.origin.x, legend.origin.y, legend.size.width,
                 legend.size.height);
    }
}

static gboolean
shows_legend (gpointer window)
{
  gboolean shown = FALSE;

  g_object_get (window, "show-legend", &shown, NULL);
  return shown;
}

/* The first view of the built-in dataset names every entity legibly at 1200 × 800 and
 * 1200 × 760, and its hubs at 800 × 600; fitting the map and revealing a selection leave the
 * legend free, open or collapsed, and the map's button that opens the legend is remembered. */
static void
test_legible_map (void)
{
  /* The window's size today, on a 1280 × 800 screen, and a small one. */
  static const int sizes[][3] = { { 1200, 800, TRUE }, { 1200, 760, TRUE }, { 800, 600, FALSE } };
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      KrWindow *window = new_window ();
      KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
      Still still = { .window = window, .frame = -1 };
      double least = G_MAXDOUBLE, most = 0, nissan_pixels;
      double zoom, w, h, sw, sh;
      KrDataset *dataset;
      KrScene *scene;
      GtkWidget *button;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[k][0], sizes[k][1]);
      gtk_window_present (GTK_WINDOW (window));
      kr_window_open_builtin (window);
      g_assert_true (wait_for (has_scene, window));
      g_assert_true (wait_for (map_is_still, &still));

      /* The label of every entity, as high as it is drawn on screen. */
      scene = kr_diagram_view_get_scene (diagram);
      dataset = kr_scene_get_dataset (scene);
      for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
        {
          double pixels = kr_diagram_view_get_label_pixels (diagram, i);
          least = MIN (least, pixels);
          most = MAX (most, pixels);
        }
      nissan_pixels
          = kr_diagram_view_get_label_pixels (diagram, kr_dataset_find_entity (dataset, "nissan"));
      zoom = kr_diagram_view_get_zoom (diagram);
      w = gtk_widget_get_width (GTK_WIDGET (diagram));
      h = gtk_widget_get_height (GTK_WIDGET (diagram));
      sw = kr_scene_get_width (scene) * zoom;
      sh = kr_scene_get_height (scene) * zoom;
      g_test_message ("%d × %d: map %.0f × %.0f px, scene %.0f × %.0f pt at zoom %.3f fills "
                      "%.0f × %.0f px (%.0f %%), labels %.1f to %.1f px, Nissan's %.1f px",
                      sizes[k][0], sizes[k][1], w, h, kr_scene_get_width (scene),
                      kr_scene_get_height (scene), zoom, sw, sh, 100 * sw * sh / (w * h), least,
                      most, nissan_pixels);
      /* 10 pixels, but for the rounding of a product. */
      if (sizes[k][2])
        g_assert_cmpfloat (least, >=, 10.0 - 1e-6);
      /* The hub stands out, and stays legible when the others are small. */
      g_assert_cmpfloat (nissan_pixels, >=, 10.0 - 1e-6);
      g_assert_cmpfloat (nissan_pixels, >, least);

      /* Collapsed, the legend is a button the map leaves free. */
      g_assert_false (kr_diagram_view_get_show_legend (diagram));
      assert_legend_clear (diagram);

      /* Opened with that button, it is remembered, and the map makes room for it. */
      button = gtk_widget_get_first_child (GTK_WIDGET (diagram));
      g_assert_true (GTK_IS_BUTTON (button));
      g_signal_emit_by_name (button, "clicked");
      g_assert_true (kr_diagram_view_get_show_legend (diagram));
      g_assert_true (shows_legend (window));
      g_assert_true (g_settings_get_boolean (settings, "show-legend"));
      still.frame = -1;
      g_assert_true (wait_for (map_is_still, &still));
      assert_legend_clear (diagram);

      /* A node zoomed into the legend's corner, once selected and brought into view, is not
       * under it. */
      {
        int nissan = kr_dataset_find_entity (dataset, "nissan");
        const KrSceneNode *node
            = kr_scene_get_node (scene, (guint)kr_scene_find_entity (scene, (guint)nissan));
        graphene_rect_t legend;
        graphene_point_t centre;
        double x, y;

        g_assert_true (kr_diagram_view_get_legend_area (diagram, &legend));
        graphene_rect_get_center (&legend, &centre);
        kr_diagram_view_to_widget (diagram, node->x, node->y, &x, &y);
        /* Twice as large, around the point that puts Nissan on the legend's centre. */
        kr_diagram_view_zoom_at (diagram, 2, 2 * x - centre.x, 2 * y - centre.y);
        kr_diagram_view_to_widget (diagram, node->x, node->y, &x, &y);
        g_assert_cmpfloat_with_epsilon (x, centre.x, 1e-6);
        g_assert_cmpfloat_with_epsilon (y, centre.y, 1e-6);
        kr_diagram_view_select_entity (diagram, nissan, TRUE);
        still.frame = -1;
        g_assert_true (wait_for (map_is_still, &still));
        kr_diagram_view_to_widget (diagram, node->x, node->y, &x, &y);
        g_assert_false (graphene_rect_contains_point (&legend, &GRAPHENE_POINT_INIT (x, y)));
        kr_diagram_view_clear_selection (diagram);
        kr_diagram_view_fit (diagram);
      }

      /* Closed again, from the preferences this time. */
      g_object_set (window, "show-legend", FALSE, NULL);
      g_assert_false (kr_diagram_view_get_show_legend (diagram));
      g_assert_false (g_settings_get_boolean (settings, "show-legend"));
      still.frame = -1;
      g_assert_true (wait_for (map_is_still, &still));
      assert_legend_clear (diagram);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_settings_reset (settings, "show-legend");
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
  g_test_add_func ("/window/filter-popover", test_filter_popover);
  g_test_add_func ("/window/path-to-itself", test_path_to_itself);
  g_test_add_func ("/window/timeline-before-dataset", test_timeline_before_dataset);
  g_test_add_func ("/window/large-dataset-engine", test_large_dataset_engine);
  g_test_add_func ("/window/legible-map", test_legible_map);
  return g_test_run ();
}
