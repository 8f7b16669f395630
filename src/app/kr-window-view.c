/* kr-window-view.c — what the map shows: the window's side of its view (KrView), the
 * timeline, and where the map puts what it shows (KrMap)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

/* Says why a view could not be shown; the view on screen stays. */
static void
refused (KrWindow *self, const GError *error)
{
  _kr_window_toast (self, error->message);
  /* The popover may show choices that were not taken. */
  kr_filter_popover_sync (self->filter_popover, kr_view_get_filter (self->view));
}

static void
filter_popover_changed (KrWindow *self)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;
  g_autoptr (GError) error = NULL;

  kr_filter_copy (&candidate, kr_view_get_filter (self->view));
  kr_filter_popover_apply (self->filter_popover, &candidate);
  if (!kr_view_set_filter (self->view, &candidate, &error))
    refused (self, error);
}

static void
focus_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!kr_view_focus (self->view, g_variant_get_string (parameter, NULL), &error))
    refused (self, error);
}

/* The prompt is the overlay's: the window only points at it while it is up. */
static void
forget_path_toast (KrWindow *self)
{
  if (self->path_toast == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->path_toast, self);
  g_object_remove_weak_pointer (G_OBJECT (self->path_toast), (gpointer *)&self->path_toast);
  self->path_toast = NULL;
}

/* Closed by the user: no path is being chosen any more. */
static void
path_toast_closed (KrWindow *self)
{
  forget_path_toast (self);
  kr_view_start_path (self->view, NULL);
}

/* The path asked for is shown, or no longer being chosen: the prompt for its other end goes. */
static void
dismiss_path_toast (KrWindow *self)
{
  AdwToast *toast = self->path_toast;

  if (toast == NULL)
    return;
  forget_path_toast (self);
  _kr_window_dismiss_toast (self, toast);
}

/* "How is A connected to B?": the first entity comes from the panel, the next one selected
 * on the map is the other end. */
static void
path_from_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrDataset *dataset = kr_view_get_dataset (self->view);
  const char *id = g_variant_get_string (parameter, NULL);
  int e = dataset != NULL ? kr_dataset_find_entity (dataset, id) : -1;
  g_autofree char *message = NULL;

  if (e < 0)
    return;
  kr_view_start_path (self->view, id);
  message = g_strdup_printf (_ ("Select the entity to connect %s to"),
                             kr_dataset_get_entity (dataset, (guint)e)->display_name);
  dismiss_path_toast (self);
  self->path_toast = _kr_window_prompt (self, message);
  g_object_add_weak_pointer (G_OBJECT (self->path_toast), (gpointer *)&self->path_toast);
  g_signal_connect_swapped (self->path_toast, "dismissed", G_CALLBACK (path_toast_closed), self);
  /* The other end is chosen on the map; the page holding the focus goes. */
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
  kr_diagram_view_clear_selection (self->diagram);
}

void
_kr_window_finish_path (KrWindow *self, guint entity)
{
  KrDataset *dataset = kr_view_get_dataset (self->view);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) chains = NULL;
  const KrFilter *shown;

  dismiss_path_toast (self);
  if (!kr_view_finish_path (self->view, kr_dataset_get_entity (dataset, entity)->id, &error))
    {
      if (error != NULL)
        refused (self, error);
      else
        /* Back where it started: that entity, and no path. */
        kr_evidence_panel_show_entity (self->panel, dataset, entity);
      return;
    }
  /* The panel lists the chains rather than the entity clicked. */
  kr_diagram_view_clear_selection (self->diagram);
  shown = kr_view_get_filter (self->view);
  chains = kr_view_list_chains (self->view, 101);
  kr_evidence_panel_show_chains (self->panel, dataset,
                                 (guint)kr_dataset_find_entity (dataset, shown->path_from), entity,
                                 chains);
}

static void
clear_view_part_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  int part = kr_filter_part_from_token (g_variant_get_string (parameter, NULL));
  g_autoptr (GError) error = NULL;

  if (part < 0)
    return;
  if (part == KR_FILTER_PART_TIME)
    {
      /* The date is the timeline's: it goes with it. */
      g_object_set (self, "show-timeline", FALSE, NULL);
      return;
    }
  if (!kr_view_clear_part (self->view, (KrFilterPart)part, &error))
    refused (self, error);
}

