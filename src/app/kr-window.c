/* kr-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-builtin.h"
#include "kr-dataset-queries.h"
#include "kr-diagram-view.h"
#include "kr-evidence-panel.h"
#include "kr-export.h"
#include "kr-filter-popover.h"
#include "kr-layout.h"
#include "kr-preferences.h"
#include "kr-search.h"
#include "kr-timeline-bar.h"
#include "kr-view-bar.h"
#include "kr-window.h"

#define MAX_PROBLEM_LINES 12
#define LARGE_DATASET 800 /* entities */

struct _KrWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkMenuButton *engine_button;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwStatusPage *error_page;
  AdwStatusPage *loading_page;
  GtkLabel *error_details;
  GtkPaned *paned;
  KrDiagramView *diagram;
  KrEvidencePanel *panel;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkWidget *search_previous_button;
  GtkWidget *search_next_button;
  GtkLabel *search_status;
  KrFilterPopover *filter_popover;
  KrViewBar *view_bar;
  KrTimelineBar *timeline_bar;
  GMenu *recent_menu;

  KrDataset *dataset;
  GFile *file;         /* NULL for the built-in dataset */
  GFile *pending_file; /* being loaded */
  char *engine;
  KrRankdir rankdir;
  GSettings *settings; /* NULL when the schema is not installed */
  gboolean told_large;
  gboolean show_sidebar;
  gboolean show_legend;

  GCancellable *load_cancellable;
  GCancellable *layout_cancellable;

  GArray *matches; /* KrSearchMatch, of the text in the search entry */
  int match;       /* the one shown, or -1 */

  KrFilter filter;          /* what the map shows of the dataset */
  gboolean *shown_entities; /* the filter applied to the dataset, one flag per entity and */
  gboolean *shown_deals;    /* per deal; NULL until computed, or when the filter is empty */
  guint focus_depth;
  char *path_start; /* an entity id while choosing the other end of a path */
  gboolean refit;   /* fit the next layout to the window: the view changed */
  gboolean divider_placed;
  gboolean show_timeline;
  gboolean timeline_reported; /* the mode the timeline's dates were chosen for */

  GFileMonitor *monitor; /* the open file, reloaded when it changes */
  guint reload_id;

  GPtrArray *history; /* selections, "e:ID" or "d:ID", oldest first */
  guint history_at;   /* the current one */
  gboolean navigating;
};

G_DEFINE_FINAL_TYPE (KrWindow, kr_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_ENGINE,
  PROP_RANK_DIRECTION,
  PROP_SHOW_SIDEBAR,
  PROP_SHOW_LEGEND,
  PROP_FOCUS_DEPTH,
  PROP_SHOW_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_engine (KrWindow *self, const char *engine);
static void relayout (KrWindow *self);
static void finish_path (KrWindow *self, guint entity);
static void update_recent_menu (KrWindow *self);

/* ---- messages -------------------------------------------------------------------------- */

static void
toast (KrWindow *self, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, 6);
  /* The newest news first: it answers what the user just did. */
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* A file's name as people read it: valid UTF-8 whatever the file system holds. */
static char *
display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);
  uri = g_file_get_uri (file);
  return g_path_get_basename (uri);
}

static void
show_problems_dialog (KrWindow *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);

  /* The body is plain text: it quotes the file, which may contain anything. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_details_clicked (AdwToast *t, KrWindow *self)
{
  show_problems_dialog (self, g_object_get_data (G_OBJECT (t), "kr-heading"),
                        g_object_get_data (G_OBJECT (t), "kr-body"));
}

static void
toast_with_details (KrWindow *self, const char *heading, const char *body)
{
  g_autofree char *escaped = g_markup_escape_text (heading, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, 10);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (t, _ ("Details"));
  g_object_set_data_full (G_OBJECT (t), "kr-heading", g_strdup (heading), g_free);
  g_object_set_data_full (G_OBJECT (t), "kr-body", g_strdup (body), g_free);
  g_signal_connect (t, "button-clicked", G_CALLBACK (toast_details_clicked), self);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- selection ------------------------------------------------------------------------- */

static void
update_history_actions (KrWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->history_at > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward",
                                 self->history_at + 1 < self->history->len);
}

