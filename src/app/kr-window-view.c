/* kr-window-view.c — what the map shows: filters, focus, paths, the timeline, and the
 * layouts they ask for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

/* Filters are remembered per dataset, by its address. */
static char *
dataset_key (KrWindow *self)
{
  return self->file != NULL ? g_file_get_uri (self->file) : g_strdup ("builtin:");
}

static void
save_filters (KrWindow *self)
{
  g_autoptr (GVariant) saved = NULL;
  g_autofree char *key = NULL;
  g_autofree char *terms = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *k, *v;

  if (self->settings == NULL || self->dataset == NULL)
    return;
  saved = g_settings_get_value (self->settings, "dataset-filters");
  key = dataset_key (self);
  terms = kr_filter_terms_to_string (&self->filter);
  {
    /* Focus, paths and the timeline are not remembered: most changes leave this as it was. */
    const char *before = NULL;
    if (!g_variant_lookup (saved, key, "&s", &before))
      before = "";
    if (g_str_equal (before, terms))
      return;
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
    if (!g_str_equal (k, key))
      g_variant_builder_add (&builder, "{ss}", k, v);
  if (terms[0] != '\0')
    g_variant_builder_add (&builder, "{ss}", key, terms);
  g_settings_set_value (self->settings, "dataset-filters", g_variant_builder_end (&builder));
}

/* The filters chosen the last time this dataset was open, or FALSE. */
static gboolean
saved_filters (KrWindow *self, KrFilter *filter)
{
  g_autoptr (GVariant) saved = NULL;
  g_autofree char *key = dataset_key (self);
  g_autofree char *terms = NULL;
  g_auto (GStrv) list = NULL;

  if (self->settings == NULL)
    return FALSE;
  saved = g_settings_get_value (self->settings, "dataset-filters");
  if (!g_variant_lookup (saved, key, "s", &terms))
    return FALSE;
  list = g_strsplit (terms, ";", -1);
  for (guint i = 0; list[i] != NULL; i++)
    if (!kr_filter_parse_term (filter, list[i], NULL))
      return FALSE;
  return TRUE;
}

/* Shows @candidate's view of the dataset, unless it cannot be shown: then says why and keeps
 * the view there is. Takes the candidate's contents. */
static gboolean
set_filter (KrWindow *self, KrFilter *candidate)
{
  g_autoptr (GError) error = NULL;
  g_autofree gboolean *entities = NULL;
  g_autofree gboolean *deals = NULL;
  gboolean any = FALSE;

  if (self->dataset == NULL)
    {
      kr_filter_clear (candidate);
      return FALSE;
    }
  entities = g_new0 (gboolean, MAX (kr_dataset_get_n_entities (self->dataset), 1));
  deals = g_new0 (gboolean, MAX (kr_dataset_get_n_deals (self->dataset), 1));
  if (!kr_filter_apply (candidate, self->dataset, entities, deals, &error))
    _kr_window_toast (self, error->message);
  else
    {
      for (guint e = 0; e < kr_dataset_get_n_entities (self->dataset) && !any; e++)
        any = entities[e];
      if (!any)
        _kr_window_toast (self, _ ("Nothing on the map fits that: the view is unchanged"));
    }
  if (error != NULL || !any)
    {
      kr_filter_clear (candidate);
      kr_filter_popover_sync (self->filter_popover, &self->filter);
      return FALSE;
    }
  kr_filter_clear (&self->filter);
  self->filter = *candidate;
  kr_filter_init (candidate);
  g_free (self->shown_entities);
  g_free (self->shown_deals);
  self->shown_entities = NULL;
  self->shown_deals = NULL;
  if (!kr_filter_is_empty (&self->filter))
    {
      self->shown_entities = g_steal_pointer (&entities);
      self->shown_deals = g_steal_pointer (&deals);
    }
  kr_view_bar_show (self->view_bar, self->dataset, &self->filter);
  kr_filter_popover_sync (self->filter_popover, &self->filter);
  save_filters (self);
  self->refit = TRUE;
  _kr_window_relayout (self);
  return TRUE;
}

static void
copy_filter (KrWindow *self, KrFilter *candidate)
{
  kr_filter_copy (candidate, &self->filter);
}

static void
filter_popover_changed (KrWindow *self)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  copy_filter (self, &candidate);
  kr_filter_popover_apply (self->filter_popover, &candidate);
  set_filter (self, &candidate);
}

