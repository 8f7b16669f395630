/* test-window.c — the window shows the built-in map, selection drives the panel, and a bad
 * file never replaces the dataset that is open. Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "kr-bench-data.h"
#include "kr-builtin.h"
#include "kr-article-dialog.h"
#include "kr-article-page.h"
#include "kr-csv-dialog.h"
#include "kr-evidence-dialog.h"
#include "kr-csv-mapping.h"
#include "kr-dataset-queries.h"
#include "kr-dataset-writer.h"
#include "kr-deal-page.h"
#include "kr-diagram-view.h"
#include "kr-entity-chooser.h"
#include "kr-evidence-card.h"
#include "kr-evidence-panel.h"
#include "kr-layout-cache.h"
#include "kr-layout.h"
#include "kr-filter-popover.h"
#include "kr-timeline-bar.h"
#include "kr-hover-card.h"
#include "kr-paths.h"
#include "kr-record-form.h"
#include "kr-view-bar.h"
#include "kr-window.h"

/* A window that remembers, as the application's do: in the memory backend the tests use. */
static KrWindow *
new_window (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  return kr_window_new (NULL, settings);
}

/* Waits until @done says so, at most @seconds. */
static gboolean
wait_within (gboolean (*done) (gpointer), gpointer data, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return done (data);
}

/* The same, where the limit only ends a test that would otherwise hang: it is generous, since a
 * sanitized build on a busy machine lays out a large map slowly. */
static gboolean
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  return wait_within (done, data, 120);
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
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

/* The map shows fewer nodes than pair[1]. */
static gboolean
scene_has_fewer_nodes (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return scene != NULL && kr_scene_get_n_shown_nodes (scene) < GPOINTER_TO_UINT (pair[1]);
}

static gboolean
scene_has_all_nodes (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return scene != NULL && kr_scene_get_n_shown_nodes (scene) == GPOINTER_TO_UINT (pair[1]);
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

/* The first widget of @type with the style class @css_class (nullable: any) under @widget. */
static GtkWidget *
find_widget (GtkWidget *widget, GType type, const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, css_class);
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

typedef struct
{
  GtkWidget *widget;
  gint64 frame; /* the frame it was first seen on screen in, or -1 */
} Drawn;

/* The widget is on screen and two frames have been drawn since: it has been laid out. */
static gboolean
is_drawn (gpointer data)
{
  Drawn *drawn = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (drawn->widget);

  if (clock == NULL || !gtk_widget_get_mapped (drawn->widget))
    return FALSE;
  /* Frames are drawn on request only: ask for them while watching. */
  gtk_widget_queue_draw (drawn->widget);
  if (drawn->frame < 0)
    drawn->frame = gdk_frame_clock_get_frame_counter (clock);
  return gdk_frame_clock_get_frame_counter (clock) - drawn->frame >= 2;
}

/* Where the search entry is in its window once the window has been laid out again. */
static gboolean
search_entry_at (GtkWidget *entry, graphene_rect_t *bounds)
{
  Drawn drawn = { .widget = entry, .frame = -1 };

  return wait_for (is_drawn, &drawn)
         && gtk_widget_compute_bounds (entry, GTK_WIDGET (gtk_widget_get_root (entry)), bounds);
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
window_is_silent (gpointer data)
{
  return !window_says (data);
}

/* The close button of the toast shown. */
static GtkWidget *
find_toast_close (GtkWidget *widget)
{
  gboolean in_toast = g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      if (in_toast && GTK_IS_BUTTON (c)
          && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (c)), "window-close-symbolic") == 0)
        return c;
      found = find_toast_close (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
panel_shows (gpointer data)
{
  gpointer *pair = data;
  return g_strcmp0 (kr_evidence_panel_get_shown_id (pair[0]), pair[1]) == 0;
}

/* Moves the pointer to a point of @widget with a real pointer event, through the X server,
 * then has xdotool do @then there ("click", "1", …; NULL for nothing more). */
static gboolean
pointer_at (KrWindow *window, GtkWidget *widget, double x, double y, const char *const *then)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *wid = NULL;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;
  g_autoptr (GPtrArray) argv = NULL;
  double wx, wy, sx, sy;
  int status = -1;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
#if GTK_CHECK_VERSION(4, 12, 0)
  {
    graphene_point_t p;
    if (!gtk_widget_compute_point (widget, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (x, y), &p))
      return FALSE;
    wx = p.x;
    wy = p.y;
  }
#else
  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (window), x, y, &wx, &wy))
    return FALSE;
#endif
  /* The surface may be larger than the window (client-side shadows). */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  wid = g_strdup_printf ("%lu", (unsigned long)gdk_x11_surface_get_xid (surface));
  px = g_strdup_printf ("%d", (int)(wx + sx));
  py = g_strdup_printf ("%d", (int)(wy + sy));
  argv = g_ptr_array_new ();
  for (const char *const *a
       = (const char *const[]){ xdotool, "mousemove", "--sync", "--window", wid, px, py, NULL };
       *a != NULL; a++)
    g_ptr_array_add (argv, (gpointer)*a);
  for (guint i = 0; then != NULL && then[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)then[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, NULL);
  return status == 0;
#else
  return FALSE;
#endif
}

/* Clicks at a point of the diagram with a real pointer event. */
static gboolean
click_diagram (KrWindow *window, double x, double y)
{
  return pointer_at (window, kr_window_get_diagram (window), x, y,
                     (const char *const[]){ "click", "1", NULL });
}

/* Runs xdotool @command @option WINDOW @arg (nullable) on the toplevel @native. */
static gboolean
xdotool_on_native (GtkNative *native, const char *command, const char *option, const char *arg)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *wid = NULL;
  int status = -1;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
  wid = g_strdup_printf ("%lu", (unsigned long)gdk_x11_surface_get_xid (surface));
  {
    const char *argv[] = { xdotool, command, option, wid, arg, NULL };
    g_spawn_sync (NULL, (char **)argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, NULL);
  }
  return status == 0;
#else
  return FALSE;
#endif
}

/* Runs xdotool @command @option WINDOW @arg (nullable) on @window, the main window or a
 * dialog (a GtkWindow). */
static gboolean
xdotool_on (gpointer window, const char *command, const char *option, const char *arg)
{
  return xdotool_on_native (GTK_NATIVE (window), command, option, arg);
}

/* Sends keys to the window (or a dialog) with xdotool: "key" NAMES… or "type" TEXT. */
static gboolean
send_keys (gpointer window, const char *command, const char *keys)
{
  return xdotool_on (window, command, "--window", keys);
}

/* Sends @keyval with no modifier, named by its key code. xdotool picks the first modifier mask
 * that its keymap lists for a key's first level, and newer keyboard descriptions list Alt for
 * the function keys (Alt+F2 still gives F2 there): by name, F2 would arrive as Alt+F2. */
static gboolean
send_plain_key (KrWindow *window, guint keyval)
{
  g_autofree GdkKeymapKey *keys = NULL;
  g_autofree char *code = NULL;
  int n_keys = 0;

  if (!gdk_display_map_keyval (gtk_widget_get_display (GTK_WIDGET (window)), keyval, &keys,
                               &n_keys))
    return FALSE;
  for (int i = 0; i < n_keys; i++)
    if (keys[i].group == 0 && keys[i].level == 0)
      {
        code = g_strdup_printf ("%u", keys[i].keycode);
        return send_keys (window, "key", code);
      }
  return FALSE;
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
    gpointer one[2] = { window, (gpointer) "\n1 match\n" };
    gpointer alias[2] = { window, (gpointer) "1 of 1 · Renault, as “Renault SA”" };
    gpointer none[2] = { window, (gpointer) "No matches" };
    GtkWidget *focus, *entry;
    graphene_rect_t found, later;

    if (send_keys (window, "key", "ctrl+f"))
      {
        /* Type only once the search entry has the focus and is on screen: on a busy machine
         * the bar is still sliding in long after Ctrl+F, and keys typed meanwhile are lost. */
        g_assert_true (wait_for (search_entry_ready, window));
        send_keys (window, "type", "renau");
        /* Every key has arrived, and the entry, which waits for typing to pause, has searched. */
        g_assert_true (wait_for (search_found, window));
        entry = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_TYPE_SEARCH_ENTRY);
        g_assert_true (search_entry_at (entry, &found));
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
        entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
        g_assert_true (search_entry_at (entry, &found));
        g_signal_emit_by_name (focus, "activate");
      }
    g_assert_true (wait_for (panel_shows, pair));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (GTK_IS_EDITABLE (focus)); /* typing goes on in the search entry */

    /* The entry stays where it is while the status beside it grows, and says itself when
     * nothing matches. */
    gtk_editable_set_text (GTK_EDITABLE (focus), "renault sa");
    g_assert_true (wait_for (window_says, one));
    g_signal_emit_by_name (focus, "activate");
    g_assert_true (wait_for (window_says, alias));
    g_assert_true (search_entry_at (entry, &later));
    g_assert_cmpfloat (later.origin.x, ==, found.origin.x);
    g_assert_false (gtk_widget_has_css_class (entry, "error"));
    gtk_editable_set_text (GTK_EDITABLE (focus), "renaultzz");
    g_assert_true (wait_for (window_says, none));
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
    g_assert_true (search_entry_at (entry, &later));
    g_assert_cmpfloat (later.origin.x, ==, found.origin.x);
    gtk_editable_set_text (GTK_EDITABLE (focus), "renau");
    g_assert_true (wait_for (search_found, window));
    g_assert_false (gtk_widget_has_css_class (entry, "error"));
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
    title = find_widget (GTK_WIDGET (panel), GTK_TYPE_LABEL, "title-2");
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

/* The filter popover lists what the dataset has, once shown; unticking a choice filters it
 * out. */