static void
clear_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  g_object_set (self, "show-timeline", FALSE, NULL);
  kr_view_clear (self->view);
}

void
_kr_window_focus_depth_changed (KrWindow *self, guint depth)
{
  g_autoptr (GError) error = NULL;

  if (!kr_view_set_focus_depth (self->view, depth, &error))
    refused (self, error);
}

void
_kr_window_set_focus_radial (KrWindow *self, gboolean radial)
{
  g_autoptr (GError) error = NULL;

  if (!kr_view_set_focus_radial (self->view, radial, &error))
    refused (self, error);
}

/* ---- time ------------------------------------------------------------------------------ */

/* Shows the date the timeline is at. */
static void
show_date (KrWindow *self)
{
  const char *date = kr_timeline_bar_get_date (self->timeline_bar);
  g_autoptr (GError) error = NULL;

  if (date == NULL)
    return;
  if (!kr_view_set_time (self->view, date, kr_timeline_bar_get_reported (self->timeline_bar),
                         &error))
    {
      kr_timeline_bar_stop (self->timeline_bar);
      refused (self, error);
    }
}

static void
dates_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) dates = kr_view_list_dates_finish (KR_VIEW (source), result, &error);
  g_autofree char *was = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->dates_cancellable);
  if (dates == NULL)
    {
      _kr_window_toast (self, error->message);
      return;
    }
  /* Another mode, other dates: stay near the date shown, or at the one a saved view showed. */
  {
    const KrFilter *filter = kr_view_get_filter (self->view);
    const char *shown = filter->as_of != NULL ? filter->as_of : filter->as_reported;
    was = g_strdup (shown != NULL ? shown : kr_timeline_bar_get_date (self->timeline_bar));
  }
  kr_timeline_bar_set_dates (self->timeline_bar, (const char *const *)dates);
  if (was != NULL)
    kr_timeline_bar_set_date (self->timeline_bar, was);
  show_date (self);
}

/* Finds, in the background, the dates at which the view shows something in the timeline's
 * mode, then shows the date the timeline is at. */
static void
update_timeline_dates (KrWindow *self)
{
  g_cancellable_cancel (self->dates_cancellable);
  g_clear_object (&self->dates_cancellable);
  if (kr_view_get_dataset (self->view) == NULL)
    return;
  self->timeline_reported = kr_timeline_bar_get_reported (self->timeline_bar);
  self->dates_cancellable = g_cancellable_new ();
  kr_view_list_dates_async (self->view, self->timeline_reported, self->dates_cancellable,
                            dates_listed, g_object_ref (self));
}

static void
timeline_changed (KrWindow *self)
{
  if (!self->show_timeline)
    return;
  if (kr_timeline_bar_get_reported (self->timeline_bar) != self->timeline_reported)
    update_timeline_dates (self);
  else
    show_date (self);
}

void
_kr_window_timeline_toggled (KrWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->show_timeline)
    {
      update_timeline_dates (self);
      return;
    }
  g_cancellable_cancel (self->dates_cancellable);
  g_clear_object (&self->dates_cancellable);
  kr_timeline_bar_stop (self->timeline_bar);
  if (kr_filter_has_part (kr_view_get_filter (self->view), KR_FILTER_PART_TIME)
      && !kr_view_clear_part (self->view, KR_FILTER_PART_TIME, &error))
    refused (self, error);
}

/* ---- where the map puts things -------------------------------------------------------- */

static void
map_busy (KrWindow *self)
{
  gboolean busy = kr_map_is_busy (self->map);

  _kr_window_set_layout_busy (self, busy);
  kr_timeline_bar_set_busy (self->timeline_bar, busy);
}