static void
focus_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  copy_filter (self, &candidate);
  g_free (candidate.focus);
  candidate.focus = g_variant_dup_string (parameter, NULL);
  candidate.depth = self->focus_depth;
  g_clear_pointer (&candidate.path_from, g_free);
  g_clear_pointer (&candidate.path_to, g_free);
  set_filter (self, &candidate);
}

/* "How is A connected to B?": the first entity comes from the panel, the next one selected
 * on the map is the other end. */
static void
path_from_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  int e = kr_dataset_find_entity (self->dataset, id);
  g_autofree char *message = NULL;

  if (e < 0)
    return;
  g_free (self->path_start);
  self->path_start = g_strdup (id);
  message = g_strdup_printf (_ ("Select the entity to connect %s to"),
                             kr_dataset_get_entity (self->dataset, (guint)e)->display_name);
  _kr_window_toast (self, message);
  kr_diagram_view_clear_selection (self->diagram);
}

void
_kr_window_finish_path (KrWindow *self, guint entity)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;
  const char *id = kr_dataset_get_entity (self->dataset, entity)->id;
  g_autofree char *start = g_steal_pointer (&self->path_start);

  if (g_str_equal (start, id))
    {
      kr_evidence_panel_show_entity (self->panel, self->dataset, entity);
      return;
    }
  /* The panel lists the chains rather than the entity clicked. */
  kr_diagram_view_clear_selection (self->diagram);
  copy_filter (self, &candidate);
  g_clear_pointer (&candidate.focus, g_free);
  g_free (candidate.path_from);
  g_free (candidate.path_to);
  candidate.path_from = g_strdup (start);
  candidate.path_to = g_strdup (id);
  if (set_filter (self, &candidate))
    {
      /* The chains, listed in the panel: the deals the current view shows, between the two. */
      int a = kr_dataset_find_entity (self->dataset, self->filter.path_from);
      g_autoptr (GPtrArray) chains
          = kr_dataset_shortest_paths (self->dataset, (guint)a, entity, self->shown_deals, 101);
      kr_evidence_panel_show_chains (self->panel, self->dataset, (guint)a, entity, chains);
    }
}

static void
clear_view_part_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *part = g_variant_get_string (parameter, NULL);
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  copy_filter (self, &candidate);
  if (g_str_equal (part, KR_VIEW_PART_DEAL_KINDS))
    candidate.deal_kinds = 0;
  else if (g_str_equal (part, KR_VIEW_PART_STATUSES))
    candidate.statuses = 0;
  else if (g_str_equal (part, KR_VIEW_PART_ENTITY_KINDS))
    candidate.entity_kinds = 0;
  else if (g_str_equal (part, KR_VIEW_PART_COUNTRIES))
    g_clear_pointer (&candidate.countries, g_strfreev);
  else if (g_str_equal (part, KR_VIEW_PART_ARTICLES))
    g_clear_pointer (&candidate.articles, g_strfreev);
  else if (g_str_equal (part, KR_VIEW_PART_DATES))
    {
      g_clear_pointer (&candidate.from, g_free);
      g_clear_pointer (&candidate.to, g_free);
    }
  else if (g_str_equal (part, KR_VIEW_PART_HIDE_ISOLATED))
    candidate.hide_isolated = FALSE;
  else if (g_str_equal (part, KR_VIEW_PART_FOCUS))
    g_clear_pointer (&candidate.focus, g_free);
  else if (g_str_equal (part, KR_VIEW_PART_PATH))
    {
      g_clear_pointer (&candidate.path_from, g_free);
      g_clear_pointer (&candidate.path_to, g_free);
    }
  else if (g_str_equal (part, KR_VIEW_PART_TIME))
    {
      g_object_set (self, "show-timeline", FALSE, NULL);
      return;
    }
  set_filter (self, &candidate);
}

static void
clear_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  g_object_set (self, "show-timeline", FALSE, NULL);
  set_filter (self, &candidate);
}