static void
test_filter_popover (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "network.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KrDataset) ds = kr_dataset_new_from_file (file, NULL, NULL, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = kr_filter_popover_new ();
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  GtkWidget *first;
  int skip = 0, changes = 0;

  g_assert_nonnull (ds);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  kr_filter_init (&filter);
  kr_filter_popover_set_dataset (KR_FILTER_POPOVER (popover), ds, &filter);
  g_signal_connect (popover, "changed", G_CALLBACK (count_changes), &changes);

  /* The checks are made when the popover is first shown, not with the dataset. */
  g_assert_null (find_check (popover, &skip));
  skip = 0;
  gtk_popover_popup (GTK_POPOVER (popover));

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

  /* A filter given before the checks are made is what they show once made. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  filter.deal_kinds = 1u << KR_DEAL_ALLIANCE;
  kr_filter_popover_set_dataset (KR_FILTER_POPOVER (popover), ds, &filter);
  skip = 0;
  g_assert_null (find_check (popover, &skip));
  gtk_popover_popup (GTK_POPOVER (popover));
  skip = 0;
  first = find_check (popover, &skip);
  g_assert_nonnull (first);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  g_assert_cmpint (changes, ==, 1);
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_window_destroy (GTK_WINDOW (window));
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

/* The button of @bar's chips whose action has @action as target, or NULL. */
static GtkWidget *
find_button_for (GtkWidget *widget, const char *action, const char *target)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *t = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      if (target == NULL || (t != NULL && g_str_equal (g_variant_get_string (t, NULL), target)))
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_for (c, action, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
laid_out_with (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return is_idle (pair[0]) && scene != NULL && g_str_equal (kr_scene_get_engine (scene), pair[1]);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* Clicks a button as a person does: it takes the focus, then acts. */
static void
click_button (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_assert_true (gtk_widget_activate (button));
}

/* The focus chip: Radial lays that view out around the entity, on and off, and goes with the
 * focus; the preferred engine never changes. Each × takes its part off with no critical (the
 * test fails on one): the bar is not rebuilt under the button being clicked. */
static void
test_focus_chip (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  KrWindow *window;
  GtkWidget *bar, *radial;
  gpointer pair[2] = { NULL, NULL };
  gpointer twopi[2] = { NULL, (gpointer) "twopi" };
  gpointer dot[2] = { NULL, (gpointer) "dot" };
  g_autofree char *engine = NULL;
  gboolean on = TRUE;
  guint changes = 0;

  g_settings_reset (settings, "layout-engine");
  g_signal_connect_swapped (settings, "changed::layout-engine", G_CALLBACK (count_change),
                            &changes);
  window = kr_window_new (NULL, settings);
  bar = kr_window_get_view_bar (window);
  pair[0] = twopi[0] = dot[0] = window;
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (is_idle, window));
  pair[1] = GUINT_TO_POINTER (kr_scene_get_n_nodes (kr_window_get_scene (window)));

  /* Focus on It, from Honda's page. */
  kr_diagram_view_select_entity (KR_DIAGRAM_VIEW (kr_window_get_diagram (window)),
                                 kr_dataset_find_entity (kr_window_get_dataset (window), "honda"),
                                 FALSE);
  click_button (find_button_for (kr_window_get_panel (window), "win.focus", NULL));
  g_assert_true (wait_for (scene_has_fewer_nodes, pair));
  g_assert_true (wait_for (laid_out_with, dot));

  radial = find_button_for (bar, "win.focus-radial", NULL);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (radial));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (radial)));
  click_button (radial);
  g_assert_true (wait_for (laid_out_with, twopi));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (radial)));
  g_assert_true (find_button_for (bar, "win.focus-radial", NULL) == radial);
  g_object_get (window, "engine", &engine, NULL);
  g_assert_cmpstr (engine, ==, "dot");
  click_button (radial);
  g_assert_true (wait_for (laid_out_with, dot));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (radial)));

  /* Gone with the focus, and not there for the next one. */
  click_button (radial);
  g_assert_true (wait_for (laid_out_with, twopi));
  click_button (
      find_button_for (bar, "win.clear-view-part", kr_filter_part_to_token (KR_FILTER_PART_FOCUS)));
  g_assert_true (wait_for (scene_has_all_nodes, pair));
  g_assert_true (wait_for (laid_out_with, dot));
  g_assert_false (gtk_widget_get_visible (bar));
  g_object_get (window, "focus-radial", &on, NULL);
  g_assert_false (on);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus", "s", "honda"));
  g_assert_true (wait_for (scene_has_fewer_nodes, pair));
  g_assert_true (wait_for (laid_out_with, dot));
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (find_button_for (bar, "win.focus-radial", NULL))));

  /* Show Everything, clicked, takes every chip off. */
  click_button (find_button_for (bar, "win.clear-view", NULL));
  g_assert_true (wait_for (scene_has_all_nodes, pair));
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpuint (changes, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Where Nissan is on the map and on screen. */
typedef struct
{
  double x, y;   /* scene */
  double wx, wy; /* widget */
} Place;

static Place
place_of (KrWindow *window, guint entity)
{
  KrScene *scene = kr_window_get_scene (window);
  int node = kr_scene_find_entity (scene, entity);
  const KrSceneNode *n;
  Place p;

  g_assert_cmpint (node, >=, 0);
  n = kr_scene_get_node (scene, (guint)node);
  p.x = n->x;
  p.y = n->y;
  kr_diagram_view_to_widget (KR_DIAGRAM_VIEW (kr_window_get_diagram (window)), n->x, n->y, &p.wx,
                             &p.wy);
  return p;
}

/* Nothing is being laid out, and @entity is exactly where it was, in the same layout. */
static void
assert_unmoved (KrWindow *window, KrScene *whole, guint entity, const Place *was)
{
  Place now = place_of (window, entity);

  g_assert_false (kr_window_is_busy (window));
  g_assert_true (kr_scene_same_layout (kr_window_get_scene (window), whole));
  g_assert_cmpfloat (now.x, ==, was->x);
  g_assert_cmpfloat (now.y, ==, was->y);
}

static gboolean
window_is_busy (gpointer window)
{
  return kr_window_is_busy (window);
}

/* A map that stays still: unticking a deal kind and each step of the timeline hide what is out
 * at once, with no layout, and Nissan keeps its place on the map and on screen. Radial, on and
 * off, gives the map back as it was; so does leaving a view that was tidied. */
static void
test_still_map (void)
{
  KrWindow *window = new_window ();
  Still still = { .window = window, .frame = -1 };
  gpointer twopi[2] = { window, (gpointer) "twopi" };
  g_autoptr (KrScene) whole = NULL;
  GtkWidget *popover, *check, *timeline, *scale;
  GtkAdjustment *adjustment;
  guint nissan, steps = 0, all;
  int skip = 0;
  Place was;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (map_is_still, &still));
  whole = g_object_ref (kr_window_get_scene (window));
  all = kr_scene_get_n_nodes (whole);
  nissan = (guint)kr_dataset_find_entity (kr_window_get_dataset (window), "nissan");
  was = place_of (window, nissan);

  /* A deal kind unticked in the filter popover. */
  popover = find_widget (GTK_WIDGET (window), KR_TYPE_FILTER_POPOVER, NULL);
  g_assert_nonnull (popover);
  gtk_popover_popup (GTK_POPOVER (popover));
  check = find_check (popover, &skip);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_true (kr_window_get_scene (window) != whole);
  g_assert_cmpuint (kr_scene_get_n_shown_nodes (kr_window_get_scene (window)), <, all);
  assert_unmoved (window, whole, nissan, &was);
  {
    Place now = place_of (window, nissan);
    g_assert_cmpfloat (now.wx, ==, was.wx);
    g_assert_cmpfloat (now.wy, ==, was.wy);
  }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (kr_window_get_scene (window) == whole);
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Every step of the timeline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
  g_assert_true (wait_for (bar_shows_a_date, window));
  g_assert_true (wait_for (is_idle, window));
  timeline = find_widget (GTK_WIDGET (window), KR_TYPE_TIMELINE_BAR, NULL);
  scale = find_widget (timeline, GTK_TYPE_SCALE, NULL);
  adjustment = gtk_range_get_adjustment (GTK_RANGE (scale));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 3);
  for (int i = 0; i <= (int)gtk_adjustment_get_upper (adjustment); i++)
    {
      gtk_range_set_value (GTK_RANGE (scale), i);
      g_assert_false (kr_window_is_busy (window));
      g_assert_true (kr_scene_same_layout (kr_window_get_scene (window), whole));
      if (kr_scene_find_entity (kr_window_get_scene (window), nissan) < 0)
        continue;
      assert_unmoved (window, whole, nissan, &was);
      steps++;
    }
  g_assert_cmpuint (steps, >, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
  g_assert_true (kr_window_get_scene (window) == whole);

  /* Focus on Nissan: its neighbourhood where the map has it; Radial lays it out in circles,
   * and turning it off brings the map back without a layout. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus", "s", "nissan"));
  assert_unmoved (window, whole, nissan, &was);
  g_object_set (window, "focus-radial", TRUE, NULL);
  g_assert_true (wait_for (laid_out_with, twopi));
  g_assert_false (kr_scene_same_layout (kr_window_get_scene (window), whole));
  g_object_set (window, "focus-radial", FALSE, NULL);
  assert_unmoved (window, whole, nissan, &was);

  /* Tidy lays out what is shown, on request only; leaving the view gives the map back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy", NULL));
  g_assert_true (kr_window_is_busy (window) || wait_for (window_is_busy, window));
  g_assert_true (wait_for (is_idle, window));
  g_assert_false (kr_scene_same_layout (kr_window_get_scene (window), whole));
  g_assert_cmpint (kr_scene_find_entity (kr_window_get_scene (window), nissan), >=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-view", NULL));
  g_assert_true (kr_window_get_scene (window) == whole);
  assert_unmoved (window, whole, nissan, &was);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
nothing_selected (gpointer window)
{
  return kr_diagram_view_get_selection (KR_DIAGRAM_VIEW (kr_window_get_diagram (window))).type
         == KR_HIT_NONE;
}

/* Presses @keys with the focus where it is, as a person does; without xdotool, activates
 * @action instead (NULL: nothing to do). */
static void
press (KrWindow *window, const char *keys, const char *action)
{
  if (send_keys (window, "key", keys))
    return;
  g_test_message ("xdotool or X11 missing: %s is simulated by a call", keys);
  if (action != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

/* Messages that come faster than a toast comes up are each shown in turn, the last staying:
 * libadwaita 1.2 crashed when a toast replaced one still coming up. */
static void
test_toasts_in_a_row (void)
{
  KrWindow *window = new_window ();
  gpointer mark_first[2] = { window, (gpointer) "Mark the deal" };
  gpointer select_first[2] = { window, (gpointer) "Select a passage" };

  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (is_idle, window));
  for (guint i = 0; i < 6; i++)
    {
      /* Add Deal with no parties marked, and Make Evidence with no passage, both say why. */
      g_assert_true (gtk_widget_activate_action (
          GTK_WIDGET (window), i % 2 ? "win.add-deal" : "win.make-evidence", NULL));
      run_for (50);
    }
  g_assert_true (wait_for (window_says, mark_first));
  run_for (4000);
  g_assert_true (window_says (mark_first));
  g_assert_false (window_says (select_first));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Back and Forward work whatever the view: from the chains of a path back to where it began,
 * and to what the path does not show; Escape with the focus in the panel clears the selection,
 * and in the search entry leaves it. Connect To… asks for the other end until the path is
 * shown or given up, and then no more (its toast stayed, and took Escape for itself). */
static void
test_back_in_views (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  KrEvidencePanel *panel = KR_EVIDENCE_PANEL (kr_window_get_panel (window));
  gpointer pair[2] = { window, NULL };
  gpointer tesla[2] = { panel, (gpointer) "tesla" };
  gpointer honda[2] = { panel, (gpointer) "honda" };
  gpointer asking[2] = { window, (gpointer) "Select the entity to connect" };
  KrDataset *shown;

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (is_idle, window));
  shown = kr_window_get_dataset (window);
  pair[1] = GUINT_TO_POINTER (kr_scene_get_n_nodes (kr_window_get_scene (window)));

  /* Closing the prompt of Connect To… gives up the path: the next entity selected is just
   * selected. */
  kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "honda"), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.path-from", "s", "honda"));
  g_assert_true (wait_for (window_says, asking));
  /* As a person would, once the prompt is up: libadwaita 1.2 crashes when a toast goes while
   * it is still coming up. */
  run_for (600);
  click_button (find_toast_close (GTK_WIDGET (window)));
  g_assert_true (wait_for (window_is_silent, asking));
  kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "tesla"), FALSE);
  g_assert_true (wait_for (panel_shows, tesla));
  g_assert_true (wait_for (is_idle, window));
  g_assert_cmpuint (kr_scene_get_n_nodes (kr_window_get_scene (window)), ==,
                    GPOINTER_TO_UINT (pair[1]));

  kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "honda"), FALSE);
  /* Connect To…, clicked on Honda's page. */
  click_button (find_button_for (GTK_WIDGET (panel), "win.path-from", NULL));
  g_assert_true (wait_for (window_says, asking));
  kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "renault"), FALSE);
  /* The path is shown: what asked for its other end, which stays until then, goes. */
  g_assert_true (wait_for (window_is_silent, asking));
  g_assert_true (wait_for (scene_has_fewer_nodes, pair));
  g_assert_true (wait_for (is_idle, window));
  g_assert_cmpint (kr_evidence_panel_get_page (panel), ==, KR_PANEL_PAGE_CHAINS);
  g_assert_cmpint (kr_scene_find_entity (kr_window_get_scene (window),
                                         (guint)kr_dataset_find_entity (shown, "tesla")),
                   <, 0);

  /* From the panel, where the focus is after reading the chains. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (panel), GTK_DIR_TAB_FORWARD));
  g_assert_true (
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (panel)));
  press (window, "alt+Left", "win.back");
  g_assert_true (wait_for (panel_shows, honda));
  g_assert_cmpint (kr_diagram_view_get_selection (diagram).type, ==, KR_HIT_NODE);
  press (window, "alt+Left", "win.back");
  g_assert_true (wait_for (panel_shows, tesla));
  g_assert_cmpint (kr_evidence_panel_get_page (panel), ==, KR_PANEL_PAGE_ENTITY);
  g_assert_cmpint (kr_diagram_view_get_selection (diagram).type, ==, KR_HIT_NONE);
  press (window, "alt+Right", "win.forward");
  g_assert_true (wait_for (panel_shows, honda));

  /* Escape from the panel. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (panel), GTK_DIR_TAB_FORWARD));
  g_assert_true (
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (panel)));
  if (send_keys (window, "key", "Escape"))
    g_assert_true (wait_for (nothing_selected, window));
  else
    g_test_message ("xdotool or X11 missing: Escape is not tried");

  /* Escape in the search entry closes the search and leaves what was found selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (wait_for (search_entry_ready, window));
  kr_diagram_view_select_entity (diagram, kr_dataset_find_entity (shown, "honda"), FALSE);
  if (send_keys (window, "key", "Escape"))
    {
      GtkWidget *bar
          = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_SEARCH_BAR);
      g_assert_nonnull (bar);
      while (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)))
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpstr (kr_evidence_panel_get_shown_id (panel), ==, "honda");
      g_assert_cmpint (kr_diagram_view_get_selection (diagram).type, ==, KR_HIT_NODE);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  KrDiagramView *diagram;
  double zoom;
} Zoom;

static gboolean
zoom_changed (gpointer data)
{
  Zoom *zoom = data;
  return kr_diagram_view_get_zoom (zoom->diagram) != zoom->zoom;
}

/* Ctrl and the mouse wheel zoom around the pointer, which X11 wheel events do not locate. */
static void
test_wheel_zoom (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  Still still = { .window = window, .frame = -1 };
  Zoom zoom = { .diagram = diagram };
  double x, y, sx, sy, after_x, after_y;

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (map_is_still, &still));
  /* Far from the middle, where zooming around the middle would move it most. */
  x = gtk_widget_get_width (GTK_WIDGET (diagram)) / 4;
  y = gtk_widget_get_height (GTK_WIDGET (diagram)) / 4;
  kr_diagram_view_to_scene (diagram, x, y, &sx, &sy);
  zoom.zoom = kr_diagram_view_get_zoom (diagram);
  if (!pointer_at (window, GTK_WIDGET (diagram), x, y,
                   (const char *const[]){ "keydown", "ctrl", "click", "4", "keyup", "ctrl", NULL }))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_assert_true (wait_for (zoom_changed, &zoom));
  g_assert_cmpfloat (kr_diagram_view_get_zoom (diagram), >, zoom.zoom);
  /* The pointer lands on a whole pixel of the screen. */
  kr_diagram_view_to_widget (diagram, sx, sy, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, x, 2);
  g_assert_cmpfloat_with_epsilon (after_y, y, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Choosing an article among the sources brings what it evidences into view: every entity it
 * concerns is on screen, however the map was zoomed and panned. */
static void
test_article_in_view (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  Still still = { .window = window, .frame = -1 };
  g_autoptr (GArray) entities = NULL;
  g_autoptr (GArray) deals = NULL;
  KrDataset *shown;
  KrScene *scene;
  double w, h;
  guint article = 0;

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (map_is_still, &still));
  shown = kr_window_get_dataset (window);
  scene = kr_window_get_scene (window);
  /* The article that evidences the most deals. */
  for (guint a = 0; a < kr_dataset_get_n_articles (shown); a++)
    {
      g_autoptr (GArray) e = NULL;
      g_autoptr (GArray) d = NULL;
      kr_dataset_list_evidenced_by (shown, a, &e, &d);
      if (deals == NULL || d->len > deals->len)
        {
          g_clear_pointer (&entities, g_array_unref);
          g_clear_pointer (&deals, g_array_unref);
          entities = g_steal_pointer (&e);
          deals = g_steal_pointer (&d);
          article = a;
        }
    }
  g_assert_cmpuint (entities->len, >, 1);

  /* Far in, in a corner of the map. */
  kr_diagram_view_zoom_at (diagram, 5, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-article", "s",
                                             kr_dataset_get_article (shown, article)->id));
  still.frame = -1;
  g_assert_true (wait_for (map_is_still, &still));
  w = gtk_widget_get_width (GTK_WIDGET (diagram));
  h = gtk_widget_get_height (GTK_WIDGET (diagram));
  for (guint i = 0; i < entities->len; i++)
    {
      int node = kr_scene_find_entity (scene, g_array_index (entities, guint, i));
      const KrSceneNode *n;
      double x, y;

      g_assert_cmpint (node, >=, 0);
      n = kr_scene_get_node (scene, (guint)node);
      kr_diagram_view_to_widget (diagram, n->x, n->y, &x, &y);
      if (x < 0 || x > w || y < 0 || y > h)
        g_error ("%s is off screen, at %.0f, %.0f in %.0f×%.0f", n->label, x, y, w, h);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget *card;
  const char *text;
} Shown;

/* The card is on screen and says what it should. */
static gboolean
card_shows (gpointer data)
{
  Shown *card = data;
  g_autofree char *text = kr_hover_card_get_text (KR_HOVER_CARD (card->card));

  return gtk_widget_get_mapped (card->card) && g_str_equal (text, card->text);
}

static gboolean
card_is_hidden (gpointer card)
{
  return !gtk_widget_get_mapped (card);
}

/* Rests the pointer on a point of the map, as a person does: a tooltip that the pointer takes
 * away from what it was about goes, and comes back at the next motion. */
static gboolean
hover (KrWindow *window, double x, double y)
{
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));

  return pointer_at (window, GTK_WIDGET (diagram), x, y, NULL)
         && wait_for (card_is_hidden, kr_diagram_view_get_hover_card (diagram))
         && pointer_at (window, GTK_WIDGET (diagram), x + 1, y, NULL);
}

/* Says what @card shows, when it is not what a test waited for. */
static void
card_mismatch (Shown *card)
{
  g_autofree char *text = kr_hover_card_get_text (KR_HOVER_CARD (card->card));

  g_printerr ("card %s, saying: %s\nexpected: %s\n",
              gtk_widget_get_mapped (card->card) ? "shown" : "hidden", text ? text : "(nothing)",
              card->text);
}

static gboolean
card_comes (Shown *card)
{
  if (wait_for (card_shows, card))
    return TRUE;
  card_mismatch (card);
  return FALSE;
}

/* Rests the pointer at (@x, @y) of the map until its card says @card->text. GTK's tooltip can
 * go again before it is seen when a loaded machine delivers the pointer's two steps late (see
 * hover ()); a person then moves the pointer a little, and so does this, at most three times. */
static gboolean
hover_brings_card (KrWindow *window, double x, double y, Shown *card)
{
  for (int attempt = 0; attempt < 3; attempt++)
    {
      if (!hover (window, x, y))
        return FALSE;
      if (wait_within (card_shows, card, 30))
        return TRUE;
    }
  card_mismatch (card);
  return FALSE;
}

static gboolean
something_selected (gpointer window)
{
  return !nothing_selected (window);
}

/* A point of the line of deal @id between two parties, away from every node, in the widget. */
static gboolean
point_on_deal (KrDiagramView *diagram, const char *id, double *x, double *y)
{
  KrScene *scene = kr_diagram_view_get_scene (diagram);
  int deal = kr_dataset_find_deal (kr_scene_get_dataset (scene), id);

  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    {
      const KrSceneEdge *edge = kr_scene_get_edge (scene, i);

      if ((int)edge->deal != deal)
        continue;
      for (double t = 0.2; t <= 0.8; t += 0.02)
        {
          KrPoint p = kr_bezier_point (edge->points, t);
          KrHit hit;
          gboolean steady = TRUE;

          /* Where the pointer finds the line, not a name plate or a line beside it. The pointer
           * lands on whole pixels, first at x and then at x + 1 (see hover ()): the line must be
           * found at both, not only between them. */
          kr_diagram_view_to_widget (diagram, p.x, p.y, x, y);
          *x = floor (*x);
          *y = floor (*y);
          for (int dx = 0; dx <= 1 && steady; dx++)
            {
              hit = kr_diagram_view_hit_at (diagram, *x + dx, *y);
              steady = hit.type == KR_HIT_EDGE && hit.index == i;
            }
          if (steady)
            return TRUE;
        }
    }
  return FALSE;
}

/* Hovering an entity or a line shows its card; Tab shows the card of the entity it reaches,
 * beside it, until the selection goes. */