static void
map_scene_changed (KrWindow *self)
{
  kr_diagram_view_set_scene (self->diagram, kr_map_get_scene (self->map));
  if (gtk_search_bar_get_search_mode (self->search_bar))
    _kr_window_refresh_matches (self); /* perhaps in another dataset */
  gtk_stack_set_visible_child_name (self->stack, "diagram");
  /* A map shown without the progress page (a layout kept from before, or a draft and then the
   * map in full) says why it is laid out with sfdp once it is in full: a toast slides in and
   * out, and without a graphics card every frame of that is drawn by the processor that sfdp
   * needs while it works behind a draft. */
  if (!kr_map_is_busy (self->map) && _kr_window_take_sfdp_note (self))
    {
      g_autofree char *note = g_strdup_printf (
          /* Translators: %'u is a number with the locale's thousands separators */
          _ ("This dataset has %'u entities, so it is laid out with sfdp, which handles large "
             "maps quickly. Choose another engine from the layout menu."),
          kr_dataset_get_n_entities (kr_view_get_dataset (self->view)));

      _kr_window_toast (self, note);
    }
}

/* Graphviz failed: said where the map was, or instead of it when there is none yet. */
static void
map_failed (KrWindow *self, const GError *error)
{
  if (kr_diagram_view_get_scene (self->diagram) == NULL)
    {
      adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->error_page, _ ("Could Not Draw the Diagram"));
      adw_status_page_set_description (self->error_page, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->error_details), TRUE);
      gtk_label_set_text (self->error_details, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    _kr_window_toast (self, error->message);
}

/* Lays out again what the view shows, from where it is: never unasked. */
static void
tidy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  kr_map_tidy (self->map);
}

/* Tidying is for a view that hides part of the map. */
static void
update_tidy (KrWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tidy",
                                 kr_view_get_dataset (self->view) != NULL
                                     && !kr_filter_is_empty (kr_view_get_filter (self->view)));
}

void
_kr_window_show_map (KrWindow *self)
{
  KrDataset *dataset = kr_view_get_dataset (self->view);
  const KrFilter *filter = kr_view_get_filter (self->view);
  KrMapView view = {
    .engine = _kr_window_get_map_engine (self),
    .rankdir = self->rankdir,
    .link_labels = self->show_link_labels,
    .shown_entities = kr_view_get_shown_entities (self->view),
    .shown_deals = kr_view_get_shown_deals (self->view),
    /* Radial is the focus view's own choice; it leaves the map's engine alone. */
    .radial = filter->radial ? filter->focus : NULL,
    .pins = _kr_window_get_pins (self),
  };

  if (dataset == NULL)
    return;
  _kr_window_update_pin_marks (self);
  if (kr_dataset_get_n_entities (dataset) == 0)
    {
      /* Nothing to lay out: say what to do instead of reporting a failure. */
      g_autofree char *name = self->file ? _kr_window_display_name (self->file)
                                         : g_strdup (kr_dataset_get_title (dataset));
      /* A status page's description is markup; a file name is not. */
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *description = g_strdup_printf (
          _ ("“%s” has no entities yet. Add entities and deals to it (the map appears when "
             "the file is saved) or open another dataset."),
          escaped);
      adw_status_page_set_icon_name (self->error_page, "x-office-document-symbolic");
      adw_status_page_set_title (self->error_page, _ ("This Dataset Is Empty"));
      adw_status_page_set_description (self->error_page, description);
      gtk_widget_set_visible (GTK_WIDGET (self->error_details), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "error");
      kr_diagram_view_set_scene (self->diagram, NULL);
      return;
    }
  if (kr_map_show (self->map, &view) || kr_diagram_view_get_scene (self->diagram) != NULL)
    return;
  {
    /* Nothing drawn yet: say what is taking the time, and how to get something sooner; and why
     * a large map is laid out with sfdp, here rather than in a toast (map_scene_changed ()). */
    guint n = kr_dataset_get_n_entities (dataset);
    g_autofree char *description = NULL;

    if (_kr_window_take_sfdp_note (self))
      description = g_strdup_printf (
          /* Translators: %'u is a number with the locale's thousands separators */
          g_dngettext (GETTEXT_PACKAGE,
                       "Graphviz (sfdp) is placing %'u entity. A map this large is laid out with "
                       "sfdp, which handles large maps quickly; choose another engine from the "
                       "layout menu. A filter or a focus shows part of the map sooner.",
                       "Graphviz (sfdp) is placing %'u entities. A map this large is laid out with "
                       "sfdp, which handles large maps quickly; choose another engine from the "
                       "layout menu. A filter or a focus shows part of the map sooner.",
                       n),
          n);
    else
      description = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Graphviz (%2$s) is placing %1$'u entity. Large maps can take minutes; a "
                       "filter or a focus shows part of the map sooner.",
                       "Graphviz (%2$s) is placing %1$'u entities. Large maps can take minutes; a "
                       "filter or a focus shows part of the map sooner.",
                       n),
          n, kr_engine_get_name (view.engine));
    _kr_window_show_progress (self, _ ("Laying Out the Map…"), description);
  }
}
/* ---- the view ----------------------------------------------------------------------------- */