void
_kr_window_focus_depth_changed (KrWindow *self)
{
  if (self->filter.focus != NULL)
    {
      g_auto (KrFilter) candidate = KR_FILTER_INIT;
      copy_filter (self, &candidate);
      candidate.depth = self->focus_depth;
      set_filter (self, &candidate);
    }
}

/* ---- time ------------------------------------------------------------------------------ */

/* Gives the timeline the dates at which the view shows something: as of a date before the
 * first deal, or as reported before the first article, there is nothing to draw. */
static void
update_timeline_dates (KrWindow *self)
{
  gboolean reported = kr_timeline_bar_get_reported (self->timeline_bar);
  g_auto (GStrv) dates = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autofree gboolean *entities = NULL;
  g_autofree gboolean *deals = NULL;
  g_auto (KrFilter) probe = KR_FILTER_INIT;

  self->timeline_reported = reported;
  if (self->dataset == NULL)
    {
      kr_timeline_bar_set_dates (self->timeline_bar, NULL);
      return;
    }
  dates = kr_dataset_list_dates (self->dataset, 120);
  entities = g_new0 (gboolean, MAX (kr_dataset_get_n_entities (self->dataset), 1));
  deals = g_new0 (gboolean, MAX (kr_dataset_get_n_deals (self->dataset), 1));
  kr_filter_copy (&probe, &self->filter);
  g_clear_pointer (&probe.as_of, g_free);
  g_clear_pointer (&probe.as_reported, g_free);
  for (guint i = 0; dates[i] != NULL; i++)
    {
      gboolean any = FALSE;
      char **slot = reported ? &probe.as_reported : &probe.as_of;
      *slot = dates[i];
      if (kr_filter_apply (&probe, self->dataset, entities, deals, NULL))
        for (guint e = 0; e < kr_dataset_get_n_entities (self->dataset) && !any; e++)
          any = entities[e];
      *slot = NULL;
      if (any)
        g_ptr_array_add (shown, dates[i]);
    }
  g_ptr_array_add (shown, NULL);
  kr_timeline_bar_set_dates (self->timeline_bar, (const char *const *)shown->pdata);
}

static void
timeline_changed (KrWindow *self)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;
  const char *date;

  if (!self->show_timeline)
    return;
  if (kr_timeline_bar_get_reported (self->timeline_bar) != self->timeline_reported)
    {
      /* Another mode, other dates: stay near the date shown. */
      g_autofree char *was = g_strdup (kr_timeline_bar_get_date (self->timeline_bar));
      update_timeline_dates (self);
      if (was != NULL)
        kr_timeline_bar_set_date (self->timeline_bar, was);
    }
  date = kr_timeline_bar_get_date (self->timeline_bar);
  if (date == NULL)
    return;
  copy_filter (self, &candidate);
  g_clear_pointer (&candidate.as_of, g_free);
  g_clear_pointer (&candidate.as_reported, g_free);
  if (kr_timeline_bar_get_reported (self->timeline_bar))
    candidate.as_reported = g_strdup (date);
  else
    candidate.as_of = g_strdup (date);
  if (!set_filter (self, &candidate))
    kr_timeline_bar_stop (self->timeline_bar);
}

void
_kr_window_timeline_toggled (KrWindow *self)
{
  if (self->show_timeline)
    {
      update_timeline_dates (self);
      timeline_changed (self);
      return;
    }
  kr_timeline_bar_stop (self->timeline_bar);
  if (self->filter.as_of != NULL || self->filter.as_reported != NULL)
    {
      g_auto (KrFilter) candidate = KR_FILTER_INIT;
      copy_filter (self, &candidate);
      g_clear_pointer (&candidate.as_of, g_free);
      g_clear_pointer (&candidate.as_reported, g_free);
      set_filter (self, &candidate);
    }
}

/* ---- layout ---------------------------------------------------------------------------- */

static void
layout_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  kr_timeline_bar_set_busy (self->timeline_bar, FALSE);
  g_clear_object (&self->layout_cancellable);

  if (scene == NULL)
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
      return;
    }
  kr_diagram_view_set_scene (self->diagram, scene);
  if (self->refit)
    kr_diagram_view_fit (self->diagram);
  self->refit = FALSE;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    _kr_window_refresh_matches (self); /* perhaps in another dataset */
  gtk_stack_set_visible_child_name (self->stack, "diagram");
}