static void
test_hover_card (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  Still still = { .window = window, .frame = -1 };
  Shown nissan = { kr_diagram_view_get_hover_card (diagram), NULL };
  Shown acquisition = { kr_diagram_view_get_hover_card (diagram),
                        "Panasonic reached a $7 billion acquisition deal with AI supply chain "
                        "software provider Blue Yonder.\nAcquisition · Agreed\nDate: 2021\nValue: "
                        "$7 bn\nSources: 1 article" };
  Shown disputed = { kr_diagram_view_get_hover_card (diagram), NULL };
  Shown selected = { kr_diagram_view_get_selection_card (diagram), NULL };
  g_autofree char *expected = NULL;
  g_autofree char *nissan_text = NULL;
  KrScene *scene;
  KrDataset *shown;
  const KrSceneNode *node;
  KrHit hit;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (map_is_still, &still));
  scene = kr_window_get_scene (window);
  shown = kr_scene_get_dataset (scene);

  node = kr_scene_get_node (
      scene, (guint)kr_scene_find_entity (scene, (guint)kr_dataset_find_entity (shown, "nissan")));
  /* The hub of the built-in dataset: its count of deals follows the dataset. */
  g_assert_cmpuint (node->n_deals, >=, 20);
  nissan_text
      = g_strdup_printf ("Nissan\nCompany · JP\nDeals: %u\nSources: 4 articles", node->n_deals);
  nissan.text = nissan_text;
  kr_diagram_view_to_widget (diagram, node->x, node->y, &x, &y);
  if (!hover (window, x, y))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_assert_true (hover_brings_card (window, x, y, &nissan));

  g_assert_true (point_on_deal (diagram, "panasonic-acquires-blue-yonder", &x, &y));
  g_assert_true (hover_brings_card (window, x, y, &acquisition));

  /* A disputed deal says so. */
  {
    const KrDeal *d = kr_dataset_get_deal (
        shown, (guint)kr_dataset_find_deal (shown, "nissan-ampere-tech-support"));
    g_assert_true (kr_deal_is_disputed (d));
    expected = g_strdup_printf ("%s\nTechnology · Planned\nDate: %s\nExpected: "
                                "2023-06\nSources: 2 articles\nSources disagree",
                                d->summary, d->date);
    disputed.text = expected;
    g_assert_true (point_on_deal (diagram, "nissan-ampere-tech-support", &x, &y));
    g_assert_true (hover_brings_card (window, x, y, &disputed));
  }

  /* Away from the map, for the keyboard. */
  g_assert_true (pointer_at (window, GTK_WIDGET (window), 1, 1, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (diagram));
  g_assert_true (send_keys (window, "key", "Tab"));
  g_assert_true (wait_for (something_selected, window));
  hit = kr_diagram_view_get_selection (diagram);
  g_assert_cmpint (hit.type, ==, KR_HIT_NODE);
  node = kr_scene_get_node (scene, hit.index);
  /* The card hovering it would show. */
  g_clear_pointer (&expected, g_free);
  {
    g_autoptr (KrHoverCard) card = g_object_ref_sink (KR_HOVER_CARD (kr_hover_card_new ()));
    kr_hover_card_show_entity (card, shown, node->index);
    expected = kr_hover_card_get_text (card);
  }
  g_assert_true (g_str_has_prefix (expected, node->label));
  selected.text = expected;
  g_assert_true (card_comes (&selected));
  /* The map keeps the focus: the card goes with the selection. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (diagram)));
  g_assert_true (send_keys (window, "key", "Escape"));
  g_assert_true (wait_for (card_is_hidden, selected.card));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
scene_has_link_labels (gpointer window)
{
  KrScene *scene = kr_window_get_scene (window);

  if (scene == NULL || !kr_scene_get_options (scene)->link_labels)
    return FALSE;
  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    if (kr_scene_get_edge (scene, i)->link_label.text != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
scene_has_no_link_labels (gpointer window)
{
  KrScene *scene = kr_window_get_scene (window);

  return scene != NULL && !kr_scene_get_options (scene)->link_labels;
}

/* Show Link Labels lays the map out again with them, and is remembered. */
static void
test_link_labels (void)
{
  KrWindow *window = new_window ();
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (scene_has_no_link_labels (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-link-labels", NULL));
  g_assert_true (wait_for (scene_has_link_labels, window));
  g_assert_true (g_settings_get_boolean (settings, "show-link-labels"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-link-labels", NULL));
  g_assert_true (wait_for (scene_has_no_link_labels, window));
  g_assert_false (g_settings_get_boolean (settings, "show-link-labels"));
  gtk_window_destroy (GTK_WINDOW (window));
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
  /* Why sfdp was said while the map was laid out, on the progress page, and not again in a
   * toast once the map is shown. */
  {
    gpointer said[2] = { window, "A map this large is laid out with sfdp" };
    gpointer toast[2] = { window, "so it is laid out with sfdp" };

    g_assert_true (window_says (said));
    g_assert_true (window_is_silent (toast));
  }

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

/* How far down @page the lowest text or button on screen under @widget reaches. */
static double
content_bottom (GtkWidget *widget, GtkWidget *page)
{
  graphene_rect_t bounds;
  double bottom = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget))
    return gtk_widget_compute_bounds (widget, page, &bounds) ? bounds.origin.y + bounds.size.height
                                                             : 0;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    bottom = MAX (bottom, content_bottom (c, page));
  return bottom;
}

typedef struct
{
  graphene_rect_t bounds; /* in the page */
  gboolean disputes;
} Card;

/* The excerpts' cards on screen under @widget, in reading order, into @cards. */
static void
collect_cards (GtkWidget *widget, GtkWidget *page, GArray *cards)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (KR_IS_EVIDENCE_CARD (widget))
    {
      GtkWidget *stance = find_widget (widget, GTK_TYPE_LABEL, "kr-stance");
      Card card = { .disputes = gtk_widget_get_visible (stance) };
      g_assert_true (gtk_widget_compute_bounds (widget, page, &card.bounds));
      g_array_append_val (cards, card);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_cards (c, page, cards);
}

/* Waits for the page the panel shows to be laid out, and returns it once checked that it
 * ends with what it shows: below its lowest text there is no more than the padding of the
 * card around it and the page's margin. */
static GtkWidget *
page_shown (KrEvidencePanel *panel)
{
  /* The page's viewport, not the one inside the status page of an empty panel. */
  GtkWidget *stack = find_widget (GTK_WIDGET (panel), GTK_TYPE_STACK, NULL);
  GtkWidget *viewport
      = find_widget (gtk_stack_get_visible_child (GTK_STACK (stack)), GTK_TYPE_VIEWPORT, NULL);
  GtkWidget *page = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  Drawn drawn = { .widget = page, .frame = -1 };
  double blank;

  g_assert_true (wait_for (is_drawn, &drawn));
  blank = gtk_adjustment_get_upper (adjustment) - gtk_widget_get_margin_top (page)
          - content_bottom (page, page);
  if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment)
      && blank > gtk_widget_get_margin_bottom (page) + 16)
    g_error ("the page of %s, %d px wide, scrolls %.0f px past its end",
             kr_evidence_panel_get_shown_id (panel), gtk_widget_get_width (page), blank);
  return page;
}

/* The side panel's long pages, in a narrow and in a wide panel. */
static void
test_panel_pages (void)
{
  g_autoptr (KrDataset) builtin = kr_builtin_dataset_load (NULL);
  guint honda = (guint)kr_dataset_find_entity (builtin, "honda");
  guint renault = (guint)kr_dataset_find_entity (builtin, "renault");
  g_autoptr (GPtrArray) chains = kr_dataset_shortest_paths (builtin, honda, renault, NULL, 10);
  static const int widths[] = { 360, 700 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *window = gtk_window_new ();
      KrEvidencePanel *panel = KR_EVIDENCE_PANEL (kr_evidence_panel_new ());
      g_autoptr (GArray) cards = g_array_new (FALSE, FALSE, sizeof (Card));
      g_autoptr (GString) texts = g_string_new (NULL);
      const Card *first, *second, *more;
      GtkWidget *page;

      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 720);
      gtk_window_present (GTK_WINDOW (window));

      /* Nine excerpts support the deal and the second qualifies it: it is seen next to the
       * first, or right after it, not after all the others. */
      kr_evidence_panel_show_deal (
          panel, builtin, (guint)kr_dataset_find_deal (builtin, "renault-nissan-stake-rebalance"));
      page = page_shown (panel);
      collect_cards (page, page, cards);
      g_assert_cmpuint (cards->len, ==, 10);
      first = &g_array_index (cards, Card, 0);
      second = &g_array_index (cards, Card, 1);
      more = &g_array_index (cards, Card, 2);
      g_assert_false (first->disputes);
      g_assert_true (second->disputes);
      g_assert_false (more->disputes);
      if (widths[w] < 600)
        {
          g_assert_cmpfloat (second->bounds.origin.x, ==, first->bounds.origin.x);
          g_assert_cmpfloat (second->bounds.origin.y, >, first->bounds.origin.y);
          g_assert_cmpfloat (more->bounds.origin.y, >, second->bounds.origin.y);
        }
      else
        {
          g_assert_cmpfloat (second->bounds.origin.y, ==, first->bounds.origin.y);
          g_assert_cmpfloat (second->bounds.origin.x, >,
                             first->bounds.origin.x + first->bounds.size.width);
          g_assert_cmpfloat (more->bounds.origin.x, ==, first->bounds.origin.x);
        }
      /* An excerpt that opens with a quotation of its own gets no second pair of marks. */
      collect_label_texts (page, texts);
      g_assert_nonnull (strstr (texts->str, "\"The new structure enables"));
      g_assert_null (strstr (texts->str, "“\""));
      g_string_truncate (texts, 0);

      kr_evidence_panel_show_deal (
          panel, builtin, (guint)kr_dataset_find_deal (builtin, "renault-nissan-alliance"));
      page_shown (panel);
      kr_evidence_panel_show_entity (panel, builtin,
                                     (guint)kr_dataset_find_entity (builtin, "nissan"));
      page_shown (panel);
      kr_evidence_panel_show_article (
          panel, builtin, (guint)kr_dataset_find_article (builtin, "a-dmr-nissan-tech-2023"));
      page_shown (panel);
      kr_evidence_panel_show_chains (panel, builtin, honda, renault, chains);
      page_shown (panel);

      /* The sources name each article once. */
      kr_evidence_panel_show_articles (panel, builtin);
      collect_label_texts (page_shown (panel), texts);
      for (guint a = 0; a < kr_dataset_get_n_articles (builtin); a++)
        {
          const char *title = kr_dataset_get_article (builtin, a)->title;
          const char *at = strstr (texts->str, title);
          g_assert_nonnull (at);
          g_assert_null (strstr (at + 1, title));
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* ---- the window's size and its narrow layout ------------------------------------------- */

/* The border box of a widget, in the window's coordinates. */
static graphene_rect_t
bounds_in_window (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (
      gtk_widget_compute_bounds (widget, GTK_WIDGET (gtk_widget_get_root (widget)), &bounds));
  return bounds;
}

/* No widget on screen is narrower than its minimum width: nothing was squeezed to fit. Not
 * checked: what scrolls (a viewport shows part of what it holds), and the widgets' inner parts
 * (the troughs of scroll bars, for one). A widget's minimum counts the margins its style sheet
 * gives it (libadwaita 1.10 gives a header bar's start box one); of the sizes GTK gives, only its
 * allocation counts them too, where its bounds do not. */
static void
assert_nothing_squeezed (GtkWidget *widget)
{
  GtkAllocation allocation;
  int minimum;

  if (!gtk_widget_get_mapped (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_get_allocation (widget, &allocation);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (!GTK_IS_SCROLLABLE (widget) && !g_str_has_suffix (G_OBJECT_TYPE_NAME (widget), "Gizmo")
      && allocation.width + gtk_widget_get_margin_start (widget)
                 + gtk_widget_get_margin_end (widget)
             < minimum)
    g_error ("%s %s is %d px wide, less than its minimum of %d px", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_css_name (widget), allocation.width, minimum);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    assert_nothing_squeezed (c);
}

typedef struct
{
  KrWindow *window;
  int width, height; /* the size asked for */
} Sized;

/* The window has the size asked for, and the map is laid out, fitted and still. */
static gboolean
window_is_sized (gpointer data)
{
  Sized *sized = data;
  int width, height;
  Still still = { .window = sized->window, .frame = -1 };

  gtk_window_get_default_size (GTK_WINDOW (sized->window), &width, &height);
  if (width != sized->width || height != sized->height
      || !gtk_widget_get_mapped (kr_window_get_diagram (sized->window)))
    return FALSE;
  return wait_for (map_is_still, &still);
}

static void
resize (KrWindow *window, int width, int height)
{
  Sized sized = { window, width, height };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (wait_for (window_is_sized, &sized));
}

/* The share of the window's width the map has. */
static double
map_share (KrWindow *window)
{
  return gtk_widget_get_width (kr_window_get_diagram (window))
         / (double)gtk_widget_get_width (GTK_WIDGET (window));
}

/* Where the panel and the map are in the window; FALSE while the panel is not on screen. */
static gboolean
panel_and_map (KrWindow *window, graphene_rect_t *panel, graphene_rect_t *map)
{
  if (!gtk_widget_get_mapped (kr_window_get_panel (window)))
    return FALSE;
  *panel = bounds_in_window (kr_window_get_panel (window));
  *map = bounds_in_window (kr_window_get_diagram (window));
  return TRUE;
}

/* The panel is over the map, against its right edge, and has ended sliding in. */
static gboolean
panel_is_over_map (gpointer window)
{
  graphene_rect_t panel, map;

  return panel_and_map (window, &panel, &map) && panel.origin.x > map.origin.x
         && G_APPROX_VALUE (panel.origin.x + panel.size.width, map.origin.x + map.size.width, 0.5);
}

/* The panel is on screen beside the map, to its right. */
static gboolean
panel_is_beside_map (gpointer window)
{
  graphene_rect_t panel, map;

  return panel_and_map (window, &panel, &map) && panel.origin.x >= map.origin.x + map.size.width;
}

static gboolean
panel_is_hidden (gpointer window)
{
  return !gtk_widget_get_mapped (kr_window_get_panel (window));
}

/* The window's content fits its width and nothing in it is squeezed; the map has at least
 * the given share of the width. */
static void
assert_fits (KrWindow *window, double map_at_least)
{
  GtkWidget *content
      = gtk_widget_get_ancestor (kr_window_get_diagram (window), ADW_TYPE_TOAST_OVERLAY);

  g_assert_cmpint (gtk_widget_get_width (content), <=, gtk_widget_get_width (GTK_WIDGET (window)));
  assert_nothing_squeezed (GTK_WIDGET (window));
  g_assert_cmpfloat (map_share (window), >=, map_at_least);
}

/* Below 960 pixels the map has the whole width, and the panel slides over it when something
 * is selected; wider, the two are side by side again, and the map has most of the width. */
static void
test_narrow (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  GtkWidget *panel = kr_window_get_panel (window);
  gpointer nissan_shown[2] = { panel, (gpointer) "nissan" };
  gboolean shown;
  int nissan;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  nissan = kr_dataset_find_entity (kr_window_get_dataset (window), "nissan");
  resize (window, 360, 640);

  /* Nothing is selected: the map has the whole width, the panel is out of the way. */
  g_assert_true (panel_is_hidden (window));
  g_object_get (window, "show-sidebar", &shown, NULL);
  g_assert_false (shown);
  assert_fits (window, 0.9);

  /* Selecting Nissan slides the panel over the map, which keeps its width. */
  kr_diagram_view_select_entity (diagram, nissan, TRUE);
  g_assert_true (wait_for (panel_shows, nissan_shown));
  g_assert_true (wait_for (panel_is_over_map, window));
  g_object_get (window, "show-sidebar", &shown, NULL);
  g_assert_true (shown);
  assert_fits (window, 0.9);

  /* Escape puts it away, with the selection. */
  gtk_widget_grab_focus (GTK_WIDGET (diagram));
  if (send_keys (window, "key", "Escape"))
    g_assert_true (wait_for (panel_is_hidden, window));
  else
    {
      g_test_message ("xdotool or X11 missing: Escape is simulated by a call");
      kr_diagram_view_clear_selection (diagram);
      g_assert_true (panel_is_hidden (window) || wait_for (panel_is_hidden, window));
    }
  g_object_get (window, "show-sidebar", &shown, NULL);
  g_assert_false (shown);

  /* The panel's button shows it with nothing selected, and puts it away again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_true (wait_for (panel_is_over_map, window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_true (wait_for (panel_is_hidden, window));

  /* Wide again, the panel is beside the map, showing what was selected meanwhile. */
  kr_diagram_view_select_entity (diagram, nissan, TRUE);
  g_assert_true (wait_for (panel_is_over_map, window));
  resize (window, 1200, 760);
  g_assert_true (wait_for (panel_is_beside_map, window));
  g_assert_cmpstr (kr_evidence_panel_get_shown_id (KR_EVIDENCE_PANEL (panel)), ==, "nissan");
  assert_fits (window, 0.6);

  /* At 800 pixels, the map has the whole width again, and the panel slides over it when
   * something is selected. */
  resize (window, 800, 600);
  g_assert_true (wait_for (panel_is_hidden, window));
  assert_fits (window, 0.9);
  kr_diagram_view_clear_selection (diagram);
  kr_diagram_view_select_entity (diagram, nissan, TRUE);
  g_assert_true (wait_for (panel_is_over_map, window));
  assert_fits (window, 0.9);
  kr_diagram_view_clear_selection (diagram);
  g_assert_true (wait_for (panel_is_hidden, window));

  /* Narrow again: the panel leaves the map. The timeline and the search bar fit too. */
  resize (window, 360, 640);
  g_assert_true (panel_is_hidden (window));
  assert_fits (window, 0.9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (wait_for (bar_shows_a_date, window));
  g_assert_true (wait_for (search_entry_ready, window));
  assert_fits (window, 0.9);

  /* Just wide enough for the whole header bar, all of it fits, with the panel over the map. */
  resize (window, 660, 600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_true (wait_for (panel_is_over_map, window));
  assert_fits (window, 0.9);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A first window takes most of the monitor; closed, its size is kept for the next one. */
static void
test_first_size (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  KrWindow *window;
  int width, height;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_assert_nonnull (monitor);
  gdk_monitor_get_geometry (monitor, &screen);

  window = new_window ();
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, >=, screen.width * 3 / 4);
  g_assert_cmpint (width, <, screen.width);
  g_assert_cmpint (height, >=, screen.height * 3 / 4);
  g_assert_cmpint (height, <, screen.height);
  {
    Sized sized = { window, width, height };
    g_assert_true (wait_for (window_is_sized, &sized));
  }
  /* The panel at its narrowest comfortable width leaves the map most of the window. */
  g_assert_true (panel_is_beside_map (window));
  assert_fits (window, 0.6);

  /* The size the window is left at is the next one's. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  {
    Sized sized = { window, 900, 700 };
    g_assert_true (wait_for (window_is_sized, &sized));
  }
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  window = new_window ();
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 700);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "sidebar-width");
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
 * 1200 × 760, and readably at 800 × 600 (test_first_view); fitting the map and revealing a
 * selection leave the legend free, open or collapsed, and the map's button that opens the
 * legend is remembered. */
static void
test_legible_map (void)
{
  /* The window's size today, on a 1280 × 800 screen, and a small one; the least height of a
   * name there, in pixels. */
  static const int sizes[][3] = { { 1200, 800, 10 }, { 1200, 760, 10 }, { 800, 600, 9 } };
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
      /* But for the rounding of a product. */
      g_assert_cmpfloat (least, >=, sizes[k][2] - 1e-6);
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

/* Whether the node of dataset entity @entity is wholly in the map's view. */
static gboolean
entity_in_view (KrDiagramView *diagram, guint entity)
{
  KrScene *scene = kr_diagram_view_get_scene (diagram);
  int node = kr_scene_find_entity (scene, entity);
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (diagram)),
                                             gtk_widget_get_height (GTK_WIDGET (diagram)));
  KrRect b;
  double x0, y0, x1, y1;

  g_assert_cmpint (node, >=, 0);
  b = kr_scene_node_bounds (kr_scene_get_node (scene, (guint)node));
  kr_diagram_view_to_widget (diagram, b.x, b.y, &x0, &y0);
  kr_diagram_view_to_widget (diagram, b.x + b.width, b.y + b.height, &x1, &y1);
  return graphene_rect_contains_rect (&view, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
}

/* At 800 × 600 the built-in map has the window's width, and its first view names every entity
 * at least 9 pixels high: as much of the map as fits at that size, the most connected entity in
 * it. A resize leaves a view the person moved where it is, and fitting shows the whole map. */
static void
test_first_view (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  Still still = { .window = window, .frame = -1 };
  KrDataset *dataset;
  guint n, in_view = 0;
  int nissan;
  double zoom, x, y, moved_x, moved_y;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  resize (window, 800, 600);
  g_assert_true (wait_for (map_is_still, &still));
  g_assert_true (panel_is_hidden (window));
  assert_fits (window, 0.95);

  dataset = kr_window_get_dataset (window);
  n = kr_dataset_get_n_entities (dataset);
  nissan = kr_dataset_find_entity (dataset, "nissan");
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (kr_diagram_view_get_label_pixels (diagram, i), >=, 9.0 - 1e-6);
      in_view += entity_in_view (diagram, i);
    }
  g_test_message ("800 × 600: zoom %.3f, %u of %u entities in view",
                  kr_diagram_view_get_zoom (diagram), in_view, n);
  g_assert_true (entity_in_view (diagram, (guint)nissan));
  g_assert_cmpuint (in_view, >=, n * 3 / 4);
  assert_legend_clear (diagram);

  /* Zoomed in by the person, the map stays where they put it when the window grows. */
  kr_diagram_view_zoom_at (diagram, 1.25, 200, 200);
  zoom = kr_diagram_view_get_zoom (diagram);
  kr_diagram_view_to_widget (diagram, 0, 0, &x, &y);
  resize (window, 900, 700);
  kr_diagram_view_to_widget (diagram, 0, 0, &moved_x, &moved_y);
  g_assert_cmpfloat (kr_diagram_view_get_zoom (diagram), ==, zoom);
  g_assert_cmpfloat_with_epsilon (moved_x, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (moved_y, y, 1e-6);

  /* Asked for, a fit shows every entity, smaller. */
  kr_diagram_view_fit (diagram);
  still.frame = -1;
  g_assert_true (wait_for (map_is_still, &still));
  for (guint i = 0; i < n; i++)
    g_assert_true (entity_in_view (diagram, i));
  g_assert_cmpfloat (kr_diagram_view_get_zoom (diagram), <, zoom);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
holds_a_layout (gpointer directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  /* An entry, not the temporary file of a write under way ("KEY.XXXXXX"). */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strchr (name, '.') == NULL)
      return TRUE;
  return FALSE;
}

/* Opens @file in a new window and waits for its map. */
static KrWindow *
open_in_new_window (GFile *file)
{
  KrWindow *window = new_window ();

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_file (window, file);
  g_assert_true (wait_for (has_scene, window));
  return window;
}

/* A dataset opened again is drawn from the layout kept on disk: with a helper that can only
 * crash, its map comes all the same, each node where it was. */
static void
test_reopen_from_cache (void)
{
  g_autofree char *directory = g_dir_make_tmp ("kr-window-cache-XXXXXX", NULL);
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (directory, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "network.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  const char *crashing[] = { "/bin/sh", "-c", "cat >/dev/null; kill -SEGV $$", NULL };
  const char *worker[] = { g_getenv ("KEIRETSU"), KR_LAYOUT_WORKER_OPTION, NULL };
  g_autoptr (KrScene) first = NULL;
  KrScene *again;
  KrWindow *window;

  if (worker[0] == NULL)
    {
      g_test_skip ("KEIRETSU names no program to run as the layout helper");
      return;
    }
  kr_layout_cache_set_default (cache);
  window = open_in_new_window (file);
  first = g_object_ref (kr_window_get_scene (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (holds_a_layout, directory));

  kr_layout_set_worker (crashing);
  window = open_in_new_window (file);
  kr_layout_set_worker (worker);
  again = kr_window_get_scene (window);
  g_assert_cmpuint (kr_scene_get_n_nodes (again), ==, kr_scene_get_n_nodes (first));
  for (guint i = 0; i < kr_scene_get_n_nodes (first); i++)
    {
      g_assert_cmpfloat (kr_scene_get_node (again, i)->x, ==, kr_scene_get_node (first, i)->x);
      g_assert_cmpfloat (kr_scene_get_node (again, i)->y, ==, kr_scene_get_node (first, i)->y);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  kr_layout_cache_set_default (NULL);
  {
    g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *entry = g_build_filename (directory, name, NULL);
        g_remove (entry);
      }
  }
  g_rmdir (directory);
}

/* A window with the dataset at @path open, its map laid out and still. */
static KrWindow *
window_with (const char *path)
{
  KrWindow *window = new_window ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  Still still = { .window = window, .frame = -1 };
  gpointer pair[] = { window, NULL };

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_file (window, file);
  g_assert_true (wait_for (dataset_changed, pair));
  g_assert_true (wait_for (map_is_still, &still));
  return window;
}

static void
assert_centre (KrDiagramView *diagram, double x, double y, double zoom)
{
  double cx, cy, cz;

  kr_diagram_view_get_centre (diagram, &cx, &cy, &cz);
  g_assert_cmpfloat_with_epsilon (cx, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, y, 1e-6);
  g_assert_cmpfloat_with_epsilon (cz, zoom, 1e-6);
}

/* A view saved with a filter, a focus, an engine and a zoom comes back whole, and is still
 * there when the dataset is opened again; one whose entity has gone says so. */
static void
test_saved_views (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-window-views-XXXXXX", NULL);
  g_autofree char *source
      = g_test_build_filename (G_TEST_DIST, "data", "good", "network.json", NULL);
  g_autofree char *path = g_build_filename (dir, "network.json", NULL);
  g_autofree char *views_path = g_build_filename (dir, "network.views.json", NULL);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *data = NULL;
  g_autofree char *chips = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *left = NULL;
  g_autofree char *engine = NULL;
  g_autoptr (GError) error = NULL;
  KrWindow *window;
  KrDiagramView *diagram;
  KrViewBar *bar;
  Still still = { .frame = -1 };
  double x, y, zoom;
  gsize length;

  g_assert_true (g_file_get_contents (source, &data, &length, NULL));
  g_assert_true (g_file_set_contents (path, data, (gssize)length, NULL));
  /* The filter chosen for it last time. */
  g_settings_set_value (
      settings, "dataset-filters",
      g_variant_new_parsed ("{%s: 'deal-kind=alliance,supply,joint_venture'}", uri));
  window = window_with (path);
  diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  bar = KR_VIEW_BAR (kr_window_get_view_bar (window));
  still.window = window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.engine", "s", "neato"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-depth", "i", 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus", "s", "b"));
  g_assert_true (wait_for (map_is_still, &still));
  kr_diagram_view_zoom_at (diagram, 1.6, 100, 80);
  chips = kr_view_bar_describe (bar);
  g_assert_nonnull (strstr (chips, "Around"));
  g_assert_nonnull (strstr (chips, "Deals:"));
  kr_diagram_view_get_centre (diagram, &x, &y, &zoom);
  g_assert_true (kr_window_save_view (window, "Around Beta", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (views_path, G_FILE_TEST_IS_REGULAR));

  /* Everything else. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-view", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.engine", "s", "dot"));
  g_assert_true (wait_for (map_is_still, &still));
  kr_diagram_view_fit (diagram);
  g_assert_true (wait_for (map_is_still, &still));
  cleared = kr_view_bar_describe (bar);
  g_assert_cmpstr (cleared, ==, "");

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "Around Beta"));
  g_assert_true (wait_for (map_is_still, &still));
  shown = kr_view_bar_describe (bar);
  g_assert_cmpstr (shown, ==, chips);
  g_object_get (window, "map-engine", &engine, NULL);
  g_assert_cmpstr (engine, ==, "neato");
  assert_centre (diagram, x, y, zoom);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Opened again: the view is there, and one on an entity that has gone says what is left. */
  g_settings_reset (settings, "dataset-filters");
  window = window_with (path);
  g_assert_cmpint (kr_saved_views_find (kr_window_get_saved_views (window), "Around Beta"), ==, 0);
  {
    KrSavedView gone = KR_SAVED_VIEW_INIT;
    gpointer says[] = { window, "nobody" };

    gone.name = g_strdup ("Gone");
    gone.filter.focus = g_strdup ("nobody");
    gone.filter.hide_isolated = TRUE;
    g_assert_true (kr_saved_views_put (kr_window_get_saved_views (window), &gone, -1, NULL));
    kr_saved_view_clear (&gone);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "Gone"));
    g_assert_true (wait_for (window_says, says));
    left = kr_view_bar_describe (KR_VIEW_BAR (kr_window_get_view_bar (window)));
    g_assert_cmpstr (left, ==, "Entities with deals shown only");
  }
  /* Deleted, and back with Undo's view. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-view", "s", "Around Beta"));
  g_assert_cmpint (kr_saved_views_find (kr_window_get_saved_views (window), "Around Beta"), ==, -1);
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_cmpint (g_unlink (views_path), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A views file that cannot be read is said, naming it and the place, and is never written
 * over; the built-in dataset's views are in the user's data directory. */
static void
test_unreadable_views (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "keiretsu", NULL);
  g_autofree char *path = g_build_filename (folder, "builtin.views.json", NULL);
  const char *bad = "{\"format\": \"keiretsu-views\", \"version\": 1, \"views\": "
                    "[{\"name\": \"x\", \"filter\": {\"statuses\": [\"agred\"]}}]}";
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;
  KrWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, bad, -1, NULL));
  window = new_window ();
  {
    gpointer says[] = { window, "$.views[0].filter.statuses[0]" };
    gtk_window_present (GTK_WINDOW (window));
    kr_window_open_builtin (window);
    g_assert_true (wait_for (has_scene, window));
    g_assert_true (wait_for (window_says, says));
  }
  g_assert_false (kr_window_save_view (window, "Mine", &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, bad);

  /* Mended, it is read and written there. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-builtin", NULL));
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (kr_window_save_view (window, "Mine", NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The map is at rest, showing another scene than pair[1]. */
static gboolean
scene_replaced (gpointer data)
{
  gpointer *pair = data;
  KrScene *scene = kr_window_get_scene (pair[0]);
  return scene != NULL && scene != pair[1] && is_idle (pair[0]);
}

/* Where the entity @id is on the map shown. */
static KrPoint
entity_place (KrWindow *window, const char *id)
{
  KrScene *scene = kr_window_get_scene (window);
  KrDataset *dataset = kr_scene_get_dataset (scene);
  int at = kr_scene_find_entity (scene, (guint)kr_dataset_find_entity (dataset, id));
  const KrSceneNode *node;

  g_assert_cmpint (at, >=, 0);
  node = kr_scene_get_node (scene, (guint)at);
  return (KrPoint){ node->x, node->y };
}

/* Every entity but @moved is where @places (one per entity, as first shown) has it. */
static void
assert_others_still (KrWindow *window, const KrPoint *places, const char *moved)
{
  KrDataset *dataset = kr_window_get_dataset (window);

  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const char *id = kr_dataset_get_entity (dataset, i)->id;
      KrPoint at;

      if (g_str_equal (id, moved))
        continue;
      at = entity_place (window, id);
      g_assert_cmpfloat_with_epsilon (at.x, places[i].x, 0.01);
      g_assert_cmpfloat_with_epsilon (at.y, places[i].y, 0.01);
    }
}

static gboolean
file_mentions (gpointer data)
{
  gpointer *pair = data;
  g_autofree char *text = NULL;
  return g_file_get_contents (pair[0], &text, NULL, NULL) && strstr (text, pair[1]) != NULL;
}

/* A copy of the built-in dataset in a folder of its own, where its views file goes too. */
typedef struct
{
  char *dir, *path, *views;
  GFile *file;
} DatasetCopy;

static void
copy_builtin (DatasetCopy *copy)
{
  g_autofree char *builtin
      = g_test_build_filename (G_TEST_DIST, "..", "data", "keiretsu-builtin.json", NULL);
  g_autofree char *contents = NULL;

  copy->dir = g_dir_make_tmp ("kr-test-XXXXXX", NULL);
  copy->path = g_build_filename (copy->dir, "alliances.json", NULL);
  copy->views = g_build_filename (copy->dir, "alliances.views.json", NULL);
  g_assert_true (g_file_get_contents (builtin, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (copy->path, contents, -1, NULL));
  copy->file = g_file_new_for_path (copy->path);
}

static void
remove_copy (DatasetCopy *copy)
{
  g_unlink (copy->views);
  g_unlink (copy->path);
  g_rmdir (copy->dir);
  g_free (copy->dir);
  g_free (copy->path);
  g_free (copy->views);
  g_object_unref (copy->file);
}

/* Opens @file in @window and waits until its map is still; where each entity is. */
static KrPoint *
open_and_place (KrWindow *window, GFile *file)
{
  Still still = { .window = window, .frame = -1 };
  KrDataset *dataset;
  KrPoint *places;

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_file (window, file);
  g_assert_true (wait_for (has_scene, window));
  g_assert_true (wait_for (map_is_still, &still));
  dataset = kr_window_get_dataset (window);
  places = g_new (KrPoint, kr_dataset_get_n_entities (dataset));
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    places[i] = entity_place (window, kr_dataset_get_entity (dataset, i)->id);
  return places;
}

/* dot, left to right, without link labels: whatever another test chose. */
static void
reset_layout_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "layout-engine");
  g_settings_reset (settings, "rank-direction");
  g_settings_reset (settings, "show-link-labels");
}

static void
count_frame (guint *frames)
{
  (*frames)++;
}

static gboolean
showing_page (gpointer data)
{
  gpointer *pair = data;
  GtkStack *stack
      = GTK_STACK (gtk_widget_get_ancestor (kr_window_get_diagram (pair[0]), GTK_TYPE_STACK));
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), pair[1]) == 0;
}

/* While Graphviz lays the map out, the window waits without drawing frame after frame (as a
 * spinner would, at the cost of the layout's processor time); the Stop button stops the layout
 * and says so, and the map can be laid out again from there. */
static void
test_stop_layout (void)
{
  const char *sleeping[] = { "/bin/sh", "-c", "cat >/dev/null; exec sleep 600", NULL };
  const char *worker[] = { g_getenv ("KEIRETSU"), KR_LAYOUT_WORKER_OPTION, NULL };
  g_autoptr (GString) texts = g_string_new (NULL);
  KrWindow *window;
  GtkWidget *stop, *again;
  gulong id;
  guint frames = 0;

  reset_layout_settings ();
  kr_layout_set_worker (sleeping);
  window = new_window ();
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  {
    gpointer pair[2] = { window, (gpointer) "loading" };
    g_assert_true (wait_for (showing_page, pair));
  }
  g_assert_true (kr_window_is_busy (window));
  run_for (1000); /* the page's crossfade */
  id = g_signal_connect_swapped (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                                 G_CALLBACK (count_frame), &frames);
  run_for (2500);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);
  /* The time taken changes once a second; a spinner draws frame after frame, sixty a second
   * when the machine keeps up. */
  g_assert_cmpuint (frames, <=, 8);

  stop = find_button_for (GTK_WIDGET (window), "win.stop-loading", NULL);
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_is_drawable (stop));
  gtk_widget_activate (stop);
  kr_layout_set_worker (worker[0] != NULL ? worker : NULL);
  {
    gpointer pair[2] = { window, (gpointer) "error" };
    g_assert_true (wait_for (showing_page, pair));
  }
  g_assert_false (kr_window_is_busy (window));
  g_assert_null (kr_window_get_scene (window));
  collect_label_texts (GTK_WIDGET (window), texts);
  if (strstr (texts->str, "Layout Stopped") == NULL)
    g_error ("the stop is not said:\n%s", texts->str);

  again = find_button_for (GTK_WIDGET (window), "win.layout-again", NULL);
  g_assert_nonnull (again);
  g_assert_true (gtk_widget_is_drawable (again));
  gtk_widget_activate (again);
  g_assert_true (wait_for (has_scene, window));
  {
    gpointer pair[2] = { window, (gpointer) "diagram" };
    g_assert_true (wait_for (showing_page, pair));
  }
  g_assert_false (gtk_widget_get_visible (again));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Dragging an entity with the pointer moves it and nothing else; Ctrl+Z puts it back and
 * Shift+Ctrl+Z where it was dropped; the place is kept beside the dataset, and the dataset
 * opened again shows it there. */
static void
test_drag_entity (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  KrDiagramView *diagram;
  KrPoint from, to, dropped;
  double x, y, zoom;

  reset_layout_settings ();
  window = new_window ();
  diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));

  copy_builtin (&copy);
  places = open_and_place (window, copy.file);

  /* Down on Honda, along, and up 60 and 40 pixels away. */
  from = entity_place (window, "honda");
  zoom = kr_diagram_view_get_zoom (diagram);
  kr_diagram_view_to_widget (diagram, from.x, from.y, &x, &y);
  {
    gpointer pair[2] = { window, kr_window_get_scene (window) };

    if (!pointer_at (window, GTK_WIDGET (diagram), x, y,
                     (const char *const[]){ "mousedown", "1", NULL }))
      {
        g_test_skip ("xdotool or X11 missing");
        gtk_window_destroy (GTK_WINDOW (window));
        remove_copy (&copy);
        return;
      }
    g_assert_true (pointer_at (window, GTK_WIDGET (diagram), x + 20, y + 10, NULL));
    g_assert_true (pointer_at (window, GTK_WIDGET (diagram), x + 60, y + 40,
                               (const char *const[]){ "mouseup", "1", NULL }));
    g_assert_true (wait_for (scene_replaced, pair));
  }
  dropped = entity_place (window, "honda");
  to = (KrPoint){ from.x + 60 / zoom, from.y + 40 / zoom };
  g_assert_cmpfloat_with_epsilon (dropped.x, to.x, 1.5 / zoom);
  g_assert_cmpfloat_with_epsilon (dropped.y, to.y, 1.5 / zoom);
  assert_others_still (window, places, "honda");

  /* Back, and again. */
  {
    gpointer pair[2] = { window, kr_window_get_scene (window) };
    g_assert_true (send_keys (window, "key", "ctrl+z"));
    g_assert_true (wait_for (scene_replaced, pair));
    g_assert_cmpfloat_with_epsilon (entity_place (window, "honda").x, from.x, 0.01);
    g_assert_cmpfloat_with_epsilon (entity_place (window, "honda").y, from.y, 0.01);
    assert_others_still (window, places, "honda");
  }
  {
    gpointer pair[2] = { window, kr_window_get_scene (window) };
    g_assert_true (send_keys (window, "key", "shift+ctrl+z"));
    g_assert_true (wait_for (scene_replaced, pair));
    g_assert_cmpfloat_with_epsilon (entity_place (window, "honda").x, dropped.x, 0.01);
    g_assert_cmpfloat_with_epsilon (entity_place (window, "honda").y, dropped.y, 0.01);
    assert_others_still (window, places, "honda");
  }

  /* Kept beside the dataset, and there when it is opened again. */
  {
    gpointer pair[2] = { copy.views, (gpointer) "\"honda\"" };
    g_assert_true (wait_for (file_mentions, pair));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  window = new_window ();
  g_free (open_and_place (window, copy.file));
  g_assert_cmpfloat_with_epsilon (entity_place (window, "honda").x, dropped.x, 0.01);
  g_assert_cmpfloat_with_epsilon (entity_place (window, "honda").y, dropped.y, 0.01);
  assert_others_still (window, places, "honda");
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* Entities marked with Ctrl+click move together when one of them is dragged, and one Ctrl+Z
 * puts them all back. */
static void
test_drag_marked (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  KrDiagramView *diagram;
  const char *marked[] = { "toyota", "honda" };
  const char *const ctrl_click[] = { "keydown", "ctrl", "click", "1", "keyup", "ctrl", NULL };
  KrDataset *dataset;
  KrPoint from[2];
  double x, y, zoom;

  reset_layout_settings ();
  window = new_window ();
  diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));

  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  dataset = kr_window_get_dataset (window);
  zoom = kr_diagram_view_get_zoom (diagram);

  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    {
      from[i] = entity_place (window, marked[i]);
      kr_diagram_view_to_widget (diagram, from[i].x, from[i].y, &x, &y);
      if (!pointer_at (window, GTK_WIDGET (diagram), x, y, ctrl_click))
        {
          g_test_skip ("xdotool or X11 missing");
          gtk_window_destroy (GTK_WINDOW (window));
          remove_copy (&copy);
          return;
        }
      /* Past a double click. */
      g_usleep (600 * 1000);
    }
  {
    gpointer pair[2] = { window, kr_window_get_scene (window) };

    g_assert_true (pointer_at (window, GTK_WIDGET (diagram), x, y,
                               (const char *const[]){ "mousedown", "1", NULL }));
    g_assert_true (pointer_at (window, GTK_WIDGET (diagram), x + 10, y + 10, NULL));
    g_assert_true (pointer_at (window, GTK_WIDGET (diagram), x + 40, y + 30,
                               (const char *const[]){ "mouseup", "1", NULL }));
    g_assert_true (wait_for (scene_replaced, pair));
  }
  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    {
      KrPoint at = entity_place (window, marked[i]);
      g_assert_cmpfloat_with_epsilon (at.x, from[i].x + 40 / zoom, 1.5 / zoom);
      g_assert_cmpfloat_with_epsilon (at.y, from[i].y + 30 / zoom, 1.5 / zoom);
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const char *id = kr_dataset_get_entity (dataset, i)->id;
      if (!g_str_equal (id, "toyota") && !g_str_equal (id, "honda"))
        {
          g_assert_cmpfloat_with_epsilon (entity_place (window, id).x, places[i].x, 0.01);
          g_assert_cmpfloat_with_epsilon (entity_place (window, id).y, places[i].y, 0.01);
        }
    }
  {
    gpointer pair[2] = { window, kr_window_get_scene (window) };
    g_assert_true (send_keys (window, "key", "ctrl+z"));
    g_assert_true (wait_for (scene_replaced, pair));
  }
  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    {
      g_assert_cmpfloat_with_epsilon (entity_place (window, marked[i]).x, from[i].x, 0.01);
      g_assert_cmpfloat_with_epsilon (entity_place (window, marked[i]).y, from[i].y, 0.01);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The dialog of @window's spreadsheet, once it shows. */
static gboolean
csv_dialog_shows (gpointer data)
{
  gpointer *found = data;
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *w = windows; w != NULL; w = w->next)
    if (KR_IS_CSV_DIALOG (w->data) && gtk_widget_get_mapped (w->data))
      found[1] = w->data;
  return found[1] != NULL;
}

/* The combo row titled @title under @widget. */
static AdwComboRow *
find_combo_row (GtkWidget *widget, const char *title)
{
  if (ADW_IS_COMBO_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwComboRow *found = find_combo_row (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opening a spreadsheet shows what each column is read as; a column changed there is read so,
 * now and next time. */
static void
test_csv_columns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-window-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "talks.csv", NULL);
  g_autofree char *views = g_build_filename (dir, "talks.csv.views.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  KrWindow *window = new_window ();
  gpointer found[2] = { window, NULL };
  AdwComboRow *row;
  const KrDeal *deal;
  guint summary = 0;

  g_assert_true (g_file_set_contents (
      path, "From,To,Type,Comment\nToyota,Subaru,alliance,Talks began in May\n", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));

  /* Cancelled, nothing is loading: the window says the file was not opened. */
  kr_window_open_file (window, file);
  g_assert_true (wait_for (csv_dialog_shows, found));
  gtk_window_close (found[1]);
  {
    gpointer page[2] = { window, (gpointer) "error" };
    gpointer said[2] = { window, (gpointer) "“talks.csv” was not opened." };
    g_assert_true (wait_for (showing_page, page));
    g_assert_true (wait_for (window_says, said));
  }
  g_assert_null (kr_window_get_dataset (window));
  found[1] = NULL;

  kr_window_open_file (window, file);
  g_assert_true (wait_for (csv_dialog_shows, found));

  /* "Comment" was taken for a note; the user makes it the deal's summary. */
  row = find_combo_row (found[1], "Comment");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Talks began in May");
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (row)); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (row), i);

      if (g_str_equal (gtk_string_object_get_string (item), kr_csv_field_get_label (KR_CSV_NOTE)))
        g_assert_cmpuint (adw_combo_row_get_selected (row), ==, i);
      if (g_str_equal (gtk_string_object_get_string (item),
                       kr_csv_field_get_label (KR_CSV_SUMMARY)))
        summary = i;
    }
  adw_combo_row_set_selected (row, summary);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (found[1]), "csv.load", NULL));
  {
    gpointer pair[2] = { window, (gpointer) "talks" };
    g_assert_true (wait_for (title_is, pair));
  }
  g_assert_true (wait_for (has_scene, window));
  deal = kr_dataset_get_deal (kr_window_get_dataset (window), 0);
  g_assert_cmpstr (deal->summary, ==, "Talks began in May");
  g_assert_null (deal->note);
  g_assert_true (g_file_test (views, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (views);
  g_remove (path);
  g_rmdir (dir);
}

/* Drops @files on @window as a file manager does: through its drop target, with a real list of
 * files. Whether it took them. */
static gboolean
drop_files (KrWindow *window, GFile **files, gsize n_files)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean taken = FALSE;
  guint targets = 0;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, n_files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &taken);
          targets++;
        }
    }
  g_assert_cmpuint (targets, ==, 1);
  return taken;
}

