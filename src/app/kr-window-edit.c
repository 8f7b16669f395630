/* kr-window-edit.c — editing in the side panel: the record shown turns into a form, and Add
 * Entity makes a new one to fill in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

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
    return;
  if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_ENTITY
      && (index = kr_dataset_find_entity (dataset, id)) >= 0)
    kr_evidence_panel_show_entity (self->panel, dataset, (guint)index);
  else if (kr_evidence_panel_get_page (self->panel) == KR_PANEL_PAGE_DEAL
           && (index = kr_dataset_find_deal (dataset, id)) >= 0)
    kr_evidence_panel_show_deal (self->panel, dataset, (guint)index);
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

/* Turns the page the panel shows, an entity's or a deal's, into a form. */
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

void
_kr_window_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.add-entity", NULL, add_entity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-entity", NULL);
}
