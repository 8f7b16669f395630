/* kr-window-selection.c — the selection, its history, and the panel pages it opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

static void
history_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrDataset *dataset = kr_view_get_dataset (self->view);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_panel = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->panel));
  KrItemKind kind;
  guint index;
  const char *id;

  if (!kr_view_go (self->view, g_str_equal (action_name, "win.back") ? -1 : 1, &kind, &index))
    return;
  id = kind == KR_ITEM_ENTITY ? kr_dataset_get_entity (dataset, index)->id
                              : kr_dataset_get_deal (dataset, index)->id;
  /* The page that holds the focus is about to go: the focus waits on the map meanwhile. */
  if (in_panel)
    gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
  self->navigating = TRUE;
  if (kind == KR_ITEM_ENTITY)
    kr_diagram_view_select_entity (self->diagram, (int)index, TRUE);
  else
    kr_diagram_view_select_deal (self->diagram, (int)index, TRUE);
  /* Not on the map this view shows (a path, a focus, a filter): its page all the same. */
  if (g_strcmp0 (kr_evidence_panel_get_shown_id (self->panel), id) != 0)
    {
      kr_diagram_view_clear_selection (self->diagram);
      if (kind == KR_ITEM_ENTITY)
        kr_evidence_panel_show_entity (self->panel, dataset, index);
      else
        kr_evidence_panel_show_deal (self->panel, dataset, index);
      if (!self->show_sidebar)
        g_object_set (self, "show-sidebar", TRUE, NULL);
    }
  self->navigating = FALSE;
  if (in_panel)
    kr_evidence_panel_focus (self->panel);
}

/* Escape clears the selection wherever the focus is (the map has its own binding), except in
 * a text entry, whose Escape is its own: the search bar's closes the bar. */
static gboolean
escape_pressed (GtkWidget *widget, GVariant *args, gpointer data)
{
  KrWindow *self = KR_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((focus != NULL && GTK_IS_EDITABLE (focus))
      || kr_diagram_view_get_selection (self->diagram).type == KR_HIT_NONE)
    return FALSE;
  /* Back to the map, before the panel's page, which may hold the focus, goes. */
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
  kr_diagram_view_clear_selection (self->diagram);
  return TRUE;
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

/* The id of the record @hit selects, or NULL. */
static const char *
hit_id (KrScene *scene, KrHit hit)
{
  KrDataset *dataset = kr_scene_get_dataset (scene);
  const KrSceneNode *node;

  if (hit.type == KR_HIT_EDGE)
    return kr_dataset_get_deal (dataset, kr_scene_get_edge (scene, hit.index)->deal)->id;
  if (hit.type != KR_HIT_NODE)
    return NULL;
  node = kr_scene_get_node (scene, hit.index);
  return node->type == KR_SCENE_NODE_ENTITY ? kr_dataset_get_entity (dataset, node->index)->id
                                            : kr_dataset_get_deal (dataset, node->index)->id;
}

static void
selection_changed (KrWindow *self)
{
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  KrHit hit = kr_diagram_view_get_selection (self->diagram);

  /* A new version laid out keeps the selection: a form open on it stays, and so does one on a
   * record that is not on the map yet. */
  if (kr_evidence_panel_get_editing (self->panel)
      && (scene == NULL || hit.type == KR_HIT_NONE
          || g_strcmp0 (hit_id (scene, hit), kr_evidence_panel_get_shown_id (self->panel)) == 0))
    return;

  if (scene == NULL || hit.type == KR_HIT_NONE)
    {
      /* Sources and chains are not selections: they stay until something is selected. */
      KrPanelPage page = kr_evidence_panel_get_page (self->panel);

      /* What is shown instead is not kept in the history: Back returns to the selection. */
      if (!self->navigating)
        kr_view_leave (self->view);
      if (page == KR_PANEL_PAGE_CHAINS || page == KR_PANEL_PAGE_SOURCES
          || page == KR_PANEL_PAGE_ARTICLE)
        return;
      kr_evidence_panel_clear (self->panel);
      /* An article's highlights go with its page; search keeps its own. */
      if (!gtk_search_bar_get_search_mode (self->search_bar))
        kr_view_clear_highlights (self->view);
      return;
    }
  if (hit.type == KR_HIT_NODE)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, hit.index);
      if (node->type == KR_SCENE_NODE_ENTITY && kr_view_get_path_start (self->view) != NULL)
        {
          _kr_window_finish_path (self, node->index);
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
  /* Remembered for Back and Forward, unless that is where it comes from. */
  if (kr_evidence_panel_get_shown_id (self->panel) != NULL && !self->navigating)
    kr_view_remember (self->view,
                      hit.type == KR_HIT_EDGE
                              || kr_scene_get_node (scene, hit.index)->type == KR_SCENE_NODE_DEAL
                          ? KR_ITEM_DEAL
                          : KR_ITEM_ENTITY,
                      kr_evidence_panel_get_shown_id (self->panel));
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
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

/* ---- the panel's other pages ---------------------------------------------------------- */

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
      _kr_window_toast (self, message);
    }
}
#endif