/* The titles of the groups under @widget, in order, each followed by "\n". */
static void
collect_group_titles (GtkWidget *widget, GString *titles)
{
  if (ADW_IS_PREFERENCES_GROUP (widget)
      && adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)) != NULL
      && *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)) != '\0')
    g_string_append_printf (titles, "%s\n",
                            adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_group_titles (c, titles);
}

/* The item of @row's list labelled as @field. */
static guint
combo_item (AdwComboRow *row, KrCsvField field)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), kr_csv_field_get_label (field)))
        return i;
    }
  g_assert_not_reached ();
}

/* Two tables dropped together, in any order and whatever their names, open as one dataset:
 * the dialog shows both, the table of deals first, and keeps the columns chosen for the pair.
 * More files, or two that are not a table of deals and one of entities, are not opened, and
 * the window says why. */
static void
test_csv_pair (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-window-pair-XXXXXX", NULL);
  g_autofree char *deals_path = g_build_filename (dir, "links.csv", NULL);
  g_autofree char *people_path = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *more_path = g_build_filename (dir, "more.csv", NULL);
  g_autofree char *views = g_build_filename (dir, "links.csv.views.json", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GFile) deals = g_file_new_for_path (deals_path);
  g_autoptr (GFile) people = g_file_new_for_path (people_path);
  g_autoptr (GFile) more = g_file_new_for_path (more_path);
  g_autoptr (GString) titles = g_string_new (NULL);
  KrWindow *window = new_window ();
  gpointer found[2] = { window, NULL };
  KrDataset *dataset;
  AdwComboRow *row;

  g_assert_true (g_file_set_contents (
      deals_path, "From,To,Type,Comment\ntoyota,subaru,alliance,Talks began in May\n", -1, NULL));
  g_assert_true (g_file_set_contents (
      people_path, "Id,Label,Notes\ntoyota,Toyota,Carmaker\nsubaru,Subaru,Maker of cars\n", -1,
      NULL));
  g_assert_true (g_file_set_contents (more_path, "Source,Target\ntoyota,subaru\n", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));

  /* Three files, or two tables of deals: nothing opens, and the window says why. */
  g_assert_false (drop_files (window, (GFile *[]){ deals, people, more }, 3));
  {
    gpointer said[2] = { window, (gpointer) "not 3 files at once" };
    g_assert_true (wait_for (window_says, said));
  }
  g_assert_false (drop_files (window, (GFile *[]){ deals, more }, 2));
  g_assert_null (kr_window_get_dataset (window));
  g_assert_false (csv_dialog_shows (found));
  {
    gpointer said[2] = { window, (gpointer) "“links.csv” and “more.csv” are both tables of deals" };
    g_assert_true (wait_for (window_says, said));
  }

  /* The table of entities first: the dialog shows the table of deals first all the same. */
  g_assert_true (drop_files (window, (GFile *[]){ people, deals }, 2));
  g_assert_true (wait_for (csv_dialog_shows, found));
  collect_group_titles (found[1], titles);
  g_assert_cmpstr (titles->str, ==, "links.csv\npeople.csv\n");
  row = find_combo_row (found[1], "Notes");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, combo_item (row, KR_CSV_DESCRIPTION));
  adw_combo_row_set_selected (row, combo_item (row, KR_CSV_IGNORED));
  g_assert_true (xdotool_on (found[1], "windowfocus", "--sync", NULL));
  g_assert_true (send_keys (found[1], "key", "ctrl+Return"));
  {
    gpointer pair[2] = { window, (gpointer) "links" };
    g_assert_true (wait_for (title_is, pair));
  }
  g_assert_true (wait_for (has_scene, window));
  dataset = kr_window_get_dataset (window);
  g_assert_cmpuint (kr_dataset_get_n_entities (dataset), ==, 2);
  g_assert_cmpstr (kr_dataset_get_entity (dataset, 0)->name, ==, "Toyota");
  g_assert_null (kr_dataset_get_entity (dataset, 0)->description);
  g_assert_cmpstr (kr_dataset_get_deal (dataset, 0)->note, ==, "Talks began in May");
  {
    gpointer said[2] = { window, (gpointer) "links.csv, people.csv" };
    g_assert_true (wait_for (window_says, said));
  }
  /* Kept beside the table of deals, for the pair. */
  g_assert_true (g_file_get_contents (views, &kept, NULL, NULL));
  g_assert_nonnull (strstr (kept, "\"people.csv\""));

  /* Opened again, in the other order, the pair comes with the columns chosen. */
  found[1] = NULL;
  kr_window_open_files (window, (GFile *[]){ deals, people }, 2);
  g_assert_true (wait_for (csv_dialog_shows, found));
  row = find_combo_row (found[1], "Notes");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, combo_item (row, KR_CSV_IGNORED));
  gtk_window_close (found[1]);

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (views);
  g_remove (deals_path);
  g_remove (people_path);
  g_remove (more_path);
  g_rmdir (dir);
}

