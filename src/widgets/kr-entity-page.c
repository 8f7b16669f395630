/* kr-entity-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-entity-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-dataset-queries.h"
#include "kr-entity-page.h"
#include "kr-evidence-card.h"
#include "kr-format.h"
#include "kr-panel-parts.h"

struct _KrEntityPage
{
  GtkBox parent_instance;

  GtkLabel *title;
  GtkLabel *subtitle;
  GtkButton *focus_button;
  GtkButton *connect_button;
  GtkLabel *aliases;
  GtkLabel *description;
  GtkLabel *mentions;
  GtkBox *deals;
  GtkLabel *deals_heading;
  GtkBox *evidence;
};

G_DEFINE_FINAL_TYPE (KrEntityPage, kr_entity_page, GTK_TYPE_BOX)

/* "Also called …": its dataset name when it is shown by its name in the user's language, and
 * its aliases; NULL when it has no other name. */
static char *
format_other_names (const KrEntity *e)
{
  g_autoptr (GString) aliases = g_string_new (e->display_name != e->name ? e->name : NULL);

  for (guint i = 0; i < e->n_aliases; i++)
    if (g_strcmp0 (e->aliases[i], e->name) != 0)
      g_string_append_printf (aliases, "%s%s", aliases->len ? C_ ("list separator", ", ") : "",
                              e->aliases[i]);
  return aliases->len > 0 ? g_strdup_printf (_ ("Also called %s"), aliases->str) : NULL;
}

/* Its deals, under the heading of their kind, with their status. */
static void
fill_deals (KrEntityPage *self, KrDataset *dataset, guint entity)
{
  g_autoptr (GArray) deals = kr_dataset_list_entity_deals (dataset, entity);
  g_autofree char *heading = NULL;
  KrDealKind group_kind = 0;

  if (deals->len == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", deals->len),
                             deals->len);
  gtk_label_set_text (self->deals_heading, heading);
  for (guint i = 0; i < deals->len; i++)
    {
      guint k = g_array_index (deals, guint, i);
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      if (i == 0 || d->kind != group_kind)
        {
          GtkWidget *group = kr_panel_label_new (kr_deal_kind_label (d->kind), "caption-heading");
          gtk_label_set_selectable (GTK_LABEL (group), FALSE);
          gtk_widget_set_margin_top (group, 6);
          gtk_box_append (self->deals, group);
          group_kind = d->kind;
        }
      gtk_box_append (self->deals,
                      kr_panel_deal_link_new (d->summary, kr_status_label (d->status), k));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deals), TRUE);
}

GtkWidget *
kr_entity_page_new (KrDataset *dataset, guint entity)
{
  KrEntityPage *self;
  const KrEntity *e;
  g_autofree char *subtitle = NULL;
  g_autofree char *other_names = NULL;
  g_autofree char *mentions = NULL;
  guint n_articles;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (entity < kr_dataset_get_n_entities (dataset), NULL);

  self = g_object_new (KR_TYPE_ENTITY_PAGE, NULL);
  e = kr_dataset_get_entity (dataset, entity);
  gtk_label_set_text (self->title, e->display_name);
  subtitle = kr_format_entity_kind (e);
  gtk_label_set_text (self->subtitle, subtitle);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->focus_button), "s", e->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->connect_button), "s", e->id);

  other_names = format_other_names (e);
  if (other_names != NULL)
    {
      gtk_label_set_text (self->aliases, other_names);
      gtk_widget_set_visible (GTK_WIDGET (self->aliases), TRUE);
    }
  if (e->description != NULL)
    {
      gtk_label_set_text (self->description, e->description);
      gtk_widget_set_visible (GTK_WIDGET (self->description), TRUE);
    }

  n_articles = kr_dataset_count_entity_articles (dataset, entity);
  mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mentioned in %u article",
                                           "Mentioned in %u articles", n_articles),
                              n_articles);
  gtk_label_set_text (self->mentions, mentions);

  fill_deals (self, dataset, entity);

  if (e->n_evidence > 0)
    {
      g_autoptr (GPtrArray) names = kr_dataset_list_entity_names (dataset, entity);
      kr_evidence_card_append_each (self->evidence, dataset, e->evidence, e->n_evidence, names);
      gtk_widget_set_visible (GTK_WIDGET (self->evidence), TRUE);
    }
  return GTK_WIDGET (self);
}

static void
kr_entity_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_ENTITY_PAGE);
  G_OBJECT_CLASS (kr_entity_page_parent_class)->dispose (object);
}

static void
kr_entity_page_class_init (KrEntityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_entity_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-entity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, title);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, subtitle);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, focus_button);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, aliases);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, description);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, mentions);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, deals);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, deals_heading);
  gtk_widget_class_bind_template_child (widget_class, KrEntityPage, evidence);
}

static void
kr_entity_page_init (KrEntityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
