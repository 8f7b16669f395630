/* kr-window-adaptive.c — the window's size, the divider, and the layout of a narrow window
 *
 * A window wide enough shows the map and the evidence panel side by side, split by a divider
 * that the person moves. A narrow one gives the map the whole width: the panel slides over the
 * map when something is selected or the panel is asked for, and goes away with Escape or a click
 * on the map. Narrower still, the header bar keeps the buttons used most, and the others move
 * into the main menu. With libadwaita 1.4 or later breakpoints switch the layouts and
 * AdwOverlaySplitView slides the panel in; before that (Debian 12 has 1.2) the window's content
 * checks its own width and AdwFlap slides the panel in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

/* Narrower than this, the panel goes over the map: beside it, the map would be left less than
 * 600 pixels, where the names of a map of some fifty entities, seen whole, are too small to read
 * (the built-in map's at 800 pixels were 5 pixels high). */
#define NARROW_BELOW 960

/* Narrower than this, the header bar has room only for the buttons used most. */
#define COMPACT_BELOW 640

/* A first window takes this share of its monitor, up to a size beyond which the map gains
 * little and the window stops feeling like one. */
#define FIRST_SHARE 0.8
#define FIRST_MAX_WIDTH 1800
#define FIRST_MAX_HEIGHT 1200

/* The search entry's width in characters when compact: with its buttons and its count, the
 * search bar then fits the narrowest window. */
#define SEARCH_CHARS_NARROW 12

/* ---- the sheet the panel slides in on --------------------------------------------------- */

static void set_narrow (KrWindow *self, gboolean narrow);
static void set_compact (KrWindow *self, gboolean compact);

#if ADW_CHECK_VERSION(1, 4, 0)

/* Always collapsed: it only ever holds the panel over the map. Its sidebar takes the panel's
 * minimum width (more with large text: libadwaita's default maximum is in text units). */
static GtkWidget *
sheet_new (GtkWidget *map)
{
  AdwOverlaySplitView *sheet = ADW_OVERLAY_SPLIT_VIEW (adw_overlay_split_view_new ());

  adw_overlay_split_view_set_collapsed (sheet, TRUE);
  adw_overlay_split_view_set_show_sidebar (sheet, FALSE);
  adw_overlay_split_view_set_sidebar_position (sheet, GTK_PACK_END);
  adw_overlay_split_view_set_content (sheet, map);
  return GTK_WIDGET (sheet);
}

static void
sheet_set_panel (KrWindow *self, GtkWidget *panel)
{
  AdwOverlaySplitView *sheet = ADW_OVERLAY_SPLIT_VIEW (self->sheet);

  adw_overlay_split_view_set_sidebar (sheet, panel);
  /* Swiping from the edge shows the panel only where there is one to show. */
  adw_overlay_split_view_set_enable_show_gesture (sheet, panel != NULL);
}

static void
sheet_set_shown (KrWindow *self, gboolean shown)
{
  adw_overlay_split_view_set_show_sidebar (ADW_OVERLAY_SPLIT_VIEW (self->sheet), shown);
}

static gboolean
sheet_get_shown (KrWindow *self)
{
  return adw_overlay_split_view_get_show_sidebar (ADW_OVERLAY_SPLIT_VIEW (self->sheet));
}

#define SHEET_SHOWN_PROPERTY "notify::show-sidebar"

/* Of two breakpoints that both hold, the window applies the last added: the compact one. It
 * says which once it has switched, so that the panel does not pass through the wide layout on
 * its way from one narrow layout to the other. */
static void
breakpoint_changed (KrWindow *self)
{
  AdwBreakpoint *current
      = adw_application_window_get_current_breakpoint (ADW_APPLICATION_WINDOW (self));

  set_narrow (self, current != NULL);
  set_compact (self, current != NULL && current == self->compact_breakpoint);
}

static AdwBreakpoint *
add_breakpoint (KrWindow *self, int below)
{
  AdwBreakpoint *breakpoint = adw_breakpoint_new (adw_breakpoint_condition_new_length (
      ADW_BREAKPOINT_CONDITION_MAX_WIDTH, below - 1, ADW_LENGTH_UNIT_PX));

  adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), breakpoint);
  return breakpoint;
}

static void
watch_width (KrWindow *self)
{
  add_breakpoint (self, NARROW_BELOW);
  self->compact_breakpoint = add_breakpoint (self, COMPACT_BELOW);
  g_signal_connect (self, "notify::current-breakpoint", G_CALLBACK (breakpoint_changed), NULL);
}

#else

/* Always folded: it only ever holds the panel over the map, as wide as the panel asks. */
static GtkWidget *
sheet_new (GtkWidget *map)
{
  AdwFlap *sheet = ADW_FLAP (adw_flap_new ());

  adw_flap_set_fold_policy (sheet, ADW_FLAP_FOLD_POLICY_ALWAYS);
  adw_flap_set_locked (sheet, TRUE);
  adw_flap_set_reveal_flap (sheet, FALSE);
  adw_flap_set_flap_position (sheet, GTK_PACK_END);
  adw_flap_set_content (sheet, map);
  return GTK_WIDGET (sheet);
}

