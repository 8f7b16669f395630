/* kr-evidence-dialog.c — the passage, its stance, and a searchable list of what it can support,
 * or a form for a new deal that it is the first excerpt of
 *
 * Keyboard first: the search has the focus; Enter there picks the first deal or entity left,
 * and Enter on a row makes the excerpt. New Deal… (Alt+N) turns to the record form, its list of
 * entities open for the first party; Escape there turns back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-evidence-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-evidence-dialog.h"
#include "kr-record-form.h"

struct _KrEvidenceDialog
{
  AdwWindow parent_instance;

  GtkLabel *quote;
  AdwComboRow *stance_row;
  GtkSearchEntry *search;
  GtkListBox *targets;
  GtkLabel *problem;
  GtkStack *pages;
  AdwClamp *deal_clamp;

  KrEditor *editor;
  guint article;
  char *passage;
  char *folded_search; /* what is searched for, case-folded */
};

G_DEFINE_FINAL_TYPE (KrEvidenceDialog, kr_evidence_dialog, ADW_TYPE_WINDOW)

enum
{
  MADE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A row for a deal or an entity: its name, and what it is under it. */
static GtkWidget *
target_row (const char *name, const char *caption, gboolean is_deal, guint index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *under = gtk_label_new (caption);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (under), 0);
  gtk_widget_add_css_class (under, "caption");
  gtk_widget_add_css_class (under, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), under);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "kr-is-deal", GINT_TO_POINTER (is_deal));
  g_object_set_data (G_OBJECT (row), "kr-index", GUINT_TO_POINTER (index));
  g_object_set_data_full (G_OBJECT (row), "kr-folded", g_steal_pointer (&folded), g_free);
  return row;
}

static gboolean
shows_row (GtkListBoxRow *row, gpointer user_data)
{
  KrEvidenceDialog *self = user_data;

  return self->folded_search == NULL
         || strstr (g_object_get_data (G_OBJECT (row), "kr-folded"), self->folded_search) != NULL;
}

static gboolean
picking (KrEvidenceDialog *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->pages), "pick");
}

static void
update_make (KrEvidenceDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.make",
                                 picking (self)
                                     && gtk_list_box_get_selected_row (self->targets) != NULL);
}

static void
search_changed (KrEvidenceDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_clear_pointer (&self->folded_search, g_free);
  if (text[0] != '\0')
    self->folded_search = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->targets);
}

/* The first row the search leaves, or NULL. */
static GtkListBoxRow *
first_shown (KrEvidenceDialog *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->targets)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* Enter in the search: the first deal or entity left is chosen, to make with Enter again. */
static void
search_activated (KrEvidenceDialog *self)
{
  GtkListBoxRow *row;

  /* The search waits a moment after each key before it filters: Enter does not. */
  search_changed (self);
  row = first_shown (self);
  if (row == NULL)
    return;
  gtk_list_box_select_row (self->targets, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* The passage, with the stance chosen. */
static KrEvidence
excerpt (KrEvidenceDialog *self)
{
  return (KrEvidence){
    .article = self->article,
    .quote = self->passage,
    .stance = (KrStance)adw_combo_row_get_selected (self->stance_row),
  };
}

static void
make (KrEvidenceDialog *self, GtkListBoxRow *row)
{
  KrEvidence evidence = excerpt (self);
  gboolean is_deal = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kr-is-deal"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kr-index"));
  g_autoptr (GError) error = NULL;
  gboolean made;

  made = is_deal ? kr_editor_add_deal_excerpt (self->editor, index, &evidence, &error)
                 : kr_editor_add_entity_excerpt (self->editor, index, &evidence, &error);
  if (!made)
    {
      gtk_label_set_text (self->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      return;
    }
  g_signal_emit (self, signals[MADE], 0, is_deal, index);
  gtk_window_close (GTK_WINDOW (self));
}

static void
make_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrEvidenceDialog *self = KR_EVIDENCE_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->targets);

  if (row != NULL)
    make (self, row);
}

static void
show_page (KrEvidenceDialog *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->pages, name);
  update_make (self);
}