/* Remembers a selection for Back and Forward, dropping what was ahead of the current one. */
static void
remember_selection (KrWindow *self, gboolean is_deal, const char *id)
{
  g_autofree char *key = g_strdup_printf ("%c:%s", is_deal ? 'd' : 'e', id);

  if (self->navigating)
    return;
  if (self->history->len > 0
      && g_str_equal (g_ptr_array_index (self->history, self->history_at), key))
    return;
  if (self->history->len > 0)
    g_ptr_array_set_size (self->history, self->history_at + 1);
  g_ptr_array_add (self->history, g_steal_pointer (&key));
  if (self->history->len > 100)
    g_ptr_array_remove_index (self->history, 0);
  self->history_at = self->history->len - 1;
  update_history_actions (self);
}

static void
history_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  int step = g_str_equal (action_name, "win.back") ? -1 : 1;
  const char *key;

  if (self->dataset == NULL || (step < 0 && self->history_at == 0)
      || (step > 0 && self->history_at + 1 >= self->history->len))
    return;
  self->history_at += step;
  key = g_ptr_array_index (self->history, self->history_at);
  self->navigating = TRUE;
  if (key[0] == 'e')
    kr_diagram_view_select_entity (self->diagram, kr_dataset_find_entity (self->dataset, key + 2),
                                   TRUE);
  else
    kr_diagram_view_select_deal (self->diagram, kr_dataset_find_deal (self->dataset, key + 2),
                                 TRUE);
  self->navigating = FALSE;
  update_history_actions (self);
}

/* The mouse's back and forward buttons. */
static void
extra_button_pressed (GtkGestureClick *gesture, int n_press, double x, double y, KrWindow *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
  else if (button == 9)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.forward", NULL);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
selection_changed (KrWindow *self)
{
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  KrHit hit = kr_diagram_view_get_selection (self->diagram);

  if (scene == NULL || hit.type == KR_HIT_NONE)
    {
      /* Sources and chains are not selections: they stay until something is selected. */
      KrPanelPage page = kr_evidence_panel_get_page (self->panel);
      if (page == KR_PANEL_PAGE_CHAINS || page == KR_PANEL_PAGE_SOURCES
          || page == KR_PANEL_PAGE_ARTICLE)
        return;
      kr_evidence_panel_clear (self->panel);
      /* An article's highlights go with its page; search keeps its own. */
      if (!gtk_search_bar_get_search_mode (self->search_bar))
        kr_diagram_view_set_highlighted (self->diagram, NULL, 0, NULL, 0);
      return;
    }
  if (hit.type == KR_HIT_NODE)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, hit.index);
      if (node->type == KR_SCENE_NODE_ENTITY && self->path_start != NULL)
        {
          finish_path (self, node->index);
          return;
        }
      else if (node->type == KR_SCENE_NODE_ENTITY)
        kr_evidence_panel_show_entity (self->panel, kr_scene_get_dataset (scene), node->index);
      else
        kr_evidence_panel_show_deal (self->panel, kr_scene_get_dataset (scene), node->index);
    }
  else
    kr_evidence_panel_show_deal (self->panel, kr_scene_get_dataset (scene),
                                 kr_scene_get_edge (scene, hit.index)->deal);
  if (kr_evidence_panel_get_shown_id (self->panel) != NULL)
    remember_selection (self,
                        hit.type == KR_HIT_EDGE
                            || kr_scene_get_node (scene, hit.index)->type == KR_SCENE_NODE_DEAL,
                        kr_evidence_panel_get_shown_id (self->panel));
  if (!self->show_sidebar)
    {
      self->show_sidebar = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->panel), TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
    }
}

static void
selection_activated (KrWindow *self)
{
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  kr_evidence_panel_focus (self->panel);
}

static void
panel_entity_activated (KrWindow *self, int entity)
{
  kr_diagram_view_select_entity (self->diagram, entity, TRUE);
}

static void
panel_deal_activated (KrWindow *self, int deal)
{
  kr_diagram_view_select_deal (self->diagram, deal, TRUE);
}

/* ---- search ---------------------------------------------------------------------------- */

/* Finds the search text in the dataset and highlights what matches. */
static void
refresh_matches (KrWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *status = NULL;
  guint n;

  g_clear_pointer (&self->matches, g_array_unref);
  self->match = -1;
  if (self->dataset != NULL)
    self->matches = kr_dataset_search (self->dataset, text);
  n = self->matches ? self->matches->len : 0;
  for (guint i = 0; i < n; i++)
    g_array_append_val (entities, g_array_index (self->matches, KrSearchMatch, i).entity);
  kr_diagram_view_set_highlighted (self->diagram, (const guint *)entities->data, entities->len,
                                   NULL, 0);

  if (text[0] == '\0')
    status = g_strdup ("");
  else if (n == 0)
    status = g_strdup (_ ("No matches"));
  else
    status = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->search_status, status);
  gtk_widget_set_sensitive (self->search_previous_button, n > 1);
  gtk_widget_set_sensitive (self->search_next_button, n > 0);
}