/* Opens an article in the browser: only web addresses, and only when asked. */
static void
open_url_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *url = g_variant_get_string (parameter, NULL);

  if (!kr_url_is_web (url))
    {
      _kr_window_toast (self, _ ("Only web addresses (http and https) are opened"));
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
  KrDataset *dataset = kr_view_get_dataset (self->view);

  if (dataset == NULL)
    return;
  kr_diagram_view_clear_selection (self->diagram);
  kr_view_clear_highlights (self->view);
  kr_evidence_panel_show_articles (self->panel, dataset);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
}

/* An article's page, and on the map everything it evidences. */
static void
show_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrDataset *dataset = kr_view_get_dataset (self->view);
  int article = dataset != NULL
                    ? kr_dataset_find_article (dataset, g_variant_get_string (parameter, NULL))
                    : -1;

  if (article < 0)
    return;
  kr_diagram_view_clear_selection (self->diagram);
  kr_view_highlight_article (self->view, (guint)article);
  kr_evidence_panel_show_article (self->panel, dataset, (guint)article);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  /* What it evidences, brought into view. */
  {
    guint n_entities, n_deals;
    const guint *entities = kr_view_get_highlighted_entities (self->view, &n_entities);
    const guint *deals = kr_view_get_highlighted_deals (self->view, &n_deals);
    kr_diagram_view_reveal (self->diagram, entities, n_entities, deals, n_deals);
  }
}

static void
copy_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  _kr_window_toast (self, _ ("Citation copied"));
}

void
_kr_window_init_selection (KrWindow *self)
{
  /* The mouse's back and forward buttons, wherever the pointer is. */
  GtkGesture *buttons = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (buttons), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (buttons), GTK_PHASE_CAPTURE);
  g_signal_connect (buttons, "pressed", G_CALLBACK (extra_button_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (buttons));
  g_signal_connect_swapped (self->diagram, "selection-changed", G_CALLBACK (selection_changed),
                            self);
  g_signal_connect_swapped (self->diagram, "activate-selection", G_CALLBACK (selection_activated),
                            self);
  g_signal_connect_swapped (self->panel, "entity-activated", G_CALLBACK (panel_entity_activated),
                            self);
  g_signal_connect_swapped (self->panel, "deal-activated", G_CALLBACK (panel_deal_activated), self);
  /* In a narrow window the panel slides over the map, as an entity is selected: the entity's
   * menu keeps to the part of the map it leaves. */
  kr_diagram_view_set_cover (self->diagram, GTK_WIDGET (self->panel));
}

void
_kr_window_class_init_selection (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.open-url", "s", open_url_action);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_action);
  gtk_widget_class_install_action (widget_class, "win.show-article", "s", show_article_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", "s", copy_citation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.forward",
                                       NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}
