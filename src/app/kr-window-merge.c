/* kr-window-merge.c — merging the entity the side panel shows into another that is the same:
 * a question that lists the other entities to choose from, says what moves, and lets the
 * person keep either name; the editor's merge makes it one edit, undone at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-entity-chooser.h"
#include "kr-window-private.h"

typedef struct
{
  KrWindow *window;
  GtkWidget *dialog;        /* not a ref: it owns this */
  KrEntityChooser *chooser; /* and these */
  GtkLabel *summary;
  GtkCheckButton *keep_chosen;
  GtkCheckButton *keep_shown;
  KrDataset *dataset; /* the version the chooser lists */
  char *shown_id;     /* the entity the panel shows */
} Merge;

static void
merge_free (Merge *m)
{
  g_clear_object (&m->window);
  g_clear_object (&m->dataset);
  g_free (m->shown_id);
  g_free (m);
}

/* The two entities in the version edited now, found by id: FALSE when either is gone. */
static gboolean
find_pair (Merge *m, guint *shown, guint *chosen)
{
  KrDataset *dataset = kr_document_get_dataset (m->window->document);
  int picked = kr_entity_chooser_get_selected (m->chooser);
  int a, b;

  if (picked < 0)
    return FALSE;
  a = kr_dataset_find_entity (dataset, m->shown_id);
  b = kr_dataset_find_entity (dataset, kr_dataset_get_entity (m->dataset, (guint)picked)->id);
  if (a < 0 || b < 0 || a == b)
    return FALSE;
  *shown = (guint)a;
  *chosen = (guint)b;
  return TRUE;
}

/* The names to keep and what moves, for the entity chosen. */
static void
update (Merge *m)
{
  KrEditor *editor = kr_document_get_editor (m->window->document);
  KrDataset *dataset = kr_editor_get_dataset (editor);
  g_autofree char *keep_chosen = NULL;
  g_autofree char *keep_shown = NULL;
  g_autofree char *summary = NULL;
  guint shown, chosen;
  gboolean ready = find_pair (m, &shown, &chosen);

  ask_dialog (set_response_enabled) (ASK_DIALOG (m->dialog), "merge", ready);
  gtk_widget_set_visible (GTK_WIDGET (m->keep_chosen), ready);
  gtk_widget_set_visible (GTK_WIDGET (m->keep_shown), ready);
  gtk_widget_set_visible (GTK_WIDGET (m->summary), ready);
  if (!ready)
    return;
  /* Translators: which of the two entities merged is kept, with its name */
  keep_chosen = g_strdup_printf (_ ("Keep “%s”"), kr_dataset_get_entity (dataset, chosen)->name);
  keep_shown = g_strdup_printf (_ ("Keep “%s”"), kr_dataset_get_entity (dataset, shown)->name);
  gtk_check_button_set_label (m->keep_chosen, keep_chosen);
  gtk_check_button_set_label (m->keep_shown, keep_shown);
  summary = gtk_check_button_get_active (m->keep_shown)
                ? kr_editor_describe_merge (editor, shown, chosen)
                : kr_editor_describe_merge (editor, chosen, shown);
  gtk_label_set_text (m->summary, summary);
}

static void
chosen (Merge *m)
{
  if (kr_entity_chooser_get_selected (m->chooser) >= 0)
    _kr_window_answer (m->dialog, "merge");
}

static void
merge_answered (GtkWidget *dialog, const char *response, Merge *m)
{
  KrWindow *self = m->window;
  KrEditor *editor;
  g_autoptr (GError) error = NULL;
  guint shown, chosen, keep;

  (void)dialog;
  if (!g_str_equal (response, "merge") || self->document == NULL || !find_pair (m, &shown, &chosen))
    return;
  editor = kr_document_get_editor (self->document);
  keep = gtk_check_button_get_active (m->keep_shown) ? shown : chosen;
  if (!kr_editor_merge_entities (editor, keep, keep == shown ? chosen : shown, &error))
    {
      _kr_window_toast (self, error->message);
      return;
    }
  /* The other one is gone: the panel shows the one that stays. */
  if (keep > (keep == shown ? chosen : shown))
    keep--;
  kr_evidence_panel_show_entity (self->panel, kr_editor_get_dataset (editor), keep);
  kr_evidence_panel_focus (self->panel);
}

#if ADW_CHECK_VERSION(1, 5, 0)
static gboolean
focus_chooser (gpointer chooser)
{
  kr_entity_chooser_focus (chooser);
  return G_SOURCE_REMOVE;
}

/* An alert dialog joins the window as it shows: a search focused before then has the focus
 * but not the typing, so it is focused once there. */
static void
chooser_shown (GtkWidget *chooser)
{
  g_idle_add_full (G_PRIORITY_LOW, focus_chooser, g_object_ref (chooser), g_object_unref);
}
#endif

/* Asks which entity the one the panel shows is the same as, and which name stays. */
static void
merge_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  const char *responses[] = { "cancel", _ ("_Cancel"), "merge", _ ("_Merge"), NULL };
  g_autofree char *heading = NULL;
  GtkWidget *box;
  KrPanelPage page;
  guint index;
  Merge *m;

  if (!_kr_window_shown_record (self, &page, &index) || page != KR_PANEL_PAGE_ENTITY)
    {
      _kr_window_toast (self, _ ("Select the entity to merge first"));
      return;
    }
  m = g_new0 (Merge, 1);
  m->window = g_object_ref (self);
  m->dataset = g_object_ref (kr_document_get_dataset (self->document));
  m->shown_id = g_strdup (kr_dataset_get_entity (m->dataset, index)->id);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  m->chooser = KR_ENTITY_CHOOSER (kr_entity_chooser_new (m->dataset, &index, 1));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (m->chooser));
  m->keep_chosen = GTK_CHECK_BUTTON (gtk_check_button_new ());
  m->keep_shown = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_group (m->keep_shown, m->keep_chosen);
  gtk_check_button_set_active (m->keep_chosen, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (m->keep_chosen));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (m->keep_shown));
  m->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (m->summary, TRUE);
  gtk_label_set_xalign (m->summary, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (m->summary));

  heading = g_strdup_printf (_ ("Merge “%s” Into…"),
                             kr_dataset_get_entity (m->dataset, index)->display_name);
  m->dialog
      = _kr_window_ask (self, heading,
                        _ ("Choose the entity it is the same as. Its names, deals and "
                           "excerpts move there; Undo separates them again."),
                        responses, G_CALLBACK (merge_answered), m, (GDestroyNotify)merge_free);
  ask_dialog (set_extra_child) (ASK_DIALOG (m->dialog), box);
  g_signal_connect_swapped (m->chooser, "notify::selected", G_CALLBACK (update), m);
  g_signal_connect_swapped (m->chooser, "chosen", G_CALLBACK (chosen), m);
  g_signal_connect_swapped (m->keep_shown, "toggled", G_CALLBACK (update), m);
  update (m);
#if ADW_CHECK_VERSION(1, 5, 0)
  g_signal_connect (m->chooser, "map", G_CALLBACK (chooser_shown), NULL);
#else
  kr_entity_chooser_focus (m->chooser);
#endif
}

void
_kr_window_class_init_merge (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.merge", NULL);
}