static void
search_changed (KrWindow *self)
{
  /* What matches stands out on the map as you type. */
  kr_diagram_view_clear_selection (self->diagram);
  refresh_matches (self);
}

/* Selects and reveals the next (or previous) match. */
static void
go_to_match (KrWindow *self, int step)
{
  const KrSearchMatch *m;
  const KrEntity *entity;
  g_autofree char *status = NULL;
  int n = self->matches ? (int)self->matches->len : 0;

  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->search_entry));
      return;
    }
  self->match = self->match < 0 ? (step > 0 ? 0 : n - 1) : (self->match + step + n) % n;
  m = &g_array_index (self->matches, KrSearchMatch, self->match);
  entity = kr_dataset_get_entity (self->dataset, m->entity);
  kr_diagram_view_select_entity (self->diagram, (int)m->entity, TRUE);
  if (m->matched != entity->display_name)
    /* Translators: the 2nd of 5 matches, found by one of its other names */
    status = g_strdup_printf (_ ("%d of %d · %s, as “%s”"), self->match + 1, n,
                              entity->display_name, m->matched);
  else
    /* Translators: the 2nd of 5 matches */
    status = g_strdup_printf (_ ("%d of %d · %s"), self->match + 1, n, entity->display_name);
  gtk_label_set_text (self->search_status, status);
}

static void
search_next (KrWindow *self)
{
  go_to_match (self, 1);
}

static void
search_previous (KrWindow *self)
{
  go_to_match (self, -1);
}

static void
search_stop (KrWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_changed (KrWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      /* The last search, selected: typing replaces it. */
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
      search_changed (self);
      return;
    }
  /* Closing the search keeps what was found selected, and drops the other highlights. */
  g_clear_pointer (&self->matches, g_array_unref);
  kr_diagram_view_set_highlighted (self->diagram, NULL, 0, NULL, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* ---- sources ------------------------------------------------------------------------------ */

#if GTK_CHECK_VERSION(4, 10, 0)
static void
uri_launched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("Could not open the article: %s"), error->message);
      toast (self, message);
    }
}
#endif

/* Opens an article in the browser: only web addresses, and only when asked. */
static void
open_url_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *url = g_variant_get_string (parameter, NULL);
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    {
      toast (self, _ ("Only web addresses (http and https) are opened"));
      return;
    }
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (url);
    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, uri_launched, g_object_ref (self));
  }
#else
  gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
#endif
}

static void
show_sources_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  if (self->dataset == NULL)
    return;
  kr_diagram_view_clear_selection (self->diagram);
  kr_diagram_view_set_highlighted (self->diagram, NULL, 0, NULL, 0);
  kr_evidence_panel_show_articles (self->panel, self->dataset);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
}

/* An article's page, and on the map everything it evidences. */
static void
show_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  int article = self->dataset ? kr_dataset_find_article (self->dataset,
                                                         g_variant_get_string (parameter, NULL))
                              : -1;
  g_autoptr (GArray) entities = NULL;
  g_autoptr (GArray) deals = NULL;

  if (article < 0)
    return;
  kr_dataset_list_evidenced_by (self->dataset, (guint)article, &entities, &deals);
  kr_diagram_view_clear_selection (self->diagram);
  kr_diagram_view_set_highlighted (self->diagram, (const guint *)entities->data, entities->len,
                                   (const guint *)deals->data, deals->len);
  kr_evidence_panel_show_article (self->panel, self->dataset, (guint)article);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kr_preferences_present (KR_WINDOW (widget));
}

static void
copy_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  toast (self, _ ("Citation copied"));
}

/* ---- what the map shows ---------------------------------------------------------------- */

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
    toast (self, error->message);
  else
    {
      for (guint e = 0; e < kr_dataset_get_n_entities (self->dataset) && !any; e++)
        any = entities[e];
      if (!any)
        toast (self, _ ("Nothing on the map fits that: the view is unchanged"));
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
  relayout (self);
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
  toast (self, message);
  kr_diagram_view_clear_selection (self->diagram);
}

