/* kr-window-selection.c — the selection, its history, and the panel pages it opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

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
      const char *page = kr_evidence_panel_get_page (self->panel);
      if (g_str_equal (page, "chains") || g_str_equal (page, "articles")
          || g_str_equal (page, "article"))
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
  if (kr_evidence_panel_get_shown_id (self->panel) != NULL)
    remember_selection (self,
                        hit.type == KR_HIT_EDGE
                            || kr_scene_get_node (scene, hit.index)->type == KR_SCENE_NODE_DEAL,
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
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
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
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) deals = g_array_new (FALSE, FALSE, sizeof (guint));

  if (article < 0)
    return;
  for (guint k = 0; k < kr_dataset_get_n_deals (self->dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (self->dataset, k);
      if (!kr_evidence_cites (d->evidence, d->n_evidence, (guint)article))
        continue;
      g_array_append_val (deals, k);
      for (guint p = 0; p < d->n_parties; p++)
        g_array_append_val (entities, d->parties[p].entity);
    }
  for (guint e = 0; e < kr_dataset_get_n_entities (self->dataset); e++)
    {
      const KrEntity *en = kr_dataset_get_entity (self->dataset, e);
      if (kr_evidence_cites (en->evidence, en->n_evidence, (guint)article))
        g_array_append_val (entities, e);
    }
  kr_diagram_view_clear_selection (self->diagram);
  kr_diagram_view_set_highlighted (self->diagram, (const guint *)entities->data, entities->len,
                                   (const guint *)deals->data, deals->len);
  kr_evidence_panel_show_article (self->panel, self->dataset, (guint)article);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
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
_kr_window_forget_history (KrWindow *self)
{
  g_ptr_array_set_size (self->history, 0);
  self->history_at = 0;
  update_history_actions (self);
}

void
_kr_window_init_selection (KrWindow *self)
{
  /* The mouse's back and forward buttons, wherever the pointer is. */
  GtkGesture *buttons = gtk_gesture_click_new ();

  self->history = g_ptr_array_new_with_free_func (g_free);
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
  update_history_actions (self);
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
}
