/* kr-window-progress.c — what the window says while a dataset opens and its map is laid out:
 * what takes the time, for how long, and a way to stop it
 *
 * Nothing here moves by itself. A spinner has the window draw a frame sixty times a second for
 * as long as Graphviz works; without a graphics card each frame is drawn by the processor, and
 * on a two-core machine that took more processor time than the layout it was waiting for. The
 * loading page counts the time taken once a second instead, and the header bar shows a still
 * sign while a map is being laid out behind the one shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-format.h"
#include "kr-window-private.h"

/* Short waits go without a count: most datasets open in less. */
#define FIRST_COUNT_SECONDS 2

static gboolean
showing_progress (KrWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}

static gboolean
count_time (gpointer data)
{
  KrWindow *self = data;
  guint seconds;
  g_autofree char *taken = NULL;
  g_autofree char *text = NULL;

  if (!showing_progress (self))
    {
      self->progress_id = 0;
      return G_SOURCE_REMOVE;
    }
  seconds = (guint)((g_get_monotonic_time () - self->progress_since) / G_USEC_PER_SEC);
  if (seconds < FIRST_COUNT_SECONDS)
    return G_SOURCE_CONTINUE;
  taken = kr_format_duration (seconds);
  /* Translators: %s is a time taken, e.g. 12 s or 2 min 05 s */
  text = g_strdup_printf (_ ("Working for %s"), taken);
  gtk_label_set_text (self->progress_time, text);
  return G_SOURCE_CONTINUE;
}

void
_kr_window_show_progress (KrWindow *self, const char *title, const char *description)
{
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  if (showing_progress (self) && self->progress_id != 0)
    return; /* one wait, said in other words: the time taken goes on */
  self->progress_since = g_get_monotonic_time ();
  gtk_label_set_text (self->progress_time, "");
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add_seconds (1, count_time, self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
_kr_window_set_layout_busy (KrWindow *self, gboolean busy)
{
  /* Hidden by opacity, so that the header bar's buttons keep their places. */
  gtk_widget_set_opacity (self->busy_sign, busy ? 1 : 0);
}

/* Instead of a map: what was stopped, and the ways on. */
static void
show_stopped (KrWindow *self, const char *title, const char *description, gboolean layout)
{
  /* A status page's description is markup; the names in it are not. */
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_icon_name (self->error_page, "media-playback-stop-symbolic");
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "error");
  /* After the page is shown: showing the loading page hides the button again. */
  gtk_widget_set_visible (self->layout_again_button, layout);
}

void
_kr_window_show_not_opened (KrWindow *self, GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (kr_view_get_dataset (self->view) != NULL || self->load_cancellable != NULL)
    return;
  name = file != NULL ? _kr_window_display_name (file) : g_strdup ("");
  description = g_strdup_printf (_ ("“%s” was not opened."), name);
  show_stopped (self, _ ("Opening Stopped"), description, FALSE);
}

static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrDataset *dataset = kr_view_get_dataset (self->view);

  if (self->load_cancellable != NULL)
    {
      g_autoptr (GFile) file = g_steal_pointer (&self->pending_file);

      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      /* A dataset shown stays, with its map or its layout under way. */
      _kr_window_show_not_opened (self, file);
      return;
    }
  if (dataset != NULL && kr_map_is_busy (self->map)
      && kr_diagram_view_get_scene (self->diagram) == NULL)
    {
      guint n = kr_dataset_get_n_entities (dataset);
      g_autofree char *description = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Graphviz (%2$s) was stopped before it placed the %1$'u entity. Lay the "
                       "map out again, choose another layout engine, or open another dataset.",
                       "Graphviz (%2$s) was stopped before it placed the %1$'u entities. Lay the "
                       "map out again, choose another layout engine, or open another dataset.",
                       n),
          n, kr_engine_get_name (_kr_window_get_map_engine (self)));

      kr_map_stop (self->map);
      show_stopped (self, _ ("Layout Stopped"), description, TRUE);
    }
}

static void
layout_again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _kr_window_show_map (KR_WINDOW (widget));
}

static void
page_changed (KrWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-loading", showing_progress (self));
  if (showing_progress (self))
    gtk_widget_set_visible (self->layout_again_button, FALSE);
}

void
_kr_window_class_init_progress (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KrWindow, busy_sign);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, progress_time);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, layout_again_button);
  gtk_widget_class_install_action (widget_class, "win.stop-loading", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.layout-again", NULL, layout_again_action);
}

void
_kr_window_init_progress (KrWindow *self)
{
  g_signal_connect_swapped (self->stack, "notify::visible-child-name", G_CALLBACK (page_changed),
                            self);
  page_changed (self);
}

void
_kr_window_dispose_progress (KrWindow *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
}
