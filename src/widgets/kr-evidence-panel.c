/* kr-evidence-panel.c
 *
 * The panel shows one page at a time; each kind of page is a widget of its own (kr-*-page.c)
 * built for what it shows and replaced by the next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-evidence-panel"

#include "config.h"

#include <adwaita.h>

#include "kr-article-page.h"
#include "kr-chains-page.h"
#include "kr-deal-page.h"
#include "kr-entity-page.h"
#include "kr-evidence-panel.h"
#include "kr-panel-parts.h"
#include "kr-sources-page.h"

struct _KrEvidencePanel
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkViewport *viewport;

  GtkWidget *page; /* owned by the viewport; NULL when empty */
  char *shown_id;
  KrPanelPage kind;
  gboolean editing; /* the page is a form */
};

G_DEFINE_FINAL_TYPE (KrEvidencePanel, kr_evidence_panel, GTK_TYPE_WIDGET)

enum
{
  ENTITY_ACTIVATED,
  DEAL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The page shown is going: a widget of it that has the focus would keep it, out of sight, and
 * take the keys typed next; left to itself, GTK would give the focus to a selectable label of
 * the next page, selecting all its text. The window has it meanwhile. */
static void
release_focus (KrEvidencePanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && self->page != NULL
      && (focus == self->page || gtk_widget_is_ancestor (focus, self->page)))
    gtk_root_set_focus (root, NULL);
}

/* Shows @page, of kind @kind about the record @id (nullable), in place of the page shown. */
static void
show_page (KrEvidencePanel *self, KrPanelPage kind, const char *id, GtkWidget *page)
{
  release_focus (self);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_viewport_set_child (self->viewport, page);
  self->page = page;
  self->editing = FALSE;
  self->kind = kind;
  g_free (self->shown_id);
  self->shown_id = g_strdup (id);
  gtk_stack_set_visible_child_name (self->stack, "details");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
kr_evidence_panel_show_entity (KrEvidencePanel *self, KrDataset *dataset, guint entity)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (entity < kr_dataset_get_n_entities (dataset));

  show_page (self, KR_PANEL_PAGE_ENTITY, kr_dataset_get_entity (dataset, entity)->id,
             kr_entity_page_new (dataset, entity));
}

void
kr_evidence_panel_show_deal (KrEvidencePanel *self, KrDataset *dataset, guint deal)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (deal < kr_dataset_get_n_deals (dataset));

  show_page (self, KR_PANEL_PAGE_DEAL, kr_dataset_get_deal (dataset, deal)->id,
             kr_deal_page_new (dataset, deal));
}

void
kr_evidence_panel_show_form (KrEvidencePanel *self, GtkWidget *form)
{
  g_autofree char *id = NULL;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (GTK_IS_WIDGET (form));

  id = g_strdup (self->shown_id);
  show_page (self, self->kind, id, form);
  self->editing = TRUE;
}

gboolean
kr_evidence_panel_get_editing (KrEvidencePanel *self)
{
  g_return_val_if_fail (KR_IS_EVIDENCE_PANEL (self), FALSE);
  return self->editing;
}

void
kr_evidence_panel_show_articles (KrEvidencePanel *self, KrDataset *dataset)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));

  show_page (self, KR_PANEL_PAGE_SOURCES, NULL, kr_sources_page_new (dataset));
}

void
kr_evidence_panel_show_article (KrEvidencePanel *self, KrDataset *dataset, guint article)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (article < kr_dataset_get_n_articles (dataset));

  show_page (self, KR_PANEL_PAGE_ARTICLE, kr_dataset_get_article (dataset, article)->id,
             kr_article_page_new (dataset, article));
}

void
kr_evidence_panel_show_chains (KrEvidencePanel *self, KrDataset *dataset, guint from, guint to,
                               GPtrArray *chains)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));

  show_page (self, KR_PANEL_PAGE_CHAINS, NULL, kr_chains_page_new (dataset, from, to, chains));
}

void
kr_evidence_panel_clear (KrEvidencePanel *self)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  release_focus (self);
  gtk_viewport_set_child (self->viewport, NULL);
  self->page = NULL;
  self->editing = FALSE;
  g_clear_pointer (&self->shown_id, g_free);
  self->kind = KR_PANEL_PAGE_EMPTY;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Gives the focus to the first control in @widget, in the order Tab would go; FALSE when
 * there is none. Labels are passed over: focusing one would select all its text. */
static gboolean
focus_first_control (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_is_sensitive (child)
          || GTK_IS_LABEL (child))
        continue;
      if ((gtk_widget_get_focusable (child) && gtk_widget_grab_focus (child))
          || focus_first_control (child))
        return TRUE;
    }
  return FALSE;
}

void
kr_evidence_panel_focus (KrEvidencePanel *self)
{
  GtkRoot *root;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->page == NULL || root == NULL)
    return;
  /* The page's first link or button, for the keys typed next, Ctrl+Z among them, to reach the
   * window; where there is none, the window itself, rather than the page shown before. */
  if (!focus_first_control (self->page))
    gtk_root_set_focus (root, NULL);
}

const char *
kr_evidence_panel_get_shown_id (KrEvidencePanel *self)
{
  g_return_val_if_fail (KR_IS_EVIDENCE_PANEL (self), NULL);
  return self->shown_id;
}

char *
kr_evidence_panel_get_passage (KrEvidencePanel *self)
{
  g_return_val_if_fail (KR_IS_EVIDENCE_PANEL (self), NULL);

  if (self->kind != KR_PANEL_PAGE_ARTICLE || !KR_IS_ARTICLE_PAGE (self->page))
    return NULL;
  return kr_article_page_get_passage (KR_ARTICLE_PAGE (self->page));
}

KrPanelPage
kr_evidence_panel_get_page (KrEvidencePanel *self)
{
  g_return_val_if_fail (KR_IS_EVIDENCE_PANEL (self), KR_PANEL_PAGE_EMPTY);
  return self->kind;
}

/* A page's link to an entity or a deal was clicked: the window selects it on the map. */
static void
select_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gboolean is_deal = g_str_equal (action_name, KR_PANEL_ACTION_SELECT_DEAL);

  g_signal_emit (widget, signals[is_deal ? DEAL_ACTIVATED : ENTITY_ACTIVATED], 0,
                 g_variant_get_int32 (parameter));
}

static void
kr_evidence_panel_dispose (GObject *object)
{
  KrEvidencePanel *self = KR_EVIDENCE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_EVIDENCE_PANEL);
  self->page = NULL;
  g_clear_pointer (&self->shown_id, g_free);
  G_OBJECT_CLASS (kr_evidence_panel_parent_class)->dispose (object);
}

static void
kr_evidence_panel_class_init (KrEvidencePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_evidence_panel_dispose;

  signals[ENTITY_ACTIVATED]
      = g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[DEAL_ACTIVATED]
      = g_signal_new ("deal-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, KR_PANEL_ACTION_SELECT_ENTITY, "i", select_action);
  gtk_widget_class_install_action (widget_class, KR_PANEL_ACTION_SELECT_DEAL, "i", select_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-evidence-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEvidencePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KrEvidencePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, KrEvidencePanel, viewport);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencepanel");
}

static void
kr_evidence_panel_init (KrEvidencePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kr_evidence_panel_new (void)
{
  return g_object_new (KR_TYPE_EVIDENCE_PANEL, NULL);
}