/* Called when the selection changes while a path is being chosen. */
static void
finish_path (KrWindow *self, guint entity)
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

static void
set_focus_depth (KrWindow *self, guint depth)
{
  depth = CLAMP (depth, 1, KR_FILTER_MAX_DEPTH);
  if (depth == self->focus_depth)
    return;
  self->focus_depth = depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_DEPTH]);
  if (self->filter.focus != NULL)
    {
      g_auto (KrFilter) candidate = KR_FILTER_INIT;
      copy_filter (self, &candidate);
      candidate.depth = depth;
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

static void
set_show_timeline (KrWindow *self, gboolean show)
{
  if (show == self->show_timeline)
    return;
  self->show_timeline = show;
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_bar), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TIMELINE]);
  if (show)
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
        toast (self, error->message);
      return;
    }
  kr_diagram_view_set_scene (self->diagram, scene);
  if (self->refit)
    kr_diagram_view_fit (self->diagram);
  self->refit = FALSE;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    refresh_matches (self); /* perhaps in another dataset */
  gtk_stack_set_visible_child_name (self->stack, "diagram");
}

static void
relayout (KrWindow *self)
{
  KrLayoutOptions options = { self->engine, self->rankdir, NULL, NULL, NULL };
  if (self->dataset == NULL)
    return;
  if (kr_dataset_get_n_entities (self->dataset) == 0)
    {
      /* Nothing to lay out: say what to do instead of reporting a failure. */
      g_autofree char *name = self->file ? display_basename (self->file) : g_strdup ("");
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
          toast (self, error->message);
          kr_filter_clear (&self->filter);
          g_clear_pointer (&self->shown_entities, g_free);
          g_clear_pointer (&self->shown_deals, g_free);
          kr_view_bar_show (self->view_bar, self->dataset, &self->filter);
          kr_filter_popover_sync (self->filter_popover, &self->filter);
        }
    }
  options.visible_entities = self->shown_entities;
  options.visible_deals = self->shown_deals;
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
          n, self->engine);
      adw_status_page_set_title (self->loading_page, _ ("Laying Out the Map…"));
      adw_status_page_set_description (self->loading_page, description);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  kr_layout_run_async (self->dataset, &options, self->layout_cancellable, layout_done,
                       g_object_ref (self));
}

static void file_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                          KrWindow *self);

static void
watch_file (KrWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, file_changed, self);
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (file == NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    g_debug ("not watching the dataset for changes: %s", error->message);
  else
    g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed), self);
}

static void
set_dataset (KrWindow *self, KrDataset *dataset, GFile *file)
{
  g_autofree char *subtitle = NULL;
  gboolean reload = file != NULL && self->file != NULL && g_file_equal (file, self->file);

  g_set_object (&self->dataset, dataset);
  g_clear_pointer (&self->shown_entities, g_free);
  g_clear_pointer (&self->shown_deals, g_free);
  if (!reload)
    {
      g_set_object (&self->file, file);
      watch_file (self, file);
      /* A view names ids of one dataset; a new version of the same file keeps it, as far as
       * its ids still exist. */
      kr_filter_clear (&self->filter);
      if (self->settings != NULL)
        {
          g_autofree char *last = file ? g_file_get_uri (file) : g_strdup ("");
          g_settings_set_string (self->settings, "last-dataset", last);
        }
      g_ptr_array_set_size (self->history, 0);
      self->history_at = 0;
      update_history_actions (self);
      if (file != NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);
          gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
          update_recent_menu (self);
        }
    }
  g_clear_pointer (&self->path_start, g_free);
  if (reload)
    {
      g_autofree char *name = display_basename (file);
      g_autofree char *message
          = g_strdup_printf (_ ("“%s” changed on disk and was reloaded"), name);
      toast (self, message);
    }
  kr_view_bar_show (self->view_bar, dataset, &self->filter);
  kr_filter_popover_set_dataset (self->filter_popover, dataset, &self->filter);
  if (self->show_timeline)
    {
      update_timeline_dates (self);
      timeline_changed (self);
    }
  if (file != NULL)
    subtitle = display_basename (file);
  else
    subtitle = g_strdup (_ ("Built-in dataset"));
  adw_window_title_set_title (self->window_title, kr_dataset_get_title (dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), kr_dataset_get_title (dataset));

  /* The filters chosen last time, if they still fit the dataset. */
  if (!reload)
    {
      g_auto (KrFilter) saved = KR_FILTER_INIT;
      g_autofree gboolean *entities
          = g_new0 (gboolean, MAX (kr_dataset_get_n_entities (dataset), 1));
      g_autofree gboolean *deals = g_new0 (gboolean, MAX (kr_dataset_get_n_deals (dataset), 1));
      if (saved_filters (self, &saved) && !kr_filter_is_empty (&saved)
          && kr_filter_apply (&saved, dataset, entities, deals, NULL))
        {
          kr_filter_clear (&self->filter);
          self->filter = saved;
          kr_filter_init (&saved);
          kr_view_bar_show (self->view_bar, dataset, &self->filter);
          kr_filter_popover_sync (self->filter_popover, &self->filter);
        }
    }

  /* dot's hierarchical layout grows steeply with size: big maps start with sfdp. */
  if (kr_dataset_get_n_entities (dataset) > LARGE_DATASET && g_strcmp0 (self->engine, "dot") == 0)
    {
      g_autofree char *message = g_strdup_printf (
          /* Translators: %'u is a number with the locale's thousands separators */
          _ ("This dataset has %'u entities, so it is laid out with sfdp, which handles large "
             "maps quickly. Choose another engine from the layout menu."),
          kr_dataset_get_n_entities (dataset));
      toast (self, message);
      set_engine (self, "sfdp"); /* lays it out */
      return;
    }
  relayout (self);
}

