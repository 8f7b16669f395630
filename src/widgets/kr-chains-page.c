/* kr-chains-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-chains-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-chains-page.h"
#include "kr-panel-parts.h"

#define MAX_CHAINS_SHOWN 20

struct _KrChainsPage
{
  GtkBox parent_instance;

  GtkLabel *title;
  GtkLabel *count;
  GtkBox *chains;
  GtkLabel *more;
};

G_DEFINE_FINAL_TYPE (KrChainsPage, kr_chains_page, GTK_TYPE_BOX)

static char *
format_count (GPtrArray *chains)
{
  guint steps = (((GArray *)chains->pdata[0])->len - 1) / 2;

  if (chains->len > 100)
    return g_strdup_printf (_ ("More than 100 shortest chains, %u deals long; each deal "
                               "opens its evidence."),
                            steps);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u shortest chain, %u deal long; each deal opens its "
                                       "evidence.",
                                       "%u shortest chains, %u deals long; each deal opens "
                                       "its evidence.",
                                       chains->len),
                          chains->len, steps);
}

/* A card with the chain's entities, and between them the deals that join them. */
static GtkWidget *
chain_card (KrDataset *dataset, GArray *chain)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "kr-evidence");
  for (guint i = 0; i < chain->len; i++)
    {
      guint v = g_array_index (chain, guint, i);
      if (i % 2 == 0)
        {
          const KrEntity *e = kr_dataset_get_entity (dataset, v);
          gtk_box_append (GTK_BOX (card), kr_panel_entity_link_new (
                                              e->display_name, kr_entity_kind_label (e->kind), v));
        }
      else
        {
          const KrDeal *d = kr_dataset_get_deal (dataset, v);
          g_autofree char *caption
              = g_strdup_printf ("↓ %s · %s · %s", kr_deal_kind_label (d->kind),
                                 kr_status_label (d->status), d->summary);
          GtkWidget *step = kr_panel_deal_link_new (caption, NULL, v);
          gtk_widget_add_css_class (step, "kr-chain-step");
          gtk_box_append (GTK_BOX (card), step);
        }
    }
  return card;
}

GtkWidget *
kr_chains_page_new (KrDataset *dataset, guint from, guint to, GPtrArray *chains)
{
  KrChainsPage *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (from < kr_dataset_get_n_entities (dataset), NULL);
  g_return_val_if_fail (to < kr_dataset_get_n_entities (dataset), NULL);
  g_return_val_if_fail (chains != NULL, NULL);

  self = g_object_new (KR_TYPE_CHAINS_PAGE, NULL);
  /* Translators: the heading of the shortest chains of deals between two entities */
  title = g_strdup_printf (_ ("How %s is connected to %s"),
                           kr_dataset_get_entity (dataset, from)->display_name,
                           kr_dataset_get_entity (dataset, to)->display_name);
  gtk_label_set_text (self->title, title);
  if (chains->len > 0)
    {
      g_autofree char *count = format_count (chains);
      gtk_label_set_text (self->count, count);
      gtk_widget_set_visible (GTK_WIDGET (self->count), TRUE);
    }
  for (guint c = 0; c < MIN (chains->len, MAX_CHAINS_SHOWN); c++)
    gtk_box_append (self->chains, chain_card (dataset, chains->pdata[c]));
  gtk_widget_set_visible (GTK_WIDGET (self->chains), chains->len > 0);
  if (chains->len > MAX_CHAINS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (
          _ ("The map shows every chain; the first %u are listed here."), MAX_CHAINS_SHOWN);
      gtk_label_set_text (self->more, more);
      gtk_widget_set_visible (GTK_WIDGET (self->more), TRUE);
    }
  return GTK_WIDGET (self);
}

static void
kr_chains_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_CHAINS_PAGE);
  G_OBJECT_CLASS (kr_chains_page_parent_class)->dispose (object);
}

static void
kr_chains_page_class_init (KrChainsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_chains_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-chains-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KrChainsPage, title);
  gtk_widget_class_bind_template_child (widget_class, KrChainsPage, count);
  gtk_widget_class_bind_template_child (widget_class, KrChainsPage, chains);
  gtk_widget_class_bind_template_child (widget_class, KrChainsPage, more);
}

static void
kr_chains_page_init (KrChainsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
