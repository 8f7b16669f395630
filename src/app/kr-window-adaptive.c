/* kr-window-adaptive.c — the window's size and the divider between the map and the panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include "kr-window-private.h"

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
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
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
}