static void
view_changed (KrWindow *self, KrViewChange what)
{
  KrDataset *dataset = kr_view_get_dataset (self->view);
  const KrFilter *filter = kr_view_get_filter (self->view);

  if (what & KR_VIEW_CHANGED_DATASET)
    {
      /* A path being chosen ends with the dataset it was begun in. */
      dismiss_path_toast (self);
      kr_filter_popover_set_dataset (self->filter_popover, dataset, filter);
      if (self->show_timeline)
        update_timeline_dates (self);
    }
  if (what & KR_VIEW_CHANGED_FILTER)
    {
      kr_view_bar_show (self->view_bar, dataset, filter);
      kr_filter_popover_sync (self->filter_popover, filter);
      /* Radial goes with the focus: the chip's button follows. */
      g_object_notify (G_OBJECT (self), "focus-radial");
      update_tidy (self);
      /* A new dataset is shown once the window knows which engine suits it. */
      if (!(what & KR_VIEW_CHANGED_DATASET))
        _kr_window_show_map (self);
    }
  if (what & KR_VIEW_CHANGED_HIGHLIGHTS)
    {
      guint n_entities, n_deals;
      const guint *entities = kr_view_get_highlighted_entities (self->view, &n_entities);
      const guint *deals = kr_view_get_highlighted_deals (self->view, &n_deals);
      kr_diagram_view_set_highlighted (self->diagram, entities, n_entities, deals, n_deals);
    }
  if (what & KR_VIEW_CHANGED_HISTORY)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                     kr_view_can_go (self->view, -1));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward",
                                     kr_view_can_go (self->view, 1));
    }
}

void
_kr_window_init_view (KrWindow *self)
{
  self->view = kr_view_new (self->settings);
  g_signal_connect_swapped (self->view, "changed", G_CALLBACK (view_changed), self);
  view_changed (self, KR_VIEW_CHANGED_HISTORY);
  self->map = kr_map_new ();
  g_signal_connect_swapped (self->map, "notify::scene", G_CALLBACK (map_scene_changed), self);
  g_signal_connect_swapped (self->map, "notify::busy", G_CALLBACK (map_busy), self);
  g_signal_connect_swapped (self->map, "failed", G_CALLBACK (map_failed), self);
  update_tidy (self);
}

void
_kr_window_dispose_view (KrWindow *self)
{
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->map, self);
      /* A layout under way holds the map until it ends: with the window gone, nobody waits for
       * it, and on a large map the helper would go on for minutes. */
      kr_map_stop (self->map);
    }
  g_clear_object (&self->map);
  g_cancellable_cancel (self->dates_cancellable);
  g_clear_object (&self->dates_cancellable);
  forget_path_toast (self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, view_changed, self);
  g_clear_object (&self->view);
}

void
_kr_window_class_init_view (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_changed);
  gtk_widget_class_bind_template_callback (widget_class, timeline_changed);
  gtk_widget_class_install_action (widget_class, "win.focus", "s", focus_action);
  gtk_widget_class_install_action (widget_class, "win.path-from", "s", path_from_action);
  gtk_widget_class_install_action (widget_class, "win.clear-view-part", "s",
                                   clear_view_part_action);
  gtk_widget_class_install_action (widget_class, "win.clear-view", NULL, clear_view_action);
  gtk_widget_class_install_action (widget_class, "win.tidy", NULL, tidy_action);
}