static void
sheet_set_panel (KrWindow *self, GtkWidget *panel)
{
  AdwFlap *sheet = ADW_FLAP (self->sheet);

  adw_flap_set_flap (sheet, panel);
  /* Swiping from the edge shows the panel only where there is one to show. */
  adw_flap_set_swipe_to_open (sheet, panel != NULL);
}

static void
sheet_set_shown (KrWindow *self, gboolean shown)
{
  adw_flap_set_reveal_flap (ADW_FLAP (self->sheet), shown);
}

static gboolean
sheet_get_shown (KrWindow *self)
{
  return adw_flap_get_reveal_flap (ADW_FLAP (self->sheet));
}

#define SHEET_SHOWN_PROPERTY "notify::reveal-flap"

/* The window's content as measured, except that its narrowest is the window's own minimum:
 * a window narrower than the wide layout switches to the narrow one instead of being held at
 * the wide one's width. */
static void
content_measure (GtkWidget *bin, GtkOrientation orientation, int for_size, int *minimum,
                 int *natural, int *minimum_baseline, int *natural_baseline)
{
  gtk_widget_measure (adw_bin_get_child (ADW_BIN (bin)), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 0;
}

static void
content_allocate (GtkWidget *bin, int width, int height, int baseline)
{
  KrWindow *self = KR_WINDOW (gtk_widget_get_root (bin));
  GtkWidget *child = adw_bin_get_child (ADW_BIN (bin));
  int minimum;

  /* The layout is chosen before the content is measured, so that it is measured as shown. */
  set_narrow (self, width < NARROW_BELOW);
  set_compact (self, width < COMPACT_BELOW);
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  gtk_widget_allocate (child, MAX (width, minimum), height, baseline, NULL);
}

static void
watch_width (KrWindow *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
  GtkWidget *bin = adw_bin_new ();

  gtk_widget_set_layout_manager (bin,
                                 gtk_custom_layout_new (NULL, content_measure, content_allocate));
  g_object_ref (content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), bin);
  adw_bin_set_child (ADW_BIN (bin), content);
  g_object_unref (content);
}

#endif

/* The sheet was opened or closed: by a swipe, Escape or a click on the map. */
static void
sheet_shown_changed (KrWindow *self)
{
  if (self->narrow && sheet_get_shown (self) != self->show_sidebar)
    g_object_set (self, "show-sidebar", sheet_get_shown (self), NULL);
}

/* ---- the two layouts -------------------------------------------------------------------- */

/* Over the map, the panel is there for the selection: clearing it (Escape on the map) puts the
 * panel away. Pages that are no selection, such as the sources, stay. */
static void
selection_changed (KrWindow *self)
{
  if (self->narrow && self->show_sidebar
      && kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_EMPTY)
    g_object_set (self, "show-sidebar", FALSE, NULL);
}

void
_kr_window_place_panel (KrWindow *self)
{
  if (self->narrow)
    sheet_set_shown (self, self->show_sidebar);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->panel), self->show_sidebar);
}

static void
set_narrow (KrWindow *self, gboolean narrow)
{
  GtkWidget *panel = GTK_WIDGET (self->panel);
  gboolean show;

  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  g_debug ("%s layout", narrow ? "narrow" : "wide");

  g_object_ref (panel);
  if (narrow)
    {
      /* The map keeps the whole width until something is selected or the panel is asked for. */
      self->wide_sidebar = self->show_sidebar;
      show = FALSE;
      gtk_paned_set_end_child (self->paned, NULL);
      sheet_set_panel (self, panel);
      gtk_widget_set_visible (panel, TRUE);
      /* Over the map, the panel needs a background of its own: the window's, from the theme. */
      gtk_widget_add_css_class (panel, "background");
    }
  else
    {
      /* A panel opened over the map stays open beside it. */
      show = self->wide_sidebar || self->show_sidebar;
      sheet_set_shown (self, FALSE);
      sheet_set_panel (self, NULL);
      gtk_widget_remove_css_class (panel, "background");
      gtk_paned_set_end_child (self->paned, panel);
    }
  g_object_unref (panel);

  if (show != self->show_sidebar)
    g_object_set (self, "show-sidebar", show, NULL);
  else
    _kr_window_place_panel (self);
}

static void
set_compact (KrWindow *self, gboolean compact)
{
  /* What a compact header bar has no room for: these buttons' menus are in the main menu, and
   * the title would be cut to its first letter. */
  GtkWidget *wide_only[] = { self->open_button, GTK_WIDGET (self->engine_button),
                             self->export_button, GTK_WIDGET (self->window_title) };

  if (compact == self->compact)
    return;
  self->compact = compact;
  g_debug ("%s header bar", compact ? "compact" : "full");

  for (guint i = 0; i < G_N_ELEMENTS (wide_only); i++)
    gtk_widget_set_visible (wide_only[i], !compact);
  gtk_menu_button_set_menu_model (self->menu_button,
                                  compact ? G_MENU_MODEL (self->narrow_menu) : self->primary_menu);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry),
                                compact ? SEARCH_CHARS_NARROW : self->search_chars);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->error_buttons),
                                  compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

