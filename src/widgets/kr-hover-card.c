/* kr-hover-card.c — what an entity or a deal is, at a glance: its name, kind and key figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-hover-card"

#include "config.h"

#include "kr-format.h"
#include "kr-hover-card.h"

struct _KrHoverCard
{
  GtkBox parent_instance;

  GtkLabel *title;
  GtkLabel *subtitle;
  GtkGrid *facts;
  GtkLabel *disputed;
};

G_DEFINE_FINAL_TYPE (KrHoverCard, kr_hover_card, GTK_TYPE_BOX)

/* Facts are short: a date, an amount, a count. */
static GtkWidget *
fact_label (const char *text, gboolean key)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (key)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Every string comes from the dataset or the vocabularies: set as text, never as markup. */
static void
fill (KrHoverCard *self, const char *title, const char *subtitle, GArray *facts, gboolean disputed)
{
  GtkWidget *child;

  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->subtitle, subtitle);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts))) != NULL)
    gtk_grid_remove (self->facts, child);
  for (guint i = 0; i < facts->len; i++)
    {
      const KrFact *fact = &g_array_index (facts, KrFact, i);
      gtk_grid_attach (self->facts, fact_label (fact->key, TRUE), 0, (int)i, 1, 1);
      gtk_grid_attach (self->facts, fact_label (fact->value, FALSE), 1, (int)i, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->disputed), disputed);
}

void
kr_hover_card_show_entity (KrHoverCard *self, KrDataset *dataset, guint index)
{
  const KrEntity *e;
  g_autofree char *kind = NULL;
  g_autoptr (GArray) facts = NULL;

  g_return_if_fail (KR_IS_HOVER_CARD (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (index < kr_dataset_get_n_entities (dataset));

  e = kr_dataset_get_entity (dataset, index);
  kind = kr_format_entity_kind (e);
  facts = kr_format_entity_facts (dataset, index);
  fill (self, e->display_name, kind, facts, FALSE);
}

void
kr_hover_card_show_deal (KrHoverCard *self, KrDataset *dataset, guint index)
{
  const KrDeal *d;
  g_autofree char *kind = NULL;
  g_autoptr (GArray) facts = NULL;

  g_return_if_fail (KR_IS_HOVER_CARD (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (index < kr_dataset_get_n_deals (dataset));

  d = kr_dataset_get_deal (dataset, index);
  kind = kr_format_deal_kind (d);
  facts = kr_format_deal_facts (d, TRUE);
  fill (self, d->summary, kind, facts, kr_deal_is_disputed (d));
}

char *
kr_hover_card_get_text (KrHoverCard *self)
{
  GString *text;

  g_return_val_if_fail (KR_IS_HOVER_CARD (self), NULL);

  text = g_string_new (gtk_label_get_text (self->title));
  g_string_append_printf (text, "\n%s", gtk_label_get_text (self->subtitle));
  for (int row = 0; gtk_grid_get_child_at (self->facts, 0, row) != NULL; row++)
    g_string_append_printf (
        text, "\n%s: %s",
        gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (self->facts, 0, row))),
        gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (self->facts, 1, row))));
  if (gtk_widget_get_visible (GTK_WIDGET (self->disputed)))
    g_string_append_printf (text, "\n%s", gtk_label_get_text (self->disputed));
  return g_string_free (text, FALSE);
}

static void
kr_hover_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_HOVER_CARD);
  G_OBJECT_CLASS (kr_hover_card_parent_class)->dispose (object);
}

static void
kr_hover_card_class_init (KrHoverCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_hover_card_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-hover-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KrHoverCard, title);
  gtk_widget_class_bind_template_child (widget_class, KrHoverCard, subtitle);
  gtk_widget_class_bind_template_child (widget_class, KrHoverCard, facts);
  gtk_widget_class_bind_template_child (widget_class, KrHoverCard, disputed);
}

static void
kr_hover_card_init (KrHoverCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kr_hover_card_new (void)
{
  return g_object_new (KR_TYPE_HOVER_CARD, NULL);
}