/* The file at @path is written whole: it reads as a dataset. */
static gboolean
file_reads (gpointer path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KrDataset) read = kr_dataset_new_from_file (file, NULL, NULL, NULL);

  return read != NULL;
}

/* Export writes the graph of what the map shows for other programs, in each graph format, to a
 * file that reads back with every entity shown. */
static void
test_graph_export (void)
{
  KrWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("kr-graph-export-XXXXXX", NULL);
  static const char *const names[] = { "map.graphml", "map.gexf", "map.ftm.json" };
  guint shown = 0;

  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  for (guint i = 0; i < kr_dataset_get_n_entities (kr_window_get_dataset (window)); i++)
    shown += kr_scene_find_entity (kr_window_get_scene (window), i) >= 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (KrDataset) read = NULL;

      g_assert_true (kr_window_export (window, file));
      g_assert_true (wait_for (file_reads, path));
      read = kr_dataset_new_from_file (file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (kr_dataset_get_n_entities (read), ==, shown);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  {
    g_autofree char *path = g_build_filename (dir, "map.txt", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_assert_false (kr_window_export (window, file));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* GTK 4.24 on X11 warns now and then, from within its own frame clock, that the timings of a
 * frame were submitted twice: nothing the window does leads to it, and nothing shows. That
 * warning is let through; every other stays fatal. */
static GLogWriterOutput
write_log (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
    else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      message = fields[i].value;
  if ((level & G_LOG_LEVEL_WARNING) != 0 && g_strcmp0 (domain, "Gdk") == 0 && message != NULL
      && strstr (message, "gdk_frame_timings_submitted") != NULL)
    return g_log_writer_standard_streams (level, fields, n_fields, data);
  return g_log_writer_default (level, fields, n_fields, data);
}

/* Whether the window's dataset names entity pair[1] pair[2]. */
static gboolean
entity_named (gpointer data)
{
  gpointer *triple = data;
  KrDataset *dataset = kr_window_get_dataset (triple[0]);
  int at = kr_dataset_find_entity (dataset, triple[1]);

  return at >= 0 && g_strcmp0 (kr_dataset_get_entity (dataset, (guint)at)->name, triple[2]) == 0;
}

static gboolean
form_shown (gpointer window)
{
  return find_widget (kr_window_get_panel (window), KR_TYPE_RECORD_FORM, NULL) != NULL;
}

static gboolean
form_gone (gpointer window)
{
  return !form_shown (window);
}

static gboolean
is_saved (gpointer window)
{
  return !kr_document_get_modified (kr_window_get_document (window));
}

/* Clicks entity @id on the map and waits for the panel to show it; FALSE without xdotool. */
static gboolean
click_entity (KrWindow *window, const char *id)
{
  KrPoint at = entity_place (window, id);
  gpointer pair[2] = { kr_window_get_panel (window), (gpointer)id };
  double x, y;

  kr_diagram_view_to_widget (KR_DIAGRAM_VIEW (kr_window_get_diagram (window)), at.x, at.y, &x, &y);
  if (!click_diagram (window, x, y))
    return FALSE;
  g_assert_true (wait_for (panel_shows, pair));
  return TRUE;
}

/* An entity renamed in the panel by the keyboard alone, undone, done again, saved with Ctrl+S and
 * read back the same. */
static void
test_edit_entity (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  gpointer renamed[3] = { NULL, "nissan", "Nissan Motor Co." };
  gpointer original[3] = { NULL, "nissan", "Nissan" };

  reset_layout_settings ();
  window = new_window ();
  renamed[0] = original[0] = window;
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  g_assert_false (kr_document_get_modified (kr_window_get_document (window)));
  if (!click_entity (window, "nissan"))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }

  /* Escape leaves it as it was. */
  g_assert_true (send_plain_key (window, GDK_KEY_F2));
  g_assert_true (wait_for (form_shown, window));
  g_assert_true (send_keys (window, "type", "Renault"));
  g_assert_true (send_keys (window, "key", "Escape"));
  g_assert_true (wait_for (form_gone, window));
  g_assert_true (entity_named (original));
  g_assert_true (is_saved (window));

  /* F2, the name typed over the one selected, Enter. */
  g_assert_true (send_plain_key (window, GDK_KEY_F2));
  g_assert_true (wait_for (form_shown, window));
  g_assert_true (send_keys (window, "key", "ctrl+a"));
  g_assert_true (send_keys (window, "type", "Nissan Motor Co."));
  g_assert_true (send_keys (window, "key", "Return"));
  g_assert_true (wait_for (entity_named, renamed));
  g_assert_true (wait_for (form_gone, window));
  g_assert_false (is_saved (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  g_assert_true (send_keys (window, "key", "ctrl+z"));
  g_assert_true (wait_for (entity_named, original));
  g_assert_true (is_saved (window));
  g_assert_true (send_keys (window, "key", "shift+ctrl+z"));
  g_assert_true (wait_for (entity_named, renamed));
  g_assert_false (is_saved (window));

  /* Saved where it was read from: the same dataset, read again. */
  g_assert_true (send_keys (window, "key", "ctrl+s"));
  g_assert_true (wait_for (is_saved, window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (KrDataset) reread = kr_dataset_new_from_file (copy.file, NULL, NULL, &error);
    g_autoptr (GBytes) shown = kr_dataset_writer_write (kr_window_get_dataset (window));
    g_autoptr (GBytes) saved = NULL;
    g_autofree char *contents = NULL;
    gsize length;
    KrWindow *again = new_window ();
    gpointer reopened[3] = { again, "nissan", "Nissan Motor Co." };

    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (copy.path, &contents, &length, NULL));
    saved = g_bytes_new_take (g_steal_pointer (&contents), length);
    g_assert_true (g_bytes_equal (saved, shown));
    g_assert_cmpstr (
        kr_dataset_get_entity (reread, (guint)kr_dataset_find_entity (reread, "nissan"))->name, ==,
        "Nissan Motor Co.");

    /* Its own save, seen by the file monitor, neither reloads nor asks. */
    {
      KrDataset *before = kr_window_get_dataset (window);

      run_for (1500);
      g_assert_true (wait_for (is_idle, window));
      g_assert_true (kr_window_get_dataset (window) == before);
      g_assert_true (is_saved (window));
    }

    /* Opened in another window, it is the dataset that was saved. */
    g_free (open_and_place (again, copy.file));
    g_assert_true (entity_named (reopened));
    {
      g_autoptr (GBytes) reopened_bytes = kr_dataset_writer_write (kr_window_get_dataset (again));
      g_assert_true (g_bytes_equal (reopened_bytes, saved));
    }
    gtk_window_destroy (GTK_WINDOW (again));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

static gboolean
has_entities (gpointer data)
{
  gpointer *pair = data;

  return kr_dataset_get_n_entities (kr_window_get_dataset (pair[0])) == GPOINTER_TO_UINT (pair[1]);
}

/* Gives @window the keyboard again, as a window manager would once a dialog closes. */
static gboolean
focus_window (KrWindow *window)
{
  return xdotool_on (window, "windowfocus", "--sync", NULL);
}

/* Answers the question the window asks, as a click on its button @response would. */
static gboolean
answer_dialog (KrWindow *window, const char *response)
{
#if ADW_CHECK_VERSION(1, 5, 0)
  GtkWidget *dialog = find_widget (GTK_WIDGET (window), ADW_TYPE_ALERT_DIALOG, NULL);

  if (dialog == NULL)
    return FALSE;
  g_signal_emit_by_name (dialog, "response", response);
  adw_dialog_force_close (ADW_DIALOG (dialog));
  return TRUE;
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (w), response);
          gtk_window_destroy (w);
          return TRUE;
        }
    }
  return FALSE;
#endif
}

static gboolean
dialog_shown (gpointer window)
{
#if ADW_CHECK_VERSION(1, 5, 0)
  return find_widget (GTK_WIDGET (window), ADW_TYPE_ALERT_DIALOG, NULL) != NULL;
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
#endif
}

/* An entity added, named and deleted with the keyboard; undo brings it back. */
static void
test_add_delete_entity (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  guint n;
  gpointer named[3] = { NULL, "new-entity", "Kyoto Battery" };

  reset_layout_settings ();
  window = new_window ();
  named[0] = window;
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  n = kr_dataset_get_n_entities (kr_window_get_dataset (window));

  gtk_widget_grab_focus (kr_window_get_diagram (window));
  if (!send_keys (window, "key", "shift+ctrl+e"))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }
  {
    gpointer more[2] = { window, GUINT_TO_POINTER (n + 1) };
    g_assert_true (wait_for (has_entities, more));
  }
  g_assert_true (wait_for (form_shown, window));
  g_assert_true (send_keys (window, "key", "ctrl+a"));
  g_assert_true (send_keys (window, "type", "Kyoto Battery"));
  g_assert_true (send_keys (window, "key", "Return"));
  g_assert_true (wait_for (entity_named, named));
  g_assert_true (wait_for (form_gone, window));

  /* Delete asks first. */
  g_assert_true (send_keys (window, "key", "Delete"));
  {
    gpointer fewer[2] = { window, GUINT_TO_POINTER (n) };
    gpointer more[2] = { window, GUINT_TO_POINTER (n + 1) };

    g_assert_true (wait_for (dialog_shown, window));
    g_assert_true (has_entities (more));
    g_assert_true (answer_dialog (window, "delete"));
    g_assert_true (wait_for (has_entities, fewer));
    /* The question's window had the keyboard: back to the map's. */
    g_assert_true (focus_window (window));
    g_assert_true (send_keys (window, "key", "ctrl+z"));
    g_assert_true (wait_for (has_entities, more));
    g_assert_true (entity_named (named));
  }
  /* Closing with unsaved changes asks; the window stays until it is answered. */
  g_assert_false (is_saved (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wait_for (dialog_shown, window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (answer_dialog (window, "cancel"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The window's dialog of @type, once it is shown; NULL until then. */
static GtkWindow *
dialog_of (KrWindow *window, GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type)
          && gtk_window_get_transient_for (w) == GTK_WINDOW (window)
          && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
article_dialog_shown (gpointer window)
{
  return dialog_of (window, KR_TYPE_ARTICLE_DIALOG) != NULL;
}

/* The Add Article dialog, once it shows, with the keyboard. */
static GtkWindow *
article_dialog_focused (KrWindow *window)
{
  GtkWindow *dialog;

  g_assert_true (wait_for (article_dialog_shown, window));
  dialog = dialog_of (window, KR_TYPE_ARTICLE_DIALOG);
  g_assert_true (xdotool_on (dialog, "windowfocus", "--sync", NULL));
  return dialog;
}

static gboolean
evidence_dialog_shown (gpointer window)
{
  return dialog_of (window, KR_TYPE_EVIDENCE_DIALOG) != NULL;
}

static gboolean
has_articles (gpointer data)
{
  gpointer *pair = data;

  return kr_dataset_get_n_articles (kr_window_get_dataset (pair[0])) == GPOINTER_TO_UINT (pair[1]);
}

/* Whether deal pair[1] of the window's dataset has pair[2] excerpts. */
static gboolean
deal_has_excerpts (gpointer data)
{
  gpointer *triple = data;
  KrDataset *dataset = kr_window_get_dataset (triple[0]);
  int at = kr_dataset_find_deal (dataset, triple[1]);

  return at >= 0
         && kr_dataset_get_deal (dataset, (guint)at)->n_evidence == GPOINTER_TO_UINT (triple[2]);
}

/* Whether editable pair[0] holds the text pair[1]. */
static gboolean
editable_says (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (gtk_editable_get_text (pair[0]), pair[1]) == 0;
}

static gboolean
has_text (gpointer buffer)
{
  return gtk_text_buffer_get_char_count (buffer) > 0;
}

static gboolean
has_selection (gpointer buffer)
{
  return gtk_text_buffer_get_has_selection (buffer);
}

/* The n-th widget of @type under @widget, depth first. */
static GtkWidget *
find_nth (GtkWidget *widget, GType type, guint *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*n)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, n);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first @n words of the text in @view selected with Shift+Ctrl+Right, and Make Evidence
 * (Shift+Ctrl+M) asked for: its dialog, with the keyboard. */
static GtkWindow *
make_evidence_of_words (KrWindow *window, GtkWidget *view, guint n)
{
  GtkWindow *dialog;

  gtk_widget_grab_focus (view);
  g_assert_true (send_keys (window, "key", "ctrl+Home"));
  for (guint i = 0; i < n; i++)
    g_assert_true (send_keys (window, "key", "shift+ctrl+Right"));
  g_assert_true (wait_for (has_selection, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))));
  g_assert_true (send_keys (window, "key", "shift+ctrl+m"));
  g_assert_true (wait_for (evidence_dialog_shown, window));
  dialog = dialog_of (window, KR_TYPE_EVIDENCE_DIALOG);
  g_assert_true (xdotool_on (dialog, "windowfocus", "--sync", NULL));
  return dialog;
}

/* An article added by pasting its text, a passage of it selected with the keyboard and made an
 * excerpt of a deal that exists, undone, done again, saved, read back the same, and checked
 * by `keiretsu --check` without a problem. */
static void
test_capture (void)
{
  static const char text[] = "Renault said on Monday that it would cut its stake in Nissan.\n\n"
                             "The two carmakers keep their alliance.";
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  GtkWindow *dialog;
  GtkWidget *page, *view;
  KrDataset *dataset;
  guint n_articles, n_excerpts, article;
  const KrDeal *deal;
  gpointer articles[2] = { NULL, NULL };
  gpointer before[3] = { NULL, "renault-nissan-alliance", NULL };
  gpointer after[3] = { NULL, "renault-nissan-alliance", NULL };
  guint n = 1;

  reset_layout_settings ();
  window = new_window ();
  articles[0] = before[0] = after[0] = window;
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  dataset = kr_window_get_dataset (window);
  n_articles = kr_dataset_get_n_articles (dataset);
  deal = kr_dataset_get_deal (dataset, (guint)kr_dataset_find_deal (dataset, before[1]));
  n_excerpts = deal->n_evidence;
  before[2] = GUINT_TO_POINTER (n_excerpts);
  after[2] = GUINT_TO_POINTER (n_excerpts + 1);
  if (!focus_window (window) || !send_keys (window, "key", "shift+ctrl+a"))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }

  /* Add Article: the title typed where the focus starts, the publisher in its row, the text
   * pasted, Ctrl+Enter. */
  dialog = article_dialog_focused (window);
  g_assert_true (send_keys (dialog, "type", "Renault to cut its Nissan stake"));
  {
    gpointer title[2] = { find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL),
                          "Renault to cut its Nissan stake" };
    gpointer publisher[2] = { find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, &n), "Wire" };

    /* The keys arrive later: the focus moves once they have. */
    g_assert_true (wait_for (editable_says, title));
    gtk_widget_grab_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (publisher[0]))));
    g_assert_true (send_keys (dialog, "type", "Wire"));
    g_assert_true (wait_for (editable_says, publisher));
  }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text);
  view = find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL);
  gtk_widget_grab_focus (view);
  g_assert_true (send_keys (dialog, "key", "ctrl+v"));
  g_assert_true (wait_for (has_text, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))));
  g_assert_true (send_keys (dialog, "key", "ctrl+Return"));
  articles[1] = GUINT_TO_POINTER (n_articles + 1);
  g_assert_true (wait_for (has_articles, articles));
  dataset = kr_window_get_dataset (window);
  article = n_articles;
  g_assert_cmpstr (kr_dataset_get_article (dataset, article)->title, ==,
                   "Renault to cut its Nissan stake");
  g_assert_cmpstr (kr_dataset_get_article (dataset, article)->publisher, ==, "Wire");
  g_assert_cmpstr (kr_dataset_get_article (dataset, article)->text, ==, text);

  /* Its page shows its text: four words selected from the start with Shift+Ctrl+Right. */
  page = find_widget (kr_window_get_panel (window), KR_TYPE_ARTICLE_PAGE, NULL);
  g_assert_nonnull (page);
  view = find_widget (page, GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_true (focus_window (window));
  dialog = make_evidence_of_words (window, view, 4);

  /* Make Evidence: the deal found by a word of its summary, Enter to choose it, Enter to make. */
  g_assert_true (send_keys (dialog, "type", "23-year-old"));
  g_assert_true (send_keys (dialog, "key", "Return"));
  g_assert_true (send_keys (dialog, "key", "Return"));
  g_assert_true (wait_for (deal_has_excerpts, after));
  dataset = kr_window_get_dataset (window);
  deal = kr_dataset_get_deal (dataset, (guint)kr_dataset_find_deal (dataset, after[1]));
  g_assert_cmpstr (deal->evidence[n_excerpts].quote, ==, "Renault said on Monday");
  g_assert_cmpuint (deal->evidence[n_excerpts].article, ==, article);
  g_assert_cmpint (deal->evidence[n_excerpts].stance, ==, KR_STANCE_SUPPORTS);

  /* Undone from where the panel left the focus, as a person would go on. */
  g_assert_true (focus_window (window));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    /* On the page of the deal that has the excerpt now. */
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_get_mapped (focus));
    g_assert_nonnull (gtk_widget_get_ancestor (focus, KR_TYPE_DEAL_PAGE));
  }
  g_assert_true (send_keys (window, "key", "ctrl+z"));
  g_assert_true (wait_for (deal_has_excerpts, before));
  g_assert_true (send_keys (window, "key", "shift+ctrl+z"));
  g_assert_true (wait_for (deal_has_excerpts, after));

  g_assert_true (send_keys (window, "key", "ctrl+s"));
  g_assert_true (wait_for (is_saved, window));
  {
    g_autoptr (GBytes) shown = kr_dataset_writer_write (kr_window_get_dataset (window));
    g_autoptr (GBytes) saved = NULL;
    g_autofree char *contents = NULL;
    g_autofree char *out = NULL;
    const char *keiretsu = g_getenv ("KEIRETSU");
    gsize length;
    int status = -1;
    KrWindow *again = new_window ();

    g_assert_true (g_file_get_contents (copy.path, &contents, &length, NULL));
    saved = g_bytes_new_take (g_steal_pointer (&contents), length);
    g_assert_true (g_bytes_equal (saved, shown));
    g_free (open_and_place (again, copy.file));
    {
      g_autoptr (GBytes) reopened = kr_dataset_writer_write (kr_window_get_dataset (again));
      g_assert_true (g_bytes_equal (reopened, saved));
    }
    gtk_window_destroy (GTK_WINDOW (again));

    /* Valid, and the captured quote is found in its article. */
    if (keiretsu != NULL)
      {
        const char *argv[] = { keiretsu, "--check", copy.path, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                     NULL, &status, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_null (strstr (out, "quote not found"));
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The question the window asks, where keys typed into it go: the window itself with
 * libadwaita's alert dialogs, a window of its own before. */
static GtkNative *
question_native (KrWindow *window)
{
#if ADW_CHECK_VERSION(1, 5, 0)
  return GTK_NATIVE (window);
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return GTK_NATIVE (w);
    }
  return NULL;
#endif
}

/* The search for an entity in window @root (nullable) has the keyboard's focus. */
static gboolean
chooser_has_focus (gpointer root)
{
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (GTK_ROOT (root)) : NULL;

  return focus != NULL && gtk_widget_get_ancestor (focus, KR_TYPE_ENTITY_CHOOSER) != NULL;
}

/* The question's search for an entity has the keyboard's focus. */
static gboolean
search_has_focus (gpointer window)
{
  return chooser_has_focus (question_native (window));
}

/* Whether deal @pair[1] of the window's dataset has entity @pair[2] among its parties. */
static gboolean
deal_involves (gpointer data)
{
  gpointer *triple = data;
  KrDataset *dataset = kr_window_get_dataset (triple[0]);
  int deal = kr_dataset_find_deal (dataset, triple[1]);
  int entity = kr_dataset_find_entity (dataset, triple[2]);

  return deal >= 0 && entity >= 0
         && kr_deal_involves (kr_dataset_get_deal (dataset, (guint)deal), (guint)entity);
}

/* Nissan merged into Renault from the keyboard: the chooser typed into, Enter; Nissan's deals
 * are Renault's; one undo brings both back. */
static void
test_merge_entities (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  guint n;
  gpointer moved[3] = { NULL, "nissan-ampere-investment", "renault" };
  gpointer back[3] = { NULL, "nissan-ampere-investment", "nissan" };

  reset_layout_settings ();
  window = new_window ();
  moved[0] = back[0] = window;
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  n = kr_dataset_get_n_entities (kr_window_get_dataset (window));
  if (!click_entity (window, "nissan"))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }

  g_assert_true (send_keys (window, "key", "shift+ctrl+j"));
  g_assert_true (wait_for (dialog_shown, window));
  /* Typed once the search has the focus, as a person sees it. */
  g_assert_true (wait_for (search_has_focus, window));
  g_assert_true (xdotool_on_native (question_native (window), "type", "--window", "Renault"));
  g_assert_true (xdotool_on_native (question_native (window), "key", "--window", "Return"));
  {
    gpointer fewer[2] = { window, GUINT_TO_POINTER (n - 1) };

    g_assert_true (wait_for (has_entities, fewer));
  }
  g_assert_cmpint (kr_dataset_find_entity (kr_window_get_dataset (window), "nissan"), ==, -1);
  g_assert_true (deal_involves (moved));
  {
    gpointer pair[2] = { kr_window_get_panel (window), "renault" };
    g_assert_true (wait_for (panel_shows, pair));
  }

  g_assert_true (focus_window (window));
  g_assert_true (send_keys (window, "key", "ctrl+z"));
  {
    gpointer all[2] = { window, GUINT_TO_POINTER (n) };

    g_assert_true (wait_for (has_entities, all));
  }
  g_assert_true (deal_involves (back));
  g_assert_false (deal_involves (moved));
  g_assert_true (is_saved (window));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The widget of @type under @widget whose string property @name is @value. */
static GtkWidget *
find_with (GtkWidget *widget, GType type, const char *name, const char *value)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      g_autofree char *has = NULL;

      g_object_get (widget, name, &has, NULL);
      if (g_strcmp0 (has, value) == 0)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_with (c, type, name, value);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Moves the keyboard to @widget, as Tab would, and presses @key there. */
static gboolean
press_on (KrWindow *window, GtkWidget *widget, const char *key)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_grab_focus (widget));
  return send_keys (window, "key", key);
}