/* ---- loading --------------------------------------------------------------------------- */

#define MAX_RECENT 8

static int
compare_recent (gconstpointer a, gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo *const *)a, *y = *(GtkRecentInfo *const *)b;
  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

/* The datasets opened lately, newest first, from the desktop's recent files. */
static void
update_recent_menu (KrWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr (GPtrArray) mine = g_ptr_array_new ();

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      if (gtk_recent_info_has_application (info, g_get_application_name ())
          && g_str_has_suffix (gtk_recent_info_get_uri (info), ".json")
          && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (mine, info);
    }
  g_ptr_array_sort (mine, compare_recent);
  for (guint i = 0; i < MIN (mine->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = mine->pdata[i];
      /* Menu labels take "_" as a mnemonic: double it to show a name as it is. */
      g_auto (GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  if (mine->len == 0)
    {
      g_autoptr (GMenuItem) none = g_menu_item_new (_ ("No Recent Datasets"), "win.no-recent");
      g_menu_append_item (self->recent_menu, none);
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

static void
open_recent_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  kr_window_open_file (KR_WINDOW (widget), file);
}

static gboolean
reload_now (gpointer data)
{
  KrWindow *self = data;

  self->reload_id = 0;
  if (self->file != NULL)
    kr_window_open_file (self, self->file);
  return G_SOURCE_REMOVE;
}

/* Editors write a file in several steps: reload once they have been quiet for a moment. */
static void
file_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
              KrWindow *self)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT
      && event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_MOVED_IN
      && event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (400, reload_now, self);
}

static gboolean
file_dropped (GtkDropTarget *target, const GValue *value, double x, double y, KrWindow *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  kr_window_open_file (self, file);
  return TRUE;
}

static void
show_load_error (KrWindow *self, GFile *file, GPtrArray *problems, const GError *error)
{
  g_autofree char *name = file ? display_basename (file) : g_strdup (_ ("built-in dataset"));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *details = NULL;
  g_autofree char *heading = NULL;

  if (problems != NULL && problems->len > 0)
    details = kr_problems_to_string (problems, path ? path : name, MAX_PROBLEM_LINES);
  else
    details = g_strdup (error->message);

  if (self->dataset == NULL)
    {
      g_autofree char *title = g_strdup_printf (_ ("Could Not Open “%s”"), name);
      adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->error_page, title);
      gtk_widget_set_visible (GTK_WIDGET (self->error_details), TRUE);
      adw_status_page_set_description (
          self->error_page,
          problems && problems->len ? _ (
              "The file is not a valid Keiretsu dataset. Fix the problems below and open it again.")
                                    : NULL);
      gtk_label_set_text (self->error_details, details);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  heading = g_strdup_printf (_ ("Could not open “%s”; still showing the previous dataset"), name);
  toast_with_details (self, heading, details);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (KrDataset) dataset = kr_dataset_load_finish (result, &problems, &error);
  g_autoptr (GFile) file = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  file = g_steal_pointer (&self->pending_file);
  if (dataset == NULL)
    {
      show_load_error (self, file, problems, error);
      return;
    }
  set_dataset (self, dataset, file);
}

void
kr_window_open_file (KrWindow *self, GFile *file)
{
  g_return_if_fail (KR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  if (self->dataset == NULL)
    {
      g_autofree char *name = display_basename (file);
      g_autofree char *title = g_strdup_printf (_ ("Opening “%s”…"), name);
      adw_status_page_set_title (self->loading_page, title);
      adw_status_page_set_description (self->loading_page, NULL);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  g_set_object (&self->pending_file, file);
  kr_dataset_load_async (file, self->load_cancellable, load_done, g_object_ref (self));
}

void
kr_window_open_builtin (KrWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;

  g_return_if_fail (KR_IS_WINDOW (self));

  dataset = kr_builtin_dataset_load (&error);
  if (dataset == NULL)
    {
      show_load_error (self, NULL, NULL, error);
      return;
    }
  set_dataset (self, dataset, NULL);
}

/* ---- actions --------------------------------------------------------------------------- */

#if GTK_CHECK_VERSION(4, 10, 0)
static void
open_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    kr_window_open_file (self, file);
}
#else
static void
open_chooser_response (GtkNativeDialog *chooser, int response, KrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      kr_window_open_file (self, file);
    }
  g_object_unref (chooser);
}
#endif

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Keiretsu datasets (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = json_filter ();

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr (GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _ ("Open Dataset"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_done, g_object_ref (self));
#else
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Open Dataset"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}

/* Exporting and the side panel need a map on screen: not while loading or after a failure. */
static void
update_map_actions (KrWindow *self)
{
  gboolean map = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "diagram") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", map);
}

static void
open_builtin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kr_window_open_builtin (KR_WINDOW (widget));
}

static void
export_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = display_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    message = g_strdup_printf (_ ("Could not save “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_ ("Diagram saved as “%s”"), name);
  toast (self, message);
}

typedef struct
{
  KrWindow *window;
  GFile *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->window);
  g_object_unref (job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

static void
export_rendered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportJob) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = kr_export_render_finish (result, &error);

  if (bytes == NULL)
    {
      toast (job->window, error->message);
      return;
    }
  /* Replacing writes a temporary file and renames it: a failure leaves the old file intact. */
  g_file_replace_contents_bytes_async (job->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL, export_written,
                                       g_object_ref (job->window));
}

static void
export_to_file (KrWindow *self, GFile *file, KrExportFormat format)
{
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  ExportJob *job;

  if (scene == NULL)
    return;
  if (self->file != NULL && g_file_equal (file, self->file))
    {
      /* As the command line refuses to: the dataset is the user's work, the diagram is not. */
      toast (self, _ ("The diagram was not saved: that file is the dataset it shows"));
      return;
    }
  /* Drawn in a thread: a large map takes seconds, and the window stays usable meanwhile. */
  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->file = g_object_ref (file);
  kr_export_render_async (scene, format, NULL, NULL, export_rendered, job);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrWindow) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  KrExportFormat format = GPOINTER_TO_INT (g_object_get_data (source, "kr-format"));

  if (file != NULL)
    export_to_file (self, file, format);
}
#else
static void
save_chooser_response (GtkNativeDialog *chooser, int response, KrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      export_to_file (self, file,
                      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kr-format")));
    }
  g_object_unref (chooser);
}
#endif

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  const char *ext = g_variant_get_string (parameter, NULL);
  g_autofree char *probe = g_strdup_printf ("x.%s", ext);
  int format = kr_export_format_from_filename (probe);

  if (format < 0 || kr_diagram_view_get_scene (self->diagram) == NULL)
    return;

  if (self->file != NULL)
    {
      char *dot;
      base = display_basename (self->file);
      dot = strrchr (base, '.');
      if (dot != NULL)
        *dot = '\0';
    }
  suggested = g_strdup_printf ("%s.%s", base ? base : "keiretsu", ext);

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
    gtk_file_dialog_set_title (dialog, _ ("Export Diagram"));
    gtk_file_dialog_set_initial_name (dialog, suggested);
    g_object_set_data (G_OBJECT (dialog), "kr-format", GINT_TO_POINTER (format));
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_done, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
        _ ("Export Diagram"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
    g_object_set_data (G_OBJECT (chooser), "kr-format", GINT_TO_POINTER (format));
    g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response), self);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

