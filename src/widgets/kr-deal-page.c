/* kr-deal-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-deal-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-dataset-queries.h"
#include "kr-deal-page.h"
#include "kr-evidence-card.h"
#include "kr-evidence-sides.h"
#include "kr-format.h"
#include "kr-panel-parts.h"

struct _KrDealPage
{
  GtkBox parent_instance;

  GtkLabel *title;
  GtkLabel *subtitle;
  GtkLabel *disputed;
  GtkGrid *facts;
  GtkBox *parties;
  GtkBox *proposers;
  GtkBox *evidence;
  KrEvidenceSides *sides;
};

G_DEFINE_FINAL_TYPE (KrDealPage, kr_deal_page, GTK_TYPE_BOX)

static void
fill_facts (KrDealPage *self, const KrDeal *d)
{
  g_autoptr (GArray) facts = kr_format_deal_facts (d, FALSE);
  int row = 0;

  for (guint i = 0; i < facts->len; i++)
    {
      const KrFact *fact = &g_array_index (facts, KrFact, i);
      kr_panel_add_fact (self->facts, &row, fact->key, fact->value);
    }
  if (d->note)
    kr_panel_add_fact (self->facts, &row, _ ("Note"), d->note);
}

static void
fill_evidence (KrDealPage *self, KrDataset *dataset, guint deal)
{
  const KrDeal *d = kr_dataset_get_deal (dataset, deal);
  g_autoptr (GPtrArray) names = kr_dataset_list_deal_names (dataset, deal);

  if (!kr_deal_is_disputed (d))
    {
      kr_evidence_card_append_each (self->evidence, dataset, d->evidence, d->n_evidence, names);
      return;
    }
  for (guint i = 0; i < d->n_evidence; i++)
    kr_evidence_sides_append (self->sides, kr_evidence_card_new (dataset, &d->evidence[i], names),
                              d->evidence[i].stance);
  gtk_widget_set_visible (GTK_WIDGET (self->sides), TRUE);
}

GtkWidget *
kr_deal_page_new (KrDataset *dataset, guint deal)
{
  KrDealPage *self;
  const KrDeal *d;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (deal < kr_dataset_get_n_deals (dataset), NULL);

  self = g_object_new (KR_TYPE_DEAL_PAGE, NULL);
  d = kr_dataset_get_deal (dataset, deal);
  gtk_label_set_text (self->title, d->summary);
  subtitle = kr_format_deal_kind (d);
  gtk_label_set_text (self->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->disputed), kr_deal_is_disputed (d));
  fill_facts (self, d);

  for (guint i = 0; i < d->n_parties; i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, d->parties[i].entity);
      gtk_box_append (self->parties,
                      kr_panel_entity_link_new (e->display_name, kr_role_label (d->parties[i].role),
                                                d->parties[i].entity));
    }
  for (guint i = 0; i < d->n_proposed_by; i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, d->proposed_by[i]);
      gtk_box_append (self->proposers,
                      kr_panel_entity_link_new (e->display_name, kr_entity_kind_label (e->kind),
                                                d->proposed_by[i]));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->proposers), d->n_proposed_by > 0);

  fill_evidence (self, dataset, deal);
  return GTK_WIDGET (self);
}

static void
kr_deal_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_DEAL_PAGE);
  G_OBJECT_CLASS (kr_deal_page_parent_class)->dispose (object);
}

static void
kr_deal_page_class_init (KrDealPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_deal_page_dispose;
  g_type_ensure (KR_TYPE_EVIDENCE_SIDES);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-deal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, title);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, subtitle);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, disputed);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, facts);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, parties);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, proposers);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, evidence);
  gtk_widget_class_bind_template_child (widget_class, KrDealPage, sides);
}

static void
kr_deal_page_init (KrDealPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