static gboolean
chooser_shown (gpointer window)
{
  return find_widget (kr_window_get_panel (window), KR_TYPE_ENTITY_CHOOSER, NULL) != NULL;
}

/* No combo row under @pair[0] is titled @pair[1]. */
static gboolean
row_gone (gpointer data)
{
  gpointer *pair = data;

  return find_combo_row (pair[0], pair[1]) == NULL;
}

static gboolean
role_row_shown (gpointer window)
{
  return find_combo_row (kr_window_get_panel (window), "Role of Honda") != NULL;
}

/* Parties, excerpts: deal @d[1] of window @d[0] has @d[2] among its parties, not @d[3], and
 * @d[4] excerpts. */
static gboolean
deal_is (gpointer data)
{
  gpointer *d = data;
  KrDataset *dataset = kr_window_get_dataset (d[0]);
  int deal = kr_dataset_find_deal (dataset, d[1]);
  const KrDeal *found;

  if (deal < 0)
    return FALSE;
  found = kr_dataset_get_deal (dataset, (guint)deal);
  return kr_deal_involves (found, (guint)kr_dataset_find_entity (dataset, d[2]))
         && !kr_deal_involves (found, (guint)kr_dataset_find_entity (dataset, d[3]))
         && found->n_evidence == GPOINTER_TO_UINT (d[4]);
}

/* A deal's form by the keyboard: a party added from the list, one removed, an excerpt removed,
 * applied as one edit and undone. */