/* The new deal added, at the end of the deals; or the form given up, back to the list. */
static void
deal_done (KrEvidenceDialog *self, gboolean applied)
{
  if (applied)
    {
      g_signal_emit (self, signals[MADE], 0, TRUE,
                     kr_dataset_get_n_deals (kr_editor_get_dataset (self->editor)) - 1);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  show_page (self, "pick");
  adw_clamp_set_child (self->deal_clamp, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  deal_done (KR_EVIDENCE_DIALOG (widget), FALSE);
}

static void
new_deal_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrEvidenceDialog *self = KR_EVIDENCE_DIALOG (widget);
  KrEvidence evidence = excerpt (self);
  GtkWidget *form = kr_record_form_new_deal_from_excerpt (self->editor, &evidence);

  g_signal_connect_object (form, "done", G_CALLBACK (deal_done), self, G_CONNECT_SWAPPED);
  adw_clamp_set_child (self->deal_clamp, form);
  show_page (self, "deal");
  kr_record_form_choose_party (KR_RECORD_FORM (form));
}

static void
kr_evidence_dialog_dispose (GObject *object)
{
  KrEvidenceDialog *self = KR_EVIDENCE_DIALOG (object);

  /* Its rows go with it, and would say the selection changed. */
  if (self->targets != NULL)
    g_signal_handlers_disconnect_by_data (self->targets, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_EVIDENCE_DIALOG);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->passage, g_free);
  g_clear_pointer (&self->folded_search, g_free);
  G_OBJECT_CLASS (kr_evidence_dialog_parent_class)->dispose (object);
}

static void
kr_evidence_dialog_class_init (KrEvidenceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_evidence_dialog_dispose;

  signals[MADE] = g_signal_new ("made", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-evidence-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, quote);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, stance_row);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, search);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, targets);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceDialog, deal_clamp);
  gtk_widget_class_install_action (widget_class, "evidence.make", NULL, make_action);
  gtk_widget_class_install_action (widget_class, "evidence.new-deal", NULL, new_deal_action);
  gtk_widget_class_install_action (widget_class, "evidence.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "evidence.make", NULL);
}

static void
kr_evidence_dialog_init (KrEvidenceDialog *self)
{
  g_autoptr (GtkStringList) stances = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < kr_vocabulary_get_size (&kr_stance_vocabulary); i++)
    gtk_string_list_append (stances, kr_vocabulary_label (&kr_stance_vocabulary, i));
  adw_combo_row_set_model (self->stance_row, G_LIST_MODEL (stances));
  adw_combo_row_set_selected (self->stance_row, KR_STANCE_SUPPORTS);
  gtk_list_box_set_filter_func (self->targets, shows_row, self, NULL);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (search_activated), self);
  g_signal_connect_swapped (self->targets, "row-activated", G_CALLBACK (make), self);
  g_signal_connect_swapped (self->targets, "selected-rows-changed", G_CALLBACK (update_make), self);
}

KrEvidenceDialog *
kr_evidence_dialog_new (GtkWindow *parent, KrEditor *editor, guint article, const char *passage)
{
  KrEvidenceDialog *self;
  KrDataset *dataset;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KR_IS_EDITOR (editor) && passage != NULL, NULL);
  dataset = kr_editor_get_dataset (editor);
  g_return_val_if_fail (article < kr_dataset_get_n_articles (dataset), NULL);

  self = g_object_new (KR_TYPE_EVIDENCE_DIALOG, "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  self->article = article;
  self->passage = g_strdup (passage);
  quoted = g_strdup_printf ("“%s”", passage);
  gtk_label_set_text (self->quote, quoted);
  for (guint i = 0; i < kr_dataset_get_n_deals (dataset); i++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, i);
      g_autofree char *caption
          = g_strdup_printf ("%s · %s", kr_deal_kind_label (d->kind), kr_status_label (d->status));

      gtk_list_box_append (self->targets, target_row (d->summary, caption, TRUE, i));
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, i);

      gtk_list_box_append (self->targets,
                           target_row (e->display_name, kr_entity_kind_label (e->kind), FALSE, i));
    }
  update_make (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search));
  return self;
}
