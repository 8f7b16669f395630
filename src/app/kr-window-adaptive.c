/* kr-window-adaptive.c — the window's size and the divider between the map and the panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include "kr-window-private.h"

/* A first window takes this share of its monitor, up to a size beyond which the map gains
 * little and the window stops feeling like one. */
#define FIRST_SHARE 0.8
#define FIRST_MAX_WIDTH 1800
#define FIRST_MAX_HEIGHT 1200

/* ---- the divider ------------------------------------------------------------------------ */

/* The panel starts at its narrowest comfortable width, whatever the window's size; after
 * that, the person's choice stands (the panel keeps its width when the window resizes). */
static void
place_divider (KrWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int panel = gtk_widget_get_width (GTK_WIDGET (self->panel));

  if (width <= 0)
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
  /* GtkBuilder resets these when it adds the children: the map takes every change of width,
   * and neither side may be squeezed below its size. */
  gtk_paned_set_resize_start_child (self->paned, TRUE);
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_resize_end_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  g_signal_connect_swapped (self->paned, "notify::max-position", G_CALLBACK (place_divider), self);

  g_signal_connect_swapped (self, "realize", G_CALLBACK (size_for_monitor), self);
}