static void
copy_image_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (scene == NULL)
    return;
  png = kr_export_render (scene, KR_EXPORT_PNG, NULL, &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  toast (self, _ ("Diagram copied as an image"));
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  double w = gtk_widget_get_width (GTK_WIDGET (self->diagram)) / 2.0;
  double h = gtk_widget_get_height (GTK_WIDGET (self->diagram)) / 2.0;

  if (g_str_equal (action_name, "win.zoom-in"))
    kr_diagram_view_zoom_at (self->diagram, 1.25, w, h);
  else if (g_str_equal (action_name, "win.zoom-out"))
    kr_diagram_view_zoom_at (self->diagram, 0.8, w, h);
  else
    kr_diagram_view_fit (self->diagram);
}

/* ---- object ---------------------------------------------------------------------------- */

static void
set_engine (KrWindow *self, const char *engine)
{
  if (!kr_layout_engine_is_valid (engine) || g_strcmp0 (self->engine, engine) == 0)
    return;
  g_free (self->engine);
  self->engine = g_strdup (engine);
  gtk_menu_button_set_label (self->engine_button, engine);
  relayout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

static const char *const rankdirs[] = { "LR", "TB", "RL", "BT", NULL };

static void
set_rank_direction (KrWindow *self, const char *name)
{
  for (int i = 0; rankdirs[i] != NULL; i++)
    if (g_strcmp0 (name, rankdirs[i]) == 0 && (int)self->rankdir != i)
      {
        self->rankdir = (KrRankdir)i;
        /* Only the hierarchical engine has a direction. */
        if (g_strcmp0 (self->engine, "dot") == 0)
          relayout (self);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANK_DIRECTION]);
      }
}