static void
test_deal_parties (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  GtkWidget *panel;
  gpointer edited[5] = { NULL, "nissan-vs-panasonic-samsung-li-ion", "honda", "samsung",
                         GUINT_TO_POINTER (1) };
  gpointer before[5] = { NULL, "nissan-vs-panasonic-samsung-li-ion", "samsung", "honda",
                         GUINT_TO_POINTER (2) };

  reset_layout_settings ();
  window = new_window ();
  edited[0] = before[0] = window;
  panel = kr_window_get_panel (window);
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  if (!click_entity (window, "nissan"))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }
  /* The deal's link in the entity's page. */
  gtk_widget_activate_action (
      panel, "panel.select-deal", "i",
      kr_dataset_find_deal (kr_window_get_dataset (window), "nissan-vs-panasonic-samsung-li-ion"));
  {
    gpointer pair[2] = { panel, "nissan-vs-panasonic-samsung-li-ion" };
    g_assert_true (wait_for (panel_shows, pair));
  }
  g_assert_true (send_plain_key (window, GDK_KEY_F2));
  g_assert_true (wait_for (form_shown, window));

  /* Add a Party…: the list of entities, Honda typed, Enter; it is a rival as the others. */
  g_assert_true (press_on (
      window, find_with (panel, ADW_TYPE_ACTION_ROW, "tooltip-text", "Add an entity to the deal’s parties"),
      "Return"));
  g_assert_true (wait_for (chooser_shown, window));
  g_assert_true (send_keys (window, "type", "Honda"));
  g_assert_true (send_keys (window, "key", "Return"));
  g_assert_true (wait_for (role_row_shown, window));
  g_assert_cmpuint (adw_combo_row_get_selected (find_combo_row (panel, "Role of Honda")), ==,
                    KR_ROLE_RIVAL);

  /* Samsung and the first excerpt taken away, then Apply: each key once the one before is
   * done with. */
  {
    KrDataset *dataset = kr_window_get_dataset (window);
    const KrEntity *samsung
        = kr_dataset_get_entity (dataset, (guint)kr_dataset_find_entity (dataset, "samsung"));
    g_autofree char *remove = g_strdup_printf ("Remove %s from the parties", samsung->display_name);
    g_autofree char *role = g_strdup_printf ("Role of %s", samsung->display_name);
    gpointer gone[2] = { panel, role };

    g_assert_true (press_on (window, find_with (panel, GTK_TYPE_BUTTON, "tooltip-text", remove), "Return"));
    g_assert_true (wait_for (row_gone, gone));
  }
  {
    GtkWidget *first = find_with (panel, GTK_TYPE_BUTTON, "tooltip-text", "Remove this excerpt");
    g_autofree char *quote = g_strdup (adw_preferences_row_get_title (
        ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (first, ADW_TYPE_ACTION_ROW))));
    gpointer gone[2] = { panel, quote };

    g_assert_true (press_on (window, first, "Return"));
    g_assert_true (wait_for (row_gone, gone));
  }
  g_assert_true (press_on (window, find_with (panel, GTK_TYPE_BUTTON, "label", "_Apply"), "Return"));
  g_assert_true (wait_for (deal_is, edited));
  g_assert_true (wait_for (form_gone, window));

  g_assert_true (send_keys (window, "key", "ctrl+z"));
  g_assert_true (wait_for (deal_is, before));
  g_assert_true (is_saved (window));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

static gboolean
has_deals (gpointer data)
{
  gpointer *pair = data;

  return kr_dataset_get_n_deals (kr_window_get_dataset (pair[0])) == GPOINTER_TO_UINT (pair[1]);
}

/* A widget of @dialog's record form has the focus, and its entity search is gone. */
static gboolean
dialog_form_field_has_focus (gpointer dialog)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  return focus != NULL && gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) != NULL
         && find_widget (GTK_WIDGET (dialog), KR_TYPE_ENTITY_CHOOSER, NULL) == NULL;
}

/* A passage of an article's text made the first excerpt of a new deal, by the keyboard alone:
 * New Deal… in Make Evidence, two parties from the entity list, a summary, Enter; one undo
 * takes the deal away, redo brings it back. */
static void
test_capture_new_deal (void)
{
  static const char text[] = "Toyota and Honda said they would build batteries together.";
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  g_autoptr (GError) error = NULL;
  KrWindow *window;
  GtkWindow *dialog;
  GtkWidget *view;
  KrEditor *editor;
  KrDataset *dataset;
  const KrDeal *deal;
  guint article, n_deals;
  KrArticle a = { .title = "Carmakers pair up", .publisher = "Wire", .text = text };

  reset_layout_settings ();
  window = new_window ();
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  editor = kr_document_get_editor (kr_window_get_document (window));
  g_assert_true (kr_editor_add_article (editor, &a, &article, &error));
  g_assert_no_error (error);
  dataset = kr_window_get_dataset (window);
  n_deals = kr_dataset_get_n_deals (dataset);
  kr_evidence_panel_show_article (KR_EVIDENCE_PANEL (kr_window_get_panel (window)), dataset,
                                  article);
  view = find_widget (find_widget (kr_window_get_panel (window), KR_TYPE_ARTICLE_PAGE, NULL),
                      GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (view);
  if (!focus_window (window))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }

  /* Its first three words, then New Deal… (Alt+N) in Make Evidence: the entity list is there
   * for the first party, and again for the second; then the summary. */
  dialog = make_evidence_of_words (window, view, 3);
  g_assert_true (send_keys (dialog, "key", "alt+n"));
  g_assert_true (wait_for (chooser_has_focus, dialog));
  g_assert_true (send_keys (dialog, "type", "Toyota"));
  g_assert_true (send_keys (dialog, "key", "Return"));
  g_assert_true (wait_for (chooser_has_focus, dialog));
  g_assert_true (send_keys (dialog, "type", "Honda"));
  g_assert_true (send_keys (dialog, "key", "Return"));
  g_assert_true (wait_for (dialog_form_field_has_focus, dialog));
  g_assert_true (send_keys (dialog, "type", "Toyota and Honda build batteries"));
  g_assert_true (send_keys (dialog, "key", "Return"));
  {
    gpointer more[2] = { window, GUINT_TO_POINTER (n_deals + 1) };
    gpointer fewer[2] = { window, GUINT_TO_POINTER (n_deals) };

    g_assert_true (wait_for (has_deals, more));
    dataset = kr_window_get_dataset (window);
    deal = kr_dataset_get_deal (dataset, n_deals);
    g_assert_cmpstr (deal->summary, ==, "Toyota and Honda build batteries");
    g_assert_true (kr_deal_involves (deal, (guint)kr_dataset_find_entity (dataset, "toyota")));
    g_assert_true (kr_deal_involves (deal, (guint)kr_dataset_find_entity (dataset, "honda")));
    g_assert_cmpuint (deal->n_parties, ==, 2);
    g_assert_cmpuint (deal->n_evidence, ==, 1);
    g_assert_cmpstr (deal->evidence[0].quote, ==, "Toyota and Honda");
    g_assert_cmpuint (deal->evidence[0].article, ==, article);
    g_assert_cmpint (deal->evidence[0].stance, ==, KR_STANCE_SUPPORTS);
    {
      gpointer pair[2] = { kr_window_get_panel (window), (gpointer)deal->id };
      g_assert_true (wait_for (panel_shows, pair));
    }

    g_assert_true (focus_window (window));
    gtk_widget_grab_focus (kr_window_get_diagram (window));
    g_assert_true (send_keys (window, "key", "ctrl+z"));
    g_assert_true (wait_for (has_deals, fewer));
    g_assert_cmpuint (kr_dataset_get_n_articles (kr_window_get_dataset (window)), ==, article + 1);
    g_assert_true (send_keys (window, "key", "shift+ctrl+z"));
    g_assert_true (wait_for (has_deals, more));
    g_assert_cmpstr (
        kr_dataset_get_deal (kr_window_get_dataset (window), n_deals)->evidence[0].quote, ==,
        "Toyota and Honda");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* A point of the map with nothing under it, far from its edges. */
static void
empty_point (KrDiagramView *diagram, double *x, double *y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (diagram)),
      h = gtk_widget_get_height (GTK_WIDGET (diagram));

  for (*y = h / 4.0; *y < h * 3 / 4.0; *y += 7)
    for (*x = w / 4.0; *x < w * 3 / 4.0; *x += 7)
      if (kr_diagram_view_hit_at (diagram, *x, *y).type == KR_HIT_NONE
          && kr_diagram_view_hit_at (diagram, *x - 8, *y - 8).type == KR_HIT_NONE
          && kr_diagram_view_hit_at (diagram, *x + 8, *y + 8).type == KR_HIT_NONE)
        return;
  g_assert_not_reached ();
}

/* Shift held, the pointer down on @from, along the way to (@x, @y), and there @then. */
static gboolean
shift_drag (KrWindow *window, KrPoint from, double x, double y, const char *const *then)
{
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  double fx, fy;

  kr_diagram_view_to_widget (diagram, from.x, from.y, &fx, &fy);
  return pointer_at (window, GTK_WIDGET (diagram), fx, fy,
                     (const char *const[]){ "keydown", "shift", "mousedown", "1", NULL })
         && pointer_at (window, GTK_WIDGET (diagram), fx + (x - fx) / 3, fy + (y - fy) / 3, NULL)
         && pointer_at (window, GTK_WIDGET (diagram), fx + (x - fx) * 2 / 3, fy + (y - fy) * 2 / 3,
                        NULL)
         && pointer_at (window, GTK_WIDGET (diagram), x, y, then);
}

static gboolean
popover_shown (gpointer widget)
{
  GtkWidget *popover = find_widget (widget, GTK_TYPE_POPOVER_MENU, NULL);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* What is said under form row @row: the label of the row after it, while that shows; or NULL. */
static const char *
said_under (GtkWidget *row)
{
  GtkWidget *under = gtk_widget_get_next_sibling (row);

  if (under == NULL || !gtk_widget_get_visible (under))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (under))));
}

/* Form row @pair[0] is marked, and @pair[1] said under it. */
static gboolean
marked_with (gpointer data)
{
  gpointer *pair = data;

  return gtk_widget_has_css_class (pair[0], "error")
         && g_strcmp0 (said_under (pair[0]), pair[1]) == 0;
}

static gboolean
unmarked (gpointer row)
{
  return !gtk_widget_has_css_class (row, "error") && said_under (row) == NULL;
}

/* A deal drawn on the map with Shift+drag from Toyota to Honda opens the new deal's form with
 * both; dropped on nothing, or given up with Escape, it opens nothing and moves nothing. The
 * entity's menu (the Menu key) starts one from Toyota, the other party chosen in a list. */
static void
test_draw_deal (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  KrDiagramView *diagram;
  GtkWidget *panel;
  KrPoint toyota, honda;
  double hx, hy, ex, ey, tx, ty;
  guint n_deals;
  const char *const up[] = { "mouseup", "1", "keyup", "shift", NULL };
  const char *const escape_up[] = { "key", "Escape", "mouseup", "1", "keyup", "shift", NULL };

  reset_layout_settings ();
  window = new_window ();
  diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  panel = kr_window_get_panel (window);
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  n_deals = kr_dataset_get_n_deals (kr_window_get_dataset (window));
  toyota = entity_place (window, "toyota");
  honda = entity_place (window, "honda");
  kr_diagram_view_to_widget (diagram, honda.x, honda.y, &hx, &hy);
  kr_diagram_view_to_widget (diagram, toyota.x, toyota.y, &tx, &ty);
  empty_point (diagram, &ex, &ey);

  /* Onto nothing: no form, nothing moved, the map where it was. */
  if (!focus_window (window) || !shift_drag (window, toyota, ex, ey, up))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }
  run_for (300);
  g_assert_false (form_shown (window));
  /* Onto Honda, but Escape first. */
  g_assert_true (shift_drag (window, toyota, hx, hy, escape_up));
  run_for (300);
  g_assert_false (form_shown (window));
  g_assert_cmpfloat_with_epsilon (entity_place (window, "toyota").x, toyota.x, 0.01);
  g_assert_cmpfloat_with_epsilon (entity_place (window, "toyota").y, toyota.y, 0.01);
  {
    double x, y;

    kr_diagram_view_to_widget (diagram, toyota.x, toyota.y, &x, &y);
    g_assert_cmpfloat_with_epsilon (x, tx, 0.01);
    g_assert_cmpfloat_with_epsilon (y, ty, 0.01);
  }

  /* Onto Honda: the form, both parties in it, the summary's field with the keyboard. */
  g_assert_true (shift_drag (window, toyota, hx, hy, up));
  g_assert_true (wait_for (form_shown, window));
  g_assert_nonnull (find_combo_row (panel, "Role of Toyota"));
  g_assert_nonnull (find_combo_row (panel, "Role of Honda"));
  g_assert_true (send_keys (window, "type", "Toyota and Honda talk about batteries"));
  {
    gpointer summary[2] = { find_widget (panel, ADW_TYPE_ENTRY_ROW, NULL),
                            "Toyota and Honda talk about batteries" };

    /* The keys arrive later: the focus moves once they have. */
    g_assert_true (wait_for (editable_says, summary));
  }
  /* An amount that is no number: said under its field, Apply waits; gone once it is one. */
  {
    GtkWidget *amount = find_with (panel, ADW_TYPE_ENTRY_ROW, "title", "Amount");
    GtkWidget *apply = find_with (panel, GTK_TYPE_BUTTON, "label", "_Apply");
    gpointer wrong[2] = { amount, "this is not a number" };

    g_assert_true (press_on (window, amount, "1"));
    g_assert_true (send_keys (window, "type", "2x"));
    g_assert_true (wait_for (marked_with, wrong));
    g_assert_false (gtk_widget_get_sensitive (apply));
    g_assert_true (send_keys (window, "key", "BackSpace"));
    g_assert_true (wait_for (unmarked, amount));
    g_assert_true (send_keys (window, "key", "ctrl+a"));
    g_assert_true (send_keys (window, "key", "BackSpace"));
    {
      gpointer empty[2] = { amount, "" };
      g_assert_true (wait_for (editable_says, empty));
    }
    g_assert_true (unmarked (amount));
  }
  g_assert_true (press_on (
      window, find_with (panel, ADW_TYPE_ENTRY_ROW, "title", "Its words, as published"), "Return"));
  g_assert_true (send_keys (window, "type", "talk about batteries"));
  g_assert_true (send_keys (window, "key", "Return"));
  {
    gpointer more[2] = { window, GUINT_TO_POINTER (n_deals + 1) };
    gpointer fewer[2] = { window, GUINT_TO_POINTER (n_deals) };
    KrDataset *dataset;
    const KrDeal *deal;

    g_assert_true (wait_for (has_deals, more));
    dataset = kr_window_get_dataset (window);
    deal = kr_dataset_get_deal (dataset, n_deals);
    g_assert_cmpstr (deal->summary, ==, "Toyota and Honda talk about batteries");
    g_assert_cmpuint (deal->n_parties, ==, 2);
    g_assert_true (kr_deal_involves (deal, (guint)kr_dataset_find_entity (dataset, "toyota")));
    g_assert_true (kr_deal_involves (deal, (guint)kr_dataset_find_entity (dataset, "honda")));
    g_assert_true (wait_for (form_gone, window));
    gtk_widget_grab_focus (GTK_WIDGET (diagram));
    g_assert_true (send_keys (window, "key", "ctrl+z"));
    g_assert_true (wait_for (has_deals, fewer));
  }

  /* Add Deal From Here… in Toyota's menu: the list of entities, Honda typed, Enter. */
  g_assert_true (click_entity (window, "toyota"));
  gtk_widget_grab_focus (GTK_WIDGET (diagram));
  g_assert_true (send_keys (window, "key", "Menu"));
  g_assert_true (wait_for (popover_shown, diagram));
  g_assert_true (send_keys (window, "key", "Return"));
  g_assert_true (wait_for (chooser_has_focus, window));
  g_assert_nonnull (find_combo_row (panel, "Role of Toyota"));
  g_assert_true (send_keys (window, "type", "Honda"));
  g_assert_true (send_keys (window, "key", "Return"));
  g_assert_true (wait_for (role_row_shown, window));
  g_assert_false (chooser_shown (window));
  g_assert_true (send_keys (window, "key", "Escape"));
  g_assert_true (wait_for (form_gone, window));
  g_assert_cmpuint (kr_dataset_get_n_deals (kr_window_get_dataset (window)), ==, n_deals);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

static gboolean
is_marked (gpointer row)
{
  return gtk_widget_has_css_class (row, "error") && said_under (row) != NULL;
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

/* On a large map a check takes no longer than on a small one (only the changed record is
 * checked): every keystroke is checked at once, and Enter applies. */
static void
test_form_large_map (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) large = NULL;
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *form, *name, *apply;

  kr_bench_write_text_dataset (path, 10000, 25000, 0, 3);
  large = kr_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  editor = kr_editor_new (large, undo);
  form = kr_record_form_new_entity (editor, 0);
  gtk_window_set_child (GTK_WINDOW (window), form);
  gtk_window_present (GTK_WINDOW (window));
  name = find_with (form, ADW_TYPE_ENTRY_ROW, "title", "Name");
  apply = find_with (form, GTK_TYPE_BUTTON, "label", "_Apply");
  g_assert_true (gtk_widget_get_sensitive (apply));

  /* A name taken away: said at the keystroke. */
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_true (is_marked (name));
  g_assert_false (gtk_widget_get_sensitive (apply));

  gtk_editable_set_text (GTK_EDITABLE (name), "Renamed");
  g_assert_true (unmarked (name));
  g_assert_true (gtk_widget_get_sensitive (apply));

  /* Enter straight after the last key: applied. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Renamed Again");
  g_signal_emit_by_name (name, "entry-activated");
  g_assert_cmpstr (kr_dataset_get_entity (kr_editor_get_dataset (editor), 0)->name, ==,
                   "Renamed Again");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* The map shows the whole of the window's dataset, laid out whole, and the window is at rest. */
static gboolean
map_laid_out_whole (gpointer window)
{
  KrScene *scene = kr_window_get_scene (window);

  return scene != NULL && kr_scene_get_dataset (scene) == kr_window_get_dataset (window)
         && !kr_scene_get_options (scene)->revise && !kr_window_is_busy (window);
}

/* Every node of @before that the window's map still shows is exactly where it was. */
static void
assert_nothing_moved (KrWindow *window, KrScene *before)
{
  KrScene *after = kr_window_get_scene (window);
  KrDataset *dataset = kr_scene_get_dataset (after);
  guint kept = 0;

  for (guint i = 0; i < kr_scene_get_n_nodes (after); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (after, i);
      int at = kr_scene_find_record (before, dataset, node->type, node->index);

      if (at < 0)
        continue;
      g_assert_cmpfloat (node->x, ==, kr_scene_get_node (before, (guint)at)->x);
      g_assert_cmpfloat (node->y, ==, kr_scene_get_node (before, (guint)at)->y);
      kept++;
    }
  g_assert_cmpuint (kept, >=, kr_scene_get_n_nodes (before) - 20);
}

/* An edit on a large map shows without laying the map out again: what the edit did not touch
 * stays exactly where it was. Reset Positions then lays the map out whole. */
static void
test_edit_large_map (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) before = NULL;
  KrWindow *window;
  KrEditor *editor;
  KrEntity e;
  gpointer pair[2];

  reset_layout_settings ();
  kr_bench_write_dataset (path, LARGE_DATASET, 1);
  window = new_window ();
  pair[0] = window;
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_file (window, file);
  g_assert_true (wait_for (scene_is_large, window));
  g_assert_true (wait_for (is_idle, window));
  editor = kr_document_get_editor (kr_window_get_document (window));

  /* A rename, then a deletion: the entity keeps its centre, the others their places. */
  before = g_object_ref (kr_window_get_scene (window));
  e = *kr_dataset_get_entity (kr_window_get_dataset (window), 0);
  e.name = "A name longer than the one it had";
  g_assert_true (kr_editor_set_entity (editor, 0, &e, &error));
  g_assert_no_error (error);
  pair[1] = kr_window_get_dataset (window);
  g_assert_true (wait_for (scene_is_of, pair));
  g_assert_true (kr_scene_get_options (kr_window_get_scene (window))->revise);
  assert_nothing_moved (window, before);

  g_set_object (&before, kr_window_get_scene (window));
  g_assert_true (kr_editor_delete_entity (editor, 1, &error));
  g_assert_no_error (error);
  pair[1] = kr_window_get_dataset (window);
  g_assert_true (wait_for (scene_is_of, pair));
  g_assert_true (kr_scene_get_options (kr_window_get_scene (window))->revise);
  assert_nothing_moved (window, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-positions", NULL));
  g_assert_true (wait_for (map_laid_out_whole, window));

  gtk_window_destroy (GTK_WINDOW (window));
  kr_bench_remove_dir (dir);
}

static gboolean
article_dialog_gone (gpointer window)
{
  return !article_dialog_shown (window);
}

/* Presses @key @n times in @window. */
static gboolean
press_times (gpointer window, const char *key, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!send_keys (window, "key", key))
      return FALSE;
  return TRUE;
}