/* The main menu of a compact window starts with the menus of the buttons it has no room for. */
static void
build_narrow_menu (KrWindow *self)
{
  g_autoptr (GMenu) moved = g_menu_new ();

  g_menu_append_submenu (moved, _ ("_Layout"), self->engine_menu);
  g_menu_append_submenu (moved, _ ("_Export"), self->export_menu);
  self->narrow_menu = g_menu_new ();
  g_menu_append_section (self->narrow_menu, NULL, G_MENU_MODEL (moved));
  for (int i = 0; i < g_menu_model_get_n_items (self->primary_menu); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new_from_model (self->primary_menu, i);
      g_menu_append_item (self->narrow_menu, item);
    }
}

/* ---- the divider ------------------------------------------------------------------------ */

/* The panel starts at its narrowest comfortable width, whatever the window's size; after
 * that, the person's choice stands (the panel keeps its width when the window resizes). */
static void
place_divider (KrWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int panel = gtk_widget_get_width (GTK_WIDGET (self->panel));

  /* A narrow window has the panel over the map, not beside it. */
  if (width <= 0 || self->narrow)
    return;
  if (self->divider_placed)
    {
      /* The window became narrower than the divider's place: keep the panel in view. */
      int max = 0;
      g_object_get (self->paned, "max-position", &max, NULL);
      g_debug ("paned %d wide, divider at %d, at most %d", width,
               gtk_paned_get_position (self->paned), max);
      if (gtk_paned_get_position (self->paned) > max)
        gtk_paned_set_position (self->paned, max);
      return;
    }
  self->divider_placed = TRUE;
  gtk_widget_get_size_request (GTK_WIDGET (self->panel), &panel, NULL);
  if (self->settings != NULL)
    panel = MAX (panel, g_settings_get_int (self->settings, "sidebar-width"));
  gtk_paned_set_position (self->paned, MAX (width / 2, width - panel - 20));
}

/* ---- the window's size ------------------------------------------------------------------ */

void
_kr_window_restore_size (KrWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  /* 0 is a size never left: the monitor decides it once the window is realized. */
  gtk_window_set_default_size (GTK_WINDOW (self), width > 0 ? width : -1, height > 0 ? height : -1);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
_kr_window_save_size (KrWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  /* Over the map, the panel has the width of a narrow window, not the one chosen beside it. */
  if (!self->narrow)
    g_settings_set_int (self->settings, "sidebar-width",
                        gtk_widget_get_width (GTK_WIDGET (self->panel)));
  g_settings_apply (self->settings);
}

/* A window whose size was never chosen, by the person or the program, takes a share of the
 * monitor it opens on (the first one while it is on none). Its surface exists by now, and it
 * is not on screen yet. */
static void
size_for_monitor (KrWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor
      = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (self)));
  g_autoptr (GdkMonitor) first = NULL;
  GdkRectangle area;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    return;
  if (monitor == NULL)
    monitor = first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  if (width <= 0)
    width = MIN ((int)(area.width * FIRST_SHARE), FIRST_MAX_WIDTH);
  if (height <= 0)
    height = MIN ((int)(area.height * FIRST_SHARE), FIRST_MAX_HEIGHT);
  g_debug ("monitor %d×%d: window %d×%d", area.width, area.height, width, height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

/* ---- setting up ------------------------------------------------------------------------- */

void
_kr_window_init_adaptive (KrWindow *self)
{
  GtkWidget *map = gtk_paned_get_start_child (self->paned);

  self->search_chars = gtk_editable_get_width_chars (GTK_EDITABLE (self->search_entry));
  build_narrow_menu (self);

  /* The sheet holds the map, so that the panel slides over the map and nothing else. */
  g_object_ref (map);
  gtk_paned_set_start_child (self->paned, NULL);
  self->sheet = sheet_new (map);
  g_object_unref (map);
  gtk_paned_set_start_child (self->paned, self->sheet);
  g_signal_connect_swapped (self->sheet, SHEET_SHOWN_PROPERTY, G_CALLBACK (sheet_shown_changed),
                            self);

  /* GtkBuilder resets these when it adds the children: the map takes every change of width,
   * and neither side may be squeezed below its size. */
  gtk_paned_set_resize_start_child (self->paned, TRUE);
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_resize_end_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  g_signal_connect_swapped (self->paned, "notify::max-position", G_CALLBACK (place_divider), self);

  /* After the panel has followed the selection. */
  g_signal_connect_data (self->diagram, "selection-changed", G_CALLBACK (selection_changed), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  watch_width (self);
  g_signal_connect_swapped (self, "realize", G_CALLBACK (size_for_monitor), self);
}

void
_kr_window_dispose_adaptive (KrWindow *self)
{
  g_clear_object (&self->narrow_menu);
}
