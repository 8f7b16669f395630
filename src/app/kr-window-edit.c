/* kr-window-edit.c — editing in the side panel: the record shown turns into a form, Add Entity
 * makes a new one to fill in, Add Deal one between the entities marked, or between two joined
 * by a line drawn on the map, or from one to another chosen in a list; Add Article opens a
 * dialog for an article and its text, and Delete takes the record shown away with what depends
 * on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-article-dialog.h"
#include "kr-evidence-dialog.h"
#include "kr-record-form.h"
#include "kr-window-private.h"

/* The record the panel shows as a page again, from the version now edited. */
static void
show_page_again (KrWindow *self)
{
  KrDataset *dataset = kr_document_get_dataset (self->document);
  const char *id = kr_evidence_panel_get_shown_id (self->panel);
  int index;

  if (id == NULL)
    kr_evidence_panel_clear (self->panel);
  else if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_ENTITY
           && (index = kr_dataset_find_entity (dataset, id)) >= 0)
    kr_evidence_panel_show_entity (self->panel, dataset, (guint)index);
  else if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_DEAL
           && (index = kr_dataset_find_deal (dataset, id)) >= 0)
    kr_evidence_panel_show_deal (self->panel, dataset, (guint)index);
  else if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_ARTICLE
           && (index = kr_dataset_find_article (dataset, id)) >= 0)
    kr_evidence_panel_show_article (self->panel, dataset, (guint)index);
  else
    kr_evidence_panel_clear (self->panel);
  kr_evidence_panel_focus (self->panel);
}

static void
form_done (KrWindow *self, gboolean applied)
{
  (void)applied;
  if (self->document != NULL)
    show_page_again (self);
}

/* The deal added, the last of them, shown; or the page the form was opened over. */
static void
new_deal_done (KrWindow *self, gboolean applied)
{
  KrDataset *dataset;

  if (self->document == NULL)
    return;
  dataset = kr_document_get_dataset (self->document);
  if (!applied)
    {
      show_page_again (self);
      return;
    }
  kr_evidence_panel_show_deal (self->panel, dataset, kr_dataset_get_n_deals (dataset) - 1);
  kr_evidence_panel_focus (self->panel);
}

/* Turns the page the panel shows, an entity's, a deal's or an article's, into a form. */
static void
edit (KrWindow *self)
{
  KrEditor *editor;
  KrDataset *dataset;
  const char *id = kr_evidence_panel_get_shown_id (self->panel);
  GtkWidget *form = NULL;
  int index;

  if (self->document == NULL || id == NULL)
    return;
  editor = kr_document_get_editor (self->document);
  dataset = kr_editor_get_dataset (editor);
  if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_ENTITY
      && (index = kr_dataset_find_entity (dataset, id)) >= 0)
    form = kr_record_form_new_entity (editor, (guint)index);
  else if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_DEAL
           && (index = kr_dataset_find_deal (dataset, id)) >= 0)
    form = kr_record_form_new_deal (editor, (guint)index);
  else if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_ARTICLE
           && (index = kr_dataset_find_article (dataset, id)) >= 0)
    form = kr_record_form_new_article (editor, (guint)index);
  if (form == NULL)
    return;
  g_signal_connect_swapped (form, "done", G_CALLBACK (form_done), self);
  kr_evidence_panel_show_form (self->panel, form);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  kr_record_form_focus (KR_RECORD_FORM (form));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  edit (KR_WINDOW (widget));
}

static void
add_entity_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrEntity entity = { .name = _ ("New Entity"), .kind = KR_ENTITY_COMPANY };
  g_autoptr (GError) error = NULL;
  guint index;

  if (self->document == NULL)
    return;
  if (!kr_editor_add_entity (kr_document_get_editor (self->document), &entity, &index, &error))
    {
      _kr_window_toast (self, error->message);
      return;
    }
  /* Named at once: its form opens on it. */
  kr_evidence_panel_show_entity (self->panel, kr_document_get_dataset (self->document), index);
  edit (self);
}

/* The form of a new deal between the @n @parties (indices in the version edited), in the
 * panel. */
static KrRecordForm *
show_deal_form (KrWindow *self, const guint *parties, guint n)
{
  GtkWidget *form
      = kr_record_form_new_deal_between (kr_document_get_editor (self->document), parties, n);

  g_signal_connect_swapped (form, "done", G_CALLBACK (new_deal_done), self);
  kr_evidence_panel_show_form (self->panel, form);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  return KR_RECORD_FORM (form);
}