void
_kr_window_relayout (KrWindow *self)
{
  KrLayoutOptions options = {
    .engine = _kr_window_get_map_engine (self),
    .rankdir = self->rankdir,
  };
  if (self->dataset == NULL)
    return;
  if (kr_dataset_get_n_entities (self->dataset) == 0)
    {
      /* Nothing to lay out: say what to do instead of reporting a failure. */
      g_autofree char *name = self->file ? _kr_window_display_name (self->file) : g_strdup ("");
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
  /* A radial layout of a neighbourhood centres on the entity in focus. */
  options.root = self->filter.focus;
  if (!kr_filter_is_empty (&self->filter) && self->shown_entities == NULL)
    {
      /* A filter kept across a new version of the dataset: applied to it here. */
      g_autoptr (GError) error = NULL;
      self->shown_entities = g_new0 (gboolean, MAX (kr_dataset_get_n_entities (self->dataset), 1));
      self->shown_deals = g_new0 (gboolean, MAX (kr_dataset_get_n_deals (self->dataset), 1));
      if (!kr_filter_apply (&self->filter, self->dataset, self->shown_entities, self->shown_deals,
                            &error))
        {
          /* It no longer fits: show everything. */
          _kr_window_toast (self, error->message);
          kr_filter_clear (&self->filter);
          g_clear_pointer (&self->shown_entities, g_free);
          g_clear_pointer (&self->shown_deals, g_free);
          kr_view_bar_show (self->view_bar, self->dataset, &self->filter);
          kr_filter_popover_sync (self->filter_popover, &self->filter);
        }
    }
  options.visible_entities = self->shown_entities;
  options.n_entities = kr_dataset_get_n_entities (self->dataset);
  options.visible_deals = self->shown_deals;
  options.n_deals = kr_dataset_get_n_deals (self->dataset);
  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  self->layout_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  kr_timeline_bar_set_busy (self->timeline_bar, TRUE);
  if (kr_diagram_view_get_scene (self->diagram) == NULL)
    {
      /* Nothing drawn yet: say what is taking the time, and how to get something sooner. */
      guint n = kr_dataset_get_n_entities (self->dataset);
      g_autofree char *description = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Graphviz (%2$s) is placing %1$'u entity. Large maps can take minutes; a "
                       "filter or a focus shows part of the map sooner.",
                       "Graphviz (%2$s) is placing %1$'u entities. Large maps can take minutes; a "
                       "filter or a focus shows part of the map sooner.",
                       n),
          n, kr_engine_get_name (options.engine));
      adw_status_page_set_title (self->loading_page, _ ("Laying Out the Map…"));
      adw_status_page_set_description (self->loading_page, description);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  kr_layout_run_async (self->dataset, &options, self->layout_cancellable, layout_done,
                       g_object_ref (self));
}
void
_kr_window_view_set_dataset (KrWindow *self, KrDataset *dataset, gboolean reload)
{
  g_clear_pointer (&self->shown_entities, g_free);
  g_clear_pointer (&self->shown_deals, g_free);
  g_clear_pointer (&self->path_start, g_free);
  if (!reload)
    {
      /* A view names ids of one dataset; a new version of the same file keeps it, as far as
       * its ids still exist. Another dataset starts with the filters chosen for it last
       * time, if they still fit it. */
      g_auto (KrFilter) saved = KR_FILTER_INIT;
      g_autofree gboolean *entities
          = g_new0 (gboolean, MAX (kr_dataset_get_n_entities (dataset), 1));
      g_autofree gboolean *deals = g_new0 (gboolean, MAX (kr_dataset_get_n_deals (dataset), 1));

      kr_filter_clear (&self->filter);
      if (saved_filters (self, &saved) && !kr_filter_is_empty (&saved)
          && kr_filter_apply (&saved, dataset, entities, deals, NULL))
        {
          self->filter = saved;
          kr_filter_init (&saved);
        }
    }
  kr_view_bar_show (self->view_bar, dataset, &self->filter);
  kr_filter_popover_set_dataset (self->filter_popover, dataset, &self->filter);
  if (self->show_timeline)
    {
      update_timeline_dates (self);
      timeline_changed (self);
    }
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
}