/* A label saying pair[1] shows under widget pair[0] (others may say it hidden). */
static gboolean
label_shown (gpointer data)
{
  gpointer *pair = data;

  if (GTK_IS_LABEL (pair[0]) && gtk_widget_get_mapped (pair[0])
      && g_strcmp0 (gtk_label_get_label (pair[0]), pair[1]) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (pair[0]); c; c = gtk_widget_get_next_sibling (c))
    {
      gpointer under[2] = { c, pair[1] };
      if (label_shown (under))
        return TRUE;
    }
  return FALSE;
}

/* The Add Article dialog checks its fields as the record form does, by the keyboard alone: a
 * web address that is not http(s) is said under its field and Add waits, Enter adds nothing;
 * Tab passes over the problems said; corrected, Enter adds the article. Another's blank text
 * is said under the text, and Escape gives it up. */
static void
test_article_fields (void)
{
  DatasetCopy copy;
  g_autofree KrPoint *places = NULL;
  KrWindow *window;
  GtkWindow *dialog;
  GtkWidget *title, *publisher, *url, *add;
  const KrArticle *added;
  guint n_articles;
  gpointer same[2] = { NULL, NULL };
  gpointer more[2] = { NULL, NULL };

  reset_layout_settings ();
  window = new_window ();
  copy_builtin (&copy);
  places = open_and_place (window, copy.file);
  n_articles = kr_dataset_get_n_articles (kr_window_get_dataset (window));
  same[0] = more[0] = window;
  same[1] = GUINT_TO_POINTER (n_articles);
  more[1] = GUINT_TO_POINTER (n_articles + 1);
  if (!focus_window (window) || !send_keys (window, "key", "shift+ctrl+a"))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      remove_copy (&copy);
      return;
    }
  dialog = article_dialog_focused (window);
  title = find_with (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "title", "Title");
  publisher = find_with (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "title", "Publisher");
  url = find_with (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "title", "Web address");
  add = find_with (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "label", "_Add");
  g_assert_nonnull (url);
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));

  /* The title where the focus starts, then Tab from field to field, over the problem said
   * under the publisher left empty, to the web address. */
  g_assert_true (send_keys (dialog, "type", "Carmakers pair up"));
  {
    gpointer typed[2] = { title, "Carmakers pair up" };
    gpointer empty[2] = { publisher, "must not be empty" };

    g_assert_true (wait_for (editable_says, typed));
    g_assert_true (wait_for (marked_with, empty));
  }
  g_assert_true (press_times (dialog, "Tab", 4));
  g_assert_true (send_keys (dialog, "type", "ftp://example.com/pair"));
  {
    gpointer wrong[2] = { url, "only http:// and https:// addresses are allowed" };
    g_assert_true (wait_for (marked_with, wrong));
  }
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (unmarked (title));
  g_assert_true (send_keys (dialog, "key", "Return"));
  run_for (300);
  g_assert_true (article_dialog_shown (window));
  g_assert_true (has_articles (same));

  /* Corrected, the mark goes; Shift+Tab back to the publisher, and Enter adds. */
  g_assert_true (send_keys (dialog, "key", "ctrl+a"));
  g_assert_true (send_keys (dialog, "type", "https://example.com/pair"));
  g_assert_true (wait_for (unmarked, url));
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (press_times (dialog, "shift+Tab", 3));
  g_assert_true (send_keys (dialog, "type", "Wire"));
  {
    gpointer typed[2] = { publisher, "Wire" };
    g_assert_true (wait_for (editable_says, typed));
  }
  g_assert_true (wait_for (is_sensitive, add));
  g_assert_true (send_keys (dialog, "key", "Return"));
  g_assert_true (wait_for (has_articles, more));
  g_assert_true (wait_for (article_dialog_gone, window));
  added = kr_dataset_get_article (kr_window_get_dataset (window), n_articles);
  g_assert_cmpstr (added->title, ==, "Carmakers pair up");
  g_assert_cmpstr (added->publisher, ==, "Wire");
  g_assert_cmpstr (added->url, ==, "https://example.com/pair");

  /* Another with a blank text, said under the text, then given up with Escape there. */
  g_assert_true (focus_window (window));
  g_assert_true (send_keys (window, "key", "shift+ctrl+a"));
  dialog = article_dialog_focused (window);
  g_assert_true (send_keys (dialog, "type", "Given up"));
  g_assert_true (send_keys (dialog, "key", "Tab"));
  g_assert_true (send_keys (dialog, "type", "Wire"));
  add = find_with (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "label", "_Add");
  g_assert_true (wait_for (is_sensitive, add));
  /* Into the text by its mnemonic (how many Tabs away it is depends on the GTK version), and a
   * blank typed. */
  g_assert_true (send_keys (dialog, "key", "alt+t"));
  g_assert_true (send_keys (dialog, "key", "space"));
  {
    gpointer blank[2] = { dialog, "must not be empty" };
    g_assert_true (wait_for (label_shown, blank));
  }
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (send_keys (dialog, "key", "Escape"));
  g_assert_true (wait_for (article_dialog_gone, window));
  g_assert_true (has_articles (more));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The menu of the entity at scene node pair[1] in window pair[0] is open and points at it, on
 * the part of the map that the panel leaves visible. */
static gboolean
menu_by_entity (gpointer data)
{
  gpointer *pair = data;
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (pair[0]));
  GtkWidget *menu = find_widget (GTK_WIDGET (diagram), GTK_TYPE_POPOVER_MENU, NULL);
  KrRect box = kr_scene_node_bounds (
      kr_scene_get_node (kr_window_get_scene (pair[0]), GPOINTER_TO_UINT (pair[1])));
  graphene_rect_t map = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (diagram)),
                                            gtk_widget_get_height (GTK_WIDGET (diagram)));
  graphene_rect_t entity, at, panel;
  graphene_point_t middle;
  GdkRectangle to;
  double x0, y0, x1, y1;

  if (menu == NULL || !gtk_widget_get_mapped (menu)
      || !gtk_popover_get_pointing_to (GTK_POPOVER (menu), &to))
    return FALSE;
  kr_diagram_view_to_widget (diagram, box.x, box.y, &x0, &y0);
  kr_diagram_view_to_widget (diagram, box.x + box.width, box.y + box.height, &x1, &y1);
  entity = GRAPHENE_RECT_INIT (x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2);
  at = GRAPHENE_RECT_INIT (to.x, to.y, to.width, to.height);
  graphene_rect_get_center (&at, &middle);
  if (!graphene_rect_contains_point (&entity, &middle) || !graphene_rect_contains_rect (&map, &at))
    return FALSE;
  /* The panel beside the map, or hidden, leaves all of it. */
  return !gtk_widget_get_mapped (kr_window_get_panel (pair[0]))
         || !gtk_widget_compute_bounds (kr_window_get_panel (pair[0]), GTK_WIDGET (diagram), &panel)
         || !graphene_rect_intersection (&panel, &at, NULL);
}

static gboolean
menu_gone (gpointer diagram)
{
  return !popover_shown (diagram);
}

/* In a narrow window, an entity's menu opened where the panel then slides in points at the
 * entity on the part of the map left visible, the map moving it there: by a right click (the
 * panel comes with the selection), and by the Menu key with the entity under the panel. Wide,
 * the menu is by the entity too. */
static void
test_menu_by_entity (void)
{
  KrWindow *window = new_window ();
  KrDiagramView *diagram = KR_DIAGRAM_VIEW (kr_window_get_diagram (window));
  KrScene *scene;
  gpointer pair[2] = { window, NULL };
  double best = -1, x, y;
  guint node = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 640);
  gtk_window_present (GTK_WINDOW (window));
  kr_window_open_builtin (window);
  g_assert_true (wait_for (has_scene, window));
  resize (window, 600, 640);
  g_assert_true (panel_is_hidden (window));
  kr_diagram_view_fit (diagram);
  run_for (500);

  /* The entity farthest right: where the panel comes. */
  scene = kr_window_get_scene (window);
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *n = kr_scene_get_node (scene, i);

      kr_diagram_view_to_widget (diagram, n->x, n->y, &x, &y);
      if (n->type == KR_SCENE_NODE_ENTITY && kr_scene_is_node_shown (scene, i) && x > best
          && x < gtk_widget_get_width (GTK_WIDGET (diagram)) - 20)
        {
          best = x;
          node = i;
        }
    }
  pair[1] = GUINT_TO_POINTER (node);
  kr_diagram_view_to_widget (diagram, kr_scene_get_node (scene, node)->x,
                             kr_scene_get_node (scene, node)->y, &x, &y);
  if (!pointer_at (window, GTK_WIDGET (diagram), x, y, (const char *const[]){ "click", "3", NULL }))
    {
      g_test_skip ("xdotool or X11 missing");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_assert_true (wait_for (popover_shown, diagram));
  g_assert_true (wait_for (panel_is_over_map, window));
  g_assert_true (wait_for (menu_by_entity, pair));
  g_assert_true (send_keys (window, "key", "Escape"));
  g_assert_true (wait_for (menu_gone, diagram));

#if !ADW_CHECK_VERSION(1, 4, 0)
  /* Under the panel, still selected: the Menu key. (From libadwaita 1.4 the map takes no keys
   * while the panel lies over it, as in any GNOME application's split view.) */
  kr_diagram_view_look_at (diagram, kr_scene_get_node (scene, node)->x,
                           kr_scene_get_node (scene, node)->y, 1.0);
  g_assert_true (panel_is_over_map (window));
  g_assert_false (menu_by_entity (pair));
  gtk_widget_grab_focus (GTK_WIDGET (diagram));
  g_assert_true (send_plain_key (window, GDK_KEY_Menu));
  g_assert_true (wait_for (popover_shown, diagram));
  g_assert_true (wait_for (menu_by_entity, pair));
  g_assert_true (send_keys (window, "key", "Escape"));
  g_assert_true (wait_for (menu_gone, diagram));
#endif

  /* Wide, the panel beside the map; at the size a first window takes here, which the next
   * window is given. */
  resize (window, 1024, 640);
  g_assert_true (wait_for (panel_is_beside_map, window));
  gtk_widget_grab_focus (GTK_WIDGET (diagram));
  g_assert_true (send_plain_key (window, GDK_KEY_Menu));
  g_assert_true (wait_for (menu_by_entity, pair));
  g_assert_true (send_keys (window, "key", "Escape"));
  g_assert_true (wait_for (menu_gone, diagram));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_dataset (gpointer window)
{
  return kr_window_get_dataset (window) != NULL;
}

static gboolean
is_null (gpointer pointer)
{
  return *(gpointer *)pointer == NULL;
}

/* Whether no process this one started is still running, ended ones not yet reaped aside
 * (Linux: read from /proc; elsewhere always TRUE). */
static gboolean
no_child_left (gpointer unused)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int parent;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "PID (COMMAND) STATE PPID …", where COMMAND may hold anything */
      after_name = strrchr (stat, ')');
      if (after_name != NULL && sscanf (after_name, ") %c %d", &state, &parent) == 2
          && parent == (int)getpid () && state != 'Z')
        return FALSE;
    }
  return TRUE;
}

/* Closing the window at any moment of opening a map large enough for a draft (reading it, the
 * draft, the layout in the helper) ends what was under way: the window goes away, and nothing
 * that comes back afterwards touches it (a sanitized build says so). Closing it once the map is
 * in full is what every other test does. */
static void
test_close_mid_open (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  enum
  {
    AT_ONCE,
    READ,
    DRAFT,
    LAYING_OUT,
    N_MOMENTS
  };

  kr_bench_write_dataset (path, 5200, 7); /* over the draft's 5 000 entities */
  for (guint moment = AT_ONCE; moment < N_MOMENTS; moment++)
    {
      KrWindow *window = kr_window_new (NULL, NULL);
      gpointer gone = window;

      g_object_add_weak_pointer (G_OBJECT (window), &gone);
      gtk_window_present (GTK_WINDOW (window));
      kr_window_open_file (window, file);
      if (moment >= READ)
        g_assert_true (wait_for (has_dataset, window));
      if (moment >= DRAFT)
        g_assert_true (wait_for (has_scene, window));
      if (moment == LAYING_OUT)
        run_for (300);
      gtk_window_destroy (GTK_WINDOW (window));
      /* Whatever was under way lets the window go, the layout helper ends, and what is left
       * ends harmlessly. */
      g_assert_true (wait_for (is_null, &gone));
      g_assert_true (wait_for (no_child_left, NULL));
      run_for (500);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  /* Views of the built-in dataset are saved in the user's data directory: a fresh one. */
  g_autofree char *data_home = g_dir_make_tmp ("kr-test-data-home-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_log_set_writer_func (write_log, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Lay out in helper processes, as the application does. */
  if (g_getenv ("KEIRETSU") != NULL)
    {
      const char *worker[] = { g_getenv ("KEIRETSU"), KR_LAYOUT_WORKER_OPTION, NULL };
      kr_layout_set_worker (worker);
    }
  g_test_add_func ("/window/builtin-map", test_window);
  g_test_add_func ("/window/still-map", test_still_map);
  g_test_add_func ("/window/filter-popover", test_filter_popover);
  g_test_add_func ("/window/path-to-itself", test_path_to_itself);
  g_test_add_func ("/window/timeline-before-dataset", test_timeline_before_dataset);
  g_test_add_func ("/window/large-dataset-engine", test_large_dataset_engine);
  g_test_add_func ("/window/panel-pages", test_panel_pages);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/first-size", test_first_size);
  g_test_add_func ("/window/first-view", test_first_view);
  g_test_add_func ("/window/focus-chip", test_focus_chip);
  g_test_add_func ("/window/back-in-views", test_back_in_views);
  g_test_add_func ("/window/toasts-in-a-row", test_toasts_in_a_row);
  g_test_add_func ("/window/wheel-zoom", test_wheel_zoom);
  g_test_add_func ("/window/article-in-view", test_article_in_view);
  g_test_add_func ("/window/legible-map", test_legible_map);
  g_test_add_func ("/window/hover-card", test_hover_card);
  g_test_add_func ("/window/link-labels", test_link_labels);
  g_test_add_func ("/window/reopen-from-cache", test_reopen_from_cache);
  g_test_add_func ("/window/saved-views", test_saved_views);
  g_test_add_func ("/window/unreadable-views", test_unreadable_views);
  g_test_add_func ("/window/drag-entity", test_drag_entity);
  g_test_add_func ("/window/drag-marked", test_drag_marked);
  g_test_add_func ("/window/stop-layout", test_stop_layout);
  g_test_add_func ("/window/csv-columns", test_csv_columns);
  g_test_add_func ("/window/csv-pair", test_csv_pair);

  g_test_add_func ("/window/graph-export", test_graph_export);
  g_test_add_func ("/window/edit-entity", test_edit_entity);
  g_test_add_func ("/window/add-delete-entity", test_add_delete_entity);
  g_test_add_func ("/window/merge-entities", test_merge_entities);
  g_test_add_func ("/window/deal-parties", test_deal_parties);
  g_test_add_func ("/window/capture", test_capture);
  g_test_add_func ("/window/article-fields", test_article_fields);
  g_test_add_func ("/window/capture-new-deal", test_capture_new_deal);
  g_test_add_func ("/window/draw-deal", test_draw_deal);
  g_test_add_func ("/window/menu-by-entity", test_menu_by_entity);
  g_test_add_func ("/window/form-large-map", test_form_large_map);
  g_test_add_func ("/window/close-mid-open", test_close_mid_open);
  g_test_add_func ("/window/edit-large-map", test_edit_large_map);
  status = g_test_run ();
  {
    g_autofree char *folder = g_build_filename (data_home, "keiretsu", NULL);
    g_rmdir (folder);
    g_rmdir (data_home);
  }
  return status;
}