/* Entity @index of the map's dataset, in the version edited (the map's may be a version
 * behind: entities are found by id); -1 when it is gone. */
static int
edited_entity (KrWindow *self, guint index)
{
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);

  return kr_dataset_find_entity (kr_document_get_dataset (self->document),
                                 kr_dataset_get_entity (kr_scene_get_dataset (scene), index)->id);
}

/* A new deal between the entities marked on the map (Ctrl+click), and the one selected. */
static void
add_deal_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrScene *scene = kr_diagram_view_get_scene (self->diagram);
  KrHit hit = kr_diagram_view_get_selection (self->diagram);
  g_autoptr (GArray) parties = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint *marked;
  guint n_marked;

  if (self->document == NULL || scene == NULL)
    return;
  marked = kr_diagram_view_get_marked (self->diagram, &n_marked);
  for (guint i = 0; i <= n_marked; i++)
    {
      int entity = -1;
      gboolean known = FALSE;

      /* The map's dataset may be a version behind: entities are found by id. */
      if (i < n_marked)
        entity = (int)marked[i];
      else if (hit.type == KR_HIT_NODE
               && kr_scene_get_node (scene, hit.index)->type == KR_SCENE_NODE_ENTITY)
        entity = (int)kr_scene_get_node (scene, hit.index)->index;
      if (entity < 0)
        continue;
      entity = edited_entity (self, (guint)entity);
      for (guint j = 0; j < parties->len; j++)
        known |= g_array_index (parties, guint, j) == (guint)entity;
      if (entity >= 0 && !known)
        g_array_append_val (parties, entity);
    }
  if (parties->len < 2)
    {
      _kr_window_toast (self, _ ("Mark the deal’s parties on the map first: Ctrl+click two or "
                                 "more entities"));
      return;
    }
  kr_record_form_focus (
      show_deal_form (self, (const guint *)(gpointer)parties->data, parties->len));
}

/* A line drawn on the map from one entity to another: a deal between the two. */
static void
deal_drawn (KrWindow *self, guint from, guint to)
{
  guint parties[2];
  int a, b;

  if (self->document == NULL)
    return;
  a = edited_entity (self, from);
  b = edited_entity (self, to);
  if (a < 0 || b < 0)
    return;
  parties[0] = (guint)a;
  parties[1] = (guint)b;
  kr_record_form_focus (show_deal_form (self, parties, 2));
}

/* The entity's menu: a deal from it, to another chosen in the list the form opens. */
static void
add_deal_from_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  int entity;
  guint party;

  if (self->document == NULL)
    return;
  entity = kr_dataset_find_entity (kr_document_get_dataset (self->document),
                                   g_variant_get_string (parameter, NULL));
  if (entity < 0)
    return;
  party = (guint)entity;
  kr_record_form_choose_party (show_deal_form (self, &party, 1));
}

static void
article_added (KrWindow *self, guint index)
{
  kr_evidence_panel_show_article (self->panel, kr_document_get_dataset (self->document), index);
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  kr_evidence_panel_focus (self->panel);
}