static void
kr_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrWindow *self = KR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_string (value, self->engine);
      break;
    case PROP_RANK_DIRECTION:
      g_value_set_string (value, rankdirs[self->rankdir]);
      break;
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_FOCUS_DEPTH:
      g_value_set_int (value, (int)self->focus_depth);
      break;
    case PROP_SHOW_TIMELINE:
      g_value_set_boolean (value, self->show_timeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KrWindow *self = KR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      set_engine (self, g_value_get_string (value));
      break;
    case PROP_RANK_DIRECTION:
      set_rank_direction (self, g_value_get_string (value));
      break;
    case PROP_SHOW_SIDEBAR:
      if (self->show_sidebar != g_value_get_boolean (value))
        {
          self->show_sidebar = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->panel), self->show_sidebar);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_LEGEND:
      if (self->show_legend != g_value_get_boolean (value))
        {
          self->show_legend = g_value_get_boolean (value);
          kr_diagram_view_set_show_legend (self->diagram, self->show_legend);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_FOCUS_DEPTH:
      set_focus_depth (self, (guint)g_value_get_int (value));
      break;
    case PROP_SHOW_TIMELINE:
      set_show_timeline (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
kr_window_close_request (GtkWindow *window)
{
  KrWindow *self = KR_WINDOW (window);

  if (self->settings != NULL)
    {
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
  return GTK_WINDOW_CLASS (kr_window_parent_class)->close_request (window);
}

/* The application's settings, or NULL when the schema is not installed (a build directory
 * run without GSETTINGS_SCHEMA_DIR): the window then uses its defaults. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("No settings schema %s installed; settings are not remembered", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_settings (KrWindow *self)
{
  self->settings = open_settings ();
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "layout-engine", self, "engine", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rank-direction", self, "rank-direction",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-legend", self, "show-legend", G_SETTINGS_BIND_DEFAULT);
}

static void
kr_window_dispose (GObject *object)
{
  KrWindow *self = KR_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->layout_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_WINDOW);
  g_clear_object (&self->dataset);
  g_clear_object (&self->file);
  g_clear_object (&self->pending_file);
  g_clear_pointer (&self->engine, g_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->matches, g_array_unref);
  watch_file (self, NULL);
  kr_filter_clear (&self->filter);
  g_clear_pointer (&self->shown_entities, g_free);
  g_clear_pointer (&self->shown_deals, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->path_start, g_free);

  G_OBJECT_CLASS (kr_window_parent_class)->dispose (object);
}

static void
kr_window_class_init (KrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_window_dispose;
  object_class->get_property = kr_window_get_property;
  object_class->set_property = kr_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = kr_window_close_request;

  properties[PROP_ENGINE]
      = g_param_spec_string ("engine", NULL, NULL, "dot",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANK_DIRECTION]
      = g_param_spec_string ("rank-direction", NULL, NULL, "LR",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDEBAR]
      = g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND]
      = g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_DEPTH]
      = g_param_spec_int ("focus-depth", NULL, NULL, 1, KR_FILTER_MAX_DEPTH, 1,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TIMELINE]
      = g_param_spec_boolean ("show-timeline", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KR_TYPE_DIAGRAM_VIEW);
  g_type_ensure (KR_TYPE_EVIDENCE_PANEL);
  g_type_ensure (KR_TYPE_FILTER_POPOVER);
  g_type_ensure (KR_TYPE_VIEW_BAR);
  g_type_ensure (KR_TYPE_TIMELINE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, engine_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, error_details);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_previous_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_next_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_status);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_next);
  gtk_widget_class_bind_template_callback (widget_class, search_previous);
  gtk_widget_class_bind_template_callback (widget_class, search_stop);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, view_bar);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_changed);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, timeline_changed);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", NULL, open_builtin_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.focus", "s", focus_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.open-url", "s", open_url_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_action);
  gtk_widget_class_install_action (widget_class, "win.show-article", "s", show_article_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", "s", copy_citation_action);
  gtk_widget_class_install_action (widget_class, "win.path-from", "s", path_from_action);
  gtk_widget_class_install_action (widget_class, "win.clear-view-part", "s",
                                   clear_view_part_action);
  gtk_widget_class_install_action (widget_class, "win.clear-view", NULL, clear_view_action);
  gtk_widget_class_install_property_action (widget_class, "win.focus-depth", "focus-depth");
  gtk_widget_class_install_property_action (widget_class, "win.timeline", "show-timeline");
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "win.engine", "engine");
  gtk_widget_class_install_property_action (widget_class, "win.rank-direction", "rank-direction");
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_property_action (widget_class, "win.show-legend", "show-legend");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.forward",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s",
                                       "svg");
}

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

static void
kr_window_init (KrWindow *self)
{
  self->engine = g_strdup ("dot");
  self->focus_depth = 1;
  kr_filter_init (&self->filter);
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->show_sidebar = TRUE;
  self->show_legend = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkBuilder resets these when it adds the children: the map takes every change of width,
   * and neither side may be squeezed below its size. */
  gtk_paned_set_resize_start_child (self->paned, TRUE);
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_resize_end_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  g_signal_connect_swapped (self->paned, "notify::max-position", G_CALLBACK (place_divider), self);
  g_signal_connect_swapped (self->diagram, "selection-changed", G_CALLBACK (selection_changed),
                            self);
  g_signal_connect_swapped (self->diagram, "activate-selection", G_CALLBACK (selection_activated),
                            self);
  g_signal_connect_swapped (self->panel, "entity-activated", G_CALLBACK (panel_entity_activated),
                            self);
  g_signal_connect_swapped (self->panel, "deal-activated", G_CALLBACK (panel_deal_activated), self);
  {
    /* The mouse's back and forward buttons, wherever the pointer is. */
    GtkGesture *buttons = gtk_gesture_click_new ();
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (buttons), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (buttons), GTK_PHASE_CAPTURE);
    g_signal_connect (buttons, "pressed", G_CALLBACK (extra_button_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (buttons));
  }
  update_history_actions (self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (update_map_actions), self);
  update_map_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);
  update_recent_menu (self);
  {
    /* A dataset dropped on the window opens. */
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
    g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  restore_settings (self);
}

KrWindow *
kr_window_new (GtkApplication *application)
{
  return g_object_new (KR_TYPE_WINDOW, "application", application, NULL);
}

KrDataset *
kr_window_get_dataset (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return self->dataset;
}

KrScene *
kr_window_get_scene (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return kr_diagram_view_get_scene (self->diagram);
}

GtkWidget *
kr_window_get_diagram (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->diagram);
}

GtkWidget *
kr_window_get_panel (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->panel);
}

GtkWidget *
kr_window_get_view_bar (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->view_bar);
}

void
kr_window_open_last (KrWindow *self)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (KR_IS_WINDOW (self));
  if (self->settings != NULL)
    uri = g_settings_get_string (self->settings, "last-dataset");
  if (uri != NULL && uri[0] != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_uri (uri);
      if (g_file_query_exists (file, NULL))
        {
          kr_window_open_file (self, file);
          return;
        }
    }
  kr_window_open_builtin (self);
}