/* A dialog for a new article and its text; its page shows once it is added. */
static void
add_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  KrArticleDialog *dialog;

  if (self->document == NULL)
    return;
  dialog = kr_article_dialog_new (GTK_WINDOW (self), kr_document_get_editor (self->document));
  g_signal_connect_object (dialog, "added", G_CALLBACK (article_added), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the panel shows, to delete: its kind and index in the version edited; FALSE for none. */
gboolean
_kr_window_shown_record (KrWindow *self, KrPanelPage *page, guint *index)
{
  KrDataset *dataset;
  const char *id = kr_evidence_panel_get_shown_id (self->panel);
  int at = -1;

  if (self->document == NULL || id == NULL)
    return FALSE;
  dataset = kr_document_get_dataset (self->document);
  *page = kr_evidence_panel_get_page (self->panel);
  if (*page == KR_PANEL_PAGE_ENTITY)
    at = kr_dataset_find_entity (dataset, id);
  else if (*page == KR_PANEL_PAGE_DEAL)
    at = kr_dataset_find_deal (dataset, id);
  else if (*page == KR_PANEL_PAGE_ARTICLE)
    at = kr_dataset_find_article (dataset, id);
  *index = (guint)at;
  return at >= 0;
}

static void
delete_answered (GtkWidget *dialog, const char *response, KrWindow *self)
{
  KrEditor *editor;
  g_autoptr (GError) error = NULL;
  KrPanelPage page;
  guint index;
  gboolean deleted;

  (void)dialog;
  if (!g_str_equal (response, "delete") || !_kr_window_shown_record (self, &page, &index))
    return;
  editor = kr_document_get_editor (self->document);
  deleted = page == KR_PANEL_PAGE_ENTITY ? kr_editor_delete_entity (editor, index, &error)
            : page == KR_PANEL_PAGE_DEAL ? kr_editor_delete_deal (editor, index, &error)
                                         : kr_editor_delete_article (editor, index, &error);
  if (!deleted)
    _kr_window_toast (self, error->message);
  else
    kr_evidence_panel_clear (self->panel);
}

/* Adds @heading and the summaries of @deals (indices in @dataset) to @out, as a list. */
static void
list_deals (GString *out, const char *heading, KrDataset *dataset, GArray *deals)
{
  if (deals->len == 0)
    return;
  g_string_append_printf (out, "\n\n%s", heading);
  for (guint i = 0; i < deals->len; i++)
    g_string_append_printf (out, "\n• %s",
                            kr_dataset_get_deal (dataset, g_array_index (deals, guint, i))->summary);
}

/* Asks, saying what goes with it, before deleting what the panel shows. */
static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *responses[] = { "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL };
  g_autoptr (GArray) deleted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  KrDeletion deletion = { .deleted = deleted, .changed = changed };
  g_autofree char *heading = NULL;
  g_autofree char *said = NULL;
  g_autoptr (GString) body = NULL;
  KrDataset *dataset;
  const char *name;
  KrPanelPage page;
  guint index;

  if (!_kr_window_shown_record (self, &page, &index))
    return;
  dataset = kr_document_get_dataset (self->document);
  if (page == KR_PANEL_PAGE_ENTITY)
    {
      kr_editor_count_entity_deletion (kr_document_get_editor (self->document), index, &deletion);
      name = kr_dataset_get_entity (dataset, index)->display_name;
    }
  else if (page == KR_PANEL_PAGE_DEAL)
    name = kr_dataset_get_deal (dataset, index)->summary;
  else
    {
      kr_editor_count_article_deletion (kr_document_get_editor (self->document), index, &deletion);
      name = kr_dataset_get_article (dataset, index)->title;
    }
  heading = g_strdup_printf (_ ("Delete “%s”?"), name);
  said = kr_deletion_describe (&deletion);
  body = g_string_new (said != NULL ? said : _ ("Nothing else depends on it."));
  list_deals (body, _ ("Deals that go:"), dataset, deleted);
  list_deals (body, _ ("Deals that lose it:"), dataset, changed);
  _kr_window_ask (self, heading, body->str, responses,
                  G_CALLBACK (delete_answered), g_object_ref (self), g_object_unref);
}

/* The excerpt made: the page of the deal or entity it went to. */
static void
evidence_made (KrWindow *self, gboolean is_deal, guint index)
{
  KrDataset *dataset = kr_document_get_dataset (self->document);

  if (is_deal)
    kr_evidence_panel_show_deal (self->panel, dataset, index);
  else
    kr_evidence_panel_show_entity (self->panel, dataset, index);
  kr_evidence_panel_focus (self->panel);
}

/* The passage selected in the article the panel shows, made an excerpt of a deal or entity. */
static void
make_evidence_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  g_autofree char *passage = NULL;
  KrEvidenceDialog *dialog;
  KrPanelPage page;
  guint article;

  if (!_kr_window_shown_record (self, &page, &article) || page != KR_PANEL_PAGE_ARTICLE)
    return;
  passage = kr_evidence_panel_get_passage (self->panel);
  if (passage == NULL)
    {
      _kr_window_toast (self, _ ("Select a passage of the article’s text first"));
      return;
    }
  dialog = kr_evidence_dialog_new (GTK_WINDOW (self), kr_document_get_editor (self->document),
                                   article, passage);
  g_signal_connect_object (dialog, "made", G_CALLBACK (evidence_made), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_kr_window_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.add-entity", NULL, add_entity_action);
  gtk_widget_class_install_action (widget_class, "win.add-deal", NULL, add_deal_action);
  gtk_widget_class_install_action (widget_class, "win.add-deal-from", "s", add_deal_from_action);
  gtk_widget_class_install_action (widget_class, "win.add-article", NULL, add_article_action);
  gtk_widget_class_install_action (widget_class, "win.make-evidence", NULL, make_evidence_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-deal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-entity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.make-evidence", NULL);
}

void
_kr_window_init_edit (KrWindow *self)
{
  g_signal_connect_swapped (self->diagram, "deal-drawn", G_CALLBACK (deal_drawn), self);
}
